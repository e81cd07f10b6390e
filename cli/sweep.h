/* sweep.h: the parts of `shmfault sweep`, used by its own files only:
 *   sweep.c          the subcommand: options, then baseline, plan, run, report
 *   sweep_baseline.c the baseline run and why it would stop the sweep
 *   sweep_plan.c     records in, cases out (sweep_plan.h; no side effect)
 *   sweep_run.c      the cases through the pool, printed in order
 *   sweep_tap.c, sweep_json.c  the report writers (struct sweep_writer) */
#ifndef SHMFAULT_SWEEP_H
#define SHMFAULT_SWEEP_H

#include "intended.h"
#include <limits.h>
#include <stdio.h>

#include "outcome.h"
#include "pool.h"
#include "sweep_plan.h"
#include "tapout.h"

#define SWEEP_TAIL_LINES 10 /* stderr lines in a case's report */

/* A planned fault and what came of it. */
struct sweep_case {
	struct sf_outcome out;
	int done;
	int lane; /* the pool lane it ran in (its state file), or -1 */
	char **env;
	char rules[1024];
};

/* One state file per pool lane, reused (zeroed) from case to case:
 * creating a directory and a file per case costs more than the case. */
struct lane_state {
	char dir[PATH_MAX];
	char path[PATH_MAX];
	struct sf_state *st;
};

/* A case as the writers print it. */
struct sweep_line {
	const struct sweep_case *c;
	const struct sf_occurrence *occurrence;
	const char *call;
	const char *ename;
	int ok;
	char what[300];     /* how it ended, for the test line */
	const char *repro;  /* the `shmfault run` command */
	size_t t0;          /* start of the tail's last lines */
};

struct sweep;
/* A report format. A new one (HTML) is one more table. */
struct sweep_writer {
	void (*header)(struct sweep *w);
	void (*one)(struct sweep *w, int n, const struct sweep_line *l);
	void (*bail)(struct sweep *w, const char *reason);        /* before any case */
	void (*interrupted)(struct sweep *w, const char *reason); /* after the header */
	void (*footer)(struct sweep *w);
};
extern const struct sweep_writer sweep_tap, sweep_json;

struct sweep {
	char bypass[1024];      /* the baseline's "N shm system calls bypassed ..." line, or "" */
	char dev_shm[512];      /* the baseline had no /dev/shm of its own: which, and why; or "" */
	char **argv;
	const char *personality;
	const char *background; /* SHMFAULT of the environment: rules kept in every run */
	const char *limits;     /* SHMFAULT_LIMITS */
	double timeout;
	int strict;
	int html; /* --format html: the JSON, rendered into one page when out is closed */
	int strict_leaks;            /* --strict-leaks: a baseline that leaves a segment bails out */
	struct sf_intended intended; /* what the baseline left: the program's intended state */
	int jobs;
	const struct sweep_writer *writer;
	FILE *out;
	struct sf_plan_opts popts;
	struct sf_plan plan;
	struct sweep_case *cases; /* the shard: case n is plan.faults[plan.first + n] */
	int next_print, ndone, all_ok, progress;
	int counts[SF_NCLASSES];
	int nlanes;
	struct lane_state *lanes;
};

/* The baseline: run CMD once with the log on, read its records. 0 with
 * *recs and *nrec (and w->jobs lowered when namespaces are missing); 1 when
 * the sweep stops there (the reason is written: Bail out!); the exit
 * status is then *status. */
int sweep_baseline(struct sweep *w, struct sf_jrec **recs, long *nrec, int *status);

/* Run the shard's cases; each is printed as soon as those before it are.
 * -1 when interrupted (sf_pool_signal). */
int sweep_run(struct sweep *w);

/* "EINVAL", or the number in buf. */
const char *sweep_errno_name(int err, char *buf, size_t len);

#endif
