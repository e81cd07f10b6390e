/* engine.c: configuration (read once, in a constructor, before main) and
 * the decision for one call: personality, rules, libfiu. */
#include <errno.h>
/* fiu.h compiles fiu_fail() away unless FIU_ENABLE is defined. */
#define FIU_ENABLE 1
#include <fiu.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "engine.h"
#include "errnos.h"
#include "ledger.h"
#include "log.h"
#include "oneline.h"
#include "personality.h"
#include "real.h"
#include "rng.h"
#include "state.h"

int sf_configured;
static struct sf_ruleset rules;
static unsigned rule_calls;      /* calls some rule names */
static struct sf_state *state;
static uint64_t seed;
static int fiu_active;
static uint64_t local_match[SF_MAX_RULES]; /* scope=process counters */
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Streams of the generator: rules use their index, these the rest. */
#define STREAM_PROB(i) (0x100u + (unsigned)(i))
#define STREAM_FIU(c) (0x200u + (unsigned)(c))

struct sf_state *sf_engine_state(void)
{
	return state;
}

const char *sf_rule_text(int i)
{
	return i >= 0 && i < rules.n ? rules.rule[i].text : "";
}

/* Bad configuration fails closed: one line, and the program never runs
 * without the faults that were asked for. */
static void die(const char *what, const char *msg)
{
	char raw[512], line[640];
	/* The values quoted may hold newlines: escaped, the line stays one. */
	snprintf(raw, sizeof raw, "shmfault: %s%s", what, msg);
	size_t n = sf_one_line(line, sizeof line - 1, raw);
	line[n++] = '\n';
	ssize_t w = write(2, line, n);
	(void)w;
	_exit(125);
}

static void child_after_fork(void)
{
	memset(local_match, 0, sizeof local_match);
}

/* Setuid and setgid programs ignore our variables (secure_getenv), as the
 * dynamic loader ignores LD_PRELOAD paths for them. */
static const char *env(const char *name)
{
	const char *v = secure_getenv(name);
	return v && *v ? v : NULL;
}

static void configure(void)
{
	char err[512];
	const char *r = env("SHMFAULT"), *log = env("SHMFAULT_LOG");
	const char *pers = env("SHMFAULT_PERSONALITY"), *lim = env("SHMFAULT_LIMITS");
	const char *st = env("SHMFAULT_STATE"), *sd = env("SHMFAULT_SEED");
	const char *opt = env("SHMFAULT_OPTIONS");

	sf_resolve();
	fiu_active = env("FIU_ENABLE") || env("FIU_CTRL_FIFO") || env("SHMFAULT_FIU");
	if (r && sf_rules_parse(r, &rules, err, sizeof err) < 0)
		die("", err);
	for (int i = 0; i < rules.n; i++)
		rule_calls |= rules.rule[i].calls;
	if (sf_personality_setup(pers, lim, opt, err, sizeof err) < 0)
		die("", err);
	if (sd) {
		if (sf_seed_parse(sd, &seed) < 0) {
			snprintf(err, sizeof err, "bad SHMFAULT_SEED '%.64s': expected a number (decimal or 0x hex)", sd);
			die("", err);
		}
	}
	if (!r && !log && !pers && !lim && !opt && !st && !fiu_active)
		return; /* nothing asked: every call goes straight through */

	state = sf_state_map(st, err, sizeof err);
	if (!state)
		die("", err);
	if (!sd) {
		if (st)
			seed = state->seed;
		else {
			struct timeval tv;
			gettimeofday(&tv, NULL);
			seed = sf_mix64((uint64_t)tv.tv_sec << 20 ^ (uint64_t)tv.tv_usec ^ (uint64_t)getpid() << 40);
		}
	}
	/* Under the CLI the records go to its spool; the log itself when the
	 * spool cannot be mapped (the CLI appends the spool after them). */
	const char *spool = env("SHMFAULT_LOG_SPOOL");
	if (log && !(spool && st && sf_log_open_spool(spool, state) == 0) && sf_log_open(log, err, sizeof err) < 0)
		die("", err);
	if (fiu_active)
		fiu_init(0);
	pthread_atfork(NULL, NULL, child_after_fork);
	if (sf_log_enabled())
		sf_log_start(seed, sf_personality_name());
	__atomic_store_n(&sf_configured, 1, __ATOMIC_RELEASE);
}

__attribute__((constructor(101))) void sf_init(void)
{
	pthread_once(&once, configure);
}

int sf_pick_errno(enum sf_call c, uint64_t stream, uint64_t counter)
{
	int n;
	const struct sf_doc_errno *d = sf_documented(c, &n);
	if (n == 0)
		return EINVAL;
	return d[sf_rng(seed, stream, counter) % (uint64_t)n].err;
}

/* The key of the segment a call is about, for key= rules: shmget has it;
 * shmat and shmctl ask the kernel; shmdt finds its shmid in the ledger. */
static void find_key(struct sf_callinfo *ci)
{
	struct shmid_ds ds;
	int id = ci->call == SF_SHMDT ? sf_ledger_find(ci->addr) : ci->shmid;
	if (ci->call == SF_SHMGET || ci->key_known) {
		ci->key_known = 1;
		return;
	}
	if (ci->call == SF_SHMCTL && (ci->cmd == IPC_INFO || ci->cmd == SHM_INFO))
		return;
	if (id >= 0 && sf_real_shmctl(id, IPC_STAT, &ds) == 0) {
		ci->key = ds.shm_perm.__key;
		ci->key_known = 1;
	}
}

static int rule_matches(const struct sf_rule *r, struct sf_callinfo *ci)
{
	if (!(r->calls & (1u << ci->call)))
		return 0;
	if (r->has_cmd && ci->cmd != r->cmd)
		return 0;
	if (r->has_key && (!ci->key_known || ci->key != r->key))
		return 0;
	return 1;
}

static void count_fired(struct sf_callinfo *ci, int row, int e)
{
	unsigned slot = (unsigned)e < SF_MAX_ERRNO ? (unsigned)e : 0;
	__atomic_fetch_add(&state->fired[row][ci->call][slot], 1, __ATOMIC_RELAXED);
	/* An IPC_RMID we failed keeps its segment alive: remember it, so the
	 * CLI does not blame the program for a segment the fault kept. */
	if (ci->call == SF_SHMCTL && ci->cmd == IPC_RMID && row != SF_FIRED_PERSONALITY) {
		uint32_t i = __atomic_fetch_add(&state->nkept, 1, __ATOMIC_RELAXED);
		if (i < SF_MAX_KEPT)
			__atomic_store_n(&state->kept[i], (int32_t)ci->shmid, __ATOMIC_RELAXED);
	}
}

int sf_before(struct sf_callinfo *ci)
{
	int e = 0, pe = 0;
	ci->by = SF_BY_NONE;
	ci->rule = -1;
	__atomic_fetch_add(&state->calls[ci->call], 1, __ATOMIC_RELAXED);

	if (sf_personality_active)
		pe = sf_personality_before(ci);

	/* Every rule counts every call it matches, whichever fires. */
	if (rule_calls & (1u << ci->call)) {
		if (rules.calls_with_key & (1u << ci->call))
			find_key(ci);
		for (int i = 0; i < rules.n; i++) {
			const struct sf_rule *r = &rules.rule[i];
			if (!rule_matches(r, ci))
				continue;
			/* Atomic in both scopes: threads of one process share local_match. */
			uint64_t n = __atomic_add_fetch(r->per_process ? &local_match[i] : &state->match[i], 1,
							__ATOMIC_RELAXED);
			if (e || !sf_when_selects(r, n))
				continue;
			if (r->prob != UINT64_MAX && sf_rng(seed, STREAM_PROB(i), n) >= r->prob)
				continue;
			e = r->err == SF_ERR_ANY ? sf_pick_errno(ci->call, (uint64_t)i, n) : r->err;
			ci->rule = i;
		}
	}
	if (pe) {
		ci->by = SF_BY_PERSONALITY;
		ci->rule = -1;
		count_fired(ci, SF_FIRED_PERSONALITY, pe);
		return pe;
	}
	if (e) {
		ci->by = SF_BY_RULE;
		count_fired(ci, ci->rule, e);
		return e;
	}
	if (fiu_active && fiu_fail(sf_call_point(ci->call))) {
		void *info = fiu_failinfo();
		uint64_t n = __atomic_load_n(&state->seq, __ATOMIC_RELAXED);
		e = info ? (int)(intptr_t)info : sf_pick_errno(ci->call, STREAM_FIU(ci->call), n);
		ci->by = SF_BY_FIU;
		count_fired(ci, SF_FIRED_FIU, e);
		return e;
	}
	return 0;
}

void sf_after(struct sf_callinfo *ci)
{
	uint64_t seq = __atomic_add_fetch(&state->seq, 1, __ATOMIC_RELAXED);
	if (ci->call == SF_SHMAT && ci->reserved)
		sf_ledger_commit(ci->err == 0, (const void *)ci->ret, ci->shmid, ci->size);
	else if (ci->call == SF_SHMAT && ci->err == 0)
		sf_ledger_add((const void *)ci->ret, ci->shmid, ci->size);
	else if (ci->call == SF_SHMDT && ci->err == 0)
		ci->shmid = sf_ledger_remove(ci->addr);
	else if (ci->call == SF_SHMDT)
		ci->shmid = sf_ledger_find(ci->addr);
	if (ci->call == SF_SHMGET && ci->err == 0 && ((ci->flg & IPC_CREAT) || ci->key == IPC_PRIVATE)) {
		/* Remember what the run created, for leak cleanup in host mode. */
		uint32_t i = __atomic_fetch_add(&state->ncreated, 1, __ATOMIC_RELAXED);
		if (i < SF_MAX_CREATED)
			state->created[i] = (struct sf_created){(int)ci->ret, (int32_t)ci->key, (int32_t)getpid()};
	}
	if (sf_personality_active)
		sf_personality_after(ci);
	if (sf_log_enabled())
		sf_log_call(ci, seq);
}
