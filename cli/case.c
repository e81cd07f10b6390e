/* case.c: `shmfault case FILE...`: run declarative scenarios (cases/NAME.t) and
 * print TAP 13. A case names a program, a setup run inside the run's
 * namespaces without the interposer, rules, a personality, and the class it
 * expects (cli/classify.h), optionally stderr patterns. See docs/cases.md. */
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "classify.h"
#include "cli.h"
#include "launch.h"
#include "summary.h"
#include "sweep.h"
#include "target.h"

#define MAX_PATTERNS 8
#define TAIL_LINES 10
#define MAX_PLANTED 64

struct scase {
	char file[PATH_MAX];
	char name[256];
	char *description, *program, *setup, *rules, *personality, *limits, *options, *stdin_, *user;
	char *expect, *expected_file, *notes, *requires;
	char *reached; /* "true": a rule must have fired (confirm_check) */
	char *stderr_re[MAX_PATTERNS];
	int on_stdout[MAX_PATTERNS]; /* the pattern is for stdout */
	int npat;
	double timeout;
};

static char top[PATH_MAX];

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = 0;
	return s;
}

static void set(char **dst, const char *v)
{
	free(*dst);
	*dst = strdup(v);
}

/* Parse "key: value" lines of path into c (keys: see docs/cases.md).
 * expected_only: the file is an expected/ outcome file (class, stderr, notes).
 * 0, or -1 with one line in err. */
static int parse(const char *path, struct scase *c, int expected_only, char *err, size_t errlen)
{
	FILE *f = fopen(path, "re");
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, rc = 0;
	if (!f) {
		snprintf(err, errlen, "case: cannot read '%.200s': %.200s", path, strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		char *s = trim(line);
		/* the shell header: "#!/bin/sh" then the exec line */
		if (lineno == 1 && !strncmp(s, "#!", 2))
			continue;
		if (lineno == 2 && !strncmp(s, "exec ", 5))
			continue;
		if (!*s || *s == '#')
			continue;
		char *colon = strchr(s, ':');
		if (!colon || colon == s) {
			snprintf(err, errlen, "case: %.200s:%d: expected 'key: value', got '%.60s'", path, lineno, s);
			rc = -1;
			break;
		}
		*colon = 0;
		char *k = trim(s), *v = trim(colon + 1);
		if (!*v) {
			snprintf(err, errlen, "case: %.200s:%d: '%.200s' has no value", path, lineno, k);
			rc = -1;
			break;
		}
		if (expected_only) {
			if (!strcmp(k, "class") || !strcmp(k, "expect"))
				set(&c->expect, v);
			else if (!strcmp(k, "stderr") || !strcmp(k, "stdout")) {
				if (c->npat < MAX_PATTERNS) {
					c->on_stdout[c->npat] = k[3] == 'o';
					c->stderr_re[c->npat++] = strdup(v);
				}
			} else if (!strcmp(k, "notes") || !strcmp(k, "note")) {
				if (!c->notes)
					set(&c->notes, v);
			} else {
				snprintf(err, errlen, "case: %.200s:%d: unknown key '%.200s' (class, stderr, stdout, notes)", path, lineno, k);
				rc = -1;
				break;
			}
			continue;
		}
		if (!strcmp(k, "description")) set(&c->description, v);
		else if (!strcmp(k, "program")) set(&c->program, v);
		else if (!strcmp(k, "setup")) set(&c->setup, v);
		else if (!strcmp(k, "rules")) set(&c->rules, v);
		else if (!strcmp(k, "personality")) set(&c->personality, v);
		else if (!strcmp(k, "limits")) set(&c->limits, v);
		else if (!strcmp(k, "options")) set(&c->options, v);
		else if (!strcmp(k, "stdin")) set(&c->stdin_, v);
		else if (!strcmp(k, "user")) set(&c->user, v);
		else if (!strcmp(k, "expect")) set(&c->expect, v);
		else if (!strcmp(k, "expected")) set(&c->expected_file, v);
		else if (!strcmp(k, "notes")) set(&c->notes, v);
		else if (!strcmp(k, "requires")) set(&c->requires, v);
		else if (!strcmp(k, "reached")) set(&c->reached, v);
		else if (!strcmp(k, "stderr") || !strcmp(k, "stdout")) {
			c->on_stdout[c->npat] = k[3] == 'o';
			if (c->npat == MAX_PATTERNS) {
				snprintf(err, errlen, "case: %.200s:%d: more than %d stderr/stdout patterns", path, lineno, MAX_PATTERNS);
				rc = -1;
				break;
			}
			c->stderr_re[c->npat++] = strdup(v);
		} else if (!strcmp(k, "timeout")) {
			if (sf_parse_timeout(v, &c->timeout) < 0) {
				snprintf(err, errlen, "case: %.200s:%d: bad timeout '%.200s': expected seconds > 0", path, lineno, v);
				rc = -1;
				break;
			}
		} else {
			snprintf(err, errlen,
				 "case: %.200s:%d: unknown key '%.200s' (description, program, setup, rules, personality, limits, "
				 "options, stdin, timeout, user, expect, expected, stderr, stdout, notes, requires, reached)",
				 path, lineno, k);
			rc = -1;
			break;
		}
	}
	free(line);
	fclose(f);
	return rc;
}

static void scase_free(struct scase *c)
{
	char **f[] = {&c->description, &c->program, &c->setup,  &c->rules,         &c->personality,
		      &c->limits,      &c->options, &c->stdin_, &c->user,          &c->expect,
		      &c->expected_file, &c->notes, &c->requires, &c->reached};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
	for (int i = 0; i < c->npat; i++)
		free(c->stderr_re[i]);
	c->npat = 0;
}

static void cases_free(struct scase *cs, int n)
{
	for (int i = 0; i < n; i++)
		scase_free(&cs[i]);
	free(cs);
}

/* A case expecting hung or not-reached passes whatever the program did
 * unless something shows it ran (issue 17): a stdout/stderr pattern, or, for
 * hung, "reached: true" (a rule fired). Without one the case is refused. */
static int confirm_check(const struct scase *c, char *err, size_t errlen)
{
	if (c->reached && strcmp(c->reached, "true")) {
		snprintf(err, errlen, "case: %.200s: bad reached '%.60s' (only 'true')", c->file, c->reached);
		return -1;
	}
	enum sf_class want = sf_class_parse(c->expect);
	if (c->reached && want == SF_NOT_REACHED) {
		snprintf(err, errlen, "case: %.200s: 'reached: true' contradicts 'expect: not-reached'", c->file);
		return -1;
	}
	if ((want == SF_HUNG || want == SF_NOT_REACHED) && c->npat == 0 && !c->reached) {
		snprintf(err, errlen, "case: %.200s: expects %s with nothing to show the program ran: add a stdout:/stderr: "
			 "pattern%s", c->file, c->expect, want == SF_HUNG ? " or 'reached: true'" : "");
		return -1;
	}
	return 0;
}

static int validate(struct scase *c, char *err, size_t errlen)
{
	if (!c->program) {
		snprintf(err, errlen, "case: %.200s: no 'program:'", c->file);
		return -1;
	}
	if (c->expected_file) {
		char p[PATH_MAX * 2];
		snprintf(p, sizeof p, "%s%s%s", c->expected_file[0] == '/' ? "" : top, c->expected_file[0] == '/' ? "" : "/",
			 c->expected_file);
		if (parse(p, c, 1, err, errlen) < 0)
			return -1;
	}
	if (!c->expect) {
		snprintf(err, errlen, "case: %.200s: no 'expect:' (a class: recovered, failed-cleanly, silent-failure, crashed, "
			 "hung, leaked, not-reached)", c->file);
		return -1;
	}
	if (sf_class_parse(c->expect) == SF_NCLASSES) {
		snprintf(err, errlen, "case: %.200s: unknown class '%.200s' (recovered, failed-cleanly, silent-failure, crashed, "
			 "hung, leaked, not-reached, error)", c->file, c->expect);
		return -1;
	}
	for (int i = 0; i < c->npat; i++) {
		regex_t re;
		if (regcomp(&re, c->stderr_re[i], REG_EXTENDED | REG_NOSUB | REG_NEWLINE)) {
			snprintf(err, errlen, "case: %.200s: bad stderr pattern '%.200s'", c->file, c->stderr_re[i]);
			return -1;
		}
		regfree(&re);
	}
	if (confirm_check(c, err, errlen) < 0)
		return -1;
	struct sf_launch l = {0};
	l.rules = c->rules;
	l.personality = c->personality;
	l.limits = c->limits;
	if (sf_launch_validate(&l, err, errlen) < 0)
		return -1;
	if (c->options && strspn(c->options, "abcdefghijklmnopqrstuvwxyz-,") != strlen(c->options)) {
		snprintf(err, errlen, "case: %.200s: bad options '%.200s'", c->file, c->options);
		return -1;
	}
	if (c->user && strspn(c->user, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(c->user)) {
		snprintf(err, errlen, "case: %.200s: bad user '%.200s'", c->file, c->user);
		return -1;
	}
	return 0;
}

/* The script run in the sandbox: setup without the interposer, record the
 * segments that exist then (planted), then exec the program (as user). Also
 * the reproduction command's argument: it sets its own defaults. */
static void build_script(const struct scase *c, struct sf_str *s)
{
	sf_str_add(s, "cd ");
	sf_shell_quote(s, top);
	sf_str_add(s, " || exit 125; export CASE_TOP=\"$PWD\"; : \"${CASE_DIR:=$(mktemp -d)}\"; export CASE_DIR; "
		      "PATH=\"$CASE_TOP/cases/bin:$PATH\"; ");
	if (c->setup) {
		sf_str_add(s, "env -u LD_PRELOAD -u SHMFAULT -u SHMFAULT_STATE -u SHMFAULT_LOG -u SHMFAULT_PERSONALITY "
			      "-u SHMFAULT_LIMITS -u SHMFAULT_OPTIONS /bin/sh -ec ");
		sf_shell_quote(s, c->setup);
		sf_str_add(s, " </dev/null >\"$CASE_DIR/.setup.log\" 2>&1 || { st=$?; cat \"$CASE_DIR/.setup.log\" >&2; "
			      "echo \"shmfault case: setup failed (exit $st)\" >&2; exit 125; }; ");
	}
	sf_str_add(s, "awk 'NR>1{print $2}' /proc/sysvipc/shm >\"$CASE_DIR/.planted\"; exec >\"$CASE_DIR/.stdout\"; ");
	if (c->stdin_) {
		char p[PATH_MAX * 2];
		snprintf(p, sizeof p, "%s/%s", top, c->stdin_);
		if (access(p, R_OK) == 0) {
			sf_str_add(s, "exec <");
			sf_shell_quote(s, c->stdin_);
			sf_str_add(s, "; ");
		} else {
			sf_str_add(s, "exec <<'SHMFAULT_CASE_EOF'\n");
			sf_str_add(s, c->stdin_);
			sf_str_add(s, "\nSHMFAULT_CASE_EOF\n");
		}
	}
	sf_str_add(s, "eval \"exec ");
	if (c->user) {
		sf_str_add(s, "setpriv --reuid=");
		sf_str_add(s, c->user);
		sf_str_add(s, " --regid=");
		sf_str_add(s, c->user);
		sf_str_add(s, " --init-groups -- ");
	}
	sf_str_add(s, "\"");
	sf_shell_quote(s, c->program);
}

static void yaml_opt(FILE *out, const char *key, const char *v)
{
	fprintf(out, "  %s: ", key);
	if (v)
		sf_yaml_str(out, v);
	else
		fputs("~", out);
	fputc('\n', out);
}

static int in_list(int id, const int *ids, int n)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

struct one {
	struct sf_job *dst;
	char **argv, **env;
	double timeout;
	const char *state;
};

static int one_prepare(void *ctx, int i, struct sf_job *job)
{
	struct one *o = ctx;
	(void)i;
	job->argv = o->argv;
	job->envp = o->env;
	job->timeout = o->timeout;
	job->merge_stdout = 0;
	job->state_path = o->state;
	return 0;
}

static void one_done(void *ctx, int i, struct sf_job *job)
{
	struct one *o = ctx;
	(void)i;
	*o->dst = *job;
}

/* Why the case cannot run here (a missing program of requires:, a user
 * without root), or NULL. */
static const char *missing(const struct scase *c, char *buf, size_t len)
{
	if (c->user && geteuid() != 0) {
		snprintf(buf, len, "user: %.200s needs root", c->user);
		return buf;
	}
	if (!c->requires)
		return NULL;
	char *copy = strdup(c->requires), *save = NULL;
	const char *why = NULL;
	for (char *w = strtok_r(copy, " \t", &save); w && !why; w = strtok_r(NULL, " \t", &save)) {
		char path[PATH_MAX * 2];
		if (strchr(w, '/'))
			snprintf(path, sizeof path, "%s%s%s", w[0] == '/' ? "" : top, w[0] == '/' ? "" : "/", w);
		else if (sf_target_resolve(w, path, sizeof path) < 0)
			path[0] = 0;
		if (!path[0] || access(path, X_OK) < 0) {
			snprintf(buf, len, "%.200s is not installed", w);
			why = buf;
		}
	}
	free(copy);
	return why;
}

static int run_case(struct scase *c, int *testno, FILE *out)
{
	char skip[PATH_MAX + 64];
	if (missing(c, skip, sizeof skip)) {
		fprintf(out, "ok %d - %s # SKIP %s\n", ++*testno, c->name, skip);
		for (int i = 0; i < c->npat; i++)
			fprintf(out, "ok %d - %s: stderr # SKIP %s\n", ++*testno, c->name, skip);
		return 1;
	}
	char err[512], dir[PATH_MAX], casedir[PATH_MAX + 16], planted_path[PATH_MAX + 32];
	struct sf_launch l = {0};
	struct sf_str script = {0};
	int ok_all = 1;
	l.rules = c->rules;
	l.personality = c->personality;
	l.limits = c->limits;
	l.seed = 0;
	if (sf_launch_state(&l, dir, sizeof dir, err, sizeof err) < 0) {
		fprintf(out, "not ok %d - %s: error\n  ---\n  error: ", ++*testno, c->name);
		sf_yaml_str(out, err);
		fputs("\n  ...\n", out);
		return 0;
	}
	char state[PATH_MAX];
	snprintf(state, sizeof state, "%s", l.state_path);
	l.state_path = state;
	snprintf(casedir, sizeof casedir, "%s/case", dir);
	mkdir(casedir, 0777);
	if (c->user) {
		/* the program runs as another user: it must reach the state
		 * file and the scratch directory */
		chmod(dir, 0711);
		chmod(state, 0666);
		chmod(casedir, 01777);
	}
	char **base = sf_launch_env(&l);
	size_t n = 0;
	while (base && base[n])
		n++;
	char **env = calloc(n + 4, sizeof *env);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!strncmp(base[i], "SHMFAULT_OPTIONS=", 17) || !strncmp(base[i], "CASE_DIR=", 9))
			continue;
		env[k++] = base[i];
	}
	char optenv[600], direnv[PATH_MAX + 32];
	if (c->options) {
		snprintf(optenv, sizeof optenv, "SHMFAULT_OPTIONS=%s", c->options);
		env[k++] = optenv;
	}
	snprintf(direnv, sizeof direnv, "CASE_DIR=%s", casedir);
	env[k++] = direnv;
	env[k] = NULL;

	build_script(c, &script);
	char *argv[] = {"/bin/sh", "-c", script.s, "shmfault-case", NULL};
	struct sf_job job;
	memset(&job, 0, sizeof job);
	/* run through the pool: it drains stderr whatever its size */
	struct one ctx = {&job, argv, env, c->timeout > 0 ? c->timeout : 10, state};
	int pr = sf_pool_run(1, 1, one_prepare, one_done, &ctx);

	/* read the state: did a rule fire, which segments did a fault keep */
	struct sf_state *st = sf_state_map(state, err, sizeof err);
	int reached = 1;
	if (c->rules) {
		reached = 0;
		if (st)
			for (int r = 0; r < SF_MAX_RULES && !reached; r++)
				for (int cl = 0; cl < SF_NCALLS && !reached; cl++)
					for (int e = 0; e < SF_MAX_ERRNO; e++)
						if (st->fired[r][cl][e]) {
							reached = 1;
							break;
						}
	}
	int planted[MAX_PLANTED], nplanted = 0;
	snprintf(planted_path, sizeof planted_path, "%s/.planted", casedir);
	FILE *pf = fopen(planted_path, "re");
	int setup_ran = pf != NULL;
	if (pf) {
		int id;
		while (nplanted < MAX_PLANTED && fscanf(pf, "%d", &id) == 1)
			planted[nplanted++] = id;
		fclose(pf);
	}
	struct sf_sandbox_result *r = &job.res;
	struct sf_segment plantseg[MAX_PLANTED];
	int nps = 0;
	for (int i = 0; i < r->nleaked && i < SF_MAX_LEAKS;) {
		if (in_list(r->leaked[i].shmid, planted, nplanted)) {
			if (nps < MAX_PLANTED)
				plantseg[nps++] = r->leaked[i];
			memmove(&r->leaked[i], &r->leaked[i + 1],
				(size_t)((r->nleaked < SF_MAX_LEAKS ? r->nleaked : SF_MAX_LEAKS) - i - 1) * sizeof r->leaked[0]);
			r->nleaked--;
		} else
			i++;
	}
	/* leaked segments whose IPC_RMID the fault failed (kept by the fault:
	 * sf_classify_kept decides whether they count against the program) */
	int nkept = 0;
	if (st) {
		uint32_t nk = st->nkept < SF_MAX_KEPT ? st->nkept : SF_MAX_KEPT;
		for (int i = 0; i < r->nleaked && i < SF_MAX_LEAKS; i++)
			for (uint32_t q = 0; q < nk; q++)
				if (st->kept[q] == r->leaked[i].shmid) {
					nkept++;
					break;
				}
	}
	int failed = job.failed || pr < 0;
	enum sf_class got;
	char why[300] = "";
	if (!failed && r->started && !r->timed_out && !r->signaled && r->exited && r->status == 125 && !setup_ran) {
		got = SF_ERROR;
		snprintf(why, sizeof why, "the setup failed");
	} else
		got = sf_classify_kept(r, failed, reached, job.out_bytes, nkept);
	enum sf_class want = sf_class_parse(c->expect);
	int ok = got == want && (!c->reached || reached);
	char how[400];
	if (got == SF_ERROR)
		snprintf(how, sizeof how, "%s", why[0] ? why : r->err);
	else if (r->timed_out)
		snprintf(how, sizeof how, "timed out after %g s", ctx.timeout);
	else if (r->signaled)
		snprintf(how, sizeof how, "%s", sf_signal_name(r->signo));
	else
		snprintf(how, sizeof how, "exit %d", r->status);
	fprintf(out, "%s %d - %s: %s (%s)%s%s\n", ok ? "ok" : "not ok", ++*testno, c->name, sf_class_name(got), how,
		ok ? "" : "; expected ", ok ? "" : got == want ? "a rule to fire (reached: true)" : c->expect);
	ok_all &= ok;
	fputs("  ---\n", out);
	yaml_opt(out, "description", c->description);
	yaml_opt(out, "program", c->program);
	yaml_opt(out, "setup", c->setup);
	yaml_opt(out, "rules", c->rules);
	yaml_opt(out, "personality", c->personality);
	if (c->limits)
		yaml_opt(out, "limits", c->limits);
	if (c->options)
		yaml_opt(out, "options", c->options);
	if (c->user)
		yaml_opt(out, "user", c->user);
	if (c->expected_file)
		yaml_opt(out, "expected_file", c->expected_file);
	fprintf(out, "  class:\n    expected: %s\n    got: %s\n", c->expect, sf_class_name(got));
	fprintf(out, "  reached: %s\n", reached ? "true" : "false");
	if (r->timed_out)
		fprintf(out, "  timed_out: %g\n", ctx.timeout);
	else if (r->signaled)
		fprintf(out, "  signal: %s\n", sf_signal_name(r->signo));
	else if (r->started && !failed)
		fprintf(out, "  exit: %d\n", r->status);
	if (got == SF_ERROR) {
		fputs("  error: ", out);
		sf_yaml_str(out, why[0] ? why : r->err);
		fputc('\n', out);
	}
	fprintf(out, "  stderr_bytes: %llu\n", job.out_bytes);
	size_t t0 = sf_tail_lines(job.tail, job.tail_len, TAIL_LINES);
	sf_yaml_text(out, "  ", "stderr_tail", job.tail + t0, job.tail_len - t0);
	/* the program's stdout went to $CASE_DIR/.stdout: its last bytes */
	char otail[SF_TAIL], opath[PATH_MAX + 32];
	size_t olen = 0, o0 = 0;
	long long obytes = 0;
	snprintf(opath, sizeof opath, "%s/.stdout", casedir);
	FILE *of = fopen(opath, "re");
	if (of) {
		if (fseek(of, 0, SEEK_END) == 0 && (obytes = ftell(of)) > (long long)sizeof otail)
			fseek(of, obytes - (long long)sizeof otail, SEEK_SET);
		else
			rewind(of);
		olen = fread(otail, 1, sizeof otail, of);
		fclose(of);
		o0 = sf_tail_lines(otail, olen, TAIL_LINES);
	}
	fprintf(out, "  stdout_bytes: %lld\n", obytes < 0 ? 0 : obytes);
	sf_yaml_text(out, "  ", "stdout_tail", otail + o0, olen - o0);
	sf_yaml_leaks(out, "  ", r);
	char d[200];
	fprintf(out, "  planted:%s\n", nps ? "" : " []");
	for (int i = 0; i < nps; i++) {
		sf_segment_describe(&plantseg[i], d, sizeof d);
		fputs("    - ", out);
		sf_yaml_str(out, d);
		fputc('\n', out);
	}
	fprintf(out, "  rmid_failed_by_fault: %d\n", nkept);
	fprintf(out, "  processes_killed: %d\n", r->leftovers);
	if (c->notes)
		yaml_opt(out, "notes", c->notes);
	struct sf_str opts = {0}, repro = {0};
	if (c->rules) {
		sf_str_add(&opts, "-e ");
		sf_shell_quote(&opts, c->rules);
	}
	if (c->personality) {
		sf_str_add(&opts, opts.n ? " -p " : "-p ");
		sf_shell_quote(&opts, c->personality);
	}
	if (c->limits) {
		sf_str_add(&opts, opts.n ? " --limit " : "--limit ");
		sf_shell_quote(&opts, c->limits);
	}
	sf_str_addf(&opts, "%s--timeout %g", opts.n ? " " : "", ctx.timeout);
	char *rargv[] = {"/bin/sh", "-c", script.s, NULL};
	if (c->options) {
		struct sf_str pre = {0};
		sf_str_add(&pre, "SHMFAULT_OPTIONS=");
		sf_shell_quote(&pre, c->options);
		sf_str_add(&pre, " ");
		sf_str_add(&repro, pre.s);
		sf_str_free(&pre);
	}
	sf_repro_command(&repro, opts.s, rargv);
	fputs("  reproduce: ", out);
	sf_yaml_str(out, repro.s);
	fputs("\n  ...\n", out);
	sf_str_free(&opts);
	sf_str_free(&repro);

	for (int i = 0; i < c->npat; i++) {
		regex_t re;
		const char *what = c->on_stdout[i] ? "stdout" : "stderr";
		char *text = c->on_stdout[i] ? strndup(otail, olen) : strndup(job.tail, job.tail_len);
		int m = 0;
		if (text && !regcomp(&re, c->stderr_re[i], REG_EXTENDED | REG_NOSUB | REG_NEWLINE)) {
			m = regexec(&re, text, 0, NULL, 0) == 0;
			regfree(&re);
		}
		fprintf(out, "%s %d - %s: %s matches /%s/\n", m ? "ok" : "not ok", ++*testno, c->name, what, c->stderr_re[i]);
		if (!m) {
			fputs("  ---\n  pattern: ", out);
			sf_yaml_str(out, c->stderr_re[i]);
			fputc('\n', out);
			if (c->on_stdout[i])
				sf_yaml_text(out, "  ", "stdout_tail", otail + o0, olen - o0);
			else
				sf_yaml_text(out, "  ", "stderr_tail", job.tail + t0, job.tail_len - t0);
			fputs("  ...\n", out);
		}
		ok_all &= m;
		free(text);
	}
	fflush(out);
	if (st)
		munmap(st, sizeof *st);
	sf_str_free(&script);
	free(env);
	sf_env_free(base);
	/* remove the scratch directory (the program's files too) */
	struct sf_str rm = {0};
	sf_str_add(&rm, "rm -rf ");
	sf_shell_quote(&rm, casedir);
	if (system(rm.s) != 0)
		sf_error("case: could not remove %s", casedir);
	sf_str_free(&rm);
	sf_launch_cleanup(dir);
	return ok_all;
}

int sf_cmd_case(int argc, char **argv)
{
	char err[1024];
	int files = 0, testno = 0, all_ok = 1;
	char exe[PATH_MAX];
	const char *t = getenv("SHMFAULT_TOP");
	if (t && *t)
		snprintf(top, sizeof top, "%s", t);
	else {
		/* build/shmfault -> the repository top */
		ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		if (n < 0) {
			sf_error("case: cannot find the repository top (set SHMFAULT_TOP)");
			return 2;
		}
		exe[n] = 0;
		for (int up = 0; up < 2; up++) {
			char *sl = strrchr(exe, '/');
			if (sl)
				*sl = 0;
		}
		snprintf(top, sizeof top, "%s", exe[0] ? exe : "/");
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			puts("usage: shmfault case FILE...  (see docs/cases.md)");
			return 0;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			sf_error("case: unknown option '%s' (shmfault case FILE...)", argv[i]);
			return 2;
		}
		files++;
	}
	if (!files) {
		sf_error("case: no case file given (shmfault case FILE...)");
		return 2;
	}
	struct scase *cs = calloc((size_t)argc, sizeof *cs);
	if (!cs)
		return 2;
	int nc = 0;
	/* parse and check every file before running any */
	for (int i = 1; i < argc; i++) {
		struct scase *c = &cs[nc++];
		snprintf(c->file, sizeof c->file, "%s", argv[i]);
		const char *b = strrchr(argv[i], '/');
		b = b ? b + 1 : argv[i];
		snprintf(c->name, sizeof c->name, "%s", b);
		size_t bl = strlen(c->name);
		if (bl > 2 && !strcmp(c->name + bl - 2, ".t"))
			c->name[bl - 2] = 0;
		if (parse(argv[i], c, 0, err, sizeof err) < 0 || validate(c, err, sizeof err) < 0) {
			printf("TAP version 13\n1..0 # SKIP not run: bad case file\n");
			fflush(stdout);
			sf_error("%s", err);
			cases_free(cs, nc);
			return 2;
		}
	}
	printf("TAP version 13\n");
	for (int i = 0; i < nc; i++) {
		printf("# %s%s%s\n", cs[i].name, cs[i].description ? ": " : "", cs[i].description ? cs[i].description : "");
		fflush(stdout);
		all_ok &= run_case(&cs[i], &testno, stdout);
		if (sf_pool_signal) {
			printf("Bail out! interrupted by %s\n", sf_signal_name(sf_pool_signal));
			cases_free(cs, nc);
			return 128 + sf_pool_signal;
		}
	}
	printf("1..%d\n", testno);
	fflush(stdout);
	cases_free(cs, nc);
	return all_ok ? 0 : 1;
}
