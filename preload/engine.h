/* engine.h: what happens around one wrapped call (docs/architecture.md):
 * personality check, fault rules and libfiu points, the real call,
 * bookkeeping, the log record. */
#ifndef SHMFAULT_ENGINE_H
#define SHMFAULT_ENGINE_H

#include <stdint.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "calls.h"
#include "rules.h"

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
	int shmid;           /* shmat, shmctl; shmdt when known from the ledger */
	const void *addr;    /* shmat's shmaddr, shmdt's shmaddr */
	int cmd;
	struct shmid_ds *buf;
	const char *path;    /* ftok */
	int proj;            /* ftok's id */
	const void *caller;  /* return address in the program */
	const void *at_addr; /* shmat: when a personality sets it, the real call attaches here (HP2) */
	int reserved;        /* shmat: holds a ledger slot reserved by a per-process limit (AX1) */
	/* outcome */
	long ret;            /* int result, key_t, or the address for shmat */
	int err;             /* errno after the call, 0 on success */
	enum sf_by by;
	int rule;            /* index of the SHMFAULT rule that fired */
	const char *prule;   /* personality rule id that fired (AX1, ...) */
};

/* Nonzero once any of SHMFAULT, SHMFAULT_LOG, SHMFAULT_PERSONALITY or
 * libfiu control is present: the fast path is one load of this flag. */
extern int sf_configured;

void sf_init(void);

/* Before the real call: 0 to make it, or the errno to fail with
 * (ci->by, ci->rule, ci->prule say who decided). */
int sf_before(struct sf_callinfo *ci);
/* After the real call or the injected failure: bookkeeping and the log. */
void sf_after(struct sf_callinfo *ci);

/* A documented errno of the call, chosen by the seeded generator from the
 * stream (which rule or point) and counter (which of its calls). */
int sf_pick_errno(enum sf_call c, uint64_t stream, uint64_t counter);

/* The counters shared by the process tree (NULL before configuration). */
struct sf_state *sf_engine_state(void);

/* The text of SHMFAULT rule i, for the log. */
const char *sf_rule_text(int i);

#endif
