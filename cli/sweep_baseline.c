/* sweep_baseline.c: the sweep's first run, with no fault and the log on.
 * Its records are what the plan sweeps; a baseline that fails, leaks or
 * logs nothing stops the sweep (Bail out!) with the reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "launch.h"
#include "classify.h"
#include "summary.h"
#include "sweep.h"

/* Why the sweep cannot go on from this baseline, in reason (empty: it can). */
static void baseline_verdict(struct sweep *w, const struct sf_job *b, long nrec, char *reason, size_t len)
{
	const struct sf_sandbox_result *br = &b->res;
	char how[64], why[1100];
	reason[0] = 0;
	sf_exit_words(br, 0, w->timeout, SF_WORDS_KILLED_BY, how, sizeof how);
	if (b->failed || !br->started)
		snprintf(reason, len, "the baseline could not run: %s", br->err[0] ? br->err : "?");
	else if (br->timed_out)
		snprintf(reason, len, "the baseline (no fault) timed out after %g s", w->timeout);
	else if (br->signaled || br->status != 0) {
		size_t t0 = sf_tail_lines(b->tail, b->tail_len, 1);
		char last[200];
		snprintf(last, sizeof last, "%.*s", (int)(b->tail_len - t0), b->tail + t0);
		char *nl = strchr(last, '\n');
		if (nl)
			*nl = 0;
		snprintf(reason, len, "the baseline (no fault) failed: %s%s%s", how, last[0] ? ": " : "", last);
	} else if (sf_leaks_owned(br) > 0 && (w->strict_leaks || sf_intended_take(&w->intended, br) < 0)) {
		char d[SF_LEAK_DESC], n[80];
		sf_segment_describe(&br->leaked[0], d, sizeof d);
		sf_leaks_count(br->leaked, br->nleaked, n, sizeof n);
		snprintf(reason, len, "the baseline (no fault) leaked %s (%s%s)%s", n, d, br->nleaked > 1 ? ", ..." : "",
			 w->strict_leaks ? " (--strict-leaks)" : "");
	} else if (sf_bypass_unfaulted(br, why, sizeof why)) {
		/* never an empty or all-ok plan for calls it could not see */
		snprintf(reason, len, "the baseline's %s, so a sweep would miss them", why);
	} else if (nrec < 0)
		snprintf(reason, len, "the baseline wrote no log (is the program dynamically linked?)");
}

/* The baseline left segments: once more with no fault, to tell the keys
 * the program draws anew at every run (intended.h). */
static void baseline_again(struct sweep *w, char **env, const char *state, const char *log)
{
	struct sf_job b;
	if (w->intended.n > 0 && sf_run_one(&b, w->argv, env, w->timeout, state) == 0 && b.res.started && !b.failed)
		sf_intended_second(&w->intended, &b.res);
	unlink(log);
}

int sweep_baseline(struct sweep *w, struct sf_jrec **recs, long *nrec, int *status)
{
	char err[512], dir[PATH_MAX], state[PATH_MAX], log[PATH_MAX + 8], reason[1536];
	struct sf_launch l = {.rules = w->background, .personality = w->personality, .limits = w->limits};
	if (sf_launch_state(&l, dir, sizeof dir, err, sizeof err) < 0) {
		sf_error("sweep: %s", err);
		*status = 2;
		return 1;
	}
	snprintf(state, sizeof state, "%s", l.state_path);
	l.state_path = state;
	snprintf(log, sizeof log, "%s/log", dir);
	l.log = log;
	char **env = sf_launch_env(&l);
	if (!env) {
		sf_error("sweep: out of memory");
		*status = 2;
		return 1;
	}
	struct sf_job b;
	if (w->progress)
		fprintf(stderr, "shmfault sweep: baseline...");
	int interrupted = sf_run_one(&b, w->argv, env, w->timeout, state) < 0 && sf_pool_signal;
	if (w->progress)
		fprintf(stderr, "\r\033[K");
	sf_exec_failure(&b.res, &b.failed, b.tail, b.tail_len);
	*recs = NULL;
	*nrec = sf_jlog_read(log, recs);
	unlink(log);
	/* the baseline's sandbox tells which namespaces we can have */
	if (!b.failed && b.res.ns == SF_NS_HOST) {
		sf_error("cannot create private IPC namespaces (not root, and user namespaces are not allowed): "
			 "sweeping in the host namespace, one case at a time");
		w->jobs = 1;
	}
	snprintf(w->bypass, sizeof w->bypass, "%s", b.res.bypass_line);
	if (!sf_pshm_words(&b.res, w->dev_shm, sizeof w->dev_shm))
		w->dev_shm[0] = 0;
	if (interrupted)
		snprintf(reason, sizeof reason, "interrupted by %s", sf_signal_name(sf_pool_signal));
	else
		baseline_verdict(w, &b, *nrec, reason, sizeof reason);
	if (!reason[0])
		baseline_again(w, env, state, log);
	sf_launch_cleanup(dir);
	sf_env_free(env);
	if (!reason[0])
		return 0;
	w->writer->bail(w, reason);
	free(*recs);
	*recs = NULL;
	*status = interrupted ? 128 + sf_pool_signal : 1;
	return 1;
}
