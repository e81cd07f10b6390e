/* case_file.c: see case_file.h. */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "case_file.h"
#include "classify.h"
#include "diag.h"
#include "intended.h"
#include "launch.h"
#include "options.h"
#include "target.h"

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

/* One line of an expected/ outcome file (class, stderr, stdout, notes). */
static int expected_key(struct sf_scenario *c, const char *k, const char *v, const char *path, int lineno,
			char *err, size_t errlen)
{
	if (!strcmp(k, "class") || !strcmp(k, "expect"))
		set(&c->expect, v);
	else if (!strcmp(k, "stderr") || !strcmp(k, "stdout")) {
		if (c->npat < SF_CASE_MAX_PATTERNS) {
			c->on_stdout[c->npat] = k[3] == 'o';
			c->stderr_re[c->npat++] = strdup(v);
		}
	} else if (!strcmp(k, "notes") || !strcmp(k, "note")) {
		if (!c->notes)
			set(&c->notes, v);
	} else {
		snprintf(err, errlen, "case: %.200s:%d: unknown key '%.200s' (class, stderr, stdout, notes)", path, lineno, k);
		return -1;
	}
	return 0;
}

/* One "key: value" line of a scenario file. 0, or -1 with err. */
static int case_key(struct sf_scenario *c, const char *k, const char *v, const char *path, int lineno, char *err,
		    size_t errlen)
{
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
	else if (!strcmp(k, "kept")) set(&c->kept, v);
	else if (!strcmp(k, "stderr") || !strcmp(k, "stdout")) {
		if (c->npat == SF_CASE_MAX_PATTERNS) {
			snprintf(err, errlen, "case: %.200s:%d: more than %d stderr/stdout patterns", path, lineno,
				 SF_CASE_MAX_PATTERNS);
			return -1;
		}
		c->on_stdout[c->npat] = k[3] == 'o';
		c->stderr_re[c->npat++] = strdup(v);
	} else if (!strcmp(k, "timeout")) {
		if (sf_parse_timeout(v, &c->timeout) < 0) {
			snprintf(err, errlen, "case: %.200s:%d: bad timeout '%.200s': expected seconds > 0", path, lineno, v);
			return -1;
		}
	} else {
		snprintf(err, errlen,
			 "case: %.200s:%d: unknown key '%.200s' (description, program, setup, rules, personality, limits, "
			 "options, stdin, timeout, user, expect, expected, stderr, stdout, notes, requires, reached, kept)",
			 path, lineno, k);
		return -1;
	}
	return 0;
}

/* Parse "key: value" lines of path into c (keys: see docs/cases.md).
 * expected_only: the file is an expected/ outcome file (class, stderr, notes).
 * 0, or -1 with one line in err. */
static int parse(const char *path, struct sf_scenario *c, int expected_only, char *err, size_t errlen)
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
		rc = expected_only ? expected_key(c, k, v, path, lineno, err, errlen)
				   : case_key(c, k, v, path, lineno, err, errlen);
		if (rc < 0)
			break;
	}
	free(line);
	fclose(f);
	return rc;
}

void sf_scenario_free(struct sf_scenario *c)
{
	char **f[] = {&c->description, &c->program, &c->setup,  &c->rules,         &c->personality,
		      &c->limits,      &c->options, &c->stdin_, &c->user,          &c->expect,
		      &c->expected_file, &c->notes, &c->requires, &c->reached, &c->kept};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
	for (int i = 0; i < c->npat; i++)
		free(c->stderr_re[i]);
	c->npat = 0;
}

/* A case expecting hung or not-reached passes whatever the program did
 * unless something shows it ran (issue 17): a stdout/stderr pattern, or, for
 * hung, "reached: true" (a rule fired). Without one the case is refused. */
static int confirm_check(const struct sf_scenario *c, char *err, size_t errlen)
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

static int validate(struct sf_scenario *c, char *err, size_t errlen)
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
	struct sf_intended in;
	char why[300];
	if (c->kept && sf_intended_parse(c->kept, &in, why, sizeof why) < 0) {
		snprintf(err, errlen, "case: %.200s: %s", c->file, why);
		return -1;
	}
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

const char *sf_scenario_missing(const struct sf_scenario *c, char *buf, size_t len)
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


const char *sf_case_top(void)
{
	return top;
}

int sf_case_find_top(void)
{
	char exe[PATH_MAX];
	const char *t = sf_env("SHMFAULT_TOP");
	if (t) {
		snprintf(top, sizeof top, "%s", t);
		return 0;
	}
	/* build/shmfault -> the repository top */
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n < 0)
		return -1;
	exe[n] = 0;
	for (int up = 0; up < 2; up++) {
		char *sl = strrchr(exe, '/');
		if (sl)
			*sl = 0;
	}
	snprintf(top, sizeof top, "%s", exe[0] ? exe : "/");
	return 0;
}

int sf_scenario_load(const char *path, struct sf_scenario *c, char *err, size_t errlen)
{
	snprintf(c->file, sizeof c->file, "%s", path);
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	snprintf(c->name, sizeof c->name, "%s", b);
	size_t bl = strlen(c->name);
	if (bl > 2 && !strcmp(c->name + bl - 2, ".t"))
		c->name[bl - 2] = 0;
	return parse(path, c, 0, err, errlen) < 0 || validate(c, err, errlen) < 0 ? -1 : 0;
}
