/* list.c: `shmfault list`: the calls, their documented errnos with the
 * condition of each, and the fault point names (all from common/ tables). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "options.h"
#include "errnos.h"
#include "personalities.h"

static void limit(const char *name, long long v, const char *unit)
{
	if (v == SF_LIMIT_QUARTER_RAM)
		printf(" %s=RAM/4%s", name, unit);
	else if (v >= 0)
		printf(" %s=%lld%s", name, v, unit);
	else
		printf(" %s=kernel", name);
}

/* The personality's rule table, from common/personalities.c: one row per
 * line, tab-separated (rule, call, how, expect, confidence, source,
 * condition), after two header lines. */
static int list_personality(const struct sf_personality *p)
{
	printf("# %s: %s\n# limits:", p->name, p->description);
	limit("shmseg", p->limits.shmseg, "");
	limit("shmmax", p->limits.shmmax, "");
	limit("shmmni", p->limits.shmmni, "");
	limit("shmall", p->limits.shmall, " pages");
	printf(" (override with --limit or SHMFAULT_LIMITS)\n");
	printf("rule\tcall\thow\texpect\tconfidence\tsource\tcondition\n");
	for (int i = 0; i < p->nrules; i++) {
		const struct sf_prule *r = &p->rules[i];
		char how[64];
		if (r->flags & SF_PR_OPTIN)
			snprintf(how, sizeof how, "opt-in (SHMFAULT_OPTIONS=%s)", r->option);
		else if (r->check == SF_PK_VARIANT)
			snprintf(how, sizeof how, "variant (-p %s)", r->option);
		else
			snprintf(how, sizeof how, "%s", sf_pcheck_how(r));
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r->id, r->call == SF_NCALLS ? "all" : sf_call_name(r->call), how,
		       r->expect, r->confidence, r->source, r->condition);
	}
	return 0;
}

static const struct sf_opt list_opts[] = {
	{'p', "personality", 'p', "NAME", "that personality's limits and rules (default: the calls and their errnos)"},
	{SF_OPT_HELP, "help", 'h', NULL, "this help"},
	{0, NULL, 0, NULL, NULL},
};
static const struct sf_cmd_spec list_spec = {"list", "[--personality NAME]", "list: ", list_opts, 0};

static int list_opt(void *ctx, int id, char *arg)
{
	(void)id;
	*(const char **)ctx = arg;
	return 0;
}

int sf_cmd_list(int argc, char **argv)
{
	struct sf_common_opts co = {0};
	const char *pers = NULL;
	int rc = sf_opts_parse(&list_spec, argc, argv, &co, list_opt, &pers);
	if (rc != SF_OPTS_GO)
		return rc == SF_OPTS_HELP ? 0 : 2;
	if (pers) {
		if (!sf_personality_find(pers)) {
			sf_error("unknown personality '%s' (known: %s)", pers, sf_personality_names());
			return 2;
		}
		return list_personality(sf_personality_find(pers));
	}
	for (int k = 0; k < SF_NCALLS; k++) {
		int n;
		const struct sf_doc_errno *d = sf_documented((enum sf_call)k, &n);
		printf("%s  (fault point %s)\n", sf_call_name((enum sf_call)k), sf_call_point((enum sf_call)k));
		for (int i = 0; i < n; i++)
			printf("  %-13s %s [%s]\n", sf_errno_name(d[i].err), d[i].condition, d[i].source);
	}
	printf("\npersonalities: %s\n", sf_personality_names());
	/* issue 13: the kernel backend sees system calls, and ftok is not one */
	printf("kernel backend (--backend seccomp): ftok cannot be seen (it is libc over stat(2)); "
	       "only the interposer faults it\n");
	return 0;
}
