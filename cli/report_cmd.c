/* report_cmd.c: `shmfault report FILE.json... [-o FILE]`: the JSON documents of
 * a sweep's shards (or of gates) merged into one HTML page; and the stream
 * behind --format html on sweep and gate, which renders the same JSON the
 * same way when it is closed. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "options.h"
#include "report_doc.h"

/* Merge the --format json documents of one sweep's shards (or of gates)
 * into one self-contained HTML page (no script, no network). */
static const struct sf_opt report_opts[] = {
	{SF_OPT_OUTPUT, "output", 'o', "FILE", "write the page to FILE (default: stdout)"},
	{SF_OPT_HELP, "help", 'h', NULL, "this help"},
	{0, NULL, 0, NULL, NULL},
};
static const struct sf_cmd_spec report_spec = {"report", "FILE.json... [-o FILE]", "report: ", report_opts, 1};

static int report_opt(void *ctx, int id, char *arg)
{
	(void)ctx, (void)id, (void)arg;
	return 0;
}

static char *slurp(FILE *f, size_t *len)
{
	size_t cap = 1 << 16, n = 0, k;
	char *s = malloc(cap);
	while (s && (k = fread(s + n, 1, cap - n, f)) > 0)
		if ((n += k) == cap) {
			char *t = realloc(s, cap *= 2);
			if (!t)
				free(s);
			s = t;
		}
	if (!s || ferror(f)) {
		free(s);
		return NULL;
	}
	*len = n;
	return s;
}

static int render(struct rp_report *r, FILE *out, char *err, size_t errlen)
{
	if (rp_finish(r, err, errlen) < 0)
		return -1;
	if (r->gate)
		rp_html_gate(out, r);
	else
		rp_html_sweep(out, r);
	return 0;
}

static int add_file(struct rp_report *r, const char *path, char *err, size_t errlen)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "re") : stdin;
	size_t len = 0;
	char *text = f ? slurp(f, &len) : NULL;
	if (!text) {
		snprintf(err, errlen, "report: cannot read '%s': %s", path, strerror(errno ? errno : EIO));
		if (f && f != stdin)
			fclose(f);
		return -1;
	}
	if (f != stdin)
		fclose(f);
	int rc = rp_add_json(r, path, text, len, err, errlen);
	free(text); /* json-c copied what it keeps */
	return rc;
}

int sf_cmd_report(int argc, char **argv)
{
	struct sf_common_opts co = {.jobs = 1};
	char err[1024];
	int rc = sf_opts_parse(&report_spec, argc, argv, &co, report_opt, NULL);
	if (rc != SF_OPTS_GO)
		return rc == SF_OPTS_HELP ? 0 : 2;
	const char *outpath = co.output;
	if (optind >= argc) {
		sf_error("report: no JSON document given (shmfault report FILE.json... [-o FILE])");
		return 2;
	}
	struct rp_report r = {0};
	for (int i = optind; i < argc; i++)
		if (add_file(&r, argv[i], err, sizeof err) < 0) {
			sf_error("%s", err);
			rp_free(&r);
			return 2;
		}
	FILE *out = outpath ? fopen(outpath, "we") : stdout;
	if (!out) {
		sf_error("report: cannot write '%s': %s", outpath, strerror(errno));
		rp_free(&r);
		return 2;
	}
	rc = render(&r, out, err, sizeof err);
	if (rc < 0)
		sf_error("%s", err);
	if ((out != stdout ? fclose(out) : fflush(out)) != 0 && rc == 0) {
		sf_error("report: cannot write '%s': %s", outpath ? outpath : "stdout", strerror(errno));
		rc = -1;
	}
	if (rc < 0 && outpath)
		unlink(outpath);
	rp_free(&r);
	return rc < 0 ? 2 : 0;
}

/* ---- --format html: a stream that keeps the JSON and renders it on close ---- */

struct html_stream {
	FILE *dest;
	char *buf;
	size_t n, cap;
};

static ssize_t hs_write(void *cookie, const char *data, size_t len)
{
	struct html_stream *h = cookie;
	if (h->n + len > h->cap) {
		size_t cap = h->cap ? h->cap : 1 << 16;
		while (cap < h->n + len)
			cap *= 2;
		char *b = realloc(h->buf, cap);
		if (!b)
			return -1;
		h->buf = b;
		h->cap = cap;
	}
	memcpy(h->buf + h->n, data, len);
	h->n += len;
	return (ssize_t)len;
}

static int hs_close(void *cookie)
{
	struct html_stream *h = cookie;
	struct rp_report r = {0};
	char err[1024];
	int rc = rp_add_json(&r, "--format html", h->buf ? h->buf : "", h->n, err, sizeof err);
	if (rc == 0)
		rc = render(&r, h->dest, err, sizeof err);
	if (rc < 0)
		sf_error("%s", err);
	if ((h->dest != stdout ? fclose(h->dest) : fflush(h->dest)) != 0)
		rc = -1;
	rp_free(&r);
	free(h->buf);
	free(h);
	return rc;
}

FILE *sf_html_stream(FILE *dest)
{
	struct html_stream *h = calloc(1, sizeof *h);
	cookie_io_functions_t io = {.write = hs_write, .close = hs_close};
	FILE *f = h ? fopencookie(h, "w", io) : NULL;
	if (f)
		h->dest = dest;
	else {
		sf_error("--format html: out of memory");
		free(h);
	}
	return f;
}
