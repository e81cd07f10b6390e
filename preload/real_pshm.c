/* real_pshm.c: see real_pshm.h. A racing resolution stores the same
 * pointer twice (benign), as real.c. */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "real_pshm.h"
#include "rules.h"

static struct {
	int (*shm_open)(const char *, int, mode_t);
	int (*shm_unlink)(const char *);
	int (*ftruncate)(int, off_t);
	void *(*mmap)(void *, size_t, int, int, int, off_t);
	int (*munmap)(void *, size_t);
	int (*memfd_create)(const char *, unsigned);
} fn;
static __thread int resolving;

#define LOAD(f) __atomic_load_n(&fn.f, __ATOMIC_ACQUIRE)
#define STORE(f, v) __atomic_store_n(&fn.f, (v), __ATOMIC_RELEASE)

void sf_resolve_pshm(void)
{
	if (resolving)
		return;
	resolving = 1;
	if (!LOAD(shm_open)) STORE(shm_open, (int (*)(const char *, int, mode_t))dlsym(RTLD_NEXT, "shm_open"));
	if (!LOAD(shm_unlink)) STORE(shm_unlink, (int (*)(const char *))dlsym(RTLD_NEXT, "shm_unlink"));
	if (!LOAD(ftruncate)) STORE(ftruncate, (int (*)(int, off_t))dlsym(RTLD_NEXT, "ftruncate"));
	if (!LOAD(mmap)) STORE(mmap, (void *(*)(void *, size_t, int, int, int, off_t))dlsym(RTLD_NEXT, "mmap"));
	if (!LOAD(munmap)) STORE(munmap, (int (*)(void *, size_t))dlsym(RTLD_NEXT, "munmap"));
	if (!LOAD(memfd_create)) STORE(memfd_create, (int (*)(const char *, unsigned))dlsym(RTLD_NEXT, "memfd_create"));
	resolving = 0;
}

/* Not resolved yet, or inside dlsym: glibc's own way (PM-LX1, PM-LX4). */
static int open_dev_shm(const char *name, int oflag, mode_t mode, int unlink_it)
{
	char path[300];
	const char *bare = sf_pshm_bare(name);
	size_t n = strlen(bare);
	if (n == 0 || n > 255 || strchr(bare, '/')) {
		errno = unlink_it ? ENOENT : EINVAL;
		return -1;
	}
	memcpy(path, "/dev/shm/", 9);
	memcpy(path + 9, bare, n + 1);
	return unlink_it ? unlink(path) : open(path, oflag | O_NOFOLLOW | O_CLOEXEC, mode);
}

int sf_real_shm_open(const char *name, int oflag, mode_t mode)
{
	int (*f)(const char *, int, mode_t) = LOAD(shm_open);
	if (!f && (sf_resolve_pshm(), !(f = LOAD(shm_open))))
		return open_dev_shm(name, oflag, mode, 0);
	return f(name, oflag, mode);
}

int sf_real_shm_unlink(const char *name)
{
	int (*f)(const char *) = LOAD(shm_unlink);
	if (!f && (sf_resolve_pshm(), !(f = LOAD(shm_unlink))))
		return open_dev_shm(name, 0, 0, 1);
	return f(name);
}

/* The hot three: no dlsym on their way until the constructor resolved them. */
int sf_real_ftruncate(int fd, off_t length)
{
	int (*f)(int, off_t) = LOAD(ftruncate);
	return f ? f(fd, length) : (int)syscall(SYS_ftruncate, fd, length);
}

void *sf_real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	void *(*f)(void *, size_t, int, int, int, off_t) = LOAD(mmap);
	return f ? f(addr, len, prot, flags, fd, off) : (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

int sf_real_munmap(void *addr, size_t len)
{
	int (*f)(void *, size_t) = LOAD(munmap);
	return f ? f(addr, len) : (int)syscall(SYS_munmap, addr, len);
}

int sf_real_memfd_create(const char *name, unsigned flags)
{
	int (*f)(const char *, unsigned) = LOAD(memfd_create);
	if (!f && (sf_resolve_pshm(), !(f = LOAD(memfd_create))))
		return (int)syscall(SYS_memfd_create, name, flags);
	return f(name, flags);
}
