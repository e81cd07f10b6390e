/* options.c: see options.h. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "options.h"
#include "sandbox.h"

#define MAX_OPTS 32

void sf_opts_usage(const struct sf_cmd_spec *spec, FILE *out)
{
	fprintf(out, "usage: shmfault %s %s\n", spec->name, spec->usage);
	if (spec->opts[0].name)
		fputs("\noptions:\n", out);
	for (const struct sf_opt *o = spec->opts; o->name; o++) {
		char left[64];
		if (o->letter)
			snprintf(left, sizeof left, "-%c, --%s%s%s", o->letter, o->name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		if (strlen(left) > 28)
			fprintf(out, "  %s\n  %-28s %s\n", left, "", o->help);
		else
			fprintf(out, "  %-28s %s\n", left, o->help);
	}
	fputs("\nSee shmfault(1).\n", out);
}

/* getopt_long's tables, from ours. */
static int build_getopt(const struct sf_opt *opts, int permute, struct option *lo, char *so, size_t solen)
{
	size_t k = 0, s = 0;
	if (!permute)
		so[s++] = '+'; /* stop at the command: its options are its own */
	for (const struct sf_opt *o = opts; o->name; o++) {
		if (k == MAX_OPTS || s + 3 >= solen)
			return -1;
		lo[k++] = (struct option){o->name, o->arg ? required_argument : no_argument, NULL, o->id};
		if (o->letter) {
			so[s++] = o->letter;
			if (o->arg)
				so[s++] = ':';
		}
	}
	lo[k] = (struct option){0, 0, 0, 0};
	so[s] = 0;
	return 0;
}

static int common_opt(const struct sf_cmd_spec *spec, struct sf_common_opts *co, int id, char *arg)
{
	switch (id) {
	case SF_OPT_JOBS:
		if ((co->jobs = sf_parse_jobs(arg)) < 0) {
			sf_error("%sbad -j '%s': expected 1..1024", spec->errpfx, arg);
			return -1;
		}
		return 0;
	case SF_OPT_TIMEOUT:
		if (sf_parse_timeout(arg, &co->timeout) < 0) {
			sf_error("%sbad timeout '%s': expected seconds > 0", spec->errpfx, arg);
			return -1;
		}
		return 0;
	case SF_OPT_BACKEND:
		if ((sf_sandbox_backend = sf_backend_parse(arg)) < 0) {
			sf_error("%sbad --backend '%s': expected seccomp, preload or auto", spec->errpfx, arg);
			return -1;
		}
		return 0;
	default: co->output = arg; return 0;
	}
}

/* SHMFAULT_BACKEND, for the subcommands that have --backend (which wins). */
static int backend_env(const struct sf_cmd_spec *spec)
{
	const char *e = getenv("SHMFAULT_BACKEND");
	int has = 0;
	for (const struct sf_opt *o = spec->opts; o->name; o++)
		has |= o->id == SF_OPT_BACKEND;
	if (!has || !e || !*e)
		return 0;
	if ((sf_sandbox_backend = sf_backend_parse(e)) < 0) {
		sf_error("%sbad SHMFAULT_BACKEND '%s': expected seccomp, preload or auto", spec->errpfx, e);
		return -1;
	}
	return 0;
}

int sf_backend_parse(const char *s)
{
	static const char *const names[] = {"auto", "preload", "seccomp"}; /* enum sf_backend */
	for (int i = 0; i < 3; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

int sf_opts_parse(const struct sf_cmd_spec *spec, int argc, char **argv, struct sf_common_opts *co, sf_opt_fn fn,
		  void *ctx)
{
	struct option lo[MAX_OPTS + 1];
	char so[2 * MAX_OPTS + 2];
	int c;
	if (build_getopt(spec->opts, spec->operands_anywhere, lo, so, sizeof so) < 0)
		abort(); /* a table too long: a bug here, not the user's */
	optind = 1;
	if (backend_env(spec) < 0)
		return SF_OPTS_BAD;
	while ((c = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		if (c == '?' || c == ':')
			return SF_OPTS_BAD;
		if (c == SF_OPT_HELP) {
			sf_opts_usage(spec, stdout);
			return SF_OPTS_HELP;
		}
		int common = c == SF_OPT_JOBS || c == SF_OPT_TIMEOUT || c == SF_OPT_OUTPUT || c == SF_OPT_BACKEND;
		int rc = common ? common_opt(spec, co, c, optarg) : fn(ctx, c, optarg);
		if (rc < 0)
			return SF_OPTS_BAD;
	}
	return SF_OPTS_GO;
}

int sf_parse_timeout(const char *s, double *out)
{
	char *end;
	double t = strtod(s, &end);
	if (end == s || *end || !(t > 0) || t > 1e6)
		return -1;
	*out = t;
	return 0;
}

int sf_parse_jobs(const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	return *s && !*end && !errno && v >= 1 && v <= 1024 ? (int)v : -1;
}

int sf_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)(n > 1024 ? 1024 : n) : 1;
}
