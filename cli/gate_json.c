/* gate_json.c: `shmfault gate --format json` (and html, which renders this
 * JSON): one document, {"kind":"gate", "command", "personalities":[...],
 * "passed", "total", "ok"}; docs/sweep.md describes the fields. */
#include <stdio.h>

#include "errnos.h"
#include "gate.h"
#include "summary.h"
#include "tapout.h"

#define TAIL_LINES_JSON 20

/* The run's result in the page's words (report_gate_html.c): ok is "passed". */
static const char *result_of(const struct pers_run *c)
{
	const struct sf_sandbox_result *r = &c->out.res;
	if (c->out.failed || !r->started)
		return "error";
	if (!r->timed_out && !r->signaled && !r->status && sf_bypass_unfaulted(r, NULL, 0))
		return "unseen"; /* it passed, but calls bypassed the personality */
	return r->timed_out ? "hung" : r->signaled ? "crashed" : r->status ? "failed" : "passed";
}

void gate_json_header(struct gate *g)
{
	fputs("{\"kind\":\"gate\",\"command\":[", g->out);
	for (int i = 0; g->argv[i]; i++) {
		fputs(i ? "," : "", g->out);
		sf_json_str(g->out, g->argv[i]);
	}
	fputs("],\"personalities\":[", g->out);
	fflush(g->out);
}

static void json_exit(FILE *out, const struct pers_run *c)
{
	const struct sf_sandbox_result *r = &c->out.res;
	fputs(",\"exit\":", out);
	if (c->out.failed || !r->started || r->timed_out || r->signaled)
		fputs("null", out);
	else
		fprintf(out, "%d", r->status);
	fprintf(out, ",\"signal\":");
	if (r->signaled && !r->timed_out)
		fprintf(out, "\"%s\"", sf_signal_name(r->signo));
	else
		fputs("null", out);
	fprintf(out, ",\"timed_out\":%s,\"error\":", r->timed_out ? "true" : "false");
	if (c->out.failed || !r->started)
		sf_json_str(out, r->err);
	else
		fputs("null", out);
}

static void json_fired(FILE *out, const struct pers_run *c)
{
	fputs(",\"fired\":[", out);
	for (int k = 0; k < c->nfired; k++) {
		const struct firing *f = &c->fired[k];
		char s[600];
		gate_sentence(c->name, f, s, sizeof s);
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
	fprintf(out, "],\"fired_not_listed\":%d", c->more_fired);
}

void gate_json_case(struct gate *g, int i, int ok, const char *first)
{
	const struct pers_run *c = &g->runs[i];
	FILE *out = g->out;
	fprintf(out, "%s\n  {\"n\":%d,\"personality\":", i ? "," : "", i + 1);
	sf_json_str(out, c->name);
	fprintf(out, ",\"result\":\"%s\",\"ok\":%s", result_of(c), ok ? "true" : "false");
	json_exit(out, c);
	fprintf(out, ",\"shm_calls\":%ld,\"diagnostic\":", c->ncalls < 0 ? 0 : c->ncalls);
	if (first[0])
		sf_json_str(out, first);
	else
		fputs("null", out);
	json_fired(out, c);
	size_t t0 = sf_tail_lines(c->out.tail ? c->out.tail : "", c->out.tail_len, TAIL_LINES_JSON);
	fprintf(out, ",\"output_bytes\":%llu,\"output_tail\":", c->out.bytes);
	sf_json_lines(out, c->out.tail + t0, c->out.tail_len - t0);
	fputs(",\"leaked\":", out);
	sf_json_leaks(out, &c->out.res);
	sf_json_dev_shm(out, &c->out.res);
	char why[1100];
	fprintf(out, ",\"bypassed\":%lu,\"unseen\":", c->out.res.nbypassed);
	if (sf_bypass_unfaulted(&c->out.res, why, sizeof why))
		sf_json_str(out, why);
	else
		fputs("null", out);
	struct sf_str repro = {0};
	gate_repro(g, c, &repro);
	fputs(",\"reproduce\":", out);
	sf_json_str(out, repro.s);
	fputc('}', out);
	fflush(out);
	sf_str_free(&repro);
}

void gate_json_footer(struct gate *g)
{
	fprintf(g->out, "\n],\"passed\":%d,\"total\":%d,\"ok\":%s}\n", g->npassed, g->n, g->all_ok ? "true" : "false");
}

void gate_json_bail(struct gate *g, const char *why)
{
	fprintf(g->out, "\n],\"bail_out\":");
	sf_json_str(g->out, why);
	fputs(",\"ok\":false}\n", g->out);
}
