/* libfiu.c: the libfiu points posix/ipc/shm/CALL and posix/ipc/ftok. A point's
 * failinfo is the errno; 0 asks for a documented errno from the seeded
 * generator (the engine's, on its own stream). */
#include <stdint.h>
/* fiu.h compiles fiu_fail() away unless FIU_ENABLE is defined. */
#define FIU_ENABLE 1
#include <fiu.h>

#include "libfiu.h"

void sf_fiu_init(void)
{
	fiu_init(0);
}

int sf_fiu_decide(const struct sf_engine *eng, struct sf_callinfo *ci)
{
	if (!fiu_fail(sf_call_point(ci->call)))
		return 0;
	void *info = fiu_failinfo();
	uint64_t n = __atomic_load_n(&eng->state->seq, __ATOMIC_RELAXED);
	int err = info ? (int)(intptr_t)info : sf_engine_pick_errno(eng, ci->call, SF_STREAM_OTHER(ci->call), n);
	sf_engine_fail_by(eng, ci, SF_BY_FIU, err);
	return err;
}
