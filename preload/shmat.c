/* shmat.c: the shmat wrapper. A failure returns (void *) -1, as shmat does. */
#include "wrap.h"

SF_EXPORT void *shmat(int shmid, const void *shmaddr, int shmflg)
{
	if (!sf_is_configured())
		return sf_real_shmat(shmid, shmaddr, shmflg);
	struct sf_callinfo ci = {.call = SF_SHMAT, .shmid = shmid, .addr = shmaddr,
				 .flg = shmflg, .caller = SF_CALLER};
	SF_RUN(ci, -1, sf_real_shmat(shmid, ci.at_addr ? ci.at_addr : shmaddr, shmflg), ci.ret == -1);
	return (void *)ci.ret;
}
