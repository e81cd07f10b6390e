/* plan-test.c: drives the sweep's plan (cli/sweep_plan.c) directly, for
 * tests/sweep/t0050-plan.t. Records on stdin, one a line: "CALL SITE"
 * (SITE a small integer: the call site's index). Prints the plan:
 *   total T first F cases N
 *   beyond CALL K            (per call with occurrences beyond --max-nth)
 *   CALL#NTH ERRNO site=S    (each case of the shard, in order)
 * Options: --calls LIST, --errnos LIST, --max-nth N, --shard K/N. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls.h"
#include "errnos.h"
#include "sweep_plan.h"

static unsigned parse_calls(const char *s)
{
	unsigned mask = 0;
	while (*s) {
		size_t n = strcspn(s, ",");
		enum sf_call c = sf_call_from_name(s, n);
		if (c == SF_NCALLS) {
			fprintf(stderr, "plan-test: bad call '%.*s'\n", (int)n, s);
			exit(2);
		}
		mask |= 1u << c;
		s += n + (s[n] == ',');
	}
	return mask;
}

static int parse_errnos(const char *s, int *list)
{
	int n = 0;
	while (*s && n < SF_PLAN_MAX_ERRNOS) {
		size_t k = strcspn(s, ",");
		int e = sf_errno_parse(s, k);
		if (e <= 0) {
			fprintf(stderr, "plan-test: bad errno '%.*s'\n", (int)k, s);
			exit(2);
		}
		list[n++] = e;
		s += k + (s[k] == ',');
	}
	return n;
}

static long read_records(struct sf_jrec **out)
{
	char call[32];
	int site;
	long n = 0, cap = 0;
	*out = NULL;
	while (scanf("%31s %d", call, &site) == 2) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			*out = realloc(*out, (size_t)cap * sizeof **out);
			if (!*out)
				exit(2);
		}
		memset(&(*out)[n], 0, sizeof **out);
		(*out)[n].call = sf_call_from_name(call, strlen(call));
		if ((*out)[n].call == SF_NCALLS) {
			fprintf(stderr, "plan-test: bad call '%s'\n", call);
			exit(2);
		}
		(*out)[n].site = site;
		(*out)[n].seq = (uint64_t)n;
		n++;
	}
	return n;
}

int main(int argc, char **argv)
{
	int errnos[SF_PLAN_MAX_ERRNOS];
	struct sf_plan_opts o = {.calls = SF_ALL_CALLS, .max_nth = 50, .errnos = errnos, .shard_k = 1, .shard_n = 1};
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--calls"))
			o.calls = parse_calls(argv[i + 1]);
		else if (!strcmp(argv[i], "--errnos"))
			o.nerrnos = parse_errnos(argv[i + 1], errnos);
		else if (!strcmp(argv[i], "--max-nth"))
			o.max_nth = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--shard") && sscanf(argv[i + 1], "%d/%d", &o.shard_k, &o.shard_n) == 2)
			continue;
		else {
			fprintf(stderr, "plan-test: bad option '%s'\n", argv[i]);
			return 2;
		}
	}
	struct sf_jrec *recs;
	long nrec = read_records(&recs);
	struct sf_plan p;
	if (sf_plan_make(recs, nrec, &o, &p) < 0)
		return 1;
	printf("total %d first %d cases %d\n", p.total, p.first, p.ncases);
	for (int c = 0; c < SF_NCALLS; c++)
		if (p.beyond[c])
			printf("beyond %s %d\n", sf_call_name((enum sf_call)c), p.beyond[c]);
	for (int k = 0; k < p.ncases; k++) {
		const struct sf_fault *f = &p.faults[p.first + k];
		const struct sf_occurrence *oc = &p.occs[f->occurrence];
		printf("%s#%d %s site=%d\n", sf_call_name(oc->call), oc->nth, sf_errno_name(f->err), oc->site);
	}
	sf_plan_free(&p);
	free(recs);
	return 0;
}
