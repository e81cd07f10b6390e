/* outcome.c: see outcome.h. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outcome.h"
#include "tapout.h"

int sf_exec_failure(struct sf_sandbox_result *r, int *failed, const char *tail, size_t n)
{
	if (*failed || !r->started || !r->exited || (r->status != 126 && r->status != 127))
		return 0;
	size_t t0 = sf_tail_lines(tail ? tail : "", n, 1);
	int len = (int)(n - t0);
	while (len > 0 && tail[t0 + (size_t)len - 1] == '\n')
		len--;
	snprintf(r->err, sizeof r->err, "the command could not be executed (exit %d: %s)%s%.*s", r->status,
		 r->status == 127 ? "not found" : "not executable", len > 0 ? ": " : "", len > 200 ? 200 : len,
		 len > 0 ? tail + t0 : "");
	*failed = 1;
	return 1;
}

void sf_outcome_take(struct sf_outcome *o, const struct sf_job *job)
{
	o->res = job->res;
	o->failed = job->failed;
	o->bytes = job->out_bytes;
	o->tail = malloc(job->tail_len + 1);
	o->tail_len = 0;
	if (o->tail) {
		memcpy(o->tail, job->tail, job->tail_len);
		o->tail[job->tail_len] = 0;
		o->tail_len = job->tail_len;
	}
	sf_exec_failure(&o->res, &o->failed, job->tail, job->tail_len);
}

void sf_outcome_free(struct sf_outcome *o)
{
	free(o->tail);
	o->tail = NULL;
	o->tail_len = 0;
}

int sf_outcome_kept(const struct sf_sandbox_result *r, const struct sf_state *st)
{
	struct sf_sandbox_result copy = *r;
	return sf_discount_kept(&copy, st, NULL, 0);
}

void sf_outcome_classify(struct sf_outcome *o, const struct sf_state *st)
{
	o->kept = st ? sf_outcome_kept(&o->res, st) : 0;
	o->cls = sf_classify_kept(&o->res, o->failed, o->reached, o->bytes, o->kept);
}

int sf_fired_any(const struct sf_state *st)
{
	for (int r = 0; r < SF_MAX_RULES; r++)
		for (int cl = 0; cl < SF_NCALLS; cl++)
			for (int e = 0; e < SF_MAX_ERRNO; e++)
				if (st->fired[r][cl][e])
					return 1;
	return 0;
}

int sf_fired_call(const struct sf_state *st, enum sf_call call, int err)
{
	return st->fired[0][call][err < SF_MAX_ERRNO ? err : 0] > 0;
}

struct single {
	struct sf_job *dst;
	char *const *argv, *const *envp;
	double timeout;
	const char *state_path;
};

static int single_prepare(void *ctx, int i, struct sf_job *job)
{
	struct single *s = ctx;
	(void)i;
	job->argv = s->argv;
	job->envp = s->envp;
	job->timeout = s->timeout;
	job->merge_stdout = 0;
	job->state_path = s->state_path;
	return 0;
}

static void single_done(void *ctx, int i, struct sf_job *job)
{
	struct single *s = ctx;
	(void)i;
	*s->dst = *job;
}

int sf_run_one(struct sf_job *job, char *const *argv, char *const *envp, double timeout, const char *state_path)
{
	struct single s = {job, argv, envp, timeout, state_path};
	memset(job, 0, sizeof *job);
	return sf_pool_run(1, 1, single_prepare, single_done, &s);
}

const char *sf_signal_name(int sig)
{
	static char buf[32];
	const char *abbrev = sigabbrev_np(sig);
	if (abbrev)
		snprintf(buf, sizeof buf, "SIG%s", abbrev);
	else
		snprintf(buf, sizeof buf, "signal %d", sig);
	return buf;
}

void sf_exit_words(const struct sf_sandbox_result *r, int failed, double timeout, int flags, char *buf, size_t len)
{
	if (failed || !r->started)
		snprintf(buf, len, "%s", r->err);
	else if (r->timed_out)
		snprintf(buf, len, "timed out after %g s%s", timeout, flags & SF_WORDS_TIMEOUT_KILLED ? ", killed" : "");
	else if (r->signaled)
		snprintf(buf, len, "%s%s", flags & SF_WORDS_KILLED_BY ? "killed by " : "", sf_signal_name(r->signo));
	else
		snprintf(buf, len, "exit %d", r->status);
}
