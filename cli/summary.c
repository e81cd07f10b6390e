/* summary.c: the end-of-run report (see summary.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "errnos.h"
#include "filter.h"
#include "personalities.h"
#include "summary.h"
#include "tapout.h"

const char *sf_leak_noun(int kind)
{
	return kind == SF_LEAK_PSHM ? "POSIX shm object" : kind == SF_LEAK_PSEM ? "POSIX semaphore" : "segment";
}

void sf_segment_describe(const struct sf_segment *s, char *buf, size_t len)
{
	if (s->kind != SF_LEAK_SEGMENT)
		snprintf(buf, len, "%s %s size=%llu mode=%04o", sf_leak_noun(s->kind), s->name,
			 (unsigned long long)s->size, (unsigned)s->mode);
	else
		snprintf(buf, len, "key=0x%08x shmid=%d size=%llu creator pid=%d nattch=%d", (unsigned)s->key, s->shmid,
			 (unsigned long long)s->size, s->cpid, s->nattch);
}

void sf_leaks_count(const struct sf_segment *s, int total, char *buf, size_t len)
{
	int listed = total < SF_MAX_LEAKS ? total : SF_MAX_LEAKS, nseg = 0;
	for (int i = 0; i < listed; i++)
		nseg += s[i].kind == SF_LEAK_SEGMENT;
	int nposix = listed - nseg;
	nseg += total - listed; /* not listed: counted as segments, as ever */
	if (nposix == 0)
		snprintf(buf, len, "%d segment%s", nseg, nseg == 1 ? "" : "s");
	else if (nseg == 0)
		snprintf(buf, len, "%d POSIX object%s", nposix, nposix == 1 ? "" : "s");
	else
		snprintf(buf, len, "%d segment%s and %d POSIX object%s", nseg, nseg == 1 ? "" : "s", nposix,
			 nposix == 1 ? "" : "s");
}

int sf_pshm_words(const struct sf_sandbox_result *res, char *buf, size_t len)
{
	if (res->pshm == SF_PSHM_FALLBACK)
		snprintf(buf, len,
			 "no private /dev/shm (cannot mount a tmpfs on it: %s): the run used the host's /dev/shm; "
			 "files new there are listed, not removed nor counted as leaks",
			 strerror(res->pshm_errno));
	else if (res->pshm == SF_PSHM_HOST)
		snprintf(buf, len, "the host's /dev/shm (no private namespaces): files new there are listed, not removed nor "
			 "counted as leaks");
	else
		return 0;
	return 1;
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

/* One line per personality rule id that fired: the rows of one id (one
 * per call, or per limit) are counted together, at the first call site.
 *   shmfault: aix rule AX1 (12th attach refused, EMFILE) fired x1 at probe+0x15dc */
static void print_prules(FILE *out, const struct sf_state *st)
{
	int total = sf_prule_total();
	for (int g = 0; g < total && g < SF_MAX_PRULES; g++) {
		const struct sf_personality *p, *q;
		const struct sf_prule *r = sf_prule_at(g, &p);
		int first = 1;
		for (int h = 0; h < g; h++) {
			const struct sf_prule *o = sf_prule_at(h, &q);
			if (q == p && !strcmp(o->id, r->id) && st->prule_fired[h])
				first = 0;
		}
		if (!st->prule_fired[g] || !first)
			continue;
		unsigned long long n = 0;
		const char *site = NULL;
		/* r is the first row of this id that fired: its words describe it */
		for (int h = g; h < total && h < SF_MAX_PRULES; h++) {
			const struct sf_prule *o = sf_prule_at(h, &q);
			if (q != p || strcmp(o->id, r->id) || !st->prule_fired[h])
				continue;
			n += st->prule_fired[h];
			if (!site && st->prule_site_state[h] == 2 && memchr(st->prule_site[h], 0, SF_PRULE_SITE))
				site = st->prule_site[h];
		}
		fprintf(out, "shmfault: %s rule %s (%s, %s) fired x%llu%s%s\n", p->name, r->id, r->what, r->expect, n,
			site ? " at " : "", site ? site : "");
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
		print_prules(out, st);
	}
	if (res->leftovers)
		fprintf(out, "shmfault: processes still running after the command ended were killed\n");
	if (res->timed_out)
		fprintf(out, "shmfault: timed out: every process of the run was killed\n");
	char d[SF_LEAK_DESC];
	for (int i = 0; i < res->nleaked && i < SF_MAX_LEAKS; i++) {
		const struct sf_segment *s = &res->leaked[i];
		sf_segment_describe(s, d, sizeof d);
		if (s->left)
			fprintf(out, "shmfault: %s %s\n", d, SF_LEFT_WORDS);
		else
			fprintf(out, "shmfault: leaked %s%s (removed)\n", s->kind == SF_LEAK_SEGMENT ? "segment " : "", d);
	}
	if (res->nleaked > SF_MAX_LEAKS)
		fprintf(out, "shmfault: ... and %d more leaked segments (removed)\n", res->nleaked - SF_MAX_LEAKS);
	if (res->pshm == SF_PSHM_FALLBACK && sf_pshm_words(res, d, sizeof d))
		fprintf(out, "shmfault: %s\n", d);
	sf_summary_bypass(out, res);
}

void sf_summary_bypass(FILE *out, const struct sf_sandbox_result *res)
{
	if (res->bypass_line[0])
		fprintf(out, "%s\n", res->bypass_line);
	if (!res->kfilter && res->kfilter_errno == EXDEV)
		fprintf(out, "shmfault: bypass detection off: the reaper has no /proc of the run's PID namespace; "
			     "shm calls that bypass the interposer are not seen\n");
	else if (!res->kfilter && res->kfilter_errno)
		fprintf(out, "shmfault: bypass detection off: cannot install the seccomp filter: %s (%s); "
			     "shm calls that bypass the interposer are not seen\n",
			sf_kfilter_strerror(-res->kfilter_errno), strerror(res->kfilter_errno));
}

int sf_bypass_unfaulted(const struct sf_sandbox_result *res, char *why, size_t len)
{
	if (!(res->nbypassed > 0 || res->ninterrupted > 0) || (sf_sandbox_backend != SF_BACKEND_PRELOAD && res->kfilter))
		return 0;
	const char *line = res->bypass_line;
	if (!strncmp(line, "shmfault: ", 10))
		line += 10;
	if (why)
		snprintf(why, len, "%s; the preload backend cannot fault them",
			 line[0] ? line : "shm calls bypassed the interposer");
	return 1;
}

void sf_yaml_bypass(FILE *out, const char *indent, const struct sf_sandbox_result *res)
{
	char buf[2048];
	FILE *f = fmemopen(buf, sizeof buf, "w");
	if (!f)
		return;
	sf_summary_bypass(f, res);
	fputc(0, f);
	fclose(f);
	buf[sizeof buf - 1] = 0;
	if (!buf[0])
		return;
	fprintf(out, "%sbypass:\n", indent);
	char *save = NULL;
	for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		fprintf(out, "%s  - ", indent);
		sf_yaml_str(out, strncmp(line, "shmfault: ", 10) ? line : line + 10);
		fputc('\n', out);
	}
}
