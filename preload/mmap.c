/* mmap.c: the ftruncate, mmap and munmap wrappers. They are ours only on a
 * POSIX shm object (pshm_objs.h); on anything else, and whenever the
 * library is not configured (before its constructor too: the loader and
 * malloc), they are a flag load, at most a table load, and the real call. */
#include <sys/mman.h>
#include <unistd.h>

#include "pshm_objs.h"
#include "real_pshm.h"
#include "wrap.h"

static int run_ftruncate(int fd, off_t length, const void *caller)
{
	if (!sf_is_configured() || fd < 0)
		return sf_real_ftruncate(fd, length);
	struct sf_callinfo ci = {.call = SF_FTRUNCATE, .fd = fd, .length = (long long)length, .shmid = -1, .caller = caller};
	if (!sf_pshm_fd_find(fd, &ci))
		return sf_real_ftruncate(fd, length);
	SF_RUN(ci, -1, sf_real_ftruncate(fd, length), ci.ret == -1);
	return (int)ci.ret;
}

SF_EXPORT int ftruncate(int fd, off_t length)
{
	return run_ftruncate(fd, length, SF_CALLER);
}

SF_EXPORT int ftruncate64(int fd, off64_t length)
{
	return run_ftruncate(fd, length, SF_CALLER);
}

static void *run_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off, const void *caller)
{
	if (!sf_is_configured() || (flags & MAP_ANONYMOUS) || fd < 0)
		return sf_real_mmap(addr, len, prot, flags, fd, off);
	struct sf_callinfo ci = {.call = SF_MMAP, .addr = addr, .size = len, .prot = prot, .mflags = flags, .fd = fd,
				 .length = (long long)off, .shmid = -1, .caller = caller};
	if (!sf_pshm_fd_find(fd, &ci))
		return sf_real_mmap(addr, len, prot, flags, fd, off);
	SF_RUN(ci, MAP_FAILED, sf_real_mmap(addr, len, prot, flags, fd, off), ci.ret == (long)MAP_FAILED);
	if (ci.err == 0)
		sf_pshm_map_add((void *)ci.ret, len, &ci);
	return (void *)ci.ret;
}

SF_EXPORT void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return run_mmap(addr, len, prot, flags, fd, off, SF_CALLER);
}

SF_EXPORT void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off64_t off)
{
	return run_mmap(addr, len, prot, flags, fd, off, SF_CALLER);
}

SF_EXPORT int munmap(void *addr, size_t len)
{
	if (!sf_is_configured())
		return sf_real_munmap(addr, len);
	struct sf_callinfo ci = {.call = SF_MUNMAP, .addr = addr, .size = len, .fd = -1, .shmid = -1, .caller = SF_CALLER};
	if (!sf_pshm_map_find(addr, len, &ci))
		return sf_real_munmap(addr, len);
	SF_RUN(ci, -1, sf_real_munmap(addr, len), ci.ret == -1);
	if (ci.err == 0)
		sf_pshm_map_forget(addr, len);
	return (int)ci.ret;
}
