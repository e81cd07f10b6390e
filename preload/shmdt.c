/* shmdt.c: the shmdt wrapper. */
#include "wrap.h"

SF_EXPORT int shmdt(const void *shmaddr)
{
	if (!sf_is_configured())
		return sf_real_shmdt(shmaddr);
	struct sf_callinfo ci = {.call = SF_SHMDT, .addr = shmaddr, .shmid = -1, .caller = SF_CALLER};
	SF_RUN(ci, -1, sf_real_shmdt(shmaddr), ci.ret == -1);
	return (int)ci.ret;
}
