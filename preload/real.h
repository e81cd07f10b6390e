/* real.h: the real calls behind the wrappers: marked raw system calls for the
 * four shm calls (real.c says why), glibc's ftok through dlsym(RTLD_NEXT). */
#ifndef SHMFAULT_REAL_H
#define SHMFAULT_REAL_H

#include <errno.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "shmmark.h"

struct sf_real {
	key_t (*ftok)(const char *, int);
};

extern struct sf_real sf_real;

/* Fill sf_real (idempotent, thread-safe; safe to call before constructors). */
void sf_resolve(void);

/* The four shm calls: marked raw system calls (common/shmmark.h), inline
 * in each wrapper.  On x86-64 the `syscall` instruction is inline too:
 * through glibc's syscall() a marked shmget+IPC_STAT iteration cost 1.10x
 * the inline one on the bench machine (docs/performance-history.md, "The real
 * call").  Elsewhere, syscall(). Same result and errno either way. */
#if defined(__x86_64__) && !defined(__ILP32__)
static inline long sf_marked_syscall(long nr, long a, long b, long c)
{
	long r;
	register long r10 __asm__("r10") = 0, r8 __asm__("r8") = 0;
	register long r9 __asm__("r9") = (long)SF_MARK_COOKIE;
	__asm__ volatile("syscall"
			 : "=a"(r)
			 : "0"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	if ((unsigned long)r > -4096UL) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
#else
static inline long sf_marked_syscall(long nr, long a, long b, long c)
{
	return syscall(nr, a, b, c, 0L, 0L, (long)SF_MARK_COOKIE);
}
#endif

static inline int sf_real_shmget(key_t key, size_t size, int flg)
{
	return (int)sf_marked_syscall(SYS_shmget, (long)key, (long)size, (long)flg);
}

static inline void *sf_real_shmat(int id, const void *addr, int flg)
{
	return (void *)sf_marked_syscall(SYS_shmat, (long)id, (long)addr, (long)flg);
}

static inline int sf_real_shmdt(const void *addr)
{
	return (int)sf_marked_syscall(SYS_shmdt, (long)addr, 0L, 0L);
}

static inline int sf_real_shmctl(int id, int cmd, struct shmid_ds *buf)
{
	return (int)sf_marked_syscall(SYS_shmctl, (long)id, (long)cmd, (long)buf);
}

/* ftok works even while dlsym is still resolving (it then computes glibc's
 * formula over stat). */
key_t sf_real_ftok(const char *path, int id);

#endif
