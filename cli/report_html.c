/* report_html.c: the sweep's page, and the pieces the gate's page shares.
 * One self-contained page: CSS inline, no script, no URL; the matrix's cells
 * are links to the cases' details further down (readable without
 * JavaScript, and in print). Everything taken from a document is escaped. */
#include <stdlib.h>
#include <string.h>

#include "calls.h"
#include "errnos.h"
#include "report_doc.h"
#include "tapout.h"

static const char css[] =
	"body{font:14px/1.4 system-ui,sans-serif;margin:14px 20px;color:#222;background:#fff}\n"
	"h1{font-size:20px;margin:0 0 6px}h2{font-size:16px;margin:16px 0 6px}h3{font-size:14px;margin:0 0 4px}\n"
	"code,pre{font:12px/1.35 ui-monospace,Menlo,Consolas,monospace}\n"
	"pre{white-space:pre-wrap;word-break:break-all;background:#f4f4f4;padding:4px 8px;margin:2px 0}\n"
	".verdict{padding:1px 8px;border-radius:3px;font-size:14px;vertical-align:middle}\n"
	".v-ok{background:#b7e1cd}.v-bad{background:#ea9999}\n"
	"table.facts th{text-align:left;padding-right:12px;font-weight:600;vertical-align:top}\n"
	".unseen{border-left:5px solid #c62828;background:#fdecea;padding:4px 12px;margin:8px 0}\n"
	".seen{border-left:5px solid #2e7d32;background:#eef7ee;padding:4px 12px;margin:8px 0}\n"
	"table.legend,table.matrix,table.fired{border-collapse:collapse}\n"
	".legend td,.legend th,.fired td,.fired th{border:1px solid #ccc;padding:2px 8px;text-align:left}\n"
	".matrix th,.matrix td{border:1px solid #aaa;padding:0}\n"
	".matrix thead th{font-size:11px;padding:3px 4px;background:#f0f0f0}\n"
	".matrix tbody th{text-align:left;font-weight:normal;padding:2px 8px;white-space:nowrap;background:#f8f8f8}\n"
	".matrix td a,.sw{display:block;min-width:48px;padding:4px 6px;text-align:center;color:inherit;"
	"text-decoration:none;font-size:12px}\n"
	".matrix td.bad a{font-weight:bold}\n"
	"td.na{background:repeating-linear-gradient(45deg,#fff 0 4px,#e8e8e8 4px 8px)}\n"
	".k-recovered,.g-passed{background:#b7e1cd}.k-failed-cleanly{background:#cfe2f3}\n"
	".k-silent-failure{background:#ffe599}.k-crashed,.g-crashed{background:#e06666}\n"
	".k-hung,.g-hung{background:#b4a7d6}.k-leaked{background:#f6b26b}.g-failed{background:#f6b26b}\n"
	".k-not-reached,.g-unseen{background:#e0e0e0;color:#555}.k-error,.g-error{background:#434343;color:#fff}\n"
	".case{border-left:8px solid #ccc;padding:4px 10px;margin:8px 0;background:#fafafa}\n"
	".case:target{outline:3px solid #1565c0;background:#e3f2fd}\n"
	".case dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:4px 0}\n"
	".case dt{font-weight:600}.case dd{margin:0}\n"
	".tag{padding:0 6px;border-radius:3px}\n"
	".x-recovered,.y-passed{border-left-color:#6aa84f}.x-failed-cleanly{border-left-color:#6fa8dc}\n"
	".x-silent-failure{border-left-color:#f1c232}.x-crashed,.y-crashed{border-left-color:#cc0000}\n"
	".x-hung,.y-hung{border-left-color:#674ea7}.x-leaked,.y-failed{border-left-color:#e69138}\n"
	".x-error,.y-error{border-left-color:#000}\n";

/* The length of the valid UTF-8 sequence at s, or 0. */
static int utf8_len(const unsigned char *s)
{
	int n = s[0] >= 0xc2 && s[0] <= 0xdf ? 2 : s[0] >= 0xe0 && s[0] <= 0xef ? 3 : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;
	for (int i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0) || (s[0] == 0xf0 && s[1] < 0x90) ||
	    (s[0] == 0xf4 && s[1] >= 0x90))
		return 0; /* overlong, a surrogate, beyond U+10FFFF */
	return n;
}

void rp_esc(FILE *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	while (*s) {
		int n;
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default:
			if (*s < 0x80) {
				if ((*s < 0x20 && *s != '\t' && *s != '\n') || *s == 0x7f)
					fprintf(out, "\\x%02x", *s); /* a terminal escape, shown */
				else
					fputc(*s, out);
			} else if ((n = utf8_len(s)) > 0) {
				fwrite(s, 1, (size_t)n, out);
				s += n - 1;
			} else
				fputs("\xef\xbf\xbd", out); /* U+FFFD: the byte is not UTF-8 */
		}
		s++;
	}
}

void rp_page_start(FILE *out, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width\">\n<title>",
	      out);
	rp_esc(out, title);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
}

void rp_page_end(FILE *out)
{
	fputs("</body>\n</html>\n", out);
}

void rp_command(FILE *out, const char *verb, const char *const *argv, int n)
{
	struct sf_str b = {0};
	sf_str_add(&b, verb);
	sf_str_add(&b, " --");
	for (int i = 0; i < n; i++) {
		sf_str_add(&b, " ");
		sf_shell_quote(&b, argv[i]);
	}
	fputs("<code>", out);
	rp_esc(out, b.s);
	fputs("</code>", out);
	sf_str_free(&b);
}

void rp_outcome_dl(FILE *out, const struct rp_outcome *o, const char *tail_name)
{
	fputs("<dt>outcome</dt><dd>", out);
	if (o->error) {
		fputs("could not run: ", out);
		rp_esc(out, o->error);
	} else if (o->timed_out)
		fputs("timed out, killed", out);
	else if (o->signal) {
		fputs("killed by ", out);
		rp_esc(out, o->signal);
	} else if (o->has_exit)
		fprintf(out, "exit %d", o->exit);
	fprintf(out, "</dd>\n<dt>%s</dt><dd>%lld byte%s", tail_name, o->out_bytes, o->out_bytes == 1 ? "" : "s");
	if (o->ntail) {
		fprintf(out, ", the last %d line%s:<pre>", o->ntail, o->ntail == 1 ? "" : "s");
		for (int i = 0; i < o->ntail; i++) {
			rp_esc(out, o->tail[i]);
			fputc('\n', out);
		}
		fputs("</pre>", out);
	}
	fputs("</dd>\n<dt>leaked</dt><dd>", out);
	if (!o->nleaked)
		fputs("none", out);
	for (int i = 0; i < o->nleaked; i++) {
		const struct rp_leak *l = &o->leaked[i];
		fputs(i ? "<br>" : "", out);
		if (l->kind) { /* a POSIX object of /dev/shm */
			fputs(strcmp(l->kind, "psem") ? "POSIX shm object " : "POSIX semaphore ", out);
			rp_esc(out, l->name);
			fprintf(out, " size=%lld mode=", l->size);
			rp_esc(out, l->mode);
			fputs(l->removed ? "" : " (new in the host's /dev/shm: left in place; maybe not the run's, so not counted as a leak)", out);
			continue;
		}
		fputs("key=", out);
		rp_esc(out, l->key);
		fprintf(out, " shmid=%lld size=%lld creator pid=%lld nattch=%lld", l->shmid, l->size, l->cpid, l->nattch);
	}
	fputs("</dd>\n<dt>reproduce</dt><dd><pre class=\"repro\">", out);
	rp_esc(out, o->reproduce ? o->reproduce : "(not given)");
	fputs("</pre></dd>\n", out);
}

/* ---- the sweep ---- */

static const struct {
	const char *cls, *label, *tap, *when;
} classes[] = {
	{"recovered", "recov", "ok", "exit 0, nothing leaked"},
	{"failed-cleanly", "clean", "ok", "non-zero exit, a diagnostic on stderr, nothing leaked"},
	{"silent-failure", "silent", "ok # (not ok with --strict)", "non-zero exit, nothing on stderr"},
	{"crashed", "CRASH", "not ok", "killed by a signal"},
	{"hung", "HUNG", "not ok", "timed out, killed"},
	{"leaked", "LEAK", "not ok", "segments left behind"},
	{"not-reached", "skip", "ok # SKIP", "the faulted call never happened"},
	{"error", "ERROR", "not ok", "the case could not run"},
};
#define NCLS (int)(sizeof classes / sizeof classes[0])

static int cls_index(const char *c)
{
	for (int i = 0; i < NCLS; i++)
		if (!strcmp(classes[i].cls, c))
			return i;
	return NCLS;
}

static void header(FILE *out, const struct rp_report *r)
{
	int bad = 0;
	for (int i = 0; i < r->ncases; i++)
		bad += !r->cases[i].ok;
	int ok = !bad && !r->nnotes && r->ncases;
	fprintf(out, "<header>\n<h1>shmfault sweep <span class=\"verdict %s\">", ok ? "v-ok" : "v-bad");
	if (bad)
		fprintf(out, "not ok: %d of %d cases", bad, r->ncases);
	else
		fputs(ok ? "ok" : r->nshards ? "incomplete" : "Bail out!", out);
	fputs("</span></h1>\n<table class=\"facts\">\n<tr><th>command</th><td>", out);
	rp_command(out, "shmfault sweep", r->command, r->ncommand);
	fputs("</td></tr>\n<tr><th>personality</th><td>", out);
	rp_esc(out, r->personality ? r->personality : "none (this Linux)");
	fputs("</td></tr>\n<tr><th>baseline</th><td>", out);
	if (r->nshards)
		fprintf(out, "exit %d with no fault, %lld shm call%s", r->baseline_exit, r->baseline_calls,
			r->baseline_calls == 1 ? "" : "s");
	else
		fputs("failed: no case ran (see below)", out);
	fprintf(out, "</td></tr>\n<tr><th>cases</th><td>%d in this report, of %d in the sweep", r->ncases, r->total_cases);
	if (r->nshards > 1)
		fprintf(out, " (%d shards)", r->nshards);
	fputs("</td></tr>\n</table>\n", out);
	if (r->nnotes) {
		fputs("<section class=\"unseen\"><h2>What this sweep could not see</h2>\n<ul>\n", out);
		for (int i = 0; i < r->nnotes; i++) {
			fputs("<li>", out);
			rp_esc(out, r->notes[i]);
			fputs("</li>\n", out);
		}
		fputs("</ul></section>\n", out);
	} else
		fputs("<p class=\"seen\">Every case of the sweep is in this report; each ran and reached its call.</p>\n",
		      out);
	fputs("</header>\n", out);
}

static void legend(FILE *out, const struct rp_report *r)
{
	int count[NCLS + 1] = {0};
	for (int i = 0; i < r->ncases; i++)
		count[cls_index(r->cases[i].cls)]++;
	fputs("<h2>Classes</h2>\n<table class=\"legend\">\n<tr><th>cell</th><th>class</th><th>cases</th><th>TAP</th>"
	      "<th>when</th></tr>\n",
	      out);
	for (int i = 0; i < NCLS; i++)
		fprintf(out, "<tr><td class=\"k-%s\"><span class=\"sw\">%s</span></td><td>%s</td><td>%d</td><td>%s</td>"
			     "<td>%s</td></tr>\n",
			classes[i].cls, classes[i].label, classes[i].cls, count[i], classes[i].tap, classes[i].when);
	if (count[NCLS])
		fprintf(out, "<tr><td></td><td>unknown</td><td>%d</td><td></td><td>a class this version does not know</td></tr>\n",
			count[NCLS]);
	fputs("</table>\n", out);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether err is among the documented errnos of call (shmfault list). */
static int documented(const char *call, const char *err)
{
	enum sf_call c = sf_call_from_name(call, strlen(call));
	int e = sf_errno_parse(err, strlen(err)), n;
	if (c == SF_NCALLS || e <= 0)
		return 1;
	const struct sf_doc_errno *d = sf_documented(c, &n);
	for (int i = 0; i < n; i++)
		if (d[i].err == e)
			return 1;
	return 0;
}

static void cell(FILE *out, const struct rp_report *r, int k, const char *call, const char *err)
{
	if (k < 0) {
		fprintf(out, "<td class=\"na\" title=\"%s\"></td>",
			documented(call, err) ? "no case in this report" : "not documented for this call");
		return;
	}
	const struct rp_case *c = &r->cases[k];
	int ci = cls_index(c->cls);
	fprintf(out, "<td class=\"k-%s%s\" data-case=\"%d\" data-class=\"", ci < NCLS ? classes[ci].cls : "unknown",
		c->ok ? "" : " bad", c->n);
	rp_esc(out, c->cls);
	fprintf(out, "\"><a href=\"#case-%d\" title=\"case %d: ", c->n, c->n);
	rp_esc(out, c->cls);
	fprintf(out, "\">%s</a></td>", ci < NCLS ? classes[ci].label : "?");
}

/* Rows: each (call, occurrence) in the order of the run; columns: errnos. */
static void matrix(FILE *out, const struct rp_report *r)
{
	int nrow = 0, ncol = 0, *row = calloc((size_t)r->ncases + 1, sizeof *row);
	const char **col = calloc((size_t)r->ncases + 1, sizeof *col);
	if (!row || !col)
		abort();
	for (int i = 0; i < r->ncases; i++) {
		const struct rp_case *c = &r->cases[i];
		int k = 0;
		while (k < nrow && !(r->cases[row[k]].occurrence == c->occurrence && !strcmp(r->cases[row[k]].call, c->call)))
			k++;
		if (k == nrow)
			row[nrow++] = i;
		for (k = 0; k < ncol && strcmp(col[k], c->err); k++)
			;
		if (k == ncol)
			col[ncol++] = c->err;
	}
	qsort(col, (size_t)ncol, sizeof *col, by_name);
	fputs("<h2 id=\"matrix\">Cases: call occurrence and site &times; errno</h2>\n"
	      "<table class=\"matrix\">\n<thead><tr><th>call #occurrence at site</th>", out);
	for (int k = 0; k < ncol; k++) {
		fputs("<th scope=\"col\">", out);
		rp_esc(out, col[k]);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (int j = 0; j < nrow; j++) {
		const struct rp_case *h = &r->cases[row[j]];
		fputs("<tr><th scope=\"row\">", out);
		rp_esc(out, h->call);
		fprintf(out, " #%d at <code>", h->occurrence);
		rp_esc(out, h->site);
		fputs("</code></th>", out);
		for (int k = 0; k < ncol; k++) {
			int found = -1;
			for (int i = row[j]; i < r->ncases && found < 0; i++)
				if (r->cases[i].occurrence == h->occurrence && !strcmp(r->cases[i].call, h->call) &&
				    !strcmp(r->cases[i].err, col[k]))
					found = i;
			cell(out, r, found, h->call, col[k]);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
	free(row);
	free(col);
}

static void details(FILE *out, const struct rp_report *r)
{
	fputs("<h2>Each case</h2>\n", out);
	for (int i = 0; i < r->ncases; i++) {
		const struct rp_case *c = &r->cases[i];
		int ci = cls_index(c->cls);
		const char *k = ci < NCLS ? classes[ci].cls : "unknown";
		fprintf(out, "<section class=\"case x-%s\" id=\"case-%d\">\n<h3>case %d: ", k, c->n, c->n);
		rp_esc(out, c->call);
		fprintf(out, " #%d ", c->occurrence);
		rp_esc(out, c->err);
		fputs(" at <code>", out);
		rp_esc(out, c->site);
		fprintf(out, "</code>: <span class=\"tag k-%s\">", k);
		rp_esc(out, c->cls);
		fprintf(out, "</span> %s <a href=\"#matrix\">(matrix)</a></h3>\n<dl>\n", c->ok ? "ok" : "<b>not ok</b>");
		rp_outcome_dl(out, &c->o, "stderr");
		if (c->rmid_kept)
			fprintf(out, "<dt>kept by the fault</dt><dd>%d of the segments left: the fault failed their IPC_RMID</dd>\n",
				c->rmid_kept);
		if (c->killed)
			fprintf(out, "<dt>processes killed</dt><dd>%d still running when the command ended</dd>\n", c->killed);
		fputs("</dl>\n</section>\n", out);
	}
}

void rp_html_sweep(FILE *out, const struct rp_report *r)
{
	struct sf_str title = {0};
	sf_str_add(&title, "shmfault sweep:");
	for (int i = 0; i < r->ncommand; i++) {
		sf_str_add(&title, " ");
		sf_str_add(&title, r->command[i]);
	}
	rp_page_start(out, title.s);
	sf_str_free(&title);
	header(out, r);
	if (r->ncases) {
		legend(out, r);
		matrix(out, r);
		details(out, r);
	}
	rp_page_end(out);
}
