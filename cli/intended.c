/* intended.c: see intended.h. */
#include <stdio.h>
#include <string.h>

#include "intended.h"

int sf_intended_take(struct sf_intended *in, const struct sf_sandbox_result *baseline)
{
	memset(in, 0, sizeof *in);
	if (baseline->nleaked > SF_MAX_LEAKS)
		return -1;
	in->n = baseline->nleaked;
	memcpy(in->seg, baseline->leaked, (size_t)in->n * sizeof in->seg[0]);
	return 0;
}

static int same(const struct sf_segment *a, const struct sf_segment *b)
{
	/* a private key is new at every run: only size and mode can tell */
	return a->key == b->key && a->size == b->size && a->mode == b->mode;
}

int sf_intended_discount(struct sf_sandbox_result *r, const struct sf_intended *in)
{
	char used[SF_MAX_LEAKS] = {0};
	int moved = 0;
	int listed = r->nleaked < SF_MAX_LEAKS ? r->nleaked : SF_MAX_LEAKS;
	for (int i = 0; i < listed;) {
		int hit = -1;
		for (int k = 0; k < in->n && hit < 0; k++)
			if (!used[k] && same(&in->seg[k], &r->leaked[i]))
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
	if (s->key == 0)
		snprintf(key, sizeof key, "IPC_PRIVATE");
	else
		snprintf(key, sizeof key, "0x%08x", (unsigned)s->key);
	snprintf(buf, len, "key=%s size=%llu mode=%04o", key, (unsigned long long)s->size, (unsigned)s->mode);
}

void sf_intended_describe(const struct sf_intended *in, char *buf, size_t len)
{
	size_t n = (size_t)snprintf(buf, len, "%d segment%s (", in->n, in->n == 1 ? "" : "s");
	for (int i = 0; i < in->n && n < len; i++) {
		char d[96];
		sf_intended_seg(&in->seg[i], d, sizeof d);
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? ", " : "", d);
	}
	if (n < len)
		snprintf(buf + n, len - n, ")");
}
