/* shm_open.c: the shm_open and shm_unlink wrappers (glibc >= 2.34 has them
 * in libc; before, in librt: dlsym(RTLD_NEXT) finds either), and
 * memfd_create, watched only so that its descriptor counts as an object
 * for ftruncate and mmap (it is no call of the rule grammar). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "pshm_objs.h"
#include "real_pshm.h"
#include "wrap.h"

SF_EXPORT int shm_open(const char *name, int oflag, mode_t mode)
{
	if (!sf_is_configured())
		return sf_real_shm_open(name, oflag, mode);
	struct sf_callinfo ci = {.call = SF_SHM_OPEN, .name = name, .oflag = oflag, .mode = mode, .fd = -1,
				 .shmid = -1, .caller = SF_CALLER};
	/* ci.oflag, not oflag: a personality may drop O_TRUNC (PM-FB7) */
	SF_RUN(ci, -1, sf_real_shm_open(name, ci.oflag, mode), ci.ret == -1);
	if (ci.err == 0)
		sf_pshm_fd_add((int)ci.ret, name, ci.oflag);
	return (int)ci.ret;
}

SF_EXPORT int shm_unlink(const char *name)
{
	if (!sf_is_configured())
		return sf_real_shm_unlink(name);
	struct sf_callinfo ci = {.call = SF_SHM_UNLINK, .name = name, .fd = -1, .shmid = -1, .caller = SF_CALLER};
	SF_RUN(ci, -1, sf_real_shm_unlink(name), ci.ret == -1);
	return (int)ci.ret;
}

SF_EXPORT int memfd_create(const char *name, unsigned int flags)
{
	int fd = sf_real_memfd_create(name, flags);
	if (fd >= 0 && sf_is_configured()) {
		char obj[256];
		snprintf(obj, sizeof obj, "memfd.%s", name ? name : ""); /* ':' separates rule options */
		sf_pshm_fd_add(fd, obj, O_RDWR);
	}
	return fd;
}
