/* check.h: what the checks of preload/personality/ share: the active
 * platform as set up, the rows that are on, and firing a row. */
#ifndef SHMFAULT_PERSONALITY_CHECK_H
#define SHMFAULT_PERSONALITY_CHECK_H

#include "../engine.h"
#include "personalities.h"
#include "state.h"

struct sf_pctx {
	const struct sf_personality *p;
	struct sf_limits lim;          /* effective: defaults, then --limit */
	unsigned opts;                 /* SF_OPT_* */
	int extshm;                    /* EXTSHM=ON (1SEG, MSEG) at program start */
	int rmid_cached;               /* IPC_RMIDs of the tree are known (state file) */
	long page;
	/* the row of (check, call) that is on: local index + 1, 0 = off */
	unsigned char row[SF_PK_N][SF_NCALLS];
	unsigned kinds[SF_NCALLS];     /* bit (1u << check) of the rows on, per call */
};
extern struct sf_pctx sf_pctx;

static inline int sf_pon(enum sf_pcheck k, enum sf_call c)
{
	return (sf_pctx.kinds[c] >> k) & 1u;
}

/* Fire the row of (k, ci->call): ci->prule, the tree-wide count, the first
 * call site. Returns the row's errno. */
int sf_pfire(struct sf_callinfo *ci, enum sf_pcheck k);
/* Fire a row after the call: also marks the call as decided by the
 * personality, and when err != 0 makes it the call's result. */
void sf_pfire_after(struct sf_callinfo *ci, enum sf_pcheck k, int err);

/* The tree-wide record of a segment (state file); NULL when none and not
 * create, or when the table is full. */
struct sf_pseg *sf_pseg(int shmid, int create);
/* Whether shmid was removed with IPC_RMID (cache, else a real IPC_STAT). */
int sf_premoved(int shmid);
/* The same, from the tree's record only (no system call). */
int sf_premoved_cached(int shmid);

/* The checks: a before hook returns 0 or an errno; an after hook may
 * change ci->ret / ci->err. Each is called only when its row is on. */
int sf_pk_before_shmat(struct sf_callinfo *ci);
int sf_pk_before_shmget(struct sf_callinfo *ci);
int sf_pk_before_shmctl(struct sf_callinfo *ci);
void sf_pk_after_shmat(struct sf_callinfo *ci);
void sf_pk_after_shmget(struct sf_callinfo *ci);
void sf_pk_after_shmctl(struct sf_callinfo *ci);
void sf_pk_after_ftok(struct sf_callinfo *ci);
/* hpux.c: HP2, one address per segment. */
int sf_hpux_before_shmat(struct sf_callinfo *ci);
void sf_hpux_after_shmat(struct sf_callinfo *ci);
/* hpux.c: HP3, segments of 64-bit processes without IPC_SHARE32. */
int sf_pk_share32_before(struct sf_callinfo *ci);
void sf_pk_share32_after(struct sf_callinfo *ci);
/* solaris.c: SO7, the lock privilege. */
int sf_solaris_lock_priv(void);

#endif
