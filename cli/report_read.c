/* report_read.c: the --format json documents of sweep and gate, read with
 * json-c into struct rp_report (report.h), the shards of one sweep merged.
 * json-c, not a reader of our own: nesting, \u escapes and numbers are its
 * job; and unlike jansson it accepts the raw non-UTF-8 bytes a program's
 * stderr may put in a string (the page escapes them, report_html.c). */
#include <json-c/json.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report_doc.h"

static void *keep(struct rp_report *r, size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	void **m = realloc(r->mem, (size_t)(r->nmem + 1) * sizeof *m);
	if (!p || !m)
		abort();
	r->mem = m;
	r->mem[r->nmem++] = p;
	return p;
}

void rp_note(struct rp_report *r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	const char **n = realloc(r->notes, (size_t)(r->nnotes + 1) * sizeof *n);
	char *copy = keep(r, strlen(buf) + 1, 1);
	if (!n)
		abort();
	memcpy(copy, buf, strlen(buf) + 1);
	r->notes = n;
	r->notes[r->nnotes++] = copy;
}

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;
	return o && json_object_object_get_ex(o, key, &v) ? v : NULL;
}

/* The string at key, or NULL (missing or null). */
static const char *str(json_object *o, const char *key)
{
	json_object *v = get(o, key);
	return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

static long long num(json_object *o, const char *key, long long dflt)
{
	json_object *v = get(o, key);
	return v && (json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_boolean))
		       ? json_object_get_int64(v)
		       : dflt;
}

static const char *const *strings(struct rp_report *r, json_object *a, int *n)
{
	*n = a && json_object_is_type(a, json_type_array) ? (int)json_object_array_length(a) : 0;
	const char **s = keep(r, (size_t)*n, sizeof *s);
	for (int i = 0; i < *n; i++) {
		const char *t = json_object_get_string(json_object_array_get_idx(a, (size_t)i));
		s[i] = t ? t : "";
	}
	return s;
}

static void outcome(struct rp_report *r, json_object *c, const char *bytes, const char *tail, struct rp_outcome *o)
{
	json_object *e = get(c, "exit");
	o->has_exit = e && json_object_is_type(e, json_type_int);
	o->exit = o->has_exit ? json_object_get_int(e) : 0;
	o->signal = str(c, "signal");
	o->timed_out = (int)num(c, "timed_out", 0);
	o->error = str(c, "error");
	o->out_bytes = num(c, bytes, 0);
	o->tail = (const char **)strings(r, get(c, tail), &o->ntail);
	json_object *l = get(c, "leaked");
	o->nleaked = l && json_object_is_type(l, json_type_array) ? (int)json_object_array_length(l) : 0;
	o->leaked = keep(r, (size_t)o->nleaked, sizeof *o->leaked);
	for (int i = 0; i < o->nleaked; i++) {
		json_object *s = json_object_array_get_idx(l, (size_t)i);
		struct rp_leak *k = &o->leaked[i];
		k->key = str(s, "key") ? str(s, "key") : "?";
		k->shmid = num(s, "shmid", -1);
		k->size = num(s, "size", -1);
		k->cpid = num(s, "creator_pid", -1);
		k->nattch = num(s, "nattch", -1);
		k->kind = str(s, "kind");
		k->name = str(s, "name") ? str(s, "name") : "?";
		k->mode = str(s, "mode") ? str(s, "mode") : "?";
		k->removed = (int)num(s, "removed", 1);
	}
	o->reproduce = str(c, "reproduce");
}

static int same_command(const struct rp_report *r, json_object *cmd)
{
	if ((int)json_object_array_length(cmd) != r->ncommand)
		return 0;
	for (int i = 0; i < r->ncommand; i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(cmd, (size_t)i)), r->command[i]))
			return 0;
	return 1;
}

static int add_sweep(struct rp_report *r, const char *name, json_object *d, json_object *cmd, char *err, size_t len)
{
	json_object *sh = get(d, "shard"), *cases = get(d, "cases");
	const char *bail = str(d, "bail_out"), *pers = str(d, "personality");
	int k = sh ? json_object_get_int(json_object_array_get_idx(sh, 0)) : 0;
	int n = sh ? json_object_get_int(json_object_array_get_idx(sh, 1)) : 0;
	if (!r->command)
		r->command = strings(r, cmd, &r->ncommand);
	else if (!same_command(r, cmd)) {
		snprintf(err, len, "report: %s: the sweep of another command than the first document's", name);
		return -1;
	}
	if (bail && sh)
		rp_note(r, "%s, shard %d/%d: Bail out! %s", name, k, n, bail);
	else if (bail)
		rp_note(r, "%s: Bail out! %s", name, bail);
	if (!sh && !cases)
		return 0; /* the baseline failed: nothing else in it */
	int other_pers = r->personality && pers ? strcmp(r->personality, pers) != 0 : r->personality != pers;
	if (r->nshards && (n != r->nshards || num(d, "total_cases", 0) != r->total_cases || other_pers)) {
		snprintf(err, len, "report: %s: shard %d/%d of another sweep (shards, cases or personality differ)", name, k, n);
		return -1;
	}
	r->nshards = n;
	r->personality = pers;
	r->total_cases = (int)num(d, "total_cases", 0);
	r->baseline_calls = num(get(d, "baseline"), "calls", 0);
	r->baseline_exit = (int)num(get(d, "baseline"), "exit", 0);
	int first = (int)num(d, "first_case", 1), m = cases ? (int)json_object_array_length(cases) : 0;
	struct rp_case *all = realloc(r->cases, (size_t)(r->ncases + m + 1) * sizeof *all);
	if (!all)
		abort();
	r->cases = all;
	for (int i = 0; i < m; i++) {
		json_object *c = json_object_array_get_idx(cases, (size_t)i);
		struct rp_case *x = &r->cases[r->ncases++];
		memset(x, 0, sizeof *x);
		x->n = first + (int)num(c, "n", i + 1) - 1;
		x->call = str(c, "call") ? str(c, "call") : "?";
		x->err = str(c, "errno") ? str(c, "errno") : "?";
		x->site = str(c, "site") ? str(c, "site") : "?";
		x->cls = str(c, "class") ? str(c, "class") : "?";
		x->occurrence = (int)num(c, "occurrence", 0);
		x->ok = (int)num(c, "ok", 0);
		x->reached = (int)num(c, "reached", 0);
		x->rmid_kept = (int)num(c, "rmid_failed_by_fault", 0);
		x->killed = (int)num(c, "processes_killed", 0);
		outcome(r, c, "stderr_bytes", "stderr_tail", &x->o);
	}
	return 0;
}

static int add_gate(struct rp_report *r, json_object *d, json_object *cmd)
{
	struct rp_gate *g = realloc(r->gates, (size_t)(r->ngates + 1) * sizeof *g);
	if (!g)
		abort();
	r->gates = g;
	g = &r->gates[r->ngates++];
	memset(g, 0, sizeof *g);
	g->command = strings(r, cmd, &g->ncommand);
	g->bail_out = str(d, "bail_out");
	json_object *runs = get(d, "personalities");
	g->nruns = runs ? (int)json_object_array_length(runs) : 0;
	g->runs = keep(r, (size_t)g->nruns, sizeof *g->runs);
	for (int i = 0; i < g->nruns; i++) {
		json_object *c = json_object_array_get_idx(runs, (size_t)i), *f = get(c, "fired");
		struct rp_run *x = &g->runs[i];
		x->personality = str(c, "personality") ? str(c, "personality") : "?";
		x->result = str(c, "result") ? str(c, "result") : "?";
		x->diagnostic = str(c, "diagnostic");
		x->ok = (int)num(c, "ok", 0);
		x->shm_calls = num(c, "shm_calls", 0);
		x->not_listed = (int)num(c, "fired_not_listed", 0);
		x->nfired = f ? (int)json_object_array_length(f) : 0;
		x->fired = keep(r, (size_t)x->nfired, sizeof *x->fired);
		for (int k = 0; k < x->nfired; k++) {
			json_object *e = json_object_array_get_idx(f, (size_t)k);
			struct rp_fired *y = &x->fired[k];
			y->rule = str(e, "rule") ? str(e, "rule") : "?";
			y->call = str(e, "call") ? str(e, "call") : "?";
			y->cmd = str(e, "cmd");
			y->site = str(e, "site") ? str(e, "site") : "?";
			y->err = str(e, "errno");
			y->what = str(e, "what");
			y->occurrence = (int)num(e, "occurrence", 0);
			y->times = (int)num(e, "times", 0);
		}
		outcome(r, c, "output_bytes", "output_tail", &x->o);
	}
	return 0;
}

int rp_add_json(struct rp_report *r, const char *name, const char *text, size_t len, char *err, size_t errlen)
{
	struct json_tokener *t = json_tokener_new();
	if (!t)
		abort();
	json_object *d = json_tokener_parse_ex(t, text, (int)len);
	enum json_tokener_error je = json_tokener_get_error(t);
	json_tokener_free(t);
	if (!d || je != json_tokener_success) {
		snprintf(err, errlen, "report: %s: not a JSON document (%s)", name, json_tokener_error_desc(je));
		json_object_put(d);
		return -1;
	}
	void **docs = realloc(r->docs, (size_t)(r->ndocs + 1) * sizeof *docs);
	if (!docs)
		abort();
	r->docs = docs;
	r->docs[r->ndocs++] = d;
	json_object *cmd = get(d, "command");
	const char *kind = str(d, "kind");
	int gate = kind && !strcmp(kind, "gate");
	if (!json_object_is_type(d, json_type_object) || !cmd || !json_object_is_type(cmd, json_type_array)) {
		snprintf(err, errlen, "report: %s: not the JSON of shmfault sweep or gate (no \"command\")", name);
		return -1;
	}
	if (r->ndocs > 1 && gate != r->gate) {
		snprintf(err, errlen, "report: %s: a %s among %s documents: one report is of sweeps or of gates",
			 name, gate ? "gate" : "sweep", r->gate ? "gate" : "sweep");
		return -1;
	}
	r->gate = gate;
	return gate ? add_gate(r, d, cmd) : add_sweep(r, name, d, cmd, err, errlen);
}

static int by_n(const void *a, const void *b)
{
	const struct rp_case *x = a, *y = b;
	return (x->n > y->n) - (x->n < y->n);
}

/* Sort the cases; say which ones no document holds, and those that ran
 * into an error or never reached their call. */
int rp_finish(struct rp_report *r, char *err, size_t errlen)
{
	if (r->gate)
		return 0;
	if (r->ncases)
		qsort(r->cases, (size_t)r->ncases, sizeof *r->cases, by_n);
	int expect = 1;
	for (int i = 0; i <= r->ncases; i++) {
		int n = i < r->ncases ? r->cases[i].n : r->total_cases + 1;
		if (i < r->ncases && i && n == r->cases[i - 1].n) {
			snprintf(err, errlen, "report: case %d is in two documents (a shard given twice?)", n);
			return -1;
		}
		if (n > expect && r->total_cases)
			rp_note(r, "cases %d..%d of %d are in no document given (a shard missing or interrupted)", expect,
				n - 1, r->total_cases);
		expect = n + 1;
	}
	int nr = 0;
	for (int i = 0; i < r->ncases; i++) {
		const struct rp_case *c = &r->cases[i];
		if (!strcmp(c->cls, "error"))
			rp_note(r, "case %d (%s#%d %s) could not run: %s", c->n, c->call, c->occurrence, c->err,
				c->o.error ? c->o.error : "no reason given");
		nr += !strcmp(c->cls, "not-reached");
	}
	if (nr)
		rp_note(r, "%d case%s never reached the faulted call (not-reached): the fault was not tested there", nr,
			nr == 1 ? "" : "s");
	return 0;
}

void rp_free(struct rp_report *r)
{
	for (int i = 0; i < r->ndocs; i++)
		json_object_put(r->docs[i]);
	for (int i = 0; i < r->nmem; i++)
		free(r->mem[i]);
	free(r->docs);
	free(r->mem);
	free(r->cases);
	free(r->gates);
	free(r->notes);
	memset(r, 0, sizeof *r);
}
