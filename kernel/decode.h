/* decode.h: a seccomp notification's raw (arch, nr, args) as one of the
 * four shm calls with its arguments in the libc order. */
#ifndef SHMFAULT_KDECODE_H
#define SHMFAULT_KDECODE_H

#include <linux/seccomp.h>
#include <stdint.h>

#include "calls.h"

/* args in libc order: shmget(key, size, flg), shmat(id, addr, flg),
 * shmdt(addr), shmctl(id, cmd, buf); unused ones are 0. */
struct sf_kargs {
	enum sf_call call;
	uint64_t a[3];
	int via_ipc; /* i386 ipc(2) multiplexer */
};

/* 0, or -1 when the call is not one of the four (a filter bug). */
int sf_kdecode(const struct seccomp_data *d, struct sf_kargs *out);

#endif
