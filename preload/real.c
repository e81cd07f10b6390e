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

void sf_resolve(void)
{
	if (resolving)
		return;
	resolving = 1;
	if (!LOAD(ftok)) STORE(ftok, (key_t (*)(const char *, int))dlsym(RTLD_NEXT, "ftok"));
	resolving = 0;
	sf_resolve_pshm();
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
