/* case_run.c: one scenario of `shmfault case`, run and reported: its state
 * and scratch directory, the script (setup, then the program), the run
 * through the outcome layer, the planted segments set apart, the TAP test
 * with its YAML, one more test per stderr/stdout pattern. */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case_run.h"
#include "diag.h"
#include "intended.h"
#include "launch.h"
#include "outcome.h"
#include "report.h"
#include "summary.h"
#include "unfired.h"

#define TAIL_LINES 10
#define MAX_PLANTED 64

/* A scenario while it runs. */
struct scenario_run {
	char dir[PATH_MAX], casedir[PATH_MAX + 16], state[PATH_MAX];
	char **base, **env;
	char optenv[600], direnv[PATH_MAX + 32];
	struct sf_str script;
	double timeout;
	struct sf_job job;
	struct sf_outcome out; /* out.tail unused: the job's */
	char why[300];         /* the error, when the outcome is one */
	struct sf_segment planted[MAX_PLANTED];
	int nplanted;
	char otail[SF_TAIL];   /* the program's stdout: its last bytes */
	size_t olen, o0, t0;
	long long obytes;
	char unfired[2048];    /* YAML list items: rules that never fired */
};

/* The script run in the sandbox: setup without the interposer, record the
 * segments that exist then (planted), then exec the program (as user). Also
 * the reproduction command's argument: it sets its own defaults. */
static void build_script(const struct sf_scenario *c, struct sf_str *s)
{
	sf_str_add(s, "cd ");
	sf_shell_quote(s, sf_case_top());
	sf_str_add(s, " || exit 125; export CASE_TOP=\"$PWD\"; : \"${CASE_DIR:=$(mktemp -d)}\"; export CASE_DIR; "
		      "PATH=\"$CASE_TOP/cases/bin:$PATH\"; ");
	if (c->setup) {
		sf_str_add(s, "env -u LD_PRELOAD -u SHMFAULT -u SHMFAULT_STATE -u SHMFAULT_LOG -u SHMFAULT_PERSONALITY "
			      "-u SHMFAULT_LIMITS -u SHMFAULT_OPTIONS /bin/sh -ec ");
		sf_shell_quote(s, c->setup);
		sf_str_add(s, " </dev/null >\"$CASE_DIR/.setup.log\" 2>&1 || { st=$?; cat \"$CASE_DIR/.setup.log\" >&2; "
			      "echo \"shmfault case: setup failed (exit $st)\" >&2; exit 125; }; ");
	}
	sf_str_add(s, "awk 'NR>1{print $2}' /proc/sysvipc/shm >\"$CASE_DIR/.planted\"; "
		      "ls -A /dev/shm >\"$CASE_DIR/.planted_pshm\" 2>/dev/null; exec >\"$CASE_DIR/.stdout\"; ");
	if (c->stdin_) {
		char p[PATH_MAX * 2];
		snprintf(p, sizeof p, "%s/%s", sf_case_top(), c->stdin_);
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


/* The state file, the scratch directory, the environment and the script.
 * 0, or -1 with err. */
static int scenario_prepare(const struct sf_scenario *c, struct scenario_run *s, char *err, size_t errlen)
{
	struct sf_launch l = {.rules = c->rules, .personality = c->personality, .limits = c->limits};
	if (sf_launch_state(&l, s->dir, sizeof s->dir, err, errlen) < 0)
		return -1;
	snprintf(s->state, sizeof s->state, "%s", l.state_path);
	l.state_path = s->state;
	snprintf(s->casedir, sizeof s->casedir, "%s/case", s->dir);
	mkdir(s->casedir, 0777);
	if (c->user) {
		/* the program runs as another user: it must reach the state
		 * file and the scratch directory */
		chmod(s->dir, 0711);
		chmod(s->state, 0666);
		chmod(s->casedir, 01777);
	}
	s->base = sf_launch_env(&l);
	size_t n = 0, k = 0;
	while (s->base && s->base[n])
		n++;
	s->env = calloc(n + 4, sizeof *s->env);
	for (size_t i = 0; i < n; i++) {
		if (!strncmp(s->base[i], "SHMFAULT_OPTIONS=", 17) || !strncmp(s->base[i], "CASE_DIR=", 9))
			continue;
		s->env[k++] = s->base[i];
	}
	if (c->options) {
		snprintf(s->optenv, sizeof s->optenv, "SHMFAULT_OPTIONS=%s", c->options);
		s->env[k++] = s->optenv;
	}
	snprintf(s->direnv, sizeof s->direnv, "CASE_DIR=%s", s->casedir);
	s->env[k++] = s->direnv;
	s->env[k] = NULL;
	build_script(c, &s->script);
	s->timeout = c->timeout > 0 ? c->timeout : 10;
	return 0;
}

/* Whether POSIX leak l is a file of /dev/shm listed in FILE (the setup's
 * objects: "NAME" for /NAME, "sem.NAME" for a semaphore /NAME). */
static int pshm_was_planted(const struct sf_segment *l, const char *file)
{
	char want[SF_PSHM_NAME + 8], line[SF_PSHM_NAME + 8];
	if (l->kind == SF_LEAK_SEGMENT || !l->name[0])
		return 0;
	snprintf(want, sizeof want, "%s%s\n", l->kind == SF_LEAK_PSEM ? "sem." : "", l->name + 1);
	FILE *f = fopen(file, "re");
	int found = 0;
	while (f && !found && fgets(line, sizeof line, f))
		found = !strcmp(line, want);
	if (f)
		fclose(f);
	return found;
}

/* The segments and POSIX objects that existed before the program (the
 * setup's): not its leaks. They move from the result's list to s->planted.
 * Returns whether the setup ran (it writes the lists). */
static int set_planted_apart(struct scenario_run *s)
{
	char path[PATH_MAX + 32], ppath[PATH_MAX + 32];
	int ids[MAX_PLANTED], nids = 0, id;
	snprintf(path, sizeof path, "%s/.planted", s->casedir);
	snprintf(ppath, sizeof ppath, "%s/.planted_pshm", s->casedir);
	FILE *pf = fopen(path, "re");
	if (!pf)
		return 0;
	while (nids < MAX_PLANTED && fscanf(pf, "%d", &id) == 1)
		ids[nids++] = id;
	fclose(pf);
	struct sf_sandbox_result *r = &s->out.res;
	for (int i = 0; i < r->nleaked && i < SF_MAX_LEAKS;) {
		const struct sf_segment *l = &r->leaked[i];
		if (l->kind == SF_LEAK_SEGMENT ? !in_list(l->shmid, ids, nids) : !pshm_was_planted(l, ppath)) {
			i++;
			continue;
		}
		if (s->nplanted < MAX_PLANTED)
			s->planted[s->nplanted++] = r->leaked[i];
		memmove(&r->leaked[i], &r->leaked[i + 1],
			(size_t)((r->nleaked < SF_MAX_LEAKS ? r->nleaked : SF_MAX_LEAKS) - i - 1) * sizeof r->leaked[0]);
		r->nleaked--;
	}
	return 1;
}

/* The segments of kept: are the program's intended state, not leaks; the
 * rules that never fired, as YAML list items for the report. */
static void case_intended(const struct sf_scenario *c, struct scenario_run *s, const struct sf_state *st)
{
	char err[512];
	struct sf_intended in;
	struct sf_ruleset set;
	if (c->kept && sf_intended_parse(c->kept, &in, err, sizeof err) == 0)
		s->out.intended = sf_intended_discount(&s->out.res, &in);
	s->unfired[0] = 0;
	if (!c->rules || !st || sf_rules_parse(c->rules, &set, err, sizeof err) < 0)
		return;
	FILE *f = fmemopen(s->unfired, sizeof s->unfired, "w");
	if (!f)
		return;
	sf_unfired_print(f, "    - ", st, &set, sf_env("FIU_ENABLE"));
	fclose(f);
}

/* The program's stdout went to $CASE_DIR/.stdout: its last bytes. */
static void read_stdout(struct scenario_run *s)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/.stdout", s->casedir);
	FILE *of = fopen(path, "re");
	if (!of)
		return;
	if (fseek(of, 0, SEEK_END) == 0 && (s->obytes = ftell(of)) > (long long)sizeof s->otail)
		fseek(of, s->obytes - (long long)sizeof s->otail, SEEK_SET);
	else
		rewind(of);
	s->olen = fread(s->otail, 1, sizeof s->otail, of);
	fclose(of);
	s->o0 = sf_tail_lines(s->otail, s->olen, TAIL_LINES);
}

/* Run the script; the outcome, its class (an error when the setup failed). */
static void scenario_execute(const struct sf_scenario *c, struct scenario_run *s)
{
	char err[256];
	char *argv[] = {"/bin/sh", "-c", s->script.s, "shmfault-case", NULL};
	int pr = sf_run_one(&s->job, argv, s->env, s->timeout, s->state);
	struct sf_state *st = sf_state_map(s->state, err, sizeof err);
	s->out.res = s->job.res;
	s->out.failed = s->job.failed || pr < 0;
	s->out.bytes = s->job.out_bytes;
	s->out.reached = !c->rules || (st && sf_fired_any(st));
	sf_exec_failure(&s->out.res, &s->out.failed, s->job.tail, s->job.tail_len);
	int setup_ran = set_planted_apart(s);
	case_intended(c, s, st);
	const struct sf_sandbox_result *r = &s->out.res;
	sf_outcome_classify(&s->out, st);
	if (!s->out.failed && r->started && !r->timed_out && !r->signaled && r->exited && r->status == 125 &&
	    !setup_ran) {
		s->out.cls = SF_ERROR;
		snprintf(s->why, sizeof s->why, "the setup failed");
	}
	if (st)
		munmap(st, sizeof *st);
	read_stdout(s);
	s->t0 = sf_tail_lines(s->job.tail, s->job.tail_len, TAIL_LINES);
}

static void yaml_scenario(FILE *out, const struct sf_scenario *c)
{
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
}

/* The command that runs this scenario again, as it ran. */
static void yaml_reproduce(FILE *out, const struct sf_scenario *c, const struct scenario_run *s)
{
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
	sf_str_addf(&opts, "%s--timeout %g", opts.n ? " " : "", s->timeout);
	char *rargv[] = {"/bin/sh", "-c", s->script.s, NULL};
	if (c->options) {
		sf_str_add(&repro, "SHMFAULT_OPTIONS=");
		sf_shell_quote(&repro, c->options);
		sf_str_add(&repro, " ");
	}
	sf_repro_command(&repro, opts.s, rargv);
	fputs("  reproduce: ", out);
	sf_yaml_str(out, repro.s);
	fputs("\n  ...\n", out);
	sf_str_free(&opts);
	sf_str_free(&repro);
}

/* The scenario's test: its line and its YAML. Returns whether it is ok. */
static int report_outcome(const struct sf_scenario *c, const struct scenario_run *s, int *testno, FILE *out)
{
	const struct sf_outcome *o = &s->out;
	const struct sf_sandbox_result *r = &o->res;
	const char *err = s->why[0] ? s->why : r->err;
	int ok = o->cls == sf_class_parse(c->expect) && (!c->reached || o->reached);
	char how[400];
	if (o->cls == SF_ERROR)
		snprintf(how, sizeof how, "%s", err);
	else
		sf_exit_words(r, 0, s->timeout, 0, how, sizeof how);
	fprintf(out, "%s %d - %s: %s (%s)%s%s\n", ok ? "ok" : "not ok", ++*testno, c->name, sf_class_name(o->cls), how,
		ok ? "" : "; expected ",
		ok ? "" : o->cls == sf_class_parse(c->expect) ? "a rule to fire (reached: true)" : c->expect);
	fputs("  ---\n", out);
	yaml_scenario(out, c);
	fprintf(out, "  class:\n    expected: %s\n    got: %s\n", c->expect, sf_class_name(o->cls));
	fprintf(out, "  reached: %s\n", o->reached ? "true" : "false");
	sf_yaml_exit(out, r, o->failed, s->timeout);
	if (o->cls == SF_ERROR)
		sf_yaml_error(out, err);
	fprintf(out, "  stderr_bytes: %llu\n", o->bytes);
	sf_yaml_text(out, "  ", "stderr_tail", s->job.tail + s->t0, s->job.tail_len - s->t0);
	fprintf(out, "  stdout_bytes: %lld\n", s->obytes < 0 ? 0 : s->obytes);
	sf_yaml_text(out, "  ", "stdout_tail", s->otail + s->o0, s->olen - s->o0);
	sf_yaml_leaks(out, "  ", r);
	sf_yaml_bypass(out, "  ", r);
	fprintf(out, "  planted:%s\n", s->nplanted ? "" : " []");
	for (int i = 0; i < s->nplanted; i++) {
		char d[SF_LEAK_DESC];
		sf_segment_describe(&s->planted[i], d, sizeof d);
		fputs("    - ", out);
		sf_yaml_str(out, d);
		fputc('\n', out);
	}
	if (c->kept)
		fprintf(out, "  kept: \"%s\"\n  intended_left: %d\n", c->kept, o->intended);
	if (s->unfired[0])
		fprintf(out, "  never_fired:\n%s", s->unfired);
	fprintf(out, "  rmid_failed_by_fault: %d\n", o->kept);
	fprintf(out, "  processes_killed: %d\n", r->leftovers);
	if (c->notes)
		yaml_opt(out, "notes", c->notes);
	yaml_reproduce(out, c, s);
	return ok;
}

/* One test per stderr/stdout pattern. Returns whether all matched. */
static int report_patterns(const struct sf_scenario *c, const struct scenario_run *s, int *testno, FILE *out)
{
	int all = 1;
	for (int i = 0; i < c->npat; i++) {
		regex_t re;
		const char *what = c->on_stdout[i] ? "stdout" : "stderr";
		char *text = c->on_stdout[i] ? strndup(s->otail, s->olen) : strndup(s->job.tail, s->job.tail_len);
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
				sf_yaml_text(out, "  ", "stdout_tail", s->otail + s->o0, s->olen - s->o0);
			else
				sf_yaml_text(out, "  ", "stderr_tail", s->job.tail + s->t0, s->job.tail_len - s->t0);
			fputs("  ...\n", out);
		}
		all &= m;
		free(text);
	}
	return all;
}

static void scenario_cleanup(struct scenario_run *s)
{
	sf_str_free(&s->script);
	free(s->env);
	sf_env_free(s->base);
	/* remove the scratch directory (the program's files too) */
	struct sf_str rm = {0};
	sf_str_add(&rm, "rm -rf ");
	sf_shell_quote(&rm, s->casedir);
	if (system(rm.s) != 0)
		sf_error("case: could not remove %s", s->casedir);
	sf_str_free(&rm);
	sf_launch_cleanup(s->dir);
}

int sf_scenario_run(const struct sf_scenario *c, int *testno, FILE *out)
{
	char skip[PATH_MAX + 64], err[512];
	if (sf_scenario_missing(c, skip, sizeof skip)) {
		fprintf(out, "ok %d - %s # SKIP %s\n", ++*testno, c->name, skip);
		for (int i = 0; i < c->npat; i++)
			fprintf(out, "ok %d - %s: stderr # SKIP %s\n", ++*testno, c->name, skip);
		return 1;
	}
	struct scenario_run *s = calloc(1, sizeof *s);
	if (!s || scenario_prepare(c, s, err, sizeof err) < 0) {
		fprintf(out, "not ok %d - %s: error\n  ---\n  error: ", ++*testno, c->name);
		sf_yaml_str(out, s ? err : "out of memory");
		fputs("\n  ...\n", out);
		free(s);
		return 0;
	}
	scenario_execute(c, s);
	int ok = report_outcome(c, s, testno, out);
	ok &= report_patterns(c, s, testno, out);
	fflush(out);
	scenario_cleanup(s);
	free(s);
	return ok;
}
