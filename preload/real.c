/* real.c: the interposer's real calls.
 * shmget/shmat/shmdt/shmctl are raw system calls carrying the marked-call
 * cookie in args[5] (common/shmmark.h, reference/backends.md §5): the
 * kernel filter lets them through without a notification, so only calls
 * that bypassed the interposer reach the supervisor.  No dlsym: no
 * recursion through an allocator or another preload, by construction.
 * Trade-off: an interposer stacked after ours (a second LD_PRELOAD library
 * listed later) no longer sees these four calls.  Sanitizer runtimes are
 * not in that position: they live in the executable (or are preloaded
 * first, as ASan requires), so their shmctl interceptor runs before ours.
 * ftok is libc over stat(2), not a system call: it stays glibc's, through
 * dlsym(RTLD_NEXT), with a thread-local flag sending a re-entrant call
 * (from inside dlsym) to the same formula over stat. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "real.h"
#include "shmmark.h"
#include "real_pshm.h"

struct sf_real sf_real;
static __thread int resolving;

#define LOAD(f) __atomic_load_n(&sf_real.f, __ATOMIC_ACQUIRE)
#define STORE(f, v) __atomic_store_n(&sf_real.f, (v), __ATOMIC_RELEASE)
#define MARK ((long)SF_MARK_COOKIE)

void sf_resolve(void)
{
	if (resolving)
		return;
	resolving = 1;
	if (!LOAD(ftok)) STORE(ftok, (key_t (*)(const char *, int))dlsym(RTLD_NEXT, "ftok"));
	resolving = 0;
	sf_resolve_pshm();
}

int sf_real_shmget(key_t key, size_t size, int flg)
{
	return (int)syscall(SYS_shmget, (long)key, (long)size, (long)flg, 0L, 0L, MARK);
}

void *sf_real_shmat(int id, const void *addr, int flg)
{
	return (void *)syscall(SYS_shmat, (long)id, addr, (long)flg, 0L, 0L, MARK);
}

int sf_real_shmdt(const void *addr)
{
	return (int)syscall(SYS_shmdt, addr, 0L, 0L, 0L, 0L, MARK);
}

int sf_real_shmctl(int id, int cmd, struct shmid_ds *buf)
{
	return (int)syscall(SYS_shmctl, (long)id, (long)cmd, buf, 0L, 0L, MARK);
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
