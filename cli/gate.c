/* gate.c: `shmfault gate`: run CMD (typically a project's own test suite)
 * once under each personality, each in its own namespaces; one TAP test per
 * personality, ok when CMD exits 0; the YAML names the platform rules that
 * fired (from the log records with "by":"personality"). See docs/sweep.md. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "jlog.h"
#include "launch.h"
#include "personalities.h"
#include "report_doc.h"
#include "sweep.h"

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

struct gcase {
	const char *name;
	char dir[PATH_MAX];
	char state[PATH_MAX];
	char log[PATH_MAX + 8];
	char **env;
	int done, failed;
	struct sf_sandbox_result res;
	char *tail;
	size_t tail_len;
	unsigned long long bytes;
	struct firing fired[MAX_FIRED];
	int nfired, more_fired;
	long ncalls;
};

struct gate {
	char **argv;
	const char *background;
	double timeout;
	FILE *out;
	int json; /* --format json (or html: the JSON, rendered by report.c) */
	struct gcase *cases;
	int n, next_print, all_ok, npassed;
	int progress, ndone;
};

static const char *ordinal(int n, char *buf, size_t len)
{
	const char *suf = "th";
	if (n % 100 < 11 || n % 100 > 13)
		suf = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
	snprintf(buf, len, "%d%s", n, suf);
	return buf;
}

static const char *noun(const struct firing *f, char *buf, size_t len)
{
	switch (f->call) {
	case SF_SHMAT: return "attach";
	case SF_SHMDT: return "detach";
	case SF_SHMCTL:
		if (f->cmd[0]) {
			snprintf(buf, len, "shmctl(%s)", f->cmd);
			return buf;
		}
		return "shmctl";
	default: return sf_call_name(f->call);
	}
}

/* "aix: rule AX1 refused the 12th attach at writer main+0x1a2 with EMFILE" */
static void sentence(const char *pers, const struct firing *f, char *buf, size_t len)
{
	char ord[16], nb[40], site[256];
	sf_site_short(f->site, site, sizeof site);
	const char *en = f->err ? sf_errno_name(f->err) : NULL;
	if (f->err)
		snprintf(buf, len, "%s%srule %s refused the %s %s at %s with %s%s", pers ? pers : "", pers ? ": " : "", f->rule,
			 ordinal(f->occurrence, ord, sizeof ord), noun(f, nb, sizeof nb), site, en ? en : "?",
			 f->times > 1 ? " (and more)" : "");
	else
		snprintf(buf, len, "%s%srule %s changed the result of the %s %s at %s", pers ? pers : "", pers ? ": " : "", f->rule,
			 ordinal(f->occurrence, ord, sizeof ord), noun(f, nb, sizeof nb), site);
}

static int gate_prepare(void *ctx, int i, struct sf_job *job)
{
	struct gate *g = ctx;
	struct gcase *c = &g->cases[i];
	struct sf_launch l = {0};
	char err[256];
	l.rules = g->background;
	l.personality = c->name;
	l.limits = getenv("SHMFAULT_LIMITS");
	if (l.limits && !*l.limits)
		l.limits = NULL;
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

static void read_firings(struct gcase *c)
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

static void repro_of(const struct gate *g, const struct gcase *c, struct sf_str *repro)
{
	struct sf_str opts = {0};
	sf_str_add(&opts, "-p ");
	sf_shell_quote(&opts, c->name);
	if (g->background) {
		sf_str_addf(&opts, " -e '%s'", g->background); /* validated: no quote in a rule */
		if (strstr(g->background, "any") || strstr(g->background, "prob="))
			sf_str_add(&opts, " --seed 0"); /* the seed every run of ours uses */
	}
	if (g->timeout > 0)
		sf_str_addf(&opts, " --timeout %g", g->timeout);
	sf_repro_command(repro, opts.s, g->argv);
	sf_str_free(&opts);
}

/* The run's result in the page's words (report_gate_html.c): ok is "passed". */
static const char *result_of(const struct gcase *c)
{
	const struct sf_sandbox_result *r = &c->res;
	if (c->failed || !r->started)
		return "error";
	return r->timed_out ? "hung" : r->signaled ? "crashed" : r->status ? "failed" : "passed";
}

static void print_json(struct gate *g, int i, int ok, const char *first)
{
	struct gcase *c = &g->cases[i];
	const struct sf_sandbox_result *r = &c->res;
	FILE *out = g->out;
	fprintf(out, "%s\n  {\"n\":%d,\"personality\":", i ? "," : "", i + 1);
	sf_json_str(out, c->name);
	fprintf(out, ",\"result\":\"%s\",\"ok\":%s,\"exit\":", result_of(c), ok ? "true" : "false");
	if (c->failed || !r->started || r->timed_out || r->signaled)
		fputs("null", out);
	else
		fprintf(out, "%d", r->status);
	fprintf(out, ",\"signal\":");
	if (r->signaled && !r->timed_out)
		fprintf(out, "\"%s\"", sf_signal_name(r->signo));
	else
		fputs("null", out);
	fprintf(out, ",\"timed_out\":%s,\"error\":", r->timed_out ? "true" : "false");
	if (c->failed || !r->started)
		sf_json_str(out, r->err);
	else
		fputs("null", out);
	fprintf(out, ",\"shm_calls\":%ld,\"diagnostic\":", c->ncalls < 0 ? 0 : c->ncalls);
	if (first[0])
		sf_json_str(out, first);
	else
		fputs("null", out);
	fputs(",\"fired\":[", out);
	for (int k = 0; k < c->nfired; k++) {
		struct firing *f = &c->fired[k];
		char s[600];
		sentence(c->name, f, s, sizeof s);
		fprintf(out, "%s{\"rule\":", k ? "," : "");
		sf_json_str(out, f->rule);
		fprintf(out, ",\"call\":\"%s\",\"cmd\":", sf_call_name(f->call));
		if (f->cmd[0])
			sf_json_str(out, f->cmd);
		else
			fputs("null", out);
		fprintf(out, ",\"occurrence\":%d,\"site\":", f->occurrence);
		sf_json_str(out, f->site);
		fprintf(out, ",\"errno\":");
		if (f->err)
			sf_json_str(out, sf_errno_name(f->err) ? sf_errno_name(f->err) : "?");
		else
			fputs("null", out);
		fprintf(out, ",\"times\":%u,\"what\":", f->times);
		sf_json_str(out, s);
		fputc('}', out);
	}
	size_t t0 = sf_tail_lines(c->tail ? c->tail : "", c->tail_len, TAIL_LINES);
	fprintf(out, "],\"fired_not_listed\":%d,\"output_bytes\":%llu,\"output_tail\":", c->more_fired, c->bytes);
	sf_json_lines(out, c->tail + t0, c->tail_len - t0);
	fputs(",\"leaked\":", out);
	sf_json_leaks(out, r);
	struct sf_str repro = {0};
	repro_of(g, c, &repro);
	fputs(",\"reproduce\":", out);
	sf_json_str(out, repro.s);
	fputc('}', out);
	fflush(out);
	sf_str_free(&repro);
}

static void print_case(struct gate *g, int i)
{
	struct gcase *c = &g->cases[i];
	const struct sf_sandbox_result *r = &c->res;
	FILE *out = g->out;
	int ok = !c->failed && r->started && !r->timed_out && !r->signaled && r->status == 0;
	char how[320], first[600], brief[600];
	if (c->failed || !r->started)
		snprintf(how, sizeof how, "%s", r->err);
	else if (r->timed_out)
		snprintf(how, sizeof how, "timed out after %g s, killed", g->timeout);
	else if (r->signaled)
		snprintf(how, sizeof how, "killed by %s", sf_signal_name(r->signo));
	else
		snprintf(how, sizeof how, "exit %d", r->status);
	first[0] = brief[0] = 0;
	if (c->nfired) {
		/* the first refusal names the case; a changed result otherwise */
		int k0 = 0;
		while (k0 < c->nfired && !c->fired[k0].err)
			k0++;
		if (k0 == c->nfired)
			k0 = 0;
		sentence(c->name, &c->fired[k0], first, sizeof first);
		sentence(NULL, &c->fired[k0], brief, sizeof brief);
	}
	if (ok)
		g->npassed++;
	else
		g->all_ok = 0;
	if (g->json) {
		print_json(g, i, ok, first);
		free(c->tail);
		c->tail = NULL;
		return;
	}
	fprintf(out, "%s %d - %s: %s", ok ? "ok" : "not ok", i + 1, c->name, how);
	if (!ok && brief[0])
		fprintf(out, "; %s", brief);
	else if (c->nfired)
		fprintf(out, "; %d platform rule%s fired", c->nfired, c->nfired == 1 ? "" : "s");
	fprintf(out, "\n  ---\n  personality: %s\n", c->name);
	if (r->timed_out)
		fprintf(out, "  timed_out: %g\n", g->timeout);
	else if (r->signaled)
		fprintf(out, "  signal: %s\n", sf_signal_name(r->signo));
	else if (r->started && !c->failed)
		fprintf(out, "  exit: %d\n", r->status);
	else {
		fprintf(out, "  error: ");
		sf_yaml_str(out, r->err);
		fputc('\n', out);
	}
	fprintf(out, "  shm_calls: %ld\n", c->ncalls < 0 ? 0 : c->ncalls);
	if (first[0]) {
		fprintf(out, "  diagnostic: ");
		sf_yaml_str(out, first);
		fputc('\n', out);
	}
	if (!c->nfired)
		fprintf(out, "  fired: []\n");
	else
		fprintf(out, "  fired:\n");
	for (int k = 0; k < c->nfired; k++) {
		struct firing *f = &c->fired[k];
		char s[600];
		sentence(c->name, f, s, sizeof s);
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
	size_t t0 = sf_tail_lines(c->tail ? c->tail : "", c->tail_len, TAIL_LINES);
	fprintf(out, "  output_bytes: %llu\n", c->bytes);
	sf_yaml_text(out, "  ", "output_tail", c->tail + t0, c->tail_len - t0);
	sf_yaml_leaks(out, "  ", r);
	struct sf_str repro = {0};
	repro_of(g, c, &repro);
	fprintf(out, "  reproduce: ");
	sf_yaml_str(out, repro.s);
	fprintf(out, "\n  ...\n");
	fflush(out);
	sf_str_free(&repro);
	free(c->tail);
	c->tail = NULL;
}

static void gate_done(void *ctx, int i, struct sf_job *job)
{
	struct gate *g = ctx;
	struct gcase *c = &g->cases[i];
	c->res = job->res;
	c->failed = job->failed;
	c->bytes = job->out_bytes;
	c->tail = malloc(job->tail_len + 1);
	if (c->tail) {
		memcpy(c->tail, job->tail, job->tail_len);
		c->tail[job->tail_len] = 0;
		c->tail_len = job->tail_len;
	}
	if (c->dir[0]) {
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
	while (!sf_pool_signal && g->next_print < g->n && g->cases[g->next_print].done)
		print_case(g, g->next_print++);
}

int sf_cmd_gate(int argc, char **argv)
{
	static const struct option opts[] = {
		{"personality", required_argument, 0, 'p'}, {"jobs", required_argument, 0, 'j'},
		{"timeout", required_argument, 0, 't'},     {"output", required_argument, 0, 'o'},
		{"format", required_argument, 0, 'F'},      {"help", no_argument, 0, 'h'},
		{0, 0, 0, 0},
	};
	struct gate g;
	char err[512];
	const char *plist = NULL, *outpath = NULL;
	int jobs = sf_default_jobs(), c, html = 0;
	memset(&g, 0, sizeof g);
	g.all_ok = 1;
	g.background = getenv("SHMFAULT");
	if (g.background && !*g.background)
		g.background = NULL;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+p:j:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': plist = optarg; break;
		case 'j':
			if ((jobs = sf_parse_jobs(optarg)) < 0) {
				sf_error("gate: bad -j '%s': expected 1..1024", optarg);
				return 2;
			}
			break;
		case 't':
			if (sf_parse_timeout(optarg, &g.timeout) < 0) {
				sf_error("gate: bad timeout '%s': expected seconds > 0", optarg);
				return 2;
			}
			break;
		case 'o': outpath = optarg; break;
		case 'F':
			g.json = !strcmp(optarg, "json") || (html = !strcmp(optarg, "html"));
			if (!g.json && strcmp(optarg, "tap")) {
				sf_error("gate: bad --format '%s': expected tap, json or html", optarg);
				return 2;
			}
			break;
		case 'h': execlp("man", "man", "shmfault", (char *)NULL); return 0;
		default: return 2;
		}
	}
	if (!plist) {
		sf_error("gate: no personality given (-p NAME[,NAME...] or -p all; known: %s)", sf_personality_names());
		return 2;
	}
	if (optind >= argc) {
		sf_error("gate: no command given (shmfault gate -p NAME[,NAME...] [OPTIONS] -- CMD [ARG]...)");
		return 2;
	}
	g.argv = argv + optind;
	/* the personalities, in the order given; "all" = every known one */
	int cap = sf_personality_count() + 64;
	g.cases = calloc((size_t)cap, sizeof *g.cases);
	if (!g.cases)
		return 2;
	for (const char *s = plist; *s;) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		if (n == 3 && !memcmp(s, "all", 3)) {
			for (int i = 0; i < sf_personality_count() && g.n < cap; i++)
				g.cases[g.n++].name = sf_personality_at(i)->name;
		} else {
			const struct sf_personality *p = NULL;
			for (int i = 0; i < sf_personality_count(); i++)
				if (strlen(sf_personality_at(i)->name) == n && !memcmp(sf_personality_at(i)->name, s, n))
					p = sf_personality_at(i);
			if (!p) {
				sf_error("gate: unknown personality '%.*s' (known: %s)", (int)(n > 64 ? 64 : n), s,
					 sf_personality_names());
				free(g.cases);
				return 2;
			}
			if (g.n < cap)
				g.cases[g.n++].name = p->name;
		}
		s += n + (comma != NULL);
	}
	if (!g.n) {
		sf_error("gate: no personality given");
		free(g.cases);
		return 2;
	}
	struct sf_launch l = {0};
	l.rules = g.background;
	l.limits = getenv("SHMFAULT_LIMITS");
	if (l.limits && !*l.limits)
		l.limits = NULL;
	if (sf_launch_validate(&l, err, sizeof err) < 0 || sf_launch_check_target(g.argv[0], err, sizeof err) < 0) {
		sf_error("%s", err);
		free(g.cases);
		return 2;
	}
	g.out = stdout;
	if (outpath && !(g.out = fopen(outpath, "we"))) {
		sf_error("gate: cannot write '%s': %s", outpath, strerror(errno));
		free(g.cases);
		return 2;
	}
	if (html && !(g.out = sf_html_stream(g.out))) {
		free(g.cases);
		return 2;
	}
	if (sf_sandbox_probe() == SF_NS_HOST) {
		sf_error("cannot create private IPC namespaces (not root, and user namespaces are not allowed): "
			 "running in the host namespace, one personality at a time");
		jobs = 1;
	}
	g.progress = isatty(2);
	struct sf_str cmd = {0};
	for (int i = 0; g.argv[i]; i++) {
		if (i)
			sf_str_add(&cmd, " ");
		sf_shell_quote(&cmd, g.argv[i]);
	}
	if (g.json) {
		fputs("{\"kind\":\"gate\",\"command\":[", g.out);
		for (int i = 0; g.argv[i]; i++) {
			fputs(i ? "," : "", g.out);
			sf_json_str(g.out, g.argv[i]);
		}
		fputs("],\"personalities\":[", g.out);
	} else
		fprintf(g.out, "TAP version 13\n# shmfault gate -- %s\n1..%d\n", cmd.s, g.n);
	fflush(g.out);
	sf_str_free(&cmd);
	int stopped = sf_pool_run(g.n, jobs, gate_prepare, gate_done, &g) < 0 && sf_pool_signal;
	if (g.progress)
		fprintf(stderr, "\r\033[K");
	if (stopped) {
		if (g.json)
			fprintf(g.out, "\n],\"bail_out\":\"interrupted by %s\",\"ok\":false}\n", sf_signal_name(sf_pool_signal));
		else
			fprintf(g.out, "Bail out! interrupted by %s\n", sf_signal_name(sf_pool_signal));
		fflush(g.out);
		if (g.out != stdout)
			fclose(g.out);
		free(g.cases);
		return 128 + sf_pool_signal;
	}
	if (g.json)
		fprintf(g.out, "\n],\"passed\":%d,\"total\":%d,\"ok\":%s}\n", g.npassed, g.n, g.all_ok ? "true" : "false");
	else
		fprintf(g.out, "# gate: %d of %d personalities passed", g.npassed, g.n);
	if (g.npassed < g.n && !g.json) {
		fprintf(g.out, "; failed:");
		int k = 0;
		for (int i = 0; i < g.n; i++) {
			const struct sf_sandbox_result *r = &g.cases[i].res;
			int ok = !g.cases[i].failed && r->started && !r->timed_out && !r->signaled && r->status == 0;
			if (!ok)
				fprintf(g.out, "%s %s", k++ ? "," : "", g.cases[i].name);
		}
	}
	if (!g.json)
		fputc('\n', g.out);
	fflush(g.out);
	if (g.out != stdout)
		fclose(g.out);
	free(g.cases);
	return g.all_ok ? 0 : 1;
}
