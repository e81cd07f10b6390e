/* state.c: the state file shared by a run's process tree (see state.h). */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "state.h"

/* The state file is mapped and unmapped with the raw system calls: inside
 * the interposer, mmap and munmap are its own wrappers (POSIX shm), and the
 * state is never a shm object; going through them would make the layers
 * call back up (scripts/check-structure.sh). */
static void *map_shared(size_t len, int flags, int fd)
{
	long p = syscall(SYS_mmap, NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | flags, fd, 0);
	return p == -1 ? MAP_FAILED : (void *)p;
}

static void unmap(void *p, size_t len)
{
	syscall(SYS_munmap, p, len);
}

int sf_state_create(const char *path, uint64_t seed)
{
	struct sf_state head;
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	memset(&head, 0, sizeof head.magic + sizeof head.version + sizeof head.size + sizeof head.seed);
	head.magic = SF_STATE_MAGIC;
	head.version = SF_STATE_VERSION;
	head.size = (uint32_t)sizeof(struct sf_state);
	head.seed = seed;
	/* Its blocks allocated now: a page of a shared mapping that the disk
	 * (a full tmpfs) cannot back raises SIGBUS in whoever touches it,
	 * the program under test included; here it is one clear error. */
	int e = posix_fallocate(fd, 0, (off_t)sizeof(struct sf_state));
	if (e == 0 &&
	    pwrite(fd, &head, offsetof(struct sf_state, seq), 0) != (ssize_t)offsetof(struct sf_state, seq))
		e = errno;
	if (e != 0) {
		close(fd);
		unlink(path);
		errno = e;
		return -1;
	}
	close(fd);
	return 0;
}

int sf_state_mark_private(const char *path)
{
	uint32_t one = 1;
	int fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = pwrite(fd, &one, sizeof one, (off_t)offsetof(struct sf_state, ipc_private));
	close(fd);
	return n == (ssize_t)sizeof one ? 0 : -1;
}

struct sf_state *sf_state_map(const char *path, char *err, unsigned long errlen)
{
	struct sf_state *st;
	if (!path) {
		st = map_shared(sizeof *st, MAP_ANONYMOUS, -1);
		if (st == MAP_FAILED) {
			snprintf(err, errlen, "cannot map shared counters: %s", strerror(errno));
			return NULL;
		}
		st->magic = SF_STATE_MAGIC;
		st->version = SF_STATE_VERSION;
		st->size = (uint32_t)sizeof *st;
		return st;
	}
	int fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) < 0) {
		snprintf(err, errlen, "cannot open state file '%s': %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_size != (off_t)sizeof *st) {
		snprintf(err, errlen, "'%s' is not a shmfault state file of this version", path);
		close(fd);
		return NULL;
	}
	st = map_shared(sizeof *st, 0, fd);
	close(fd);
	if (st == MAP_FAILED) {
		snprintf(err, errlen, "cannot map state file '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (st->magic != SF_STATE_MAGIC || st->version != SF_STATE_VERSION) {
		snprintf(err, errlen, "'%s' is not a shmfault state file of this version", path);
		unmap(st, sizeof *st);
		return NULL;
	}
	return st;
}
