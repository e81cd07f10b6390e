/*
 * pshm_writer [NAME]: the POSIX-shm writer, corrected: shm_open (O_EXCL:
 * never someone else's object), ftruncate and mmap checked; once the object
 * exists every failure path unlinks it; diagnostics on stderr with the errno
 * name, exit 1. Writes 'A'..'Z' (SAMPLE_SLEEP seconds apart) and leaves the
 * object for pshm_reader, as the buggy one does.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "common.h"

#define PROG "pshm_writer"

static int fail(const char *what, const char *name, int fd)
{
	int e = errno;
	char msg[300];
	snprintf(msg, sizeof msg, "%s %s", what, name);
	diag_errno(PROG, msg, e);
	close(fd);
	shm_unlink(name);
	return 1;
}

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : PSHM_SAMPLE_NAME;
	unsigned pause = sample_sleep(PROG);
	char msg[300];
	int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		snprintf(msg, sizeof msg, "shm_open %s", name);
		DIAG(msg);
		return 1;
	}
	if (ftruncate(fd, PSHM_SAMPLE_SIZE) != 0)
		return fail("ftruncate", name, fd);
	char *buf = mmap(NULL, PSHM_SAMPLE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (buf == MAP_FAILED)
		return fail("mmap", name, fd);
	close(fd);
	memset(buf, 0, PSHM_SAMPLE_SIZE);
	for (int i = 0; i < 26; i++) {
		if (pause)
			sleep(pause);
		buf[i] = (char)('A' + i);
	}
	if (munmap(buf, PSHM_SAMPLE_SIZE) != 0)
		return fail("munmap", name, -1);
	return 0;
}
