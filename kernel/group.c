/* group.c: (call, site) groups in first-seen order, and the summary line. */
#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "supervisor.h"

static struct sf_kgroup overflow = { SF_NCALLS, "(more)", 0, 0 };

void sf_kgroup_add(struct sf_kgroup **g, size_t *n, size_t *cap, enum sf_call call, const char *site,
		   int injected)
{
	struct sf_kgroup *e = NULL;
	for (size_t i = 0; i < *n && !e; i++)
		if ((*g)[i].call == call && !strcmp((*g)[i].site, site))
			e = &(*g)[i];
	if (!e && *n == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		struct sf_kgroup *ng = realloc(*g, nc * sizeof *ng);
		if (ng) {
			*g = ng;
			*cap = nc;
		}
	}
	if (!e && *n < *cap) {
		e = &(*g)[(*n)++];
		e->call = call;
		snprintf(e->site, sizeof e->site, "%s", site);
		e->count = e->injected = 0;
	}
	if (!e)
		e = &overflow;
	e->count++;
	e->injected += injected != 0;
}

void sf_kgroup_free(struct sf_kgroup **g, size_t *n, size_t *cap)
{
	free(*g);
	*g = NULL;
	*n = *cap = 0;
}

/* At most this many groups named; the rest as "...". */
#define SUMMARY_GROUPS 6

void sf_ksup_summary(const struct sf_ksup *s, const char *prefix, FILE *out)
{
	if (!s->notified && !s->interrupted)
		return;
	fprintf(out, "%s: %lu shm system call%s bypassed the interposer (", prefix ? prefix : "shmfault",
		s->notified, s->notified == 1 ? "" : "s");
	for (size_t i = 0; i < s->ngroups && i < SUMMARY_GROUPS; i++)
		fprintf(out, "%s%s x%lu at %s", i ? ", " : "", sf_call_name(s->groups[i].call),
			s->groups[i].count, s->groups[i].site);
	if (s->ngroups > SUMMARY_GROUPS || overflow.count)
		fputs(", ...", out);
	fprintf(out, ")");
	if (s->injected)
		fprintf(out, "; %lu failed by the supervisor", s->injected);
	if (s->interrupted)
		fprintf(out, "; %lu interrupted by a signal (not injected)", s->interrupted);
	fputs("\n", out);
}
