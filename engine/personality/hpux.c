/* hpux.c: HP-UX's own checks (hooks of the hpux and hpux32 rows of
 * table.c).
 * HP2 (HP-shmop): global shared-memory addresses. A segment has one
 * address for every process, chosen by its first attach anywhere: that
 * attach must pass shmaddr 0, later ones 0 or that address (anything else
 * is EINVAL), and shmaddr 0 attaches at that address. The address is kept
 * in the tree's notes, so "anywhere" means the process tree of the run.
 * HP3 (HP-shmget): a 32-bit process (hpux32) looking up a key whose segment
 * a 64-bit process created without IPC_SHARE32 gets EINVAL. Linux has no
 * IPC_SHARE32, so the segments the run created (noted in its state file)
 * count as shared with 32-bit processes, and every other one as a 64-bit
 * segment without it. Without a state file (the library alone, where exec
 * forgets) nothing is refused. The lookup costs one shmget(key, 0, 0);
 * alone in its IPC namespace (st->ipc_private) the tree skips it for the
 * keys it created itself (its key notes): only the tree makes segments
 * there once it runs, so such a key can only name one of its own. */
#include <errno.h>
#include <stdint.h>

#include "../persona.h"
#include "hpux.h"

/* HP3, before the shared checks of shmget. */
static int share32_before(SF_CHECK_ARGS)
{
	ci->key_was_absent = ci->key == IPC_PRIVATE;
	if (ci->key == IPC_PRIVATE || !eng->persona.tree_knows_rmid)
		return 0;
	if (__atomic_load_n(&eng->state->ipc_private, __ATOMIC_RELAXED) && sf_key_noted(eng->state, ci->key, 0))
		return 0;
	int saved = errno;
	int id = view->shm_lookup(view->self, ci->key);
	errno = saved;
	if (id < 0) {
		ci->key_was_absent = 1;
		return 0;
	}
	struct sf_segment_note *s = sf_segment_note(eng->state, id, 0);
	if (s && (__atomic_load_n(&s->flags, __ATOMIC_ACQUIRE) & SF_SEG_OURS))
		return 0;
	return sf_row_fire(eng, view, ci, SF_PK_SHARE32);
}

static void share32_after(SF_CHECK_ARGS)
{
	struct sf_segment_note *s;
	(void)view;
	if (ci->err != 0 || !ci->key_was_absent)
		return;
	if ((s = sf_segment_note(eng->state, (int)ci->ret, 1)))
		__atomic_fetch_or(&s->flags, SF_SEG_OURS, __ATOMIC_RELEASE);
	if (ci->key != IPC_PRIVATE)
		sf_key_noted(eng->state, ci->key, 1);
}

/* HP2, after the shared checks of shmat. */
static int global_addr_before(SF_CHECK_ARGS)
{
	struct sf_segment_note *s = sf_segment_note(eng->state, ci->shmid, 0);
	uint64_t at = s ? __atomic_load_n(&s->addr, __ATOMIC_ACQUIRE) : 0;
	if (ci->addr && (uint64_t)(uintptr_t)ci->addr != at)
		return sf_row_fire(eng, view, ci, SF_PK_GLOBAL_ADDR);
	if (!ci->addr && at)
		ci->at_addr = (const void *)(uintptr_t)at;
	return 0;
}

static void global_addr_after(SF_CHECK_ARGS)
{
	struct sf_segment_note *s = sf_segment_note(eng->state, ci->shmid, 1);
	uint64_t zero = 0;
	(void)view;
	if (s)
		__atomic_compare_exchange_n(&s->addr, &zero, (uint64_t)(uintptr_t)ci->ret, 0, __ATOMIC_RELEASE,
					    __ATOMIC_RELAXED);
}

int sf_hpux_screen(SF_CHECK_ARGS)
{
	if (ci->call == SF_SHMGET && sf_row_on(&eng->persona, SF_PK_SHARE32, SF_SHMGET))
		return share32_before(eng, view, ci);
	return 0;
}

int sf_hpux_before(SF_CHECK_ARGS)
{
	if (ci->call == SF_SHMAT && sf_row_on(&eng->persona, SF_PK_GLOBAL_ADDR, SF_SHMAT))
		return global_addr_before(eng, view, ci);
	return 0;
}

void sf_hpux_after(SF_CHECK_ARGS)
{
	if (ci->call == SF_SHMGET && sf_row_on(&eng->persona, SF_PK_SHARE32, SF_SHMGET))
		share32_after(eng, view, ci);
	if (ci->call == SF_SHMAT && ci->err == 0 && sf_row_on(&eng->persona, SF_PK_GLOBAL_ADDR, SF_SHMAT))
		global_addr_after(eng, view, ci);
}
