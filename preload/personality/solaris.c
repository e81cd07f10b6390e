/* solaris.c: SO7, SHM_LOCK and SHM_UNLOCK need PRIV_PROC_LOCK_MEMORY on
 * illumos whoever owns the segment (I-man shmctl.2); Linux lets the owner
 * lock. The nearest Linux privilege is CAP_IPC_LOCK in the effective set. */
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

int sf_solaris_lock_priv(void)
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
	struct __user_cap_data_struct d[2] = {{0, 0, 0}, {0, 0, 0}};
	if (syscall(SYS_capget, &h, d) < 0)
		return 1; /* cannot tell: let the kernel decide */
	return (d[CAP_IPC_LOCK / 32].effective >> (CAP_IPC_LOCK % 32)) & 1;
}
