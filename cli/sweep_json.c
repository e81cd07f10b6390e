/* sweep_json.c: the sweep's report as one JSON object (--format json). */
#include <stdio.h>
#include <string.h>

#include "jlog.h"
#include "report.h"
#include "sweep.h"

static void json_command(struct sweep *w)
{
	fprintf(w->out, "{\"command\":[");
	for (int i = 0; w->argv[i]; i++) {
		fputs(i ? "," : "", w->out);
		sf_json_str(w->out, w->argv[i]);
	}
	fputc(']', w->out);
}

static void json_header(struct sweep *w)
{
	const struct sf_plan *p = &w->plan;
	json_command(w);
	fprintf(w->out, ",\"personality\":");
	if (w->personality)
		sf_json_str(w->out, w->personality);
	else
		fputs("null", w->out);
	struct sf_sandbox_result left = {.nleaked = w->intended.n};
	memcpy(left.leaked, w->intended.seg, (size_t)w->intended.n * sizeof left.leaked[0]);
	/* "left": the baseline's segments, taken as the program's intended state */
	fprintf(w->out, ",\"baseline\":{\"exit\":0,\"calls\":%ld,\"left\":", p->nrec);
	sf_json_leaks(w->out, &left);
	fprintf(w->out, ",\"left_key_new_each_run\":[");
	for (int i = 0; i < w->intended.n; i++)
		fprintf(w->out, "%s%s", i ? "," : "", w->intended.anykey[i] ? "true" : "false");
	fprintf(w->out, "]},\"strict_leaks\":%s,\"total_cases\":%d,\"shard\":[%d,%d],\"first_case\":%d,\"cases\":[",
		w->strict_leaks ? "true" : "false", p->total, w->popts.shard_k, w->popts.shard_n, p->first + 1);
}

static void json_one(struct sweep *w, int n, const struct sweep_line *l)
{
	FILE *f = w->out;
	const struct sf_outcome *out = &l->c->out;
	const struct sf_sandbox_result *r = &out->res;
	fprintf(f, "%s\n  {\"n\":%d,\"call\":\"%s\",\"occurrence\":%d,\"errno\":\"%s\",\"site\":", n ? "," : "", n + 1,
		l->call, l->occurrence->nth, l->ename);
	sf_json_str(f, sf_jlog_site(l->occurrence->site));
	fprintf(f, ",\"class\":\"%s\",\"ok\":%s,\"reached\":%s,", sf_class_name(out->cls), l->ok ? "true" : "false",
		out->reached ? "true" : "false");
	if (r->signaled && !r->timed_out)
		fprintf(f, "\"exit\":null,\"signal\":\"%s\"", sf_signal_name(r->signo));
	else if (r->timed_out)
		fprintf(f, "\"exit\":null,\"signal\":null,\"timed_out\":true");
	else
		fprintf(f, "\"exit\":%d,\"signal\":null", r->status);
	fprintf(f, ",\"stderr_bytes\":%llu,\"stderr_tail\":", out->bytes);
	sf_json_lines(f, out->tail + l->t0, out->tail_len - l->t0);
	fprintf(f, ",\"leaked\":");
	sf_json_leaks(f, r);
	sf_json_dev_shm(f, r);
	if (out->cls == SF_ERROR) { /* why the case could not run (the HTML report says it) */
		fprintf(f, ",\"error\":");
		sf_json_str(f, r->err);
	}
	fprintf(f, ",\"intended_left\":%d,\"rmid_failed_by_fault\":%d,\"processes_killed\":%d,\"reproduce\":", out->intended,
		out->kept, r->leftovers);
	sf_json_str(f, l->repro);
	fputc('}', f);
}

static void json_bail(struct sweep *w, const char *reason)
{
	json_command(w);
	fprintf(w->out, ",\"bail_out\":");
	sf_json_str(w->out, reason);
	fprintf(w->out, ",\"ok\":false}\n");
}

static void json_interrupted(struct sweep *w, const char *reason)
{
	fprintf(w->out, "\n],\"bail_out\":\"%s\",\"ok\":false}\n", reason);
}

static void json_footer(struct sweep *w)
{
	fprintf(w->out, "\n],\"counts\":{");
	for (int k = 0; k < SF_NCLASSES; k++)
		fprintf(w->out, "%s\"%s\":%d", k ? "," : "", sf_class_name((enum sf_class)k), w->counts[k]);
	fprintf(w->out, "},\"ok\":%s}\n", w->all_ok ? "true" : "false");
}

const struct sweep_writer sweep_json = {json_header, json_one, json_bail, json_interrupted, json_footer};
