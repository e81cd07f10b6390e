/* case.c: `shmfault case FILE...`: run declarative scenarios (cases/NAME.t) and
 * print TAP 13. A case names a program, a setup run inside the run's
 * namespaces without the interposer, rules, a personality, and the class it
 * expects (cli/classify.h), optionally stderr patterns. See docs/cases.md.
 * The files are read by case_file.c, each run by case_run.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_run.h"
#include "cli.h"
#include "diag.h"
#include "options.h"
#include "outcome.h"

static const struct sf_opt case_opts[] = {
	{SF_OPT_BACKEND, "backend", 0, "seccomp|preload|auto", "who decides the shm calls (default auto; env SHMFAULT_BACKEND): docs/backends.md"},
	{SF_OPT_HELP, "help", 'h', NULL, "this help"},
	{0, NULL, 0, NULL, NULL},
};
static const struct sf_cmd_spec case_spec = {"case", "FILE...  (declarative scenarios, cases/*.t; docs/cases.md)",
					     "case: ", case_opts, 0};

static void scenarios_free(struct sf_scenario *cs, int n)
{
	for (int i = 0; i < n; i++)
		sf_scenario_free(&cs[i]);
	free(cs);
}

/* The arguments: files only. -1 (exit 2), 0, or 1 (help: exit 0). */
static int case_args(int argc, char **argv)
{
	int files = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			sf_opts_usage(&case_spec, stdout);
			return 1;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			sf_error("case: unknown option '%s' (shmfault case FILE...)", argv[i]);
			return -1;
		}
		files++;
	}
	if (!files) {
		sf_error("case: no case file given (shmfault case FILE...)");
		return -1;
	}
	return 0;
}

int sf_cmd_case(int argc, char **argv)
{
	char err[1024];
	int testno = 0, all_ok = 1;
	if (sf_case_find_top() < 0) {
		sf_error("case: cannot find the repository top (set SHMFAULT_TOP)");
		return 2;
	}
	int a = case_args(argc, argv);
	if (a)
		return a > 0 ? 0 : 2;
	struct sf_scenario *cs = calloc((size_t)argc, sizeof *cs);
	if (!cs)
		return 2;
	int nc = 0;
	/* read and check every file before running any */
	for (int i = 1; i < argc; i++)
		if (sf_scenario_load(argv[i], &cs[nc++], err, sizeof err) < 0) {
			printf("TAP version 13\n1..0 # SKIP not run: bad case file\n");
			fflush(stdout);
			sf_error("%s", err);
			scenarios_free(cs, nc);
			return 2;
		}
	printf("TAP version 13\n");
	for (int i = 0; i < nc; i++) {
		printf("# %s%s%s\n", cs[i].name, cs[i].description ? ": " : "", cs[i].description ? cs[i].description : "");
		fflush(stdout);
		all_ok &= sf_scenario_run(&cs[i], &testno, stdout);
		if (sf_pool_signal) {
			printf("Bail out! interrupted by %s\n", sf_signal_name(sf_pool_signal));
			scenarios_free(cs, nc);
			return 128 + sf_pool_signal;
		}
	}
	printf("1..%d\n", testno);
	fflush(stdout);
	scenarios_free(cs, nc);
	return all_ok ? 0 : 1;
}
