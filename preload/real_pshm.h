/* real_pshm.h: the POSIX shm functions we wrap (shm_open, shm_unlink,
 * ftruncate, mmap, munmap, memfd_create), resolved with dlsym(RTLD_NEXT)
 * as real.h's. mmap, munmap and ftruncate are called by every allocator:
 * until resolved, and re-entrantly from inside dlsym, they go straight to
 * the system call, so no path through them can loop. */
#ifndef SHMFAULT_REAL_PSHM_H
#define SHMFAULT_REAL_PSHM_H

#include <sys/types.h>

/* Resolve them (idempotent; called by sf_resolve). */
void sf_resolve_pshm(void);

int sf_real_shm_open(const char *name, int oflag, mode_t mode);
int sf_real_shm_unlink(const char *name);
int sf_real_ftruncate(int fd, off_t length);
void *sf_real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int sf_real_munmap(void *addr, size_t len);
int sf_real_memfd_create(const char *name, unsigned flags);

#endif
