/* report_gate_html.c: the gate's page: each command (one gate document) ×
 * personality, the cell coloured by the run's result and naming the
 * platform rules that fired (AX1, ...); the runs' details below. */
#include <stdlib.h>
#include <string.h>

#include "report_doc.h"
#include "tapout.h"

static const struct {
	const char *result, *when;
} results[] = {
	{"passed", "exit 0"},
	{"failed", "non-zero exit"},
	{"crashed", "killed by a signal"},
	{"hung", "timed out, killed"},
	{"error", "the command could not run"},
	{"unseen", "exit 0, but shm calls bypassed the interposer and the personality (--backend preload)"},
};
#define NRES (int)(sizeof results / sizeof results[0])

/* The personalities of every gate, in the order they first appear. */
static int columns(const struct rp_report *r, const char **col)
{
	int n = 0;
	for (int g = 0; g < r->ngates; g++)
		for (int i = 0; i < r->gates[g].nruns; i++) {
			int k = 0;
			while (k < n && strcmp(col[k], r->gates[g].runs[i].personality))
				k++;
			if (k == n)
				col[n++] = r->gates[g].runs[i].personality;
		}
	return n;
}

static void header(FILE *out, const struct rp_report *r, int *runs, int *passed)
{
	int bailed = 0;
	*runs = *passed = 0;
	for (int g = 0; g < r->ngates; g++) {
		*runs += r->gates[g].nruns;
		bailed += r->gates[g].bail_out != NULL;
		for (int i = 0; i < r->gates[g].nruns; i++)
			*passed += r->gates[g].runs[i].ok;
	}
	int ok = *passed == *runs && !bailed;
	fprintf(out, "<header>\n<h1>shmfault gate <span class=\"verdict %s\">%d of %d runs passed</span></h1>\n"
		     "<table class=\"facts\">\n",
		ok ? "v-ok" : "v-bad", *passed, *runs);
	for (int g = 0; g < r->ngates; g++) {
		fprintf(out, "<tr><th>command %d</th><td>", g + 1);
		rp_command(out, "shmfault gate", r->gates[g].command, r->gates[g].ncommand);
		fprintf(out, "</td></tr>\n");
	}
	fputs("</table>\n", out);
	if (bailed) {
		fputs("<section class=\"unseen\"><h2>What this gate could not see</h2>\n<ul>\n", out);
		for (int g = 0; g < r->ngates; g++)
			if (r->gates[g].bail_out) {
				fprintf(out, "<li>command %d: Bail out! ", g + 1);
				rp_esc(out, r->gates[g].bail_out);
				fputs(" (the personalities it did not run are missing)</li>\n", out);
			}
		fputs("</ul></section>\n", out);
	}
	fputs("</header>\n", out);
}

static void legend(FILE *out, const struct rp_report *r)
{
	int count[NRES + 1] = {0};
	for (int g = 0; g < r->ngates; g++)
		for (int i = 0; i < r->gates[g].nruns; i++) {
			int k = 0;
			while (k < NRES && strcmp(results[k].result, r->gates[g].runs[i].result))
				k++;
			count[k]++;
		}
	fputs("<h2>Results</h2>\n<table class=\"legend\">\n<tr><th>cell</th><th>runs</th><th>TAP</th><th>when</th></tr>\n",
	      out);
	for (int k = 0; k < NRES; k++)
		fprintf(out, "<tr><td class=\"g-%s\"><span class=\"sw\">%s</span></td><td>%d</td><td>%s</td><td>%s</td></tr>\n",
			results[k].result, results[k].result, count[k], k ? "not ok" : "ok", results[k].when);
	fputs("</table>\n<p>A cell names the platform rules that fired in the run (their ids, as in "
	      "<code>shmfault list --personality NAME</code>).</p>\n",
	      out);
}

static void cell(FILE *out, int g, const struct rp_run *x)
{
	fprintf(out, "<td class=\"g-%s%s\" data-result=\"", x->result, x->ok ? "" : " bad");
	rp_esc(out, x->result);
	fprintf(out, "\"><a href=\"#run-%d-", g + 1);
	rp_esc(out, x->personality);
	fputs("\">", out);
	rp_esc(out, x->result);
	fputs(x->nfired ? "<br><small>" : "", out);
	for (int k = 0; k < x->nfired; k++) {
		int seen = 0;
		for (int j = 0; j < k; j++)
			seen |= !strcmp(x->fired[j].rule, x->fired[k].rule);
		if (seen)
			continue;
		fputs(" ", out); /* the rule ids, words apart */
		rp_esc(out, x->fired[k].rule);
	}
	fputs(x->nfired ? "</small></a></td>" : "</a></td>", out);
}

static void matrix(FILE *out, const struct rp_report *r, const char **col, int ncol)
{
	fputs("<h2 id=\"matrix\">Runs: command &times; personality</h2>\n<table class=\"matrix\">\n<thead><tr><th>command</th>",
	      out);
	for (int k = 0; k < ncol; k++) {
		fputs("<th scope=\"col\">", out);
		rp_esc(out, col[k]);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (int g = 0; g < r->ngates; g++) {
		const struct rp_gate *gt = &r->gates[g];
		struct sf_str b = {0};
		for (int i = 0; i < gt->ncommand; i++) {
			sf_str_add(&b, i ? " " : "");
			sf_shell_quote(&b, gt->command[i]);
		}
		fprintf(out, "<tr><th scope=\"row\">%d: <code>", g + 1);
		rp_esc(out, b.s ? b.s : "");
		fputs("</code></th>", out);
		sf_str_free(&b);
		for (int k = 0; k < ncol; k++) {
			int i = 0;
			while (i < gt->nruns && strcmp(gt->runs[i].personality, col[k]))
				i++;
			if (i < gt->nruns)
				cell(out, g, &gt->runs[i]);
			else
				fputs("<td class=\"na\" title=\"not run under this personality\"></td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

static void fired(FILE *out, const struct rp_run *x)
{
	fprintf(out, "<dt>shm calls</dt><dd>%lld</dd>\n<dt>rules fired</dt><dd>", x->shm_calls);
	if (!x->nfired) {
		fputs("none</dd>\n", out);
		return;
	}
	fputs("<table class=\"fired\"><tr><th>rule</th><th>call</th><th>occurrence</th><th>site</th><th>errno</th>"
	      "<th>times</th><th>what</th></tr>\n",
	      out);
	for (int k = 0; k < x->nfired; k++) {
		const struct rp_fired *f = &x->fired[k];
		fputs("<tr><td>", out);
		rp_esc(out, f->rule);
		fputs("</td><td>", out);
		rp_esc(out, f->call);
		if (f->cmd) {
			fputs("(", out);
			rp_esc(out, f->cmd);
			fputs(")", out);
		}
		fprintf(out, "</td><td>%d</td><td><code>", f->occurrence);
		rp_esc(out, f->site);
		fputs("</code></td><td>", out);
		rp_esc(out, f->err ? f->err : "(result changed)");
		fprintf(out, "</td><td>%d</td><td>", f->times);
		rp_esc(out, f->what ? f->what : "");
		fputs("</td></tr>\n", out);
	}
	fputs("</table>", out);
	if (x->not_listed)
		fprintf(out, "and %d more firings not listed", x->not_listed);
	fputs("</dd>\n", out);
}

static void details(FILE *out, const struct rp_report *r)
{
	fputs("<h2>Each run</h2>\n", out);
	for (int g = 0; g < r->ngates; g++)
		for (int i = 0; i < r->gates[g].nruns; i++) {
			const struct rp_run *x = &r->gates[g].runs[i];
			fprintf(out, "<section class=\"case y-%s\" id=\"run-%d-", x->result, g + 1);
			rp_esc(out, x->personality);
			fprintf(out, "\">\n<h3>command %d under ", g + 1);
			rp_esc(out, x->personality);
			fprintf(out, ": <span class=\"tag g-%s\">", x->result);
			rp_esc(out, x->result);
			fprintf(out, "</span> %s <a href=\"#matrix\">(matrix)</a></h3>\n<dl>\n", x->ok ? "ok" : "<b>not ok</b>");
			if (x->diagnostic) {
				fputs("<dt>diagnostic</dt><dd>", out);
				rp_esc(out, x->diagnostic);
				fputs("</dd>\n", out);
			}
			fired(out, x);
			rp_outcome_dl(out, &x->o, "output");
			fputs("</dl>\n</section>\n", out);
		}
}

void rp_html_gate(FILE *out, const struct rp_report *r)
{
	int runs, passed, total = 0;
	for (int g = 0; g < r->ngates; g++)
		total += r->gates[g].nruns;
	const char **col = calloc((size_t)total + 1, sizeof *col);
	if (!col)
		abort();
	int ncol = columns(r, col);
	rp_page_start(out, "shmfault gate");
	header(out, r, &runs, &passed);
	legend(out, r);
	matrix(out, r, col, ncol);
	details(out, r);
	rp_page_end(out);
	free(col);
}
