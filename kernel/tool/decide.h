/* decide.h: kernsup's decision callback, a stand-in for the engine: fail
 * the Nth notified call of a kind, counted over the whole process tree as
 * strace's when=N counts a single-threaded target's calls. */
#ifndef KERNSUP_DECIDE_H
#define KERNSUP_DECIDE_H

#include "supervisor.h"

#define KD_MAX_RULES 8

struct kd_rule {
	enum sf_call call;
	long when; /* 0: every occurrence */
	int err;
};

struct kd_ctx {
	struct kd_rule rules[KD_MAX_RULES];
	int nrules, quiet, facts;
	long seen[SF_NCALLS]; /* occurrences answered, per call */
	long notifs;          /* notifications received, for --die-at/--signal-at */
	long die_at, signal_at;
	int signal_no;
	struct sf_ksup *sup;
};

/* "shmget:2:EACCES": 0 or -1 (bad text). */
int kd_add_rule(struct kd_ctx *k, const char *text);
void kd_decide(void *ctx, struct sf_kcall *c, struct sf_kverdict *v);
void kd_dropped(void *ctx, const struct sf_kcall *c, const struct sf_kverdict *v);
void kd_record(void *ctx, const struct sf_kcall *c, const struct sf_kverdict *v, int state);

#endif
