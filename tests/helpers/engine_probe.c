/* engine_probe.c: the decision engine used as a library, without the
 * interposer: builds a context, feeds it calls with a fake process view,
 * and prints each verdict, one line per call, for tests/engine/t0010-decide.t
 * to compare with what the grammar and the platform tables say.
 *   engine_probe rules RULES SEED CALL...   CALL: shmget shmat shmdt shmctl ftok
 *   engine_probe attach PERSONALITY N       N shmat calls of distinct segments
 *   engine_probe removed PERSONALITY        shmat of a removed id, then of a live one
 * A line: "CALL go" or "CALL ERRNO by=rule N|personality ID"; last, for
 * rules, "match=N... fired=N" from the tree's state. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "errnos.h"

/* The fake process: its attachments and the segments removed (SHM_DEST). */
static struct {
	int attached[64];
	int nattached, reserved;
	int removed_id;
	uint64_t counters[SF_MAX_RULES];
} fake = {.removed_id = -1};

static int attach_count(void *self, int shmid)
{
	int n = 0;
	(void)self;
	for (int i = 0; i < fake.nattached; i++)
		n += shmid < 0 || fake.attached[i] == shmid;
	return n;
}

static int attached_shmid(void *self, const void *addr)
{
	(void)self;
	(void)addr;
	return -1;
}

static int reserve_attach(void *self, int limit)
{
	(void)self;
	if (limit < 0 || fake.nattached + fake.reserved >= limit)
		return -1;
	fake.reserved++;
	return 0;
}

static int shm_query(void *self, int id, int cmd, struct shmid_ds *buf)
{
	(void)self;
	if (cmd != IPC_STAT || id < 0) {
		errno = EINVAL;
		return -1;
	}
	memset(buf, 0, sizeof *buf);
	buf->shm_perm.mode = 0600 | (id == fake.removed_id ? 01000 : 0); /* 01000: Linux's SHM_DEST */
	buf->shm_segsz = 4096;
	return 0;
}

static int shm_lookup(void *self, key_t key) { (void)self; (void)key; return -1; }
static int pid(void *self) { (void)self; return 4242; }
static int may_lock(void *self) { (void)self; return 1; }
static void site(void *self, const void *caller, char *buf, unsigned long len)
{
	(void)self;
	snprintf(buf, len, "fake+%p", caller);
}
static uint64_t *counters(void *self) { (void)self; return fake.counters; }

static const struct sf_procview view = {NULL, attach_count, attached_shmid, reserve_attach, shm_query,
					shm_lookup, pid, may_lock, site, counters};

static void setup(struct sf_engine *eng, const char *rules, const char *personality, uint64_t seed)
{
	char err[512];
	struct sf_engine_config cfg = {.rules = rules, .personality = personality, .page = 4096};
	if (sf_engine_setup(eng, &cfg, err, sizeof err) < 0) {
		fprintf(stderr, "engine_probe: %s\n", err);
		exit(2);
	}
	eng->state = sf_state_map(NULL, err, sizeof err);
	if (!eng->state) {
		fprintf(stderr, "engine_probe: %s\n", err);
		exit(2);
	}
	eng->seed = seed;
}

/* Decide one call; the "real" call succeeds unless refused. */
static void feed(struct sf_engine *eng, struct sf_callinfo *ci)
{
	int err = sf_engine_decide(eng, &view, ci);
	const char *name = sf_errno_name(err);
	ci->err = err;
	ci->ret = err ? -1 : ci->call == SF_SHMAT ? 0x10000 * (ci->shmid + 1) : 0;
	if (ci->call == SF_SHMAT && ci->reserved)
		fake.reserved--;
	if (ci->call == SF_SHMAT && !err && fake.nattached < 64)
		fake.attached[fake.nattached++] = ci->shmid;
	sf_engine_after(eng, &view, ci);
	printf("%s ", sf_call_name(ci->call));
	if (!err)
		printf("go\n");
	else if (ci->by == SF_BY_RULE)
		printf("%s by=rule %d '%s'\n", name ? name : "?", ci->rule + 1, ci->rule_text);
	else
		printf("%s by=personality %s %s\n", name ? name : "?", ci->personality, ci->prule);
}

static int run_rules(const char *rules, const char *seed, int ncalls, char **calls)
{
	struct sf_engine eng;
	setup(&eng, rules, NULL, strtoull(seed, NULL, 0));
	for (int i = 0; i < ncalls; i++) {
		struct sf_callinfo ci = {.call = sf_call_from_name(calls[i], strlen(calls[i])), .shmid = 1,
					 .caller = (const void *)0x1000};
		if (ci.call == SF_NCALLS) {
			fprintf(stderr, "engine_probe: unknown call '%s'\n", calls[i]);
			return 2;
		}
		feed(&eng, &ci);
	}
	for (int r = 0; r < eng.rules.n; r++) {
		unsigned fired = 0;
		for (int c = 0; c < SF_NCALLS; c++)
			for (int e = 0; e < SF_MAX_ERRNO; e++)
				fired += eng.state->fired[r][c][e];
		printf("rule %d match=%llu fired=%u\n", r + 1, (unsigned long long)eng.state->match[r], fired);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct sf_engine eng;
	if (argc >= 4 && !strcmp(argv[1], "rules"))
		return run_rules(argv[2], argv[3], argc - 4, argv + 4);
	if (argc == 4 && !strcmp(argv[1], "attach")) {
		setup(&eng, NULL, argv[2], 0);
		for (int i = 0; i < atoi(argv[3]); i++) {
			struct sf_callinfo ci = {.call = SF_SHMAT, .shmid = i};
			feed(&eng, &ci);
		}
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "removed")) {
		setup(&eng, NULL, argv[2], 0);
		fake.removed_id = 7;
		struct sf_callinfo gone = {.call = SF_SHMAT, .shmid = 7}, live = {.call = SF_SHMAT, .shmid = 8};
		feed(&eng, &gone);
		feed(&eng, &live);
		return 0;
	}
	fprintf(stderr, "usage: engine_probe rules RULES SEED CALL... | attach PERSONALITY N | removed PERSONALITY\n");
	return 2;
}
