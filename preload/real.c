/* real.c: resolving the wrapped libc functions without recursion or races.
 * dlsym may allocate, and an allocator or another preload may call back into
 * us: a thread-local flag sends such re-entrant calls to the raw system call
 * (or, for ftok, to stat) instead of looping. Racing threads may both call
 * dlsym; they store the same pointer, so the race is benign. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "real.h"
#include "real_pshm.h"

struct sf_real sf_real;
static __thread int resolving;

#define LOAD(f) __atomic_load_n(&sf_real.f, __ATOMIC_ACQUIRE)
#define STORE(f, v) __atomic_store_n(&sf_real.f, (v), __ATOMIC_RELEASE)

void sf_resolve(void)
{
	if (resolving)
		return;
	resolving = 1;
	if (!LOAD(shmget)) STORE(shmget, (int (*)(key_t, size_t, int))dlsym(RTLD_NEXT, "shmget"));
	if (!LOAD(shmat)) STORE(shmat, (void *(*)(int, const void *, int))dlsym(RTLD_NEXT, "shmat"));
	if (!LOAD(shmdt)) STORE(shmdt, (int (*)(const void *))dlsym(RTLD_NEXT, "shmdt"));
	if (!LOAD(shmctl)) STORE(shmctl, (int (*)(int, int, struct shmid_ds *))dlsym(RTLD_NEXT, "shmctl"));
	if (!LOAD(ftok)) STORE(ftok, (key_t (*)(const char *, int))dlsym(RTLD_NEXT, "ftok"));
	resolving = 0;
	sf_resolve_pshm();
}

int sf_real_shmget(key_t key, size_t size, int flg)
{
	int (*f)(key_t, size_t, int) = LOAD(shmget);
	if (!f && (sf_resolve(), !(f = LOAD(shmget))))
		return (int)syscall(SYS_shmget, key, size, flg);
	return f(key, size, flg);
}

void *sf_real_shmat(int id, const void *addr, int flg)
{
	void *(*f)(int, const void *, int) = LOAD(shmat);
	if (!f && (sf_resolve(), !(f = LOAD(shmat))))
		return (void *)syscall(SYS_shmat, id, addr, flg);
	return f(id, addr, flg);
}

int sf_real_shmdt(const void *addr)
{
	int (*f)(const void *) = LOAD(shmdt);
	if (!f && (sf_resolve(), !(f = LOAD(shmdt))))
		return (int)syscall(SYS_shmdt, addr);
	return f(addr);
}

int sf_real_shmctl(int id, int cmd, struct shmid_ds *buf)
{
	int (*f)(int, int, struct shmid_ds *) = LOAD(shmctl);
	if (!f && (sf_resolve(), !(f = LOAD(shmctl))))
		return (int)syscall(SYS_shmctl, id, cmd, buf);
	return f(id, cmd, buf);
}

/* glibc's formula (reference/platforms.md §9.4), used only re-entrantly. */
key_t sf_real_ftok(const char *path, int id)
{
	key_t (*f)(const char *, int) = LOAD(ftok);
	if (!f && (sf_resolve(), !(f = LOAD(ftok)))) {
		struct stat st;
		if (stat(path, &st) < 0)
			return (key_t)-1;
		return (key_t)((st.st_ino & 0xffff) | ((st.st_dev & 0xff) << 16) |
			       ((unsigned)(id & 0xff) << 24));
	}
	return f(path, id);
}
