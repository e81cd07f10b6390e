/* personality.c: dispatch to the simulated platform (see personality.h).
 * Setup turns the platform's rule rows into a table of the checks that are
 * on, per call; each call then runs only the checks it has. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "personality.h"
#include "personality/check.h"

int sf_personality_active;
struct sf_pctx sf_pctx;
static const struct sf_personality *active;

static long long pick(long long given, long long dflt)
{
	if (given >= 0)
		return given;
	if (dflt == SF_LIMIT_QUARTER_RAM) {
		long pages = sysconf(_SC_PHYS_PAGES);
		return pages > 0 ? pages / 4 : -1;
	}
	return dflt;
}

/* Whether row r is on: simulated, its option given, its limit set. */
static int row_on(const struct sf_prule *r)
{
	const struct sf_limits *l = &sf_pctx.lim;
	if (r->check == SF_PK_KERNEL || r->check == SF_PK_NONE || r->check == SF_PK_EXTSHM || r->check == SF_PK_VARIANT)
		return 0;
	if ((r->flags & SF_PR_OPTIN) && !(sf_pctx.opts & sf_option_bit(r->option)))
		return 0;
	switch (r->check) {
	case SF_PK_SHMSEG: return l->shmseg >= 0;
	case SF_PK_SHMMAX: return l->shmmax >= 0;
	case SF_PK_SHMMNI: return l->shmmni >= 0;
	case SF_PK_SHMALL: return l->shmall >= 0;
	case SF_PK_KEY_ORDER: return active->key_order != NULL;
	default: return 1;
	}
}

int sf_personality_setup(const char *name, const char *limits, const char *options, char *err, unsigned long errlen)
{
	struct sf_limits lim = {-1, -1, -1, -1};
	const char *x = getenv("EXTSHM"); /* read once, at start, as AIX's loader does */
	active = sf_personality_find("linux");
	if (name && *name) {
		active = sf_personality_find(name);
		if (!active) {
			snprintf(err, errlen, "unknown personality '%s' (known: %s)", name, sf_personality_names());
			return -1;
		}
	}
	if (limits && *limits && sf_limits_parse(limits, &lim, err, errlen) < 0)
		return -1;
	if (options && *options && sf_options_parse(options, &sf_pctx.opts, err, errlen) < 0)
		return -1;
	sf_pctx.p = active;
	sf_pctx.page = sysconf(_SC_PAGESIZE);
	sf_pctx.extshm = x && (!strcmp(x, "ON") || !strcmp(x, "1SEG") || !strcmp(x, "MSEG"));
	/* Only a state file outlives exec: without one, ask the kernel. */
	sf_pctx.rmid_cached = getenv("SHMFAULT_STATE") && !(sf_pctx.opts & SF_OPT_RMID_STAT);
	sf_pctx.lim.shmseg = pick(lim.shmseg, active->limits.shmseg);
	sf_pctx.lim.shmmax = pick(lim.shmmax, active->limits.shmmax);
	sf_pctx.lim.shmmni = pick(lim.shmmni, active->limits.shmmni);
	sf_pctx.lim.shmall = pick(lim.shmall, active->limits.shmall);
	for (int i = 0; i < active->nrules; i++)
		if (active->rules[i].check == SF_PK_EXTSHM && sf_pctx.extshm && lim.shmseg < 0)
			sf_pctx.lim.shmseg = -1; /* AX2: EXTSHM lifts the default, not a --limit */
	for (int i = 0; i < active->nrules && i < 255; i++) {
		const struct sf_prule *r = &active->rules[i];
		if (!row_on(r))
			continue;
		for (int c = 0; c < SF_NCALLS; c++)
			if (r->call == SF_NCALLS || r->call == (enum sf_call)c) {
				sf_pctx.row[r->check][c] = (unsigned char)(i + 1);
				sf_pctx.kinds[c] |= 1u << r->check;
			}
	}
	for (int c = 0; c < SF_NCALLS; c++)
		sf_personality_active |= sf_pctx.kinds[c] != 0;
	/* Bookkeeping the checks rely on happens after every successful shmget
	 * (a reused id is no longer removed), whatever the rows of shmget. */
	return 0;
}

int sf_personality_before(struct sf_callinfo *ci)
{
	if (sf_pon(SF_PK_JAIL, ci->call))
		return sf_pfire(ci, SF_PK_JAIL);
	switch (ci->call) {
	case SF_SHMGET: return sf_pctx.kinds[SF_SHMGET] ? sf_pk_before_shmget(ci) : 0;
	case SF_SHMAT: return sf_pctx.kinds[SF_SHMAT] ? sf_pk_before_shmat(ci) : 0;
	case SF_SHMCTL: return sf_pctx.kinds[SF_SHMCTL] ? sf_pk_before_shmctl(ci) : 0;
	default: return 0;
	}
}

void sf_personality_after(struct sf_callinfo *ci)
{
	if (ci->by != SF_BY_NONE)
		return; /* refused before the real call: nothing happened */
	switch (ci->call) {
	case SF_SHMGET: sf_pk_after_shmget(ci); break;
	case SF_SHMAT: if (sf_pctx.kinds[SF_SHMAT]) sf_pk_after_shmat(ci); break;
	case SF_SHMCTL: sf_pk_after_shmctl(ci); break;
	case SF_FTOK: if (sf_pctx.kinds[SF_FTOK]) sf_pk_after_ftok(ci); break;
	default: break;
	}
}

const char *sf_personality_name(void)
{
	return active ? active->name : "linux";
}
