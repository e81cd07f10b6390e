/* persona.c: the simulated platform (see persona.h). Setup turns the
 * platform's rule rows into a table of the checks that are on, per call;
 * each call then runs only the checks it has. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "persona.h"

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
static int row_on(const struct sf_persona *pers, const struct sf_prule *r)
{
	const struct sf_limits *l = &pers->lim;
	if (r->check == SF_PK_KERNEL || r->check == SF_PK_NONE || r->check == SF_PK_EXTSHM || r->check == SF_PK_VARIANT)
		return 0;
	if ((r->flags & SF_PR_OPTIN) && !(pers->opts & sf_option_bit(r->option)))
		return 0;
	switch (r->check) {
	case SF_PK_SHMSEG: return l->shmseg >= 0;
	case SF_PK_SHMMAX: return l->shmmax >= 0;
	case SF_PK_SHMMNI: return l->shmmni >= 0;
	case SF_PK_SHMALL: return l->shmall >= 0;
	case SF_PK_KEY_ORDER: return pers->platform->key_order != NULL;
	default: return 1;
	}
}

/* The effective limits: the platform's defaults, then the given ones. */
static void set_limits(struct sf_persona *pers, const struct sf_limits *given)
{
	const struct sf_personality *p = pers->platform;
	pers->lim.shmseg = pick(given->shmseg, p->limits.shmseg);
	pers->lim.shmmax = pick(given->shmmax, p->limits.shmmax);
	pers->lim.shmmni = pick(given->shmmni, p->limits.shmmni);
	pers->lim.shmall = pick(given->shmall, p->limits.shmall);
	for (int i = 0; i < p->nrules; i++)
		if (p->rules[i].check == SF_PK_EXTSHM && pers->extshm && given->shmseg < 0)
			pers->lim.shmseg = -1; /* AX2: EXTSHM lifts the default, not a --limit */
}

int sf_persona_setup(struct sf_persona *pers, const struct sf_engine_config *cfg, char *err, size_t errlen)
{
	struct sf_limits given = {-1, -1, -1, -1};
	const struct sf_personality *p = sf_personality_find("linux");
	if (cfg->personality && *cfg->personality) {
		p = sf_personality_find(cfg->personality);
		if (!p) {
			snprintf(err, errlen, "unknown personality '%s' (known: %s)", cfg->personality,
				 sf_personality_names());
			return -1;
		}
	}
	if (cfg->limits && *cfg->limits && sf_limits_parse(cfg->limits, &given, err, errlen) < 0)
		return -1;
	if (cfg->options && *cfg->options && sf_options_parse(cfg->options, &pers->opts, err, errlen) < 0)
		return -1;
	pers->platform = p;
	pers->prule_base = sf_prule_index(p, 0); /* once: a row fires at every call of some platforms */
	pers->hooks = sf_platform_hooks(p->name);
	pers->page = cfg->page;
	pers->extshm = cfg->extshm;
	/* Only a state file outlives exec: without one, ask the kernel (and
	 * with one, unless the CLI's reaper marked the tree alone in its IPC
	 * namespace: st->ipc_private, read per call in rows.c). */
	pers->tree_knows_rmid = cfg->tree_state && !(pers->opts & SF_OPT_RMID_STAT);
	set_limits(pers, &given);
	for (int i = 0; i < p->nrules && i < 255; i++) {
		const struct sf_prule *r = &p->rules[i];
		if (!row_on(pers, r))
			continue;
		if ((SF_PLATFORM_KINDS >> r->check & 1u) && !(pers->hooks && (pers->hooks->kinds >> r->check & 1u))) {
			snprintf(err, errlen, "personality '%s': rule %s has no check (engine/personality/table.c)",
				 p->name, r->id);
			return -1;
		}
		for (int c = 0; c < SF_NCALLS; c++)
			if (r->call == SF_NCALLS || r->call == (enum sf_call)c) {
				pers->row[r->check][c] = (unsigned char)(i + 1);
				pers->kinds[c] |= 1u << r->check;
			}
	}
	for (int c = 0; c < SF_NCALLS; c++)
		pers->active |= pers->kinds[c] != 0;
	return 0;
}

/* The shared checks of each call; NULL when it has none. */
static const struct {
	int (*before)(SF_CHECK_ARGS);
	void (*after)(SF_CHECK_ARGS);
	int after_always; /* its after hook runs even with no row on for the call */
} shared[SF_NCALLS] = {
	[SF_SHMGET] = {sf_check_before_shmget, sf_check_after_shmget, 1},
	[SF_SHMAT] = {sf_check_before_shmat, sf_check_after_shmat, 0},
	[SF_SHMDT] = {NULL, NULL, 0},
	[SF_SHMCTL] = {sf_check_before_shmctl, sf_check_after_shmctl, 1},
	[SF_FTOK] = {NULL, sf_check_after_ftok, 0},
	[SF_SHM_OPEN] = {sf_check_before_pshm, NULL, 0},
	[SF_SHM_UNLINK] = {sf_check_before_pshm, NULL, 0},
	[SF_FTRUNCATE] = {sf_check_before_pshm, sf_check_after_pshm, 0},
	[SF_MMAP] = {sf_check_before_pshm, NULL, 0},
	[SF_MUNMAP] = {NULL, NULL, 0},
};

int sf_persona_idle(const struct sf_persona *pers, enum sf_call c)
{
	return !pers->active || (!pers->kinds[c] && !shared[c].after_always);
}

int sf_persona_before(SF_CHECK_ARGS)
{
	const struct sf_persona *pers = &eng->persona;
	const struct sf_platform_hooks *own = pers->hooks;
	int err;
	if (sf_row_on(pers, SF_PK_JAIL, ci->call))
		return sf_row_fire(eng, view, ci, SF_PK_JAIL);
	if (!pers->kinds[ci->call])
		return 0;
	if (own && own->screen && (err = own->screen(eng, view, ci)))
		return err;
	if (shared[ci->call].before && (err = shared[ci->call].before(eng, view, ci)))
		return err;
	return own && own->before ? own->before(eng, view, ci) : 0;
}

void sf_persona_after(SF_CHECK_ARGS)
{
	const struct sf_persona *pers = &eng->persona;
	const struct sf_platform_hooks *own = pers->hooks;
	if (ci->by != SF_BY_NONE)
		return; /* refused before the call: nothing happened */
	/* Bookkeeping the checks rely on happens after every successful shmget
	 * and shmctl (a reused id is no longer removed), whatever their rows. */
	if (!pers->kinds[ci->call] && !shared[ci->call].after_always)
		return;
	if (own && own->after && pers->kinds[ci->call])
		own->after(eng, view, ci);
	if (shared[ci->call].after)
		shared[ci->call].after(eng, view, ci);
}
