/* gate.h: what gate.c and its JSON writer (gate_json.c) share: one
 * personality's run and the gate as a whole. */
#ifndef SHMFAULT_GATE_H
#define SHMFAULT_GATE_H

#include <limits.h>
#include <stdio.h>

#include "calls.h"
#include "outcome.h"
#include "intended.h"
#include "report.h"

#define TAIL_LINES 20
#define MAX_FIRED 32

struct firing {
	char rule[32];
	enum sf_call call;
	char cmd[24];
	int occurrence; /* of the call in the run, at the first firing */
	char site[256];
	int err;
	unsigned times;
};

/* One personality's run of CMD and what it found. */
struct pers_run {
	const char *name;
	char dir[PATH_MAX];
	char state[PATH_MAX];
	char log[PATH_MAX + 8];
	char **env;
	int done;
	struct sf_outcome out;
	struct firing fired[MAX_FIRED];
	int nfired, more_fired;
	long ncalls;
	char unfired[1024]; /* YAML list items: background rules that never fired */
};

struct gate {
	char **argv;
	const char *background;
	double timeout;
	FILE *out;
	struct pers_run *runs;
	int n, next_print, all_ok, npassed;
	int progress, ndone;
	int json; /* --format json (or html: the JSON, rendered by report_cmd.c) */
	const char *format;          /* --format: tap, json or html */
	const char *plist;           /* -p */
	int strict_leaks;            /* --strict-leaks: no baseline run */
	struct sf_intended intended; /* what the native run left */
};

/* The sentence that says what a firing did ("aix refused the 12th attach ..."). */
void gate_sentence(const char *pers, const struct firing *f, char *buf, size_t len);
/* Whether the personality's run passed (CMD exited 0). */
int gate_run_ok(const struct pers_run *c);
/* The `shmfault run` command that reproduces one personality's run. */
void gate_repro(const struct gate *g, const struct pers_run *c, struct sf_str *repro);

/* gate_json.c: --format json (and html). */
void gate_json_header(struct gate *g);
void gate_json_case(struct gate *g, int i, int ok, const char *first);
void gate_json_footer(struct gate *g);
void gate_json_bail(struct gate *g, const char *why);

#endif
