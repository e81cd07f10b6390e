/* solaris.c: SO7, SHM_LOCK and SHM_UNLOCK need PRIV_PROC_LOCK_MEMORY on
 * illumos whoever owns the segment (I-man shmctl.2); Linux lets the owner
 * lock. The nearest Linux privilege is CAP_IPC_LOCK in the effective set,
 * which the process view reports. Checked after the shared shmctl checks. */
#include "solaris.h"

int sf_solaris_before(SF_CHECK_ARGS)
{
	if (ci->call == SF_SHMCTL && sf_row_on(&eng->persona, SF_PK_LOCK_PRIV, SF_SHMCTL) &&
	    (ci->cmd == SHM_LOCK || ci->cmd == SHM_UNLOCK) && !view->may_lock(view->self))
		return sf_row_fire(eng, view, ci, SF_PK_LOCK_PRIV);
	return 0;
}
