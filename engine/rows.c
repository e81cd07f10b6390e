/* rows.c: firing a personality's rule row (its count and first call site
 * in the tree's state), and the tree's note of each segment a check needs
 * to remember (removed, created by the run, its one address, last pid). */
#include <errno.h>
#include <stdint.h>

#include "persona.h"

static void count(SF_CHECK_ARGS, enum sf_pcheck k)
{
	const struct sf_persona *pers = &eng->persona;
	int i = pers->row[k][ci->call] - 1;
	int g = pers->prule_base < 0 ? -1 : pers->prule_base + i;
	struct sf_state *st = eng->state;
	ci->prule = pers->platform->rules[i].id;
	if (!st || g < 0 || g >= SF_MAX_PRULES)
		return;
	__atomic_fetch_add(&st->prule_fired[g], 1, __ATOMIC_RELAXED);
	uint32_t zero = 0;
	if (__atomic_load_n(&st->prule_site_state[g], __ATOMIC_RELAXED) == 0 &&
	    __atomic_compare_exchange_n(&st->prule_site_state[g], &zero, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		int saved = errno;
		view->site(view->self, ci->caller, st->prule_site[g], SF_PRULE_SITE);
		errno = saved;
		__atomic_store_n(&st->prule_site_state[g], 2, __ATOMIC_RELEASE);
	}
}

int sf_row_fire(SF_CHECK_ARGS, enum sf_pcheck k)
{
	count(eng, view, ci, k);
	return sf_row_of(&eng->persona, k, ci->call)->err;
}

void sf_row_fire_after(SF_CHECK_ARGS, enum sf_pcheck k, int err)
{
	count(eng, view, ci, k);
	ci->by = SF_BY_PERSONALITY;
	if (err) {
		ci->err = err;
		ci->ret = -1;
	}
}

_Static_assert(SF_MAX_SEG_NOTES == 1 << 12, "sf_segment_note hashes to 12 bits");

struct sf_segment_note *sf_segment_note(struct sf_state *st, int shmid, int create)
{
	if (!st || shmid < 0)
		return NULL;
	/* Fibonacci hashing (one multiply): ids differ in their low bits (the
	 * index) and in bit 15 up (the sequence); the top bits of the product
	 * mix both.  Called up to three times per call by some personalities. */
	uint32_t h = ((uint32_t)shmid * 0x9e3779b1u) >> 20;
	int32_t want = shmid + 1;
	for (uint32_t i = 0; i < 64; i++) {
		struct sf_segment_note *s = &st->seg_notes[(h + i) & (SF_MAX_SEG_NOTES - 1)];
		int32_t v = __atomic_load_n(&s->id1, __ATOMIC_ACQUIRE);
		if (v == want)
			return s;
		if (v != 0)
			continue;
		if (!create)
			return NULL;
		if (__atomic_compare_exchange_n(&s->id1, &v, want, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) || v == want)
			return s;
	}
	if (create)
		__atomic_store_n(&st->seg_notes_full, 1, __ATOMIC_RELAXED);
	return NULL;
}

_Static_assert(SF_MAX_KEY_NOTES == 1 << 10, "sf_key_noted hashes to 10 bits");

int sf_key_noted(struct sf_state *st, key_t key, int add)
{
	if (!st)
		return 0;
	uint64_t want = 1ull << 32 | (uint32_t)key;
	uint32_t h = ((uint32_t)key * 0x9e3779b1u) >> 22;
	for (uint32_t i = 0; i < 64; i++) {
		uint64_t *slot = &st->key_notes[(h + i) & (SF_MAX_KEY_NOTES - 1)];
		uint64_t v = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
		if (v == want)
			return 1;
		if (v != 0)
			continue;
		if (!add)
			return 0;
		if (__atomic_compare_exchange_n(slot, &v, want, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) || v == want)
			return 1;
	}
	return 0; /* full: the caller asks the kernel, as without notes */
}

int sf_segment_removed_noted(const struct sf_engine *eng, int shmid)
{
	struct sf_segment_note *s = sf_segment_note(eng->state, shmid, 0);
	return s && (__atomic_load_n(&s->flags, __ATOMIC_ACQUIRE) & SF_SEG_REMOVED);
}

int sf_segment_removed(const struct sf_engine *eng, const struct sf_procview *view, int shmid)
{
	struct sf_state *st = eng->state;
	if (sf_segment_removed_noted(eng, shmid))
		return 1;
	/* Two loads from the shared state page: no system call. */
	if (eng->persona.tree_knows_rmid && st && __atomic_load_n(&st->ipc_private, __ATOMIC_RELAXED) &&
	    !__atomic_load_n(&st->seg_notes_full, __ATOMIC_RELAXED))
		return 0;
	struct shmid_ds ds;
	int saved = errno;
	int r = shmid >= 0 && view->shm_query(view->self, shmid, IPC_STAT, &ds) == 0 && (ds.shm_perm.mode & SF_MODE_DEST);
	errno = saved;
	return r;
}
