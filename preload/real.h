/* real.h: the libc functions we wrap, resolved once with dlsym(RTLD_NEXT). */
#ifndef SHMFAULT_REAL_H
#define SHMFAULT_REAL_H

#include <sys/ipc.h>
#include <sys/shm.h>

struct sf_real {
	int (*shmget)(key_t, size_t, int);
	void *(*shmat)(int, const void *, int);
	int (*shmdt)(const void *);
	int (*shmctl)(int, int, struct shmid_ds *);
	key_t (*ftok)(const char *, int);
};

extern struct sf_real sf_real;

/* Fill sf_real (idempotent, thread-safe; safe to call before constructors). */
void sf_resolve(void);

/* Real calls that work even while dlsym is still resolving: a call that
 * arrives re-entrantly from inside dlsym goes straight to the kernel. */
int sf_real_shmget(key_t key, size_t size, int flg);
void *sf_real_shmat(int id, const void *addr, int flg);
int sf_real_shmdt(const void *addr);
int sf_real_shmctl(int id, int cmd, struct shmid_ds *buf);
key_t sf_real_ftok(const char *path, int id);

#endif
