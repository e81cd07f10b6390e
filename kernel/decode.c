/* decode.c: numbers from arch/x86/entry/syscalls/syscall_{64,32}.tbl;
 * ipc(2) argument layout from ipc/syscall.c (ksys_ipc): SHMAT 21
 * (first=id, second=flg, third=&raddr, ptr=addr), SHMDT 22 (ptr=addr),
 * SHMGET 23 (first=key, second=size, third=flg), SHMCTL 24 (first=id,
 * second=cmd, ptr=buf).  32-bit glibc ORs IPC_64 (0x100) into cmd. */
#include <linux/audit.h>
#include <string.h>

#include "decode.h"

#define X32_BIT 0x40000000u
#define IPC_64_FLAG 0x100u

static int set(struct sf_kargs *o, enum sf_call c, uint64_t a0, uint64_t a1, uint64_t a2)
{
	o->call = c;
	o->a[0] = a0;
	o->a[1] = a1;
	o->a[2] = a2;
	return 0;
}

static int decode_x86_64(const struct seccomp_data *d, struct sf_kargs *o)
{
	const __u64 *a = d->args;
	switch ((uint32_t)d->nr & ~X32_BIT) {
	case 29: return set(o, SF_SHMGET, a[0], a[1], a[2]);
	case 30: return set(o, SF_SHMAT, a[0], a[1], a[2]);
	case 31: return set(o, SF_SHMCTL, a[0], a[1], a[2]);
	case 67: return set(o, SF_SHMDT, a[0], 0, 0);
	default: return -1;
	}
}

static int decode_i386(const struct seccomp_data *d, struct sf_kargs *o)
{
	const __u64 *a = d->args;
	switch (d->nr) {
	case 395: return set(o, SF_SHMGET, a[0], a[1], a[2]);
	case 396: return set(o, SF_SHMCTL, a[0], a[1] & ~(uint64_t)IPC_64_FLAG, a[2]);
	case 397: return set(o, SF_SHMAT, a[0], a[1], a[2]);
	case 398: return set(o, SF_SHMDT, a[0], 0, 0);
	case 117: break;
	default: return -1;
	}
	o->via_ipc = 1;
	switch (a[0] & 0xffff) {
	case 21: return set(o, SF_SHMAT, a[1], a[4], a[2]);
	case 22: return set(o, SF_SHMDT, a[4], 0, 0);
	case 23: return set(o, SF_SHMGET, a[1], a[2], a[3]);
	case 24: return set(o, SF_SHMCTL, a[1], a[2] & ~(uint64_t)IPC_64_FLAG, a[4]);
	default: return -1;
	}
}

int sf_kdecode(const struct seccomp_data *d, struct sf_kargs *o)
{
	memset(o, 0, sizeof *o);
	if (d->arch == AUDIT_ARCH_X86_64)
		return decode_x86_64(d, o);
	if (d->arch == AUDIT_ARCH_I386)
		return decode_i386(d, o);
	return -1;
}
