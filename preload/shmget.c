/* shmget.c: the shmget wrapper. */
#include "wrap.h"

SF_EXPORT int shmget(key_t key, size_t size, int shmflg)
{
	if (!sf_is_configured())
		return sf_real_shmget(key, size, shmflg);
	if (SF_PLAIN(SF_SHMGET) && key != IPC_PRIVATE && !(shmflg & IPC_CREAT)) {
		int r; /* creates nothing: sf_engine_after would note nothing */
		SF_RUN_PLAIN(SF_SHMGET, r, sf_real_shmget(key, size, shmflg));
		return r;
	}
	struct sf_callinfo ci = {.call = SF_SHMGET, .key = key, .key_known = 1, .size = size,
				 .flg = shmflg, .shmid = -1, .caller = SF_CALLER};
	SF_RUN(ci, -1, sf_real_shmget(key, size, shmflg), ci.ret == -1);
	return (int)ci.ret;
}
