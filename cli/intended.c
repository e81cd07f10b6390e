/* intended.c: see intended.h. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intended.h"
#include "summary.h"

int sf_intended_take(struct sf_intended *in, const struct sf_sandbox_result *baseline)
{
	memset(in, 0, sizeof *in);
	if (baseline->nleaked > SF_MAX_LEAKS)
		return -1;
	in->n = baseline->nleaked;
	memcpy(in->seg, baseline->leaked, (size_t)in->n * sizeof in->seg[0]);
	return 0;
}

/* the same segment key, or the same POSIX name (of the same kind) */
static int same_id(const struct sf_segment *a, const struct sf_segment *b)
{
	if (a->kind != b->kind)
		return 0;
	return a->kind == SF_LEAK_SEGMENT ? a->key == b->key : !strcmp(a->name, b->name);
}

static int same(const struct sf_intended *in, int k, const struct sf_segment *b)
{
	/* a private key or a drawn one (or name) is new at every run: only size and mode can tell */
	const struct sf_segment *a = &in->seg[k];
	return a->kind == b->kind && (same_id(a, b) || in->anykey[k]) && a->size == b->size && a->mode == b->mode;
}

void sf_intended_second(struct sf_intended *in, const struct sf_sandbox_result *again)
{
	char used[SF_MAX_LEAKS] = {0};
	int listed = again->nleaked < SF_MAX_LEAKS ? again->nleaked : SF_MAX_LEAKS;
	/* the same key first, so that a drawn key does not take a fixed one's match */
	for (int pass = 0; pass < 2; pass++)
		for (int k = 0; k < in->n; k++) {
			const struct sf_segment *a = &in->seg[k];
			int named = a->kind != SF_LEAK_SEGMENT || a->key != 0;
			for (int i = 0; i < listed && named && !in->anykey[k]; i++) {
				const struct sf_segment *b = &again->leaked[i];
				if (used[i] || b->kind != a->kind || b->size != a->size || b->mode != a->mode ||
				    (pass == 0) != same_id(a, b))
					continue;
				used[i] = 1;
				in->anykey[k] = pass == 0 ? 2 : 1; /* 2: the key repeats */
				break;
			}
		}
	for (int k = 0; k < in->n; k++)
		in->anykey[k] = in->anykey[k] == 1;
}

int sf_intended_discount(struct sf_sandbox_result *r, const struct sf_intended *in)
{
	char used[SF_MAX_LEAKS] = {0};
	int moved = 0;
	int listed = r->nleaked < SF_MAX_LEAKS ? r->nleaked : SF_MAX_LEAKS;
	for (int i = 0; i < listed;) {
		int hit = -1;
		for (int k = 0; k < in->n && hit < 0; k++)
			if (!used[k] && same(in, k, &r->leaked[i]))
				hit = k;
		if (hit < 0) {
			i++;
			continue;
		}
		used[hit] = 1;
		moved++;
		memmove(&r->leaked[i], &r->leaked[i + 1], (size_t)(listed - i - 1) * sizeof r->leaked[0]);
		listed--;
		r->nleaked--;
	}
	return moved;
}

void sf_intended_seg(const struct sf_segment *s, char *buf, size_t len)
{
	char key[24];
	if (s->kind != SF_LEAK_SEGMENT) {
		snprintf(buf, len, "%s%s size=%llu mode=%04o", s->kind == SF_LEAK_PSEM ? "sem:" : "", s->name,
			 (unsigned long long)s->size, (unsigned)s->mode);
		return;
	}
	if (s->key == 0)
		snprintf(key, sizeof key, "IPC_PRIVATE");
	else
		snprintf(key, sizeof key, "0x%08x", (unsigned)s->key);
	snprintf(buf, len, "key=%s size=%llu mode=%04o", key, (unsigned long long)s->size, (unsigned)s->mode);
}

void sf_intended_describe(const struct sf_intended *in, char *buf, size_t len)
{
	char d[SF_PSHM_NAME + 64];
	sf_leaks_count(in->seg, in->n, d, sizeof d);
	size_t n = (size_t)snprintf(buf, len, "%s (", d);
	for (int i = 0; i < in->n && n < len; i++) {
		sf_intended_seg(&in->seg[i], d, sizeof d);
		n += (size_t)snprintf(buf + n, len - n, "%s%s%s", i ? ", " : "", d,
				      !in->anykey[i]                         ? ""
				      : in->seg[i].kind == SF_LEAK_SEGMENT ? "; its key is new at every run"
									     : "; its name is new at every run");
	}
	if (n < len)
		snprintf(buf + n, len - n, ")");
}

/* One "KEY SIZE MODE" of a kept: list (KEY "/NAME": a POSIX shm object,
 * "sem:/NAME": a named semaphore). 0, or -1. */
static int parse_one(const char *s, struct sf_segment *g)
{
	char key[SF_PSHM_NAME + 8], *end;
	unsigned long long size;
	unsigned mode;
	char extra;
	if (sscanf(s, " %131s %llu %o %c", key, &size, &mode, &extra) != 3 || mode > 0777)
		return -1;
	memset(g, 0, sizeof *g);
	int sem = !strncmp(key, "sem:/", 5);
	if (key[0] == '/' || sem) {
		const char *name = key + (sem ? 4 : 0);
		if (strlen(name) < 2 || strlen(name) >= sizeof g->name || strchr(name + 1, '/'))
			return -1;
		g->kind = sem ? SF_LEAK_PSEM : SF_LEAK_PSHM;
		g->shmid = -1;
		snprintf(g->name, sizeof g->name, "%s", name);
	} else if (strcmp(key, "IPC_PRIVATE") == 0)
		g->key = 0;
	else {
		errno = 0;
		long long k = strtoll(key, &end, 0);
		if (errno || *end || k < INT32_MIN || k > UINT32_MAX)
			return -1;
		g->key = (int32_t)(uint32_t)k;
	}
	g->size = size;
	g->mode = (int)mode;
	return 0;
}

int sf_intended_parse(const char *spec, struct sf_intended *in, char *err, size_t len)
{
	memset(in, 0, sizeof *in);
	for (const char *p = spec; *p;) {
		size_t n = strcspn(p, ",");
		char one[SF_PSHM_NAME + 64];
		snprintf(one, sizeof one, "%.*s", (int)(n < sizeof one - 1 ? n : sizeof one - 1), p);
		if (in->n == SF_MAX_LEAKS || n >= sizeof one || parse_one(one, &in->seg[in->n]) < 0) {
			snprintf(err, len, "bad kept segment '%.100s': expected KEY SIZE MODE (KEY a number, "
				 "IPC_PRIVATE, /NAME or sem:/NAME, MODE octal), comma-separated", one);
			return -1;
		}
		in->n++;
		p += n + (p[n] == ',');
	}
	return 0;
}
