/* rpersona.c: which personality rows the kernel backend can run on a
 * notified call.  It decides at syscall entry and answers CONTINUE or an
 * errno: it never sees the call's result, cannot change it, and cannot
 * move a shmat (issue 13, docs/backends.md §5).  A row that needs one of
 * these is refused with one line, never skipped in silence. */
#include <sys/ipc.h>
#include <sys/shm.h>

#include "persona.h"
#include "rengine.h"

static const struct sf_prule *on(const struct sf_persona *p, enum sf_pcheck k, enum sf_call c)
{
	return sf_row_on(p, k, c) ? sf_row_of(p, k, c) : NULL;
}

/* The row ci would need after the call (or to move it), or NULL. */
const struct sf_prule *sf_rpersona_after_row(const struct sf_persona *p, const struct sf_callinfo *ci)
{
	const struct sf_prule *r = NULL;
	switch (ci->call) {
	case SF_SHMGET:
		/* the after-part of KEY_ORDER; HP3 needs whether the key existed */
		if (ci->key != IPC_PRIVATE && !(r = on(p, SF_PK_KEY_ORDER, SF_SHMGET)))
			r = on(p, SF_PK_SHARE32, SF_SHMGET);
		return r;
	case SF_SHMAT:
		/* HP2 moves the attach; FIXED_ADDR rewrites EINVAL; LPID notes it */
		if (!(r = on(p, SF_PK_GLOBAL_ADDR, SF_SHMAT)) && ci->addr)
			r = on(p, SF_PK_FIXED_ADDR, SF_SHMAT);
		return r ? r : on(p, SF_PK_STAT_LPID, SF_SHMCTL);
	case SF_SHMCTL:
		if (ci->cmd == IPC_STAT || ci->cmd == SHM_STAT || ci->cmd == SHM_STAT_ANY) {
			static const enum sf_pcheck stat[] = {SF_PK_STAT_SEGSZ, SF_PK_STAT_MODE, SF_PK_STAT_RMID,
							      SF_PK_STAT_LPID};
			for (unsigned i = 0; i < sizeof stat / sizeof *stat && !r; i++)
				r = on(p, stat[i], SF_SHMCTL);
			return r;
		}
		if (ci->cmd == IPC_RMID || ci->cmd == IPC_SET)
			return on(p, SF_PK_CTL_PERM, SF_SHMCTL);
		return NULL;
	default:
		return NULL;
	}
}
