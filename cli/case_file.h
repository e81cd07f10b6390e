/* case_file.h: a declarative scenario of `shmfault case` (cases/NAME.t,
 * docs/cases.md): read, checked, and whether it can run here. No run. */
#ifndef SHMFAULT_CASE_FILE_H
#define SHMFAULT_CASE_FILE_H

#include <limits.h>
#include <stddef.h>

#define SF_CASE_MAX_PATTERNS 8

/* One scenario file (not to be confused with a sweep's fault case). */
struct sf_scenario {
	char file[PATH_MAX];
	char name[256];
	char *description, *program, *setup, *rules, *personality, *limits, *options, *stdin_, *user;
	char *expect, *expected_file, *notes, *requires;
	char *reached; /* "true": a rule must have fired (confirm_check) */
	char *kept;    /* segments the program leaves on purpose (intended.h) */
	char *stderr_re[SF_CASE_MAX_PATTERNS];
	int on_stdout[SF_CASE_MAX_PATTERNS]; /* the pattern is for stdout */
	int npat;
	double timeout;
};

/* The repository top (SHMFAULT_TOP, else two levels above the program):
 * relative paths of a scenario are from there. 0, or -1. */
int sf_case_find_top(void);
const char *sf_case_top(void);

/* Read and check path into sc (its name from the file's). 0, or -1 with
 * one line in err. */
int sf_scenario_load(const char *path, struct sf_scenario *sc, char *err, size_t errlen);
void sf_scenario_free(struct sf_scenario *sc);

/* Why the scenario cannot run here (a program of requires: not installed,
 * a user: without root), or NULL. */
const char *sf_scenario_missing(const struct sf_scenario *sc, char *buf, size_t len);

#endif
