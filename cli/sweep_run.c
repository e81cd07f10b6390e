/* sweep_run.c: the sweep's cases through the pool, each in a lane whose
 * state file is reused; each case classified by the outcome layer and
 * handed to the writer as soon as every case before it is done. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "errnos.h"
#include "launch.h"
#include "report.h"
#include "summary.h"
#include "sweep.h"

const char *sweep_errno_name(int err, char *buf, size_t len)
{
	const char *en = sf_errno_name(err);
	if (en)
		return en;
	snprintf(buf, len, "%d", err);
	return buf;
}

/* Zero a state file between cases, keeping its header. */
static void state_reset(struct sf_state *st)
{
	uint64_t magic = st->magic, seed = st->seed;
	uint32_t version = st->version, size = st->size;
	memset(st, 0, sizeof *st);
	st->magic = magic;
	st->version = version;
	st->size = size;
	st->seed = seed;
}

/* The lane's state file: made on its first case, zeroed on the next ones. */
static int lane_ready(struct lane_state *ls, struct sf_job *job)
{
	char err[256];
	if (ls->st) {
		state_reset(ls->st);
		return 0;
	}
	struct sf_launch l = {0};
	if (sf_launch_state(&l, ls->dir, sizeof ls->dir, err, sizeof err) < 0) {
		snprintf(job->res.err, sizeof job->res.err, "%s", err);
		return -1;
	}
	snprintf(ls->path, sizeof ls->path, "%s", l.state_path);
	ls->st = sf_state_map(ls->path, err, sizeof err);
	if (!ls->st) {
		snprintf(job->res.err, sizeof job->res.err, "%s", err);
		sf_launch_cleanup(ls->dir);
		return -1;
	}
	return 0;
}

static int case_prepare(void *ctx, int i, struct sf_job *job)
{
	struct sweep *w = ctx;
	struct sweep_case *c = &w->cases[i];
	const struct sf_fault *f = &w->plan.faults[w->plan.first + i];
	const struct sf_occurrence *o = &w->plan.occs[f->occurrence];
	struct lane_state *ls = &w->lanes[job->slot];
	char num[16];
	c->lane = -1;
	snprintf(c->rules, sizeof c->rules, "%s:error=%s:when=%d%s%s", sf_call_name(o->call),
		 sweep_errno_name(f->err, num, sizeof num), o->nth, w->background ? ";" : "",
		 w->background ? w->background : "");
	if (lane_ready(ls, job) < 0)
		return -1;
	struct sf_launch l = {.rules = c->rules, .personality = w->personality, .limits = w->limits};
	l.state_path = ls->path;
	c->env = sf_launch_env(&l);
	if (!c->env) {
		snprintf(job->res.err, sizeof job->res.err, "out of memory");
		return -1;
	}
	c->lane = job->slot;
	job->argv = w->argv;
	job->envp = c->env;
	job->timeout = w->timeout;
	job->state_path = ls->path;
	return 0;
}

static void lanes_cleanup(struct sweep *w)
{
	for (int k = 0; k < w->nlanes; k++)
		if (w->lanes[k].st) {
			munmap(w->lanes[k].st, sizeof *w->lanes[k].st);
			sf_launch_cleanup(w->lanes[k].dir);
			w->lanes[k].st = NULL;
		}
	free(w->lanes);
	w->lanes = NULL;
}

static void what_words(const struct sweep *w, const struct sf_outcome *out, char *buf, size_t len)
{
	const struct sf_sandbox_result *r = &out->res;
	char how[256];
	sf_exit_words(r, out->failed, w->timeout, SF_WORDS_TIMEOUT_KILLED, how, sizeof how);
	char n[80];
	sf_leaks_count(r->leaked, r->nleaked, n, sizeof n);
	if (out->cls == SF_LEAKED)
		snprintf(buf, len, "%.200s, %.60s", how, n);
	else if (out->cls == SF_SILENT)
		snprintf(buf, len, "%s, nothing on stderr", how);
	else
		snprintf(buf, len, "%s", how);
}

/* Case n of the shard, to the writer; its tail is then freed. */
static void report_case(struct sweep *w, int n)
{
	struct sweep_case *c = &w->cases[n];
	const struct sf_fault *f = &w->plan.faults[w->plan.first + n];
	struct sweep_line l = {.c = c, .occurrence = &w->plan.occs[f->occurrence]};
	char ebuf[16];
	struct sf_str opts = {0}, repro = {0};
	l.call = sf_call_name(l.occurrence->call);
	l.ename = sweep_errno_name(f->err, ebuf, sizeof ebuf);
	l.ok = sf_class_ok(c->out.cls, w->strict);
	what_words(w, &c->out, l.what, sizeof l.what);
	if (!l.ok)
		w->all_ok = 0;
	w->counts[c->out.cls]++;
	sf_str_addf(&opts, "-e '%s:error=%s:when=%d'", l.call, l.ename, l.occurrence->nth);
	sf_repro_background(&opts, w->background);
	if (w->personality) {
		sf_str_add(&opts, " -p ");
		sf_shell_quote(&opts, w->personality);
	}
	if (c->out.cls == SF_HUNG)
		sf_str_addf(&opts, " --timeout %g", w->timeout);
	sf_repro_command(&repro, opts.s, w->argv);
	l.repro = repro.s;
	if (!c->out.tail)
		c->out.tail_len = 0;
	l.t0 = sf_tail_lines(c->out.tail ? c->out.tail : "", c->out.tail_len, SWEEP_TAIL_LINES);
	w->writer->one(w, n, &l);
	fflush(w->out);
	sf_str_free(&opts);
	sf_str_free(&repro);
	sf_outcome_free(&c->out);
}

static void progress(struct sweep *w, const char *last)
{
	if (!w->progress)
		return;
	fprintf(stderr, "\rshmfault sweep: %d/%d cases, last %s\033[K", w->ndone, w->plan.ncases, last);
	fflush(stderr);
}

static void case_done(void *ctx, int i, struct sf_job *job)
{
	struct sweep *w = ctx;
	struct sweep_case *c = &w->cases[i];
	const struct sf_fault *f = &w->plan.faults[w->plan.first + i];
	const struct sf_occurrence *o = &w->plan.occs[f->occurrence];
	const struct sf_state *st = c->lane >= 0 ? w->lanes[c->lane].st : NULL;
	sf_outcome_take(&c->out, job);
	c->out.reached = st ? sf_fired_call(st, o->call, f->err) : 0;
	c->out.intended = sf_intended_discount(&c->out.res, &w->intended);
	sf_outcome_classify(&c->out, st);
	sf_env_free(c->env);
	c->env = NULL;
	c->done = 1;
	w->ndone++;
	char name[64];
	snprintf(name, sizeof name, "%s#%d %s", sf_call_name(o->call), o->nth,
		 sf_errno_name(f->err) ? sf_errno_name(f->err) : "?");
	progress(w, name);
	while (!sf_pool_signal && w->next_print < w->plan.ncases && w->cases[w->next_print].done)
		report_case(w, w->next_print++);
}

int sweep_run(struct sweep *w)
{
	w->nlanes = w->jobs * SF_POOL_DEPTH;
	w->lanes = calloc((size_t)w->nlanes, sizeof *w->lanes);
	w->cases = calloc((size_t)w->plan.ncases + 1, sizeof *w->cases);
	if (!w->lanes || !w->cases)
		abort();
	int rc = w->plan.ncases > 0 ? sf_pool_run(w->plan.ncases, w->jobs, case_prepare, case_done, w) : 0;
	lanes_cleanup(w);
	if (w->progress)
		fprintf(stderr, "\r\033[K");
	return rc < 0 && sf_pool_signal ? -1 : 0;
}
