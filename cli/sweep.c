/* sweep.c: `shmfault sweep`: run CMD once (the baseline), then once per
 * (call, occurrence, errno) of the baseline's shm calls with that one fault,
 * each case in its own namespaces; classify each case; report in TAP 13 (or
 * JSON). See docs/sweep.md. This file: the options and the four steps
 * (baseline, plan, run, report), each in its own file (sweep.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "errnos.h"
#include "launch.h"
#include "options.h"
#include "report_doc.h"
#include "sweep.h"

enum { O_STRICT_LEAKS = 'K', O_ERRNOS = 'E', O_CALLS = 'C', O_MAX_NTH = 'M', O_SHARD = 'S', O_STRICT = 's', O_FORMAT = 'F', O_PERS = 'p' };

static const struct sf_opt sweep_opts[] = {
	{O_PERS, "personality", 'p', "NAME", "simulate this platform's rules in every run"},
	{SF_OPT_JOBS, "jobs", 'j', "N", "cases at once (default: the online CPUs)"},
	{SF_OPT_TIMEOUT, "timeout", 0, "SEC", "kill a run after SEC seconds: hung (default 10)"},
	{SF_OPT_BACKEND, "backend", 0, "seccomp|preload|auto", "who decides the shm calls (default auto; env SHMFAULT_BACKEND): docs/backends.md"},
	{O_ERRNOS, "errnos", 0, "LIST|documented", "only these errnos, where documented (default: documented)"},
	{O_CALLS, "calls", 0, "LIST", "only these calls: shmget,shmat,shmdt,shmctl,ftok or all"},
	{O_MAX_NTH, "max-nth", 0, "N", "occurrences of a call beyond N are not swept (default 50)"},
	{O_SHARD, "shard", 0, "K/N", "run the K-th of N slices of the cases"},
	{O_STRICT, "strict", 0, NULL, "a silent-failure is not ok"},
	{O_STRICT_LEAKS, "strict-leaks", 0, NULL, "a segment the baseline leaves is a leak (bail out), not the intended state"},
	{O_FORMAT, "format", 0, "tap|json|html", "the report's format (default tap; html: one self-contained page)"},
	{SF_OPT_OUTPUT, "output", 'o', "FILE", "write the report to FILE"},
	{SF_OPT_HELP, "help", 'h', NULL, "this help"},
	{0, NULL, 0, NULL, NULL},
};

static const struct sf_cmd_spec sf_sweep_spec = {"sweep", "[options] -- CMD [ARGS...]", "sweep: ", sweep_opts, 0};

static int parse_calls(const char *s, unsigned *mask)
{
	*mask = 0;
	if (!strcmp(s, "all")) {
		*mask = SF_ALL_CALLS;
		return 0;
	}
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		enum sf_call c = sf_call_from_name(s, n);
		if (c == SF_NCALLS) {
			sf_error("sweep: bad --calls '%.*s': expected shmget, shmat, shmdt, shmctl, ftok or all", (int)n, s);
			return -1;
		}
		*mask |= 1u << c;
		s += n + (comma != NULL);
	}
	return *mask ? 0 : -1;
}

static int parse_errnos(const char *s, int *list, int *n)
{
	*n = 0;
	if (!strcmp(s, "documented"))
		return 0;
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t k = comma ? (size_t)(comma - s) : strlen(s);
		int e = sf_errno_parse(s, k);
		if (e <= 0 || e >= SF_MAX_ERRNO) {
			sf_error("sweep: bad --errnos '%.*s': expected errno names or numbers, or documented", (int)k, s);
			return -1;
		}
		if (*n < SF_PLAN_MAX_ERRNOS)
			list[(*n)++] = e;
		s += k + (comma != NULL);
	}
	if (!*n) {
		sf_error("sweep: --errnos is empty");
		return -1;
	}
	return 0;
}

static int parse_pos(const char *s, long max, const char *what)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*end || errno || v < 1 || v > max || !*s) {
		sf_error("sweep: bad %s '%s': expected 1..%ld", what, s, max);
		return -1;
	}
	return (int)v;
}

static int parse_shard(char *s, int *k, int *n)
{
	char *slash = strchr(s, '/');
	if (slash) {
		*slash = 0;
		*k = parse_pos(s, 100000, "--shard K");
		*n = parse_pos(slash + 1, 100000, "--shard N");
		*slash = '/';
	}
	if (!slash || *k < 0 || *n < 0 || *k > *n) {
		sf_error("sweep: bad --shard '%s': expected K/N (1 <= K <= N)", s);
		return -1;
	}
	return 0;
}

struct sweep_args {
	struct sweep *w;
	int errnos[SF_PLAN_MAX_ERRNOS];
};

static int sweep_opt(void *ctx, int id, char *arg)
{
	struct sweep_args *a = ctx;
	struct sweep *w = a->w;
	switch (id) {
	case O_PERS: w->personality = arg; return 0;
	case O_ERRNOS: return parse_errnos(arg, a->errnos, &w->popts.nerrnos);
	case O_CALLS: return parse_calls(arg, &w->popts.calls);
	case O_MAX_NTH: return (w->popts.max_nth = parse_pos(arg, 1000000, "--max-nth")) < 0 ? -1 : 0;
	case O_SHARD: return parse_shard(arg, &w->popts.shard_k, &w->popts.shard_n);
	case O_STRICT: w->strict = 1; return 0;
	case O_STRICT_LEAKS: w->strict_leaks = 1; return 0;
	default:
		if (!strcmp(arg, "json") || !strcmp(arg, "html")) {
			w->writer = &sweep_json;
			w->html = arg[0] == 'h'; /* the JSON, rendered by report_cmd.c */
		} else if (strcmp(arg, "tap")) {
			sf_error("sweep: bad --format '%s': expected tap, json or html", arg);
			return -1;
		}
		return 0;
	}
}

/* Options and checks before any run: 0, or the exit status (help: 0). */
static int sweep_setup(struct sweep *w, struct sweep_args *a, int argc, char **argv, int *status)
{
	struct sf_common_opts co = {.jobs = sf_default_jobs(), .timeout = 10};
	char err[512];
	w->all_ok = 1;
	w->background = sf_env("SHMFAULT");
	w->personality = sf_env("SHMFAULT_PERSONALITY");
	w->limits = sf_env("SHMFAULT_LIMITS");
	w->writer = &sweep_tap;
	w->popts = (struct sf_plan_opts){.calls = SF_ALL_CALLS, .max_nth = 50, .errnos = a->errnos, .shard_k = 1, .shard_n = 1};
	int rc = sf_opts_parse(&sf_sweep_spec, argc, argv, &co, sweep_opt, a);
	*status = rc == SF_OPTS_HELP ? 0 : 2;
	if (rc != SF_OPTS_GO)
		return -1;
	if (optind >= argc) {
		sf_error("sweep: no command given (shmfault sweep [OPTIONS] -- CMD [ARG]...)");
		return -1;
	}
	w->argv = argv + optind;
	w->jobs = co.jobs;
	w->timeout = co.timeout;
	struct sf_launch l = {.rules = w->background, .personality = w->personality, .limits = w->limits};
	if (sf_launch_validate(&l, err, sizeof err) < 0 || sf_launch_check_target(w->argv[0], err, sizeof err) < 0) {
		sf_error("%s", err);
		return -1;
	}
	w->out = stdout;
	if (co.output && !(w->out = fopen(co.output, "we"))) {
		sf_error("sweep: cannot write '%s': %s", co.output, strerror(errno));
		return -1;
	}
	if (w->html && !(w->out = sf_html_stream(w->out)))
		return -1;
	w->progress = isatty(2);
	return 0;
}

static void sweep_end(struct sweep *w)
{
	fflush(w->out);
	if (w->out != stdout)
		fclose(w->out);
	for (int k = 0; w->cases && k < w->plan.ncases; k++)
		sf_outcome_free(&w->cases[k].out);
	free(w->cases);
	sf_plan_free(&w->plan);
}

int sf_cmd_sweep(int argc, char **argv)
{
	struct sweep w;
	struct sweep_args a = {.w = &w};
	struct sf_jrec *recs;
	long nrec;
	int status;
	memset(&w, 0, sizeof w);
	if (sweep_setup(&w, &a, argc, argv, &status) < 0)
		return status;
	if (sweep_baseline(&w, &recs, &nrec, &status)) {
		sweep_end(&w);
		return status;
	}
	int planned = sf_plan_make(recs, nrec, &w.popts, &w.plan);
	free(recs);
	if (planned < 0)
		abort();
	w.writer->header(&w);
	fflush(w.out);
	if (sweep_run(&w) < 0) {
		char why[64];
		snprintf(why, sizeof why, "interrupted by %s", sf_signal_name(sf_pool_signal));
		w.writer->interrupted(&w, why);
		sweep_end(&w);
		return 128 + sf_pool_signal;
	}
	w.writer->footer(&w);
	sweep_end(&w);
	return w.all_ok ? 0 : 1;
}
