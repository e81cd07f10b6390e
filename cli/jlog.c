/* jlog.c: see jlog.h. A purpose-built reader: the log's objects are flat
 * but for "args", its strings are escaped by preload/log.c (\" \\ \u00XX). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errnos.h"
#include "jlog.h"

static const char *ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A string at p (at its '"'): copied unescaped into buf; returns the
 * character after it, NULL on a malformed string. */
static const char *str(const char *p, char *buf, size_t len)
{
	size_t n = 0;
	if (*p != '"')
		return NULL;
	for (p++; *p && *p != '"'; p++) {
		char c = *p;
		if (c == '\\') {
			p++;
			if (!*p)
				return NULL;
			if (*p == 'u') {
				unsigned v = 0;
				for (int i = 1; i <= 4; i++) {
					char h = p[i];
					if (!h)
						return NULL;
					v = v * 16 + (unsigned)(h >= 'a' ? h - 'a' + 10 : h >= 'A' ? h - 'A' + 10 : h - '0');
				}
				p += 4;
				c = (char)(v < 0x100 ? v : '?');
			} else
				c = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
		}
		if (buf && n + 1 < len)
			buf[n++] = c;
	}
	if (buf && len)
		buf[n] = 0;
	return *p == '"' ? p + 1 : NULL;
}

/* Skip any value; NULL when malformed. */
static const char *skip(const char *p)
{
	p = ws(p);
	if (*p == '"')
		return str(p, NULL, 0);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		p = ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (close == '}') {
				p = str(ws(p), NULL, 0);
				if (!p || *(p = ws(p)) != ':')
					return NULL;
				p++;
			}
			p = skip(p);
			if (!p)
				return NULL;
			p = ws(p);
			if (*p == ',') {
				p++;
				continue;
			}
			return *p == close ? p + 1 : NULL;
		}
	}
	const char *s = p;
	while (*p && !strchr(",}] \t\n", *p))
		p++;
	return p > s ? p : NULL;
}

static char **sites;
static int nsites, cap_sites;

static int intern(const char *site)
{
	/* sites are few (one per call site): a linear search from the most recent */
	for (int i = nsites - 1; i >= 0; i--)
		if (!strcmp(sites[i], site))
			return i;
	if (nsites == cap_sites) {
		int cap = cap_sites ? cap_sites * 2 : 64;
		char **m = realloc(sites, (size_t)cap * sizeof *m);
		if (!m)
			abort();
		sites = m;
		cap_sites = cap;
	}
	sites[nsites] = strdup(site);
	if (!sites[nsites])
		abort();
	return nsites++;
}

const char *sf_jlog_site(int site)
{
	return site >= 0 && site < nsites ? sites[site] : "?";
}

int sf_jlog_nsites(void)
{
	return nsites;
}

static void cpy(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);
	if (n >= len)
		n = len - 1;
	memcpy(dst, src, n);
	dst[n] = 0;
}

int sf_jlog_parse(const char *line, struct sf_jrec *r)
{
	char key[32], val[300];
	int have_call = 0;
	memset(r, 0, sizeof *r);
	r->call = SF_NCALLS;
	r->site = -1;
	const char *p = ws(line);
	if (*p++ != '{')
		return -1;
	p = ws(p);
	while (*p && *p != '}') {
		p = str(p, key, sizeof key);
		if (!p || *(p = ws(p)) != ':')
			return -1;
		p = ws(p + 1);
		const char *v = p;
		if (!strcmp(key, "args")) {
			/* only args.cmd */
			const char *c = strstr(v, "\"cmd\":");
			p = skip(v);
			if (!p)
				return -1;
			if (c && c < p && c[6] == '"')
				str(c + 6, r->cmd, sizeof r->cmd);
		} else if (*v == '"') {
			p = str(v, val, sizeof val);
			if (!p)
				return -1;
			if (!strcmp(key, "call")) {
				r->call = sf_call_from_name(val, strlen(val));
				have_call = 1;
			} else if (!strcmp(key, "errno")) {
				int e = sf_errno_parse(val, strlen(val));
				r->err = e > 0 ? e : 0;
			} else if (!strcmp(key, "by"))
				cpy(r->by, sizeof r->by, val);
			else if (!strcmp(key, "personality"))
				cpy(r->personality, sizeof r->personality, val);
			else if (!strcmp(key, "rule"))
				cpy(r->rule, sizeof r->rule, val);
			else if (!strcmp(key, "site"))
				r->site = intern(val);
		} else {
			p = skip(v);
			if (!p)
				return -1;
			if (!strcmp(key, "seq"))
				r->seq = strtoull(v, NULL, 10);
			else if (!strcmp(key, "pid"))
				r->pid = atoi(v);
			else if (!strcmp(key, "errno"))
				r->err = *v == 'n' ? 0 : atoi(v);
			else if (!strcmp(key, "injected"))
				r->injected = *v == 't';
			else if (!strcmp(key, "rule"))
				snprintf(r->rule, sizeof r->rule, "%d", atoi(v));
		}
		p = ws(p);
		if (*p == ',')
			p = ws(p + 1);
	}
	return have_call && r->call != SF_NCALLS && *p == '}' ? 0 : -1;
}

static int by_seq(const void *a, const void *b)
{
	const struct sf_jrec *x = a, *y = b;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

long sf_jlog_read(const char *path, struct sf_jrec **out)
{
	FILE *f = fopen(path, "re");
	char *line = NULL;
	size_t cap = 0, n = 0, room = 0;
	struct sf_jrec *recs = NULL;
	*out = NULL;
	if (!f)
		return -1;
	while (getline(&line, &cap, f) > 0) {
		struct sf_jrec r;
		if (sf_jlog_parse(line, &r) < 0)
			continue;
		if (n == room) {
			room = room ? room * 2 : 256;
			struct sf_jrec *m = realloc(recs, room * sizeof *recs);
			if (!m)
				break;
			recs = m;
		}
		recs[n++] = r;
	}
	free(line);
	fclose(f);
	if (n)
		qsort(recs, n, sizeof *recs, by_seq);
	*out = recs;
	return (long)n;
}

void sf_site_short(const char *site, char *buf, unsigned long len)
{
	const char *plus = strchr(site, '+');
	const char *open = strstr(site, " (");
	size_t sl = strlen(site);
	if (plus && open && plus < open && sl > 0 && site[sl - 1] == ')')
		snprintf(buf, len, "%.*s %.*s", (int)(plus - site), site, (int)(sl - (size_t)(open - site) - 3),
			 open + 2);
	else
		snprintf(buf, len, "%s", site);
}
