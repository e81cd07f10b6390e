/* real.h: the real calls behind the wrappers: marked raw system calls for the
 * four shm calls (real.c says why), glibc's ftok through dlsym(RTLD_NEXT). */
#ifndef SHMFAULT_REAL_H
#define SHMFAULT_REAL_H

#include <sys/ipc.h>
#include <sys/shm.h>

struct sf_real {
	key_t (*ftok)(const char *, int);
};

extern struct sf_real sf_real;

/* Fill sf_real (idempotent, thread-safe; safe to call before constructors). */
void sf_resolve(void);

/* Real calls; they work even while dlsym is still resolving (ftok then
 * computes glibc's formula over stat). */
int sf_real_shmget(key_t key, size_t size, int flg);
void *sf_real_shmat(int id, const void *addr, int flg);
int sf_real_shmdt(const void *addr);
int sf_real_shmctl(int id, int cmd, struct shmid_ds *buf);
key_t sf_real_ftok(const char *path, int id);

#endif
