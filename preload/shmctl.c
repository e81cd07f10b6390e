/* shmctl.c: the shmctl wrapper. */
#include "wrap.h"

SF_EXPORT int shmctl(int shmid, int cmd, struct shmid_ds *buf)
{
	if (!sf_is_configured())
		return sf_real_shmctl(shmid, cmd, buf);
	if (SF_PLAIN(SF_SHMCTL)) {
		int r;
		SF_RUN_PLAIN(SF_SHMCTL, r, sf_real_shmctl(shmid, cmd, buf));
		return r;
	}
	struct sf_callinfo ci = {.call = SF_SHMCTL, .shmid = shmid, .cmd = cmd, .buf = buf,
				 .caller = SF_CALLER};
	SF_RUN(ci, -1, sf_real_shmctl(shmid, cmd, buf), ci.ret == -1);
	return (int)ci.ret;
}
