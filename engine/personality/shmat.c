/* shmat.c: the shmat checks every platform shares: refusal after IPC_RMID,
 * one attach per segment, the per-process attach limit; after the call,
 * the last attaching pid and the errno of an occupied fixed address.
 * The attach limit asks the process view (the interposer's ledger: no
 * system call); the post-IPC_RMID refusal reads the tree's notes, and asks
 * the kernel only when they cannot be trusted (rows.c). */
#include <errno.h>
#include <stdint.h>

#include "../persona.h"

int sf_check_before_shmat(SF_CHECK_ARGS)
{
	const struct sf_persona *pers = &eng->persona;
	if (sf_row_on(pers, SF_PK_RMID, SF_SHMAT) && sf_segment_removed(eng, view, ci->shmid))
		return sf_row_fire(eng, view, ci, SF_PK_RMID);
	if (sf_row_on(pers, SF_PK_SAME_SEG, SF_SHMAT) && ci->shmid >= 0 && view->attach_count(view->self, ci->shmid) > 0)
		return sf_row_fire(eng, view, ci, SF_PK_SAME_SEG);
	if (sf_row_on(pers, SF_PK_SHMSEG, SF_SHMAT)) {
		/* Check and reserve in one step: threads attaching at once would
		 * all see the count below the limit and exceed it together. */
		if (view->reserve_attach(view->self, (int)pers->lim.shmseg) != 0)
			return sf_row_fire(eng, view, ci, SF_PK_SHMSEG);
		ci->reserved = 1;
	}
	return 0;
}

void sf_check_after_shmat(SF_CHECK_ARGS)
{
	const struct sf_persona *pers = &eng->persona;
	if (ci->err == 0) {
		struct sf_segment_note *s;
		if (sf_row_on(pers, SF_PK_STAT_LPID, SF_SHMCTL) && (s = sf_segment_note(eng->state, ci->shmid, 1)))
			__atomic_store_n(&s->lpid, (int32_t)view->pid(view->self), __ATOMIC_RELAXED);
		return;
	}
	/* An occupied fixed range: Linux says EINVAL, the BSDs ENOMEM. The id
	 * is valid and the address aligned, so the range is what failed. */
	if (sf_row_on(pers, SF_PK_FIXED_ADDR, SF_SHMAT) && ci->err == EINVAL && ci->addr && !(ci->flg & SHM_REMAP) &&
	    ((ci->flg & SHM_RND) || (uintptr_t)ci->addr % (uintptr_t)SHMLBA == 0)) {
		struct shmid_ds ds;
		if (view->shm_query(view->self, ci->shmid, IPC_STAT, &ds) == 0)
			sf_row_fire_after(eng, view, ci, SF_PK_FIXED_ADDR, sf_row_of(pers, SF_PK_FIXED_ADDR, SF_SHMAT)->err);
	}
}
