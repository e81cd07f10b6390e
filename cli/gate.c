/* gate.c: `shmfault gate`: run CMD (typically a project's own test suite)
 * once under each personality, each in its own namespaces; one TAP test per
 * personality, ok when CMD exits 0; the YAML names the platform rules that
 * fired (from the log records with "by":"personality"). See docs/sweep.md. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "intended.h"
#include "jlog.h"
#include "launch.h"
#include "personalities.h"
#include "options.h"
#include "outcome.h"
#include "report.h"
#include "report_doc.h"
#include "gate.h"
#include "summary.h"
#include "unfired.h"

static int gate_prepare(void *ctx, int i, struct sf_job *job)
{
	struct gate *g = ctx;
	struct pers_run *c = &g->runs[i];
	struct sf_launch l = {0};
	char err[256];
	l.rules = g->background;
	l.personality = c->name;
	l.limits = sf_env("SHMFAULT_LIMITS");
	if (sf_launch_state(&l, c->dir, sizeof c->dir, err, sizeof err) < 0) {
		snprintf(job->res.err, sizeof job->res.err, "%s", err);
		c->dir[0] = 0;
		return -1;
	}
	snprintf(c->state, sizeof c->state, "%s", l.state_path);
	l.state_path = c->state;
	snprintf(c->log, sizeof c->log, "%s/log", c->dir);
	l.log = c->log;
	c->env = sf_launch_env(&l);
	job->argv = g->argv;
	job->envp = c->env;
	job->timeout = g->timeout;
	job->merge_stdout = 1;
	job->state_path = c->state;
	return 0;
}

static void read_firings(struct pers_run *c)
{
	struct sf_jrec *recs = NULL;
	long n = sf_jlog_read(c->log, &recs);
	int count[SF_NCALLS] = {0};
	c->ncalls = n;
	for (long i = 0; i < n; i++) {
		struct sf_jrec *r = &recs[i];
		int nth = ++count[r->call];
		if (strcmp(r->by, "personality"))
			continue;
		int k;
		for (k = 0; k < c->nfired; k++) {
			struct firing *f = &c->fired[k];
			if (!strcmp(f->rule, r->rule) && f->call == r->call && f->err == r->err &&
			    !strcmp(f->site, sf_jlog_site(r->site)))
				break;
		}
		if (k < c->nfired) {
			c->fired[k].times++;
			continue;
		}
		if (c->nfired == MAX_FIRED) {
			c->more_fired++;
			continue;
		}
		struct firing *f = &c->fired[c->nfired++];
		memset(f, 0, sizeof *f);
		snprintf(f->rule, sizeof f->rule, "%s", r->rule);
		snprintf(f->cmd, sizeof f->cmd, "%s", r->cmd);
		snprintf(f->site, sizeof f->site, "%s", sf_jlog_site(r->site));
		f->call = r->call;
		f->occurrence = nth;
		f->err = r->err;
		f->times = 1;
	}
	free(recs);
}

static void yaml_fired(FILE *out, const struct pers_run *c)
{
	fprintf(out, c->nfired ? "  fired:\n" : "  fired: []\n");
	for (int k = 0; k < c->nfired; k++) {
		const struct firing *f = &c->fired[k];
		char s[600];
		gate_sentence(c->name, f, s, sizeof s);
		fprintf(out, "    - rule: %s\n      call: %s\n", f->rule, sf_call_name(f->call));
		if (f->cmd[0])
			fprintf(out, "      cmd: %s\n", f->cmd);
		fprintf(out, "      occurrence: %d\n      site: ", f->occurrence);
		sf_yaml_str(out, f->site);
		fprintf(out, "\n      errno: %s\n      times: %u\n      what: ",
			f->err ? (sf_errno_name(f->err) ? sf_errno_name(f->err) : "?") : "~", f->times);
		sf_yaml_str(out, s);
		fputc('\n', out);
	}
	if (c->more_fired)
		fprintf(out, "  fired_not_listed: %d\n", c->more_fired);
}

static void yaml_reproduce(const struct gate *g, const struct pers_run *c)
{
	struct sf_str repro = {0};
	gate_repro(g, c, &repro);
	fprintf(g->out, "  reproduce: ");
	sf_yaml_str(g->out, repro.s);
	fprintf(g->out, "\n  ...\n");
	sf_str_free(&repro);
}

static void print_case(struct gate *g, int i)
{
	struct pers_run *c = &g->runs[i];
	const struct sf_sandbox_result *r = &c->out.res;
	FILE *out = g->out;
	int ok = gate_run_ok(c);
	char how[320], first[600], brief[600];
	sf_exit_words(r, c->out.failed, g->timeout, SF_WORDS_KILLED_BY | SF_WORDS_TIMEOUT_KILLED, how, sizeof how);
	first[0] = brief[0] = 0;
	if (c->nfired) {
		/* the first refusal names the case; a changed result otherwise */
		int k0 = 0;
		while (k0 < c->nfired && !c->fired[k0].err)
			k0++;
		if (k0 == c->nfired)
			k0 = 0;
		gate_sentence(c->name, &c->fired[k0], first, sizeof first);
		gate_sentence(NULL, &c->fired[k0], brief, sizeof brief);
	}
	if (ok)
		g->npassed++;
	else
		g->all_ok = 0;
	if (g->json) {
		gate_json_case(g, i, ok, first);
		sf_outcome_free(&c->out);
		return;
	}
	fprintf(out, "%s %d - %s: %s", ok ? "ok" : "not ok", i + 1, c->name, how);
	char unseen[1100];
	if (sf_bypass_unfaulted(r, unseen, sizeof unseen))
		fprintf(out, "; %s", unseen);
	else if (!ok && brief[0])
		fprintf(out, "; %s", brief);
	else if (c->nfired)
		fprintf(out, "; %d platform rule%s fired", c->nfired, c->nfired == 1 ? "" : "s");
	fprintf(out, "\n  ---\n  personality: %s\n", c->name);
	if (!sf_yaml_exit(out, r, c->out.failed, g->timeout))
		sf_yaml_error(out, r->err);
	fprintf(out, "  shm_calls: %ld\n", c->ncalls < 0 ? 0 : c->ncalls);
	if (first[0]) {
		fprintf(out, "  diagnostic: ");
		sf_yaml_str(out, first);
		fputc('\n', out);
	}
	yaml_fired(out, c);
	size_t t0 = sf_tail_lines(c->out.tail ? c->out.tail : "", c->out.tail_len, TAIL_LINES);
	fprintf(out, "  output_bytes: %llu\n", c->out.bytes);
	sf_yaml_text(out, "  ", "output_tail", c->out.tail + t0, c->out.tail_len - t0);
	sf_yaml_leaks(out, "  ", r);
	sf_yaml_bypass(out, "  ", r);
	if (g->intended.n)
		fprintf(out, "  intended_left: %d\n", c->out.intended);
	if (c->unfired[0])
		fprintf(out, "  never_fired:\n%s", c->unfired);
	yaml_reproduce(g, c);
	fflush(out);
	sf_outcome_free(&c->out);
}

/* The background rules (SHMFAULT) that never fired in this run. */
static void gate_unfired(const struct gate *g, struct pers_run *c)
{
	char err[512];
	struct sf_ruleset set;
	c->unfired[0] = 0;
	if (!g->background || sf_rules_parse(g->background, &set, err, sizeof err) < 0)
		return;
	struct sf_state *st = sf_state_map(c->state, err, sizeof err);
	FILE *f = st ? fmemopen(c->unfired, sizeof c->unfired, "w") : NULL;
	if (f) {
		sf_unfired_print(f, "    - ", st, &set, sf_env("FIU_ENABLE"));
		fclose(f);
	}
	if (st)
		munmap(st, sizeof *st);
}

/* The baseline of a gate: CMD once natively (no personality, the same
 * background rules). What it leaves is the program's intended state: a
 * personality's run has leaked only what it leaves beyond it. */
static void gate_baseline(struct gate *g)
{
	char err[256], dir[PATH_MAX], state[PATH_MAX];
	struct sf_launch l = {.rules = g->background, .limits = sf_env("SHMFAULT_LIMITS")};
	struct sf_job b;
	if (g->strict_leaks || sf_launch_state(&l, dir, sizeof dir, err, sizeof err) < 0)
		return;
	snprintf(state, sizeof state, "%s", l.state_path);
	l.state_path = state;
	char **env = sf_launch_env(&l);
	if (env && sf_run_one(&b, g->argv, env, g->timeout, state) == 0 && b.res.started && !b.failed &&
	    sf_intended_take(&g->intended, &b.res) == 0 && g->intended.n > 0 &&
	    sf_run_one(&b, g->argv, env, g->timeout, state) == 0 && b.res.started && !b.failed)
		sf_intended_second(&g->intended, &b.res); /* which keys are drawn anew */
	sf_launch_cleanup(dir);
	sf_env_free(env);
}

static void gate_done(void *ctx, int i, struct sf_job *job)
{
	struct gate *g = ctx;
	struct pers_run *c = &g->runs[i];
	sf_outcome_take(&c->out, job);
	c->out.intended = sf_intended_discount(&c->out.res, &g->intended);
	if (c->dir[0]) {
		gate_unfired(g, c);
		read_firings(c);
		unlink(c->log);
		sf_launch_cleanup(c->dir);
	}
	sf_env_free(c->env);
	c->env = NULL;
	c->done = 1;
	g->ndone++;
	if (g->progress) {
		fprintf(stderr, "\rshmfault gate: %d/%d personalities, last %s\033[K", g->ndone, g->n, c->name);
		fflush(stderr);
	}
	while (!sf_pool_signal && g->next_print < g->n && g->runs[g->next_print].done)
		print_case(g, g->next_print++);
}

enum { O_PERS = 'p', O_FORMAT = 'F', O_STRICT_LEAKS = 'K' };
static const struct sf_opt gate_opts[] = {
	{O_PERS, "personality", 'p', "NAME[,NAME...]|all", "the personalities to run CMD under (required)"},
	{SF_OPT_JOBS, "jobs", 'j', "N", "personalities at once (default: the online CPUs)"},
	{SF_OPT_TIMEOUT, "timeout", 0, "SEC", "kill a run after SEC seconds"},
	{SF_OPT_BACKEND, "backend", 0, "seccomp|preload|auto", "who decides the shm calls (default auto; env SHMFAULT_BACKEND): docs/backends.md"},
	{SF_OPT_OUTPUT, "output", 'o', "FILE", "write the report to FILE"},
	{O_FORMAT, "format", 0, "tap|json|html", "the report's format (default tap; html: one self-contained page)"},
	{O_STRICT_LEAKS, "strict-leaks", 0, NULL, "no native baseline run: every segment a run leaves is listed as leaked"},
	{SF_OPT_HELP, "help", 'h', NULL, "this help"},
	{0, NULL, 0, NULL, NULL},
};
static const struct sf_cmd_spec gate_spec = {"gate", "-p NAME[,NAME...]|all [options] -- CMD [ARGS...]", "gate: ",
					     gate_opts, 0};

static int gate_opt(void *ctx, int id, char *arg)
{
	struct gate *g = ctx;
	if (id == O_STRICT_LEAKS)
		g->strict_leaks = 1;
	else if (id == O_FORMAT) {
		if (strcmp(arg, "tap") && strcmp(arg, "json") && strcmp(arg, "html")) {
			sf_error("gate: bad --format '%s': expected tap, json or html", arg);
			return -1;
		}
		g->format = arg;
	} else
		g->plist = arg;
	return 0;
}

/* The personalities of -p, in the order given; "all" = every known one. */
static int gate_personalities(struct gate *g, const char *plist)
{
	int cap = sf_personality_count() + 64;
	g->runs = calloc((size_t)cap, sizeof *g->runs);
	if (!g->runs)
		return -1;
	for (const char *s = plist; *s;) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), s);
		if (n == 3 && !memcmp(s, "all", 3)) {
			for (int i = 0; i < sf_personality_count() && g->n < cap; i++)
				g->runs[g->n++].name = sf_personality_at(i)->name;
		} else {
			const struct sf_personality *p = n < sizeof name ? sf_personality_find(name) : NULL;
			if (!p) {
				sf_error("gate: unknown personality '%.*s' (known: %s)", (int)(n > 64 ? 64 : n), s,
					 sf_personality_names());
				return -1;
			}
			if (g->n < cap)
				g->runs[g->n++].name = p->name;
		}
		s += n + (comma != NULL);
	}
	if (!g->n) {
		sf_error("gate: no personality given");
		return -1;
	}
	return 0;
}

/* Options and checks: 0, or -1 with *status (help: 0). */
static int gate_setup(struct gate *g, int argc, char **argv, int *jobs, int *status)
{
	struct sf_common_opts co = {.jobs = sf_default_jobs()};
	char err[512];
	g->all_ok = 1;
	g->format = "tap";
	g->background = sf_env("SHMFAULT");
	int rc = sf_opts_parse(&gate_spec, argc, argv, &co, gate_opt, g);
	*status = rc == SF_OPTS_HELP ? 0 : 2;
	if (rc != SF_OPTS_GO)
		return -1;
	g->timeout = co.timeout;
	*jobs = co.jobs;
	const char *plist = g->plist;
	if (!plist) {
		sf_error("gate: no personality given (-p NAME[,NAME...] or -p all; known: %s)", sf_personality_names());
		return -1;
	}
	if (optind >= argc) {
		sf_error("gate: no command given (shmfault gate -p NAME[,NAME...] [OPTIONS] -- CMD [ARG]...)");
		return -1;
	}
	g->argv = argv + optind;
	if (gate_personalities(g, plist) < 0)
		return -1;
	struct sf_launch l = {.rules = g->background, .limits = sf_env("SHMFAULT_LIMITS")};
	if (sf_launch_validate(&l, err, sizeof err) < 0 || sf_launch_check_target(g->argv[0], err, sizeof err) < 0) {
		sf_error("%s", err);
		return -1;
	}
	g->out = stdout;
	if (co.output && !(g->out = fopen(co.output, "we"))) {
		sf_error("gate: cannot write '%s': %s", co.output, strerror(errno));
		return -1;
	}
	g->json = strcmp(g->format, "tap") != 0;
	if (!strcmp(g->format, "html") && !(g->out = sf_html_stream(g->out)))
		return -1;
	return 0;
}

static void gate_header(struct gate *g)
{
	if (g->json) {
		gate_json_header(g);
		return;
	}
	struct sf_str cmd = {0};
	for (int i = 0; g->argv[i]; i++) {
		if (i)
			sf_str_add(&cmd, " ");
		sf_shell_quote(&cmd, g->argv[i]);
	}
	fprintf(g->out, "TAP version 13\n# shmfault gate -- %s\n", cmd.s);
	if (g->intended.n) {
		char d[1024];
		sf_intended_describe(&g->intended, d, sizeof d);
		fprintf(g->out, "# baseline (native run, no personality) left %s: taken as the program's intended state "
			"(--strict-leaks: a leak)\n", d);
	}
	fprintf(g->out, "1..%d\n", g->n);
	fflush(g->out);
	sf_str_free(&cmd);
}

static void gate_footer(struct gate *g)
{
	if (g->json) {
		gate_json_footer(g);
		return;
	}
	fprintf(g->out, "# gate: %d of %d personalities passed", g->npassed, g->n);
	if (g->npassed < g->n) {
		fprintf(g->out, "; failed:");
		int k = 0;
		for (int i = 0; i < g->n; i++)
			if (!gate_run_ok(&g->runs[i]))
				fprintf(g->out, "%s %s", k++ ? "," : "", g->runs[i].name);
	}
	fputc('\n', g->out);
}

static void gate_end(struct gate *g)
{
	if (g->out) {
		fflush(g->out);
		if (g->out != stdout)
			fclose(g->out);
	}
	for (int i = 0; g->runs && i < g->n; i++)
		sf_outcome_free(&g->runs[i].out);
	free(g->runs);
}

int sf_cmd_gate(int argc, char **argv)
{
	struct gate g;
	int jobs, status;
	memset(&g, 0, sizeof g);
	if (gate_setup(&g, argc, argv, &jobs, &status) < 0) {
		gate_end(&g);
		return status;
	}
	if (sf_sandbox_probe() == SF_NS_HOST) {
		sf_error("cannot create private IPC namespaces (not root, and user namespaces are not allowed): "
			 "running in the host namespace, one personality at a time");
		jobs = 1;
	}
	g.progress = isatty(2);
	gate_baseline(&g);
	gate_header(&g);
	int stopped = sf_pool_run(g.n, jobs, gate_prepare, gate_done, &g) < 0 && sf_pool_signal;
	if (g.progress)
		fprintf(stderr, "\r\033[K");
	if (stopped) {
		char why[64];
		snprintf(why, sizeof why, "interrupted by %s", sf_signal_name(sf_pool_signal));
		if (g.json)
			gate_json_bail(&g, why);
		else
			fprintf(g.out, "Bail out! %s\n", why);
		gate_end(&g);
		return 128 + sf_pool_signal;
	}
	gate_footer(&g);
	int ok = g.all_ok;
	gate_end(&g);
	return ok ? 0 : 1;
}
