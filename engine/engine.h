/* engine.h: the decision engine, a library that does not know how a call
 * reaches it. Its two callers are the interposer (preload/) and the kernel
 * supervisor (the CLI's reaper, seccomp user notification). Each gives:
 *   - the run's context (struct sf_engine: rules, seed, personality, limits,
 *     options, the tree-wide state of common/state.c), set up once;
 *   - a process view (struct sf_procview): the per-process facts the
 *     personalities need, which each caller learns its own way;
 *   - one call (struct sf_callinfo: call, arguments, thread, site).
 * It answers go (0) or fail with errno E, says who decided, and fills in
 * what the log records. Nothing here calls back into a caller except
 * through the view. */
#ifndef SHMFAULT_ENGINE_H
#define SHMFAULT_ENGINE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/types.h>

#include "calls.h"
#include "personalities.h"
#include "rules.h"
#include "state.h"

/* Who decided a failure. */
enum sf_by { SF_BY_NONE, SF_BY_RULE, SF_BY_FIU, SF_BY_PERSONALITY };

/* One call, its arguments, and what became of it. */
struct sf_callinfo {
	enum sf_call call;
	/* arguments (those of the call; the rest zero) */
	key_t key;           /* shmget's key; for shmat/shmdt/shmctl filled when known */
	int key_known;
	size_t size;
	int flg;             /* shmflg */
	int shmid;           /* shmat, shmctl; shmdt when known from the view */
	const void *addr;    /* shmat's shmaddr, shmdt's shmaddr */
	int cmd;
	struct shmid_ds *buf;
	const char *path;    /* ftok */
	int proj;            /* ftok's id */
	/* POSIX shm (shm_open, shm_unlink; ftruncate, mmap, munmap of an object) */
	const char *name;    /* the object's name as given to shm_open ("memfd.N" for memfd_create(N)) */
	int fd;              /* ftruncate, mmap */
	int oflag;           /* shm_open's; a personality may change it (FB7) */
	unsigned mode;       /* shm_open's */
	long long length;    /* ftruncate's length, mmap's offset */
	int prot, mflags;    /* mmap's (size holds its length, addr its addr) */
	int obj_known;       /* the object below is known (ftruncate, mmap, munmap) */
	int obj_acc;         /* O_ACCMODE of the descriptor shm_open gave */
	uint64_t obj_dev, obj_ino;
	long long obj_size;  /* st_size when the call was decided */
	/* who made it */
	pid_t tid;           /* 0: the calling thread (interposer); else the notified TID */
	const void *caller;  /* an address in the caller's code; the view names its site */
	/* set by the engine before the call, for its caller to act on */
	const void *at_addr; /* shmat: when a personality sets it, the real call attaches here (HP2) */
	int reserved;        /* shmat: the view holds an attach slot for it (AX1) */
	int key_was_absent;  /* shmget: no segment had the key before the call (HP3) */
	/* outcome */
	long ret;            /* int result, key_t, or the address for shmat */
	int err;             /* errno after the call, 0 on success */
	/* the verdict and what to record */
	enum sf_by by;
	int rule;                /* index of the SHMFAULT rule that fired */
	const char *rule_text;   /* that rule as written */
	const char *prule;       /* personality rule id that fired (AX1, ...) */
	const char *personality; /* the active personality's name, when it fired */
};

/* The per-process facts a decision needs. The interposer answers from its
 * ledger and its real calls; the kernel supervisor from /proc/TID/maps and
 * IPC_STAT in the run's IPC namespace. Every function leaves errno as it was.
 * self is the implementation's own data. */
struct sf_procview {
	void *self;
	/* This process's attachments of shmid (all when shmid < 0). */
	int (*attach_count)(void *self, int shmid);
	/* The shmid attached at addr, or -1. */
	int (*attached_shmid)(void *self, const void *addr);
	/* A per-process attach limit (AX1): 0 when attachments (held plus
	 * reserved) are below limit, and one more is then reserved until the
	 * caller ends it after the call; -1 at the limit. */
	int (*reserve_attach)(void *self, int limit);
	/* shmctl(id, cmd, buf) for the queries IPC_STAT, SHM_STAT_ANY and
	 * SHM_INFO, as the kernel of the run's IPC namespace answers. */
	int (*shm_query)(void *self, int id, int cmd, struct shmid_ds *buf);
	/* shmget(key, 0, 0): the id of key, or -1. */
	int (*shm_lookup)(void *self, key_t key);
	/* The process id of the caller. */
	int (*pid)(void *self);
	/* Whether the caller holds the lock privilege (CAP_IPC_LOCK effective). */
	int (*may_lock)(void *self);
	/* "prog+0x1a2 (main+0x22)" for caller, into buf. */
	void (*site)(void *self, const void *caller, char *buf, unsigned long len);
	/* This process's scope=process counters (SF_MAX_RULES of them). */
	uint64_t *(*process_counters)(void *self);
};

/* The active personality, as set up (see engine/persona.h for its use). */
struct sf_platform_hooks;
struct sf_persona {
	const struct sf_personality *platform;
	const struct sf_platform_hooks *hooks; /* its own checks, or NULL */
	struct sf_limits lim;          /* effective: defaults, then --limit */
	unsigned opts;                 /* SF_OPT_* */
	int extshm;                    /* EXTSHM=ON (1SEG, MSEG) at program start */
	int tree_knows_rmid;           /* the tree's IPC_RMIDs are in its state file */
	int prule_base;                /* global index of the platform's first row (sf_prule_index) */
	long page;
	/* the row of (check, call) that is on: local index + 1, 0 = off */
	unsigned char row[SF_PK_N][SF_NCALLS];
	unsigned kinds[SF_NCALLS];     /* bit (1u << check) of the rows on, per call */
	int active;                    /* some row is on */
};

/* The run's context: read-only while calls are decided (the counters it
 * changes live in *state, shared by the tree, and in the view). */
struct sf_engine {
	struct sf_ruleset rules;
	unsigned rule_calls;     /* calls some rule names */
	uint64_t seed;
	struct sf_state *state;  /* tree-wide counters; set before any call */
	struct sf_persona persona;
	unsigned plain_calls;    /* calls with no rule and no personality work (sf_engine_plain) */
};

/* What the caller read from its environment. */
struct sf_engine_config {
	const char *rules;       /* SHMFAULT; NULL = none */
	const char *personality; /* NULL = linux */
	const char *limits;      /* "shmseg=N,..."; NULL = none */
	const char *options;     /* SHMFAULT_OPTIONS; NULL = none */
	int extshm;              /* AIX's EXTSHM=ON|1SEG|MSEG at program start */
	int tree_state;          /* the state is a file the whole tree shares (exec keeps it) */
	long page;               /* the page size */
};

/* Parse the rules, then the personality, limits and options, into eng
 * (state and seed are the caller's to set). -1 and one line in err naming
 * the bad token. */
int sf_engine_setup(struct sf_engine *eng, const struct sf_engine_config *cfg, char *err, size_t errlen);

/* Before the call: 0 to make it, or the errno to fail it with (ci->by,
 * ci->rule, ci->prule say who decided). Every rule counts every call it
 * matches; the personality speaks first. */
int sf_engine_decide(const struct sf_engine *eng, const struct sf_procview *view, struct sf_callinfo *ci);

/* A failure another decider of the caller's made (libfiu in the
 * interposer): counted and recorded as the engine's own. */
void sf_engine_fail_by(const struct sf_engine *eng, struct sf_callinfo *ci, enum sf_by by, int err);

/* After the real call or the failure: the tree's records, the personality's
 * bookkeeping and its changes to the result. */
void sf_engine_after(const struct sf_engine *eng, const struct sf_procview *view, struct sf_callinfo *ci);

/* Whether call c has nothing to decide or record but the tree's count
 * (no rule names it, the personality has no check or bookkeeping for it):
 * then a caller may count it with sf_engine_plain_before before the
 * real call instead of decide and after, with the same effect on the state
 * for a call that creates nothing (sf_engine_after also notes a shmget
 * that creates, for host-mode cleanup). */
static inline int sf_engine_plain(const struct sf_engine *eng, enum sf_call c)
{
	return (eng->plain_calls >> c) & 1u;
}
static inline void sf_engine_plain_before(const struct sf_engine *eng, enum sf_call c)
{
	__atomic_fetch_add(&eng->state->calls[c], 1, __ATOMIC_RELAXED);
}

/* The next place in the tree's log order, taken only by a call that is
 * logged: a locked add on a shared line costs every call that takes one. */
static inline uint64_t sf_engine_log_seq(const struct sf_engine *eng)
{
	return __atomic_add_fetch(&eng->state->seq, 1, __ATOMIC_RELAXED);
}

/* Streams of the seeded generator: rule i uses i, its prob= 0x100 + i, a
 * caller's own decider (libfiu) 0x200 + call. */
#define SF_STREAM_PROB(i) (0x100u + (unsigned)(i))
#define SF_STREAM_OTHER(c) (0x200u + (unsigned)(c))

/* A documented errno of the call, from (seed, stream, counter). */
int sf_engine_pick_errno(const struct sf_engine *eng, enum sf_call c, uint64_t stream, uint64_t counter);

/* The active personality's name ("linux" when none). */
const char *sf_engine_personality(const struct sf_engine *eng);

#endif
