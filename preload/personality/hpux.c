/* hpux.c: HP-UX's global shared-memory addresses (HP2, HP-shmop). A
 * segment has one address for every process, chosen by its first attach
 * anywhere: that attach must pass shmaddr 0, later ones 0 or that address
 * (anything else is EINVAL), and shmaddr 0 attaches at that address. The
 * address is kept in the run's state file, so "anywhere" means the process
 * tree of the run. */
#include <stdint.h>

#include "check.h"

int sf_hpux_before_shmat(struct sf_callinfo *ci)
{
	struct sf_pseg *s = sf_pseg(ci->shmid, 0);
	uint64_t at = s ? __atomic_load_n(&s->addr, __ATOMIC_ACQUIRE) : 0;
	if (ci->addr && (uint64_t)(uintptr_t)ci->addr != at)
		return sf_pfire(ci, SF_PK_GLOBAL_ADDR);
	if (!ci->addr && at)
		ci->at_addr = (const void *)(uintptr_t)at;
	return 0;
}

void sf_hpux_after_shmat(struct sf_callinfo *ci)
{
	struct sf_pseg *s = sf_pseg(ci->shmid, 1);
	uint64_t zero = 0;
	if (s)
		__atomic_compare_exchange_n(&s->addr, &zero, (uint64_t)(uintptr_t)ci->ret, 0, __ATOMIC_RELEASE,
					    __ATOMIC_RELAXED);
}
