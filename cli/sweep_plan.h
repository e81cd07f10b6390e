/* sweep_plan.h: the sweep's plan. Records of the baseline's log in, cases
 * out: one per (call occurrence, documented errno), the occurrences of a
 * busy call site sampled (the first eight, then powers of two and the
 * last), then the shard's slice. No side effect: no I/O, no global state
 * (tests/unit/plan-test.c drives it directly). */
#ifndef SHMFAULT_SWEEP_PLAN_H
#define SHMFAULT_SWEEP_PLAN_H

#include "calls.h"
#include "jlog.h"

#define SF_FULL_PER_SITE 8 /* occurrences swept in full at each call site */
#define SF_PLAN_MAX_ERRNOS 64

/* One call of the baseline that is a candidate for a fault. */
struct sf_occurrence {
	enum sf_call call;
	int nth;        /* occurrence of the call in the run: when=nth */
	int site_nth;   /* occurrence at its call site */
	int last;       /* the last occurrence at its site within --max-nth */
	int site;       /* sf_jlog_site() */
	int site_total; /* calls at its site in the baseline (beyond --max-nth too) */
};

/* One fault to inject: occurrence (an index into occs) fails with err. */
struct sf_fault {
	int occurrence;
	int err;
};

struct sf_plan_opts {
	unsigned calls;   /* mask of 1 << enum sf_call */
	int max_nth;      /* occurrences of a call beyond this are not swept */
	const int *errnos; /* NULL / 0: every documented errno */
	int nerrnos;
	int shard_k, shard_n; /* 1/1: every case */
};

struct sf_plan {
	long nrec;                     /* the baseline's shm calls */
	int count[SF_NCALLS];          /* per call */
	int beyond[SF_NCALLS];         /* per call, beyond max_nth */
	struct sf_occurrence *occs;
	int nocc;
	struct sf_fault *faults;       /* every case of the sweep */
	int total;
	int first, ncases;             /* the shard: faults[first .. first+ncases) */
};

/* 0, or -1 when out of memory (p is then empty). */
int sf_plan_make(const struct sf_jrec *recs, long nrec, const struct sf_plan_opts *o, struct sf_plan *p);
void sf_plan_free(struct sf_plan *p);

/* Whether occurrence o is swept (not skipped by the sampling). */
int sf_plan_swept(const struct sf_occurrence *o);

#endif
