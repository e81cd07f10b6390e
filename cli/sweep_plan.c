/* sweep_plan.c: see sweep_plan.h. */
#include <stdlib.h>
#include <string.h>

#include "errnos.h"
#include "sweep_plan.h"

static int is_pow2(int v)
{
	return v > 0 && (v & (v - 1)) == 0;
}

int sf_plan_swept(const struct sf_occurrence *o)
{
	return o->site_nth <= SF_FULL_PER_SITE || is_pow2(o->site_nth) || o->last;
}

/* Per (call, site) counters, indexed (site + 1) * SF_NCALLS + call. */
struct site_counts {
	int *count, *last, *total;
	int n;
};

static int site_index(int site, enum sf_call call)
{
	return (site + 1) * SF_NCALLS + (int)call;
}

static int site_grow(struct site_counts *s, int idx)
{
	if (idx < s->n)
		return 0;
	int ns = s->n ? s->n : 64;
	while (ns <= idx)
		ns *= 2;
	int *c = realloc(s->count, (size_t)ns * sizeof *c);
	if (c)
		s->count = c;
	int *l = realloc(s->last, (size_t)ns * sizeof *l);
	if (l)
		s->last = l;
	int *t = realloc(s->total, (size_t)ns * sizeof *t);
	if (t)
		s->total = t;
	if (!c || !l || !t)
		return -1;
	memset(s->count + s->n, 0, (size_t)(ns - s->n) * sizeof *c);
	memset(s->total + s->n, 0, (size_t)(ns - s->n) * sizeof *t);
	s->n = ns;
	return 0;
}

/* The occurrences of the selected calls, with their place at their site. */
static int plan_occurrences(const struct sf_jrec *recs, long nrec, const struct sf_plan_opts *o, struct sf_plan *p)
{
	struct site_counts s = {0};
	int rc = 0;
	p->occs = calloc((size_t)(nrec > 0 ? nrec : 0) + 1, sizeof *p->occs);
	if (!p->occs)
		return -1;
	for (long i = 0; i < nrec && rc == 0; i++) {
		const struct sf_jrec *r = &recs[i];
		int nth = ++p->count[r->call];
		if (!(o->calls & (1u << r->call)))
			continue;
		int idx = site_index(r->site, r->call);
		if ((rc = site_grow(&s, idx)) < 0)
			break;
		s.total[idx]++;
		if (nth > o->max_nth) {
			p->beyond[r->call]++;
			continue;
		}
		struct sf_occurrence *oc = &p->occs[p->nocc++];
		*oc = (struct sf_occurrence){.call = r->call, .nth = nth, .site = r->site, .site_nth = ++s.count[idx]};
		s.last[idx] = p->nocc - 1;
	}
	for (int k = 0; k < p->nocc && rc == 0; k++) {
		int idx = site_index(p->occs[k].site, p->occs[k].call);
		p->occs[k].last = s.last[idx] == k;
		p->occs[k].site_total = s.total[idx];
	}
	free(s.count);
	free(s.last);
	free(s.total);
	return rc;
}

/* The errnos swept for each call: documented, and in --errnos if given. */
static void plan_errnos(const struct sf_plan_opts *o, int nerr[SF_NCALLS], int errs[SF_NCALLS][SF_PLAN_MAX_ERRNOS])
{
	for (int cl = 0; cl < SF_NCALLS; cl++) {
		int nd;
		const struct sf_doc_errno *d = sf_documented((enum sf_call)cl, &nd);
		nerr[cl] = 0;
		for (int k = 0; k < nd && nerr[cl] < SF_PLAN_MAX_ERRNOS; k++) {
			int keep = !o->nerrnos;
			for (int m = 0; m < o->nerrnos; m++)
				keep |= o->errnos[m] == d[k].err;
			if (keep)
				errs[cl][nerr[cl]++] = d[k].err;
		}
	}
}

static int plan_faults(const struct sf_plan_opts *o, struct sf_plan *p)
{
	int nerr[SF_NCALLS], errs[SF_NCALLS][SF_PLAN_MAX_ERRNOS], cap = 0;
	plan_errnos(o, nerr, errs);
	for (int k = 0; k < p->nocc; k++) {
		const struct sf_occurrence *oc = &p->occs[k];
		if (!sf_plan_swept(oc))
			continue;
		for (int e = 0; e < nerr[oc->call]; e++) {
			if (p->total == cap) {
				cap = cap ? cap * 2 : 256;
				struct sf_fault *f = realloc(p->faults, (size_t)cap * sizeof *f);
				if (!f)
					return -1;
				p->faults = f;
			}
			p->faults[p->total++] = (struct sf_fault){k, errs[oc->call][e]};
		}
	}
	return 0;
}

int sf_plan_make(const struct sf_jrec *recs, long nrec, const struct sf_plan_opts *o, struct sf_plan *p)
{
	memset(p, 0, sizeof *p);
	p->nrec = nrec;
	if (plan_occurrences(recs, nrec, o, p) < 0 || plan_faults(o, p) < 0) {
		sf_plan_free(p);
		return -1;
	}
	p->first = (int)((long long)p->total * (o->shard_k - 1) / o->shard_n);
	p->ncases = (int)((long long)p->total * o->shard_k / o->shard_n) - p->first;
	return 0;
}

void sf_plan_free(struct sf_plan *p)
{
	free(p->occs);
	free(p->faults);
	p->occs = NULL;
	p->faults = NULL;
	p->nocc = p->total = p->first = p->ncases = 0;
}
