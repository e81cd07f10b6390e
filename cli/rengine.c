/* rengine.c: the engine in the reaper for notified calls (see rengine.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#include <sys/stat.h>

#include "envconf.h"
#include "logfile.h"
#include "procview.h"
#include "rengine.h"
#include "rules.h"

struct sf_rcounters {
	pid_t pid;
	uint64_t c[SF_MAX_RULES];
};

/* One notified call's process view. */
struct kview {
	struct sf_rengine *r;
	struct sf_kcall *c;
};

static int kv_attach_count(void *self, int shmid)
{
	struct kview *k = self;
	int e = errno, n = shmid < 0 ? sf_kview_attach_count(sf_kcall_pid(k->c))
				      : sf_kview_is_attached(sf_kcall_pid(k->c), shmid);
	errno = e;
	return n < 0 ? 0 : n;
}

static int kv_attached_shmid(void *self, const void *addr)
{
	struct kview *k = self;
	int e = errno, id = -1, key;
	if (sf_kview_shm_at(k->c->tid, (uint64_t)(uintptr_t)addr, &id, &key) != 1)
		id = -1;
	errno = e;
	return id;
}

/* AX1 at syscall entry: the attachments in /proc/PID/maps.  Nothing is
 * reserved: the supervisor answers one call at a time, but a continued
 * shmat of one thread may still be running when another thread's comes. */
static int kv_reserve_attach(void *self, int limit)
{
	int n = kv_attach_count(self, -1);
	return n < limit ? 0 : -1;
}

/* The reaper lives in the run's IPC namespace: its own query is the run's. */
static int kv_shm_query(void *self, int id, int cmd, struct shmid_ds *buf)
{
	(void)self;
	int e = errno, r = shmctl(id, cmd, buf);
	errno = e;
	return r;
}

static int kv_shm_lookup(void *self, key_t key)
{
	(void)self;
	int e = errno, r = shmget(key, 0, 0);
	errno = e;
	return r;
}

static int kv_pid(void *self)
{
	struct kview *k = self;
	return (int)sf_kcall_pid(k->c);
}

/* CAP_IPC_LOCK (14) in the caller's effective set (/proc/PID/status). */
static int kv_may_lock(void *self)
{
	struct kview *k = self;
	char p[64], line[128];
	unsigned long long cap = 0;
	int e = errno;
	snprintf(p, sizeof p, "/proc/%d/status", (int)k->c->tid);
	FILE *f = fopen(p, "re");
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "CapEff: %llx", &cap) == 1)
			break;
	if (f)
		fclose(f);
	errno = e;
	return (cap >> 14) & 1;
}

static void kv_site(void *self, const void *caller, char *buf, unsigned long len)
{
	struct kview *k = self;
	(void)caller;
	snprintf(buf, len, "%s", k->c->site);
}

static uint64_t *kv_process_counters(void *self)
{
	struct kview *k = self;
	struct sf_rengine *r = k->r;
	pid_t pid = sf_kcall_pid(k->c);
	static uint64_t spare[SF_MAX_RULES]; /* without memory: shared, still counted */
	for (size_t i = 0; i < r->npc; i++)
		if (r->pc[i].pid == pid)
			return r->pc[i].c;
	if (r->npc == r->cappc) {
		size_t nc = r->cappc ? r->cappc * 2 : 8;
		struct sf_rcounters *n = realloc(r->pc, nc * sizeof *n);
		if (!n)
			return spare;
		r->pc = n;
		r->cappc = nc;
	}
	memset(&r->pc[r->npc], 0, sizeof r->pc[r->npc]);
	r->pc[r->npc].pid = pid;
	return r->pc[r->npc++].c;
}

int sf_rengine_setup(struct sf_rengine *r, char **envp, const char *state_path, char *err, size_t errlen)
{
	struct sf_engine_config cfg;
	uint64_t seed = 0;
	memset(r, 0, sizeof *r);
	r->log_fd = -1;
	sf_engine_config_env(&cfg, sf_envp_get, envp, sysconf(_SC_PAGESIZE));
	const char *log = sf_envp_get(envp, "SHMFAULT_LOG");
	if (!cfg.rules && !cfg.personality && !cfg.limits && !cfg.options && !(log && *log))
		return 0; /* nothing asked: every notified call goes through */
	struct stat ls;
	if (log && *log && (r->log_fd = sf_logfile_open(log, &ls, err, errlen)) < 0)
		return -1;
	if (sf_engine_setup(&r->eng, &cfg, err, errlen) < 0)
		return -1;
	const char *sd = sf_envp_get(envp, "SHMFAULT_SEED");
	if (sd && *sd && sf_seed_parse(sd, &seed) < 0) {
		snprintf(err, errlen, "bad SHMFAULT_SEED '%.64s': expected a number (decimal or 0x hex)", sd);
		return -1;
	}
	const char *st = sf_envp_get(envp, "SHMFAULT_STATE");
	r->eng.state = sf_state_map(st && *st ? st : state_path, err, errlen);
	if (!r->eng.state)
		return -1;
	r->eng.seed = sd && *sd ? seed : r->eng.state->seed;
	r->on = 1;
	return 0;
}

static void fill_callinfo(struct sf_kcall *c, struct sf_callinfo *ci)
{
	memset(ci, 0, sizeof *ci);
	ci->call = c->call;
	ci->tid = c->tid;
	ci->caller = (const void *)(uintptr_t)c->ip;
	ci->shmid = -1;
	switch (c->call) {
	case SF_SHMGET:
		ci->key = (key_t)c->args[0];
		ci->key_known = 1;
		ci->size = (size_t)c->args[1];
		ci->flg = (int)c->args[2];
		return;
	case SF_SHMAT: ci->shmid = (int)c->args[0]; ci->addr = (const void *)(uintptr_t)c->args[1]; ci->flg = (int)c->args[2]; break;
	case SF_SHMDT: ci->addr = (const void *)(uintptr_t)c->args[0]; break;
	case SF_SHMCTL: ci->shmid = (int)c->args[0]; ci->cmd = (int)c->args[1]; break; /* buf: the caller's memory */
	default: return;
	}
	/* key= works for every call: IPC_STAT, or the mapping at shmdt's address */
	int key;
	if (sf_kcall_key(c, &key) == 1) {
		ci->key = (key_t)key;
		ci->key_known = 1;
		if (c->call == SF_SHMDT)
			ci->shmid = c->shmid;
	}
}

/* Whether the caller's own environment asks for shmfault, as the
 * interposer's constructor would read it (/proc/TID/environ: the
 * environment of its last execve).  A process that dropped the variables
 * (a case's setup runs under `env -u SHMFAULT ...`) is not decided: the
 * interposer would not have decided it either. */
static int caller_configured(struct sf_kcall *c)
{
	static const char *const names[] = {"SHMFAULT=", "SHMFAULT_PERSONALITY=", "SHMFAULT_LIMITS=",
					    "SHMFAULT_OPTIONS=", "SHMFAULT_LOG="};
	char p[64], buf[16384];
	snprintf(p, sizeof p, "/proc/%d/environ", (int)c->tid);
	c->looked |= SF_KLOOK_PROC; /* the TID may be reused: checked before the answer */
	int fd = open(p, O_RDONLY | O_CLOEXEC), yes = 0;
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n < 0)
		return 1; /* unreadable: the run's configuration */
	buf[n] = 0;
	for (char *e = buf; e < buf + n && !yes; e += strlen(e) + 1)
		for (size_t i = 0; i < sizeof names / sizeof *names && !yes; i++)
			yes = !strncmp(e, names[i], strlen(names[i])) && e[strlen(names[i])];
	return yes || n == (ssize_t)sizeof buf - 1; /* a longer environment: as the run's */
}

void sf_rengine_decide(struct sf_rengine *r, struct sf_kcall *c, struct sf_kverdict *v)
{
	if (!r->on || !caller_configured(c))
		return;
	struct sf_callinfo ci;
	struct kview k = {r, c};
	struct sf_procview view = {&k, kv_attach_count, kv_attached_shmid, kv_reserve_attach, kv_shm_query,
				   kv_shm_lookup, kv_pid, kv_may_lock, kv_site, kv_process_counters};
	fill_callinfo(c, &ci);
	const struct sf_prule *after = r->eng.persona.active ? sf_rpersona_after_row(&r->eng.persona, &ci) : NULL;
	if (after) {
		/* refused, never skipped: the run is an error (rsup.c) */
		if (!r->refused[0])
			snprintf(r->refused, sizeof r->refused,
				 "personality %s rule %s (%s) cannot run under the kernel backend: it needs the "
				 "result of %s at %.80s, which bypassed the interposer",
				 sf_engine_personality(&r->eng), after->id, after->what, sf_call_name(c->call), c->site);
		return;
	}
	int err = sf_engine_decide(&r->eng, &view, &ci);
	if (!err) {
		/* continued: its result is the kernel's, never seen here */
		if (r->log_fd >= 0)
			sf_rlog_call(r->log_fd, &ci, c, sf_engine_log_seq(&r->eng));
		return;
	}
	v->err = err;
	if (ci.by == SF_BY_RULE)
		snprintf(v->who, sizeof v->who, "rule %d", ci.rule + 1);
	else
		snprintf(v->who, sizeof v->who, "personality %s", sf_engine_personality(&r->eng));
	ci.ret = -1;
	ci.err = err;
	sf_engine_after(&r->eng, &view, &ci);
	if (r->log_fd >= 0)
		sf_rlog_call(r->log_fd, &ci, c, sf_engine_log_seq(&r->eng));
}

void sf_rengine_free(struct sf_rengine *r)
{
	if (r->log_fd >= 0)
		close(r->log_fd);
	if (r->eng.state)
		munmap(r->eng.state, sizeof *r->eng.state);
	free(r->pc);
	memset(r, 0, sizeof *r);
}
