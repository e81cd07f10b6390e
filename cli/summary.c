/* summary.c: the end-of-run report (see summary.h). */
#include <stdio.h>

#include "errnos.h"
#include "summary.h"

void sf_segment_describe(const struct sf_segment *s, char *buf, size_t len)
{
	snprintf(buf, len, "key=0x%08x shmid=%d size=%llu creator pid=%d nattch=%d", (unsigned)s->key, s->shmid,
		 (unsigned long long)s->size, s->cpid, s->nattch);
}

static void print_row(FILE *out, const struct sf_state *st, int row, const char *who)
{
	for (int c = 0; c < SF_NCALLS; c++)
		for (int e = 0; e < SF_MAX_ERRNO; e++) {
			unsigned n = st->fired[row][c][e];
			if (!n)
				continue;
			const char *name = e ? sf_errno_name(e) : "errno>255";
			fprintf(out, "shmfault: injected %s %s x%u (%s)\n", sf_call_name((enum sf_call)c),
				name ? name : "?", n, who);
		}
}

void sf_summary_print(FILE *out, const struct sf_state *st, const struct sf_ruleset *rules,
		      const struct sf_sandbox_result *res)
{
	char who[SF_RULE_TEXT + 32];
	if (st) {
		for (int i = 0; i < rules->n; i++) {
			snprintf(who, sizeof who, "rule %d '%s'", i + 1, rules->rule[i].text);
			print_row(out, st, i, who);
		}
		print_row(out, st, SF_FIRED_FIU, "libfiu point");
		print_row(out, st, SF_FIRED_PERSONALITY, "personality");
	}
	if (res->leftovers)
		fprintf(out, "shmfault: processes still running after the command ended were killed\n");
	if (res->timed_out)
		fprintf(out, "shmfault: timed out: every process of the run was killed\n");
	for (int i = 0; i < res->nleaked && i < SF_MAX_LEAKS; i++) {
		char d[160];
		sf_segment_describe(&res->leaked[i], d, sizeof d);
		fprintf(out, "shmfault: leaked segment %s (removed)\n", d);
	}
	if (res->nleaked > SF_MAX_LEAKS)
		fprintf(out, "shmfault: ... and %d more leaked segments (removed)\n", res->nleaked - SF_MAX_LEAKS);
}
