/* unfired.c: see unfired.h. */
#include <string.h>

#include "unfired.h"

unsigned long long sf_rule_fired(const struct sf_state *st, int i)
{
	unsigned long long n = 0;
	for (int c = 0; c < SF_NCALLS; c++)
		for (int e = 0; e < SF_MAX_ERRNO; e++)
			n += st->fired[i][c][e];
	return n;
}

/* Does libfiu's name (exact, or a prefix ending in '*', as fiu_enable(3)
 * matches it) name point? */
static int fiu_names(const char *name, size_t len, const char *point)
{
	if (len > 0 && name[len - 1] == '*')
		return strncmp(name, point, len - 1) == 0;
	return strlen(point) == len && strncmp(name, point, len) == 0;
}

/* The points of ours one FIU_ENABLE line enables (a bit per call); 0 for a
 * disable line or another library's points. */
static unsigned line_points(const char *line, size_t len)
{
	unsigned bits = 0;
	if (len < 6 || strncmp(line, "enable", 6) != 0)
		return 0;
	const char *nm = NULL;
	for (size_t i = 0; i + 5 <= len && !nm; i++)
		if (strncmp(line + i, "name=", 5) == 0 && (i == 0 || line[i - 1] == ' ' || line[i - 1] == ','))
			nm = line + i + 5;
	if (!nm)
		return 0;
	size_t nl = strcspn(nm, ",\n \t");
	if ((size_t)(nm - line) + nl > len)
		nl = len - (size_t)(nm - line);
	for (int c = 0; c < SF_NCALLS; c++)
		if (fiu_names(nm, nl, sf_call_point((enum sf_call)c)))
			bits |= 1u << c;
	return bits;
}

static int fiu_unfired(FILE *out, const char *pfx, const struct sf_state *st, const char *spec)
{
	unsigned enabled = 0;
	int lines = 0;
	for (const char *p = spec; p && *p;) {
		size_t len = strcspn(p, "\n");
		enabled |= line_points(p + strspn(p, " \t"), len - strspn(p, " \t"));
		p += len + (p[len] == '\n');
	}
	for (int c = 0; c < SF_NCALLS; c++) {
		if (!(enabled & (1u << c)))
			continue;
		unsigned long long n = 0;
		for (int e = 0; e < SF_MAX_ERRNO; e++)
			n += st->fired[SF_FIRED_FIU][c][e];
		if (n)
			continue;
		unsigned long long calls = st->calls[c];
		fprintf(out, "%slibfiu point '%s' (FIU_ENABLE) never failed (%llu %s call%s)\n", pfx,
			sf_call_point((enum sf_call)c), calls, sf_call_name((enum sf_call)c), calls == 1 ? "" : "s");
		lines++;
	}
	return lines;
}

/* The personality's refusals of the rule's calls: they speak first, so a
 * rule selected on those calls did not fire. */
static unsigned long long refused_first(const struct sf_state *st, const struct sf_rule *r)
{
	unsigned long long n = 0;
	for (int c = 0; c < SF_NCALLS; c++)
		for (int e = 0; e < SF_MAX_ERRNO && (r->calls & (1u << c)); e++)
			n += st->fired[SF_FIRED_PERSONALITY][c][e];
	return n;
}

int sf_unfired_print(FILE *out, const char *pfx, const struct sf_state *st, const struct sf_ruleset *rules,
		     const char *fiu_enable)
{
	int lines = 0;
	if (!st)
		return 0;
	for (int i = 0; i < rules->n && i < SF_MAX_RULES; i++) {
		if (sf_rule_fired(st, i))
			continue;
		const struct sf_rule *r = &rules->rule[i];
		if (r->per_process)
			fprintf(out, "%srule %d '%s' never fired (scope=process: matching calls counted per process)\n",
				pfx, i + 1, r->text);
		else if (refused_first(st, r))
			fprintf(out, "%srule %d '%s' never fired (%llu matching call%s; the personality refused %llu of "
				"those calls first)\n", pfx, i + 1, r->text, (unsigned long long)st->match[i],
				st->match[i] == 1 ? "" : "s", refused_first(st, r));
		else
			fprintf(out, "%srule %d '%s' never fired (%llu matching call%s)\n", pfx, i + 1, r->text,
				(unsigned long long)st->match[i], st->match[i] == 1 ? "" : "s");
		lines++;
	}
	return lines + fiu_unfired(out, pfx, st, fiu_enable);
}
