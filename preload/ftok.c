/* ftok.c: the ftok wrapper. A failure returns (key_t) -1. */
#include "wrap.h"

SF_EXPORT key_t ftok(const char *pathname, int proj_id)
{
	if (!sf_is_configured())
		return sf_real_ftok(pathname, proj_id);
	struct sf_callinfo ci = {.call = SF_FTOK, .path = pathname, .proj = proj_id, .shmid = -1,
				 .caller = SF_CALLER};
	SF_RUN(ci, (key_t)-1, sf_real_ftok(pathname, proj_id), ci.ret == -1);
	return (key_t)ci.ret;
}
