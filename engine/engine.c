/* engine.c: the decision for one call (see engine.h): the personality,
 * then the SHMFAULT rules, each counting every call it matches; and after
 * the call, the tree's records. */
#include <errno.h>
#include <string.h>

#include "engine.h"
#include "errnos.h"
#include "persona.h"
#include "rng.h"

int sf_engine_setup(struct sf_engine *eng, const struct sf_engine_config *cfg, char *err, size_t errlen)
{
	memset(eng, 0, sizeof *eng);
	if (cfg->rules && sf_rules_parse(cfg->rules, &eng->rules, err, errlen) < 0)
		return -1;
	for (int i = 0; i < eng->rules.n; i++)
		eng->rule_calls |= eng->rules.rule[i].calls;
	if (sf_persona_setup(&eng->persona, cfg, err, errlen) < 0)
		return -1;
	for (int c = 0; c < SF_NCALLS; c++)
		if (!(eng->rule_calls >> c & 1u) && sf_persona_idle(&eng->persona, (enum sf_call)c))
			eng->plain_calls |= 1u << c;
	return 0;
}

const char *sf_engine_personality(const struct sf_engine *eng)
{
	return eng->persona.platform ? eng->persona.platform->name : "linux";
}

int sf_engine_pick_errno(const struct sf_engine *eng, enum sf_call c, uint64_t stream, uint64_t counter)
{
	int n;
	const struct sf_doc_errno *d = sf_documented(c, &n);
	if (n == 0)
		return EINVAL;
	return d[sf_rng(eng->seed, stream, counter) % (uint64_t)n].err;
}

/* The key of the segment a call is about, for key= rules: shmget has it;
 * shmat and shmctl ask the kernel; shmdt finds its shmid in the view. */
static void find_key(const struct sf_procview *view, struct sf_callinfo *ci)
{
	struct shmid_ds ds;
	if (ci->call == SF_SHMGET || ci->key_known) {
		ci->key_known = 1;
		return;
	}
	int id = ci->call == SF_SHMDT ? view->attached_shmid(view->self, ci->addr) : ci->shmid;
	if (ci->call == SF_SHMCTL && (ci->cmd == IPC_INFO || ci->cmd == SHM_INFO))
		return;
	if (id >= 0 && view->shm_query(view->self, id, IPC_STAT, &ds) == 0) {
		ci->key = ds.shm_perm.__key;
		ci->key_known = 1;
	}
}

static int rule_matches(const struct sf_rule *r, const struct sf_callinfo *ci)
{
	if (!(r->calls & (1u << ci->call)))
		return 0;
	if (r->has_cmd && ci->cmd != r->cmd)
		return 0;
	if (r->has_key && (!ci->key_known || ci->key != r->key))
		return 0;
	if (r->has_name && (!ci->name || strcmp(sf_pshm_bare(ci->name), r->name) != 0))
		return 0;
	return 1;
}

/* The fired[] count of a failure, and the segment an IPC_RMID failure kept. */
static void count_fired(const struct sf_engine *eng, const struct sf_callinfo *ci, int row, int err)
{
	unsigned slot = (unsigned)err < SF_MAX_ERRNO ? (unsigned)err : 0;
	struct sf_state *st = eng->state;
	__atomic_fetch_add(&st->fired[row][ci->call][slot], 1, __ATOMIC_RELAXED);
	/* An IPC_RMID we failed keeps its segment alive: remember it, so the
	 * CLI does not blame the program for a segment the fault kept. */
	if (ci->call == SF_SHMCTL && ci->cmd == IPC_RMID && row != SF_FIRED_PERSONALITY) {
		uint32_t i = __atomic_fetch_add(&st->nkept, 1, __ATOMIC_RELAXED);
		if (i < SF_MAX_KEPT)
			__atomic_store_n(&st->kept[i], (int32_t)ci->shmid, __ATOMIC_RELAXED);
	}
}

/* Every rule counts every call it matches; the first that fires wins.
 * Returns its errno (ci->rule set), or 0. */
__attribute__((noinline)) static int apply_rules(const struct sf_engine *eng, const struct sf_procview *view, struct sf_callinfo *ci)
{
	int err = 0;
	uint64_t *own = NULL;
	if (eng->rules.calls_with_key & (1u << ci->call))
		find_key(view, ci);
	for (int i = 0; i < eng->rules.n; i++) {
		const struct sf_rule *r = &eng->rules.rule[i];
		if (!rule_matches(r, ci))
			continue;
		if (r->per_process && !own)
			own = view->process_counters(view->self);
		/* Atomic in both scopes: threads of one process share its counters. */
		uint64_t n = __atomic_add_fetch(r->per_process ? &own[i] : &eng->state->match[i], 1, __ATOMIC_RELAXED);
		if (err || !sf_when_selects(r, n))
			continue;
		if (r->prob != UINT64_MAX && sf_rng(eng->seed, SF_STREAM_PROB(i), n) >= r->prob)
			continue;
		err = r->err == SF_ERR_ANY ? sf_engine_pick_errno(eng, ci->call, (uint64_t)i, n) : r->err;
		ci->rule = i;
	}
	return err;
}

int sf_engine_decide(const struct sf_engine *eng, const struct sf_procview *view, struct sf_callinfo *ci)
{
	int err = 0, refused = 0;
	ci->by = SF_BY_NONE;
	ci->rule = -1;
	__atomic_fetch_add(&eng->state->calls[ci->call], 1, __ATOMIC_RELAXED);

	if (eng->persona.active)
		refused = sf_persona_before(eng, view, ci);
	if (eng->rule_calls & (1u << ci->call))
		err = apply_rules(eng, view, ci);
	if (refused) {
		ci->rule = -1;
		sf_engine_fail_by(eng, ci, SF_BY_PERSONALITY, refused);
		return refused;
	}
	if (err)
		sf_engine_fail_by(eng, ci, SF_BY_RULE, err);
	return err;
}

void sf_engine_fail_by(const struct sf_engine *eng, struct sf_callinfo *ci, enum sf_by by, int err)
{
	ci->by = by;
	switch (by) {
	case SF_BY_RULE:
		ci->rule_text = eng->rules.rule[ci->rule].text;
		count_fired(eng, ci, ci->rule, err);
		break;
	case SF_BY_FIU:
		count_fired(eng, ci, SF_FIRED_FIU, err);
		break;
	case SF_BY_PERSONALITY:
		ci->personality = sf_engine_personality(eng);
		count_fired(eng, ci, SF_FIRED_PERSONALITY, err);
		break;
	case SF_BY_NONE:
		break;
	}
}

void sf_engine_after(const struct sf_engine *eng, const struct sf_procview *view, struct sf_callinfo *ci)
{
	struct sf_state *st = eng->state;
	if (ci->call == SF_SHMGET && ci->err == 0 && ((ci->flg & IPC_CREAT) || ci->key == IPC_PRIVATE)) {
		/* Remember what the run created, for leak cleanup in host mode. */
		uint32_t i = __atomic_fetch_add(&st->ncreated, 1, __ATOMIC_RELAXED);
		if (i < SF_MAX_CREATED)
			st->created[i] = (struct sf_created){(int)ci->ret, (int32_t)ci->key, (int32_t)view->pid(view->self)};
	}
	if (eng->persona.active)
		sf_persona_after(eng, view, ci);
	if (ci->by == SF_BY_PERSONALITY)
		ci->personality = sf_engine_personality(eng);
}
