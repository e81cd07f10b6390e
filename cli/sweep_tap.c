/* sweep_tap.c: the sweep's report in TAP 13, a YAML block per case. */
#include <stdio.h>

#include "jlog.h"
#include "report.h"
#include "sweep.h"

/* "#1..#8, #16, #20": the swept occurrences at o's site, up to o. */
static int swept_list(const struct sf_plan *p, int k, struct sf_str *sw)
{
	const struct sf_occurrence *o = &p->occs[k];
	int nsw = 0, run_start = -1, prev = -1;
	for (int m = 0; m <= k; m++) {
		const struct sf_occurrence *q = &p->occs[m];
		if (q->call != o->call || q->site != o->site || !sf_plan_swept(q))
			continue;
		nsw++;
		if (prev >= 0 && q->nth == prev + 1) {
			prev = q->nth;
			continue;
		}
		if (prev > run_start)
			sf_str_addf(sw, "..#%d, ", prev);
		else if (prev >= 0)
			sf_str_add(sw, ", ");
		sf_str_addf(sw, "#%d", q->nth);
		run_start = prev = q->nth;
	}
	if (prev > run_start)
		sf_str_addf(sw, "..#%d", prev);
	return nsw;
}

static void tap_sampled(struct sweep *w)
{
	const struct sf_plan *p = &w->plan;
	for (int k = 0; k < p->nocc; k++) {
		const struct sf_occurrence *o = &p->occs[k];
		if (!o->last || o->site_nth <= SF_FULL_PER_SITE)
			continue;
		struct sf_str sw = {0};
		int nsw = swept_list(p, k, &sw);
		fprintf(w->out, "# sampled: %s at %s: %d calls there, swept %s (%d of %d)\n", sf_call_name(o->call),
			sf_jlog_site(o->site), o->site_total, sw.s ? sw.s : "", nsw, o->site_total);
		sf_str_free(&sw);
	}
}

static void tap_header(struct sweep *w)
{
	const struct sf_plan *p = &w->plan;
	const struct sf_plan_opts *po = &w->popts;
	FILE *f = w->out;
	struct sf_str cmd = {0}, calls = {0};
	for (int i = 0; w->argv[i]; i++) {
		if (i)
			sf_str_add(&cmd, " ");
		sf_shell_quote(&cmd, w->argv[i]);
	}
	for (int cl = 0; cl < SF_NCALLS; cl++)
		if (p->count[cl])
			sf_str_addf(&calls, "%s%s %d", calls.n ? ", " : "", sf_call_name((enum sf_call)cl), p->count[cl]);
	fprintf(f, "TAP version 13\n# shmfault sweep -- %s\n", cmd.s);
	if (w->personality)
		fprintf(f, "# personality: %s\n", w->personality);
	fprintf(f, "# baseline: exit 0, %ld shm call%s%s%s%s\n", p->nrec, p->nrec == 1 ? "" : "s", calls.n ? " (" : "",
		calls.n ? calls.s : "", calls.n ? ")" : "");
	if (w->intended.n > 0) {
		char d[1024];
		sf_intended_describe(&w->intended, d, sizeof d);
		fprintf(f, "# baseline left %s: taken as the program's intended state (--strict-leaks: a leak)\n", d);
	}
	if (w->dev_shm[0]) /* issue 16: never silent */
		fprintf(f, "# %s\n", w->dev_shm);
	if (w->bypass[0]) /* issue 13: said, and swept through the kernel backend */
		fprintf(f, "# %s: swept through the kernel backend\n", w->bypass);
	for (int cl = 0; cl < SF_NCALLS; cl++)
		if (p->beyond[cl])
			fprintf(f, "# not swept: %s#%d..#%d (--max-nth %d)\n", sf_call_name((enum sf_call)cl),
				po->max_nth + 1, p->count[cl], po->max_nth);
	tap_sampled(w);
	fprintf(f, "# errnos: %s\n", po->nerrnos ? "from --errnos, where documented" : "documented");
	if (po->shard_n > 1)
		fprintf(f, "# shard %d/%d: cases %d..%d of %d\n", po->shard_k, po->shard_n, p->first + 1,
			p->first + p->ncases, p->total);
	if (p->ncases == 0)
		fprintf(f, "1..0 # SKIP no case to run (no selected shm call in the baseline, or an empty shard)\n");
	else
		fprintf(f, "1..%d\n", p->ncases);
	sf_str_free(&cmd);
	sf_str_free(&calls);
}

static void tap_one(struct sweep *w, int n, const struct sweep_line *l)
{
	FILE *f = w->out;
	const struct sf_outcome *out = &l->c->out;
	const char *cls = sf_class_name(out->cls);
	fprintf(f, "%s %d - %s#%d %s: %s", l->ok ? "ok" : "not ok", n + 1, l->call, l->occurrence->nth, l->ename, cls);
	if (out->cls == SF_NOT_REACHED)
		fprintf(f, " # SKIP the faulted call never happened\n");
	else
		fprintf(f, " (%s)\n", l->what);
	fprintf(f, "  ---\n  call: %s\n  occurrence: %d\n  errno: %s\n  site: ", l->call, l->occurrence->nth, l->ename);
	sf_yaml_str(f, sf_jlog_site(l->occurrence->site));
	fprintf(f, "\n  class: %s\n", cls);
	sf_yaml_exit(f, &out->res, out->failed, w->timeout);
	if (out->cls == SF_ERROR)
		sf_yaml_error(f, out->res.err);
	fprintf(f, "  stderr_bytes: %llu\n", out->bytes);
	sf_yaml_text(f, "  ", "stderr_tail", out->tail + l->t0, out->tail_len - l->t0);
	sf_yaml_leaks(f, "  ", &out->res);
	if (w->intended.n)
		fprintf(f, "  intended_left: %d\n", out->intended); /* of the baseline's segments */
	if (out->kept)
		fprintf(f, "  rmid_failed_by_fault: %d\n", out->kept);
	if (out->res.leftovers)
		fprintf(f, "  processes_killed: %d\n", out->res.leftovers);
	fprintf(f, "  reproduce: ");
	sf_yaml_str(f, l->repro);
	fprintf(f, "\n  ...\n");
	if (out->cls == SF_SILENT)
		fprintf(f, "# %s#%d %s: silent-failure: exit %d and nothing on stderr%s\n", l->call, l->occurrence->nth, l->ename,
			out->res.status, w->strict ? " (--strict)" : "");
}

static void tap_bail(struct sweep *w, const char *reason)
{
	fprintf(w->out, "TAP version 13\nBail out! %s\n", reason);
}

static void tap_interrupted(struct sweep *w, const char *reason)
{
	fprintf(w->out, "Bail out! %s\n", reason);
}

static void tap_footer(struct sweep *w)
{
	fprintf(w->out, "# classes:");
	for (int k = 0; k < SF_NCLASSES; k++)
		if (k != SF_ERROR || w->counts[k])
			fprintf(w->out, "%s %s %d", k ? "," : "", sf_class_name((enum sf_class)k), w->counts[k]);
	fputc('\n', w->out);
}

const struct sweep_writer sweep_tap = {tap_header, tap_one, tap_bail, tap_interrupted, tap_footer};
