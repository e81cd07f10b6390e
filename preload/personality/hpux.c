/* hpux.c: HP-UX's global shared-memory addresses (HP2, HP-shmop). A
 * segment has one address for every process, chosen by its first attach
 * anywhere: that attach must pass shmaddr 0, later ones 0 or that address
 * (anything else is EINVAL), and shmaddr 0 attaches at that address. The
 * address is kept in the run's state file, so "anywhere" means the process
 * tree of the run. */
#include <errno.h>
#include <stdint.h>

#include "../real.h"
#include "check.h"

/* HP3 (HP-shmget): a 32-bit process (hpux32) looking up a key whose segment
 * a 64-bit process created without IPC_SHARE32 gets EINVAL. Linux has no
 * IPC_SHARE32, so the segments the run created (recorded in its state file)
 * count as shared with 32-bit processes, and every other one as a 64-bit
 * segment without it. Without a state file (the library alone, where exec
 * forgets) nothing is refused. The lookup costs one shmget(key, 0, 0). */
static _Thread_local int share32_absent; /* the key had no segment before the call */

int sf_pk_share32_before(struct sf_callinfo *ci)
{
	share32_absent = ci->key == IPC_PRIVATE;
	if (ci->key == IPC_PRIVATE || !sf_pctx.rmid_cached)
		return 0;
	int saved = errno;
	int id = sf_real_shmget(ci->key, 0, 0);
	errno = saved;
	if (id < 0) {
		share32_absent = 1;
		return 0;
	}
	struct sf_pseg *s = sf_pseg(id, 0);
	if (s && (__atomic_load_n(&s->flags, __ATOMIC_ACQUIRE) & SF_PSEG_OURS))
		return 0;
	return sf_pfire(ci, SF_PK_SHARE32);
}

void sf_pk_share32_after(struct sf_callinfo *ci)
{
	struct sf_pseg *s;
	if (ci->err == 0 && share32_absent && (s = sf_pseg((int)ci->ret, 1)))
		__atomic_fetch_or(&s->flags, SF_PSEG_OURS, __ATOMIC_RELEASE);
	share32_absent = 0;
}

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
