/*
 * pshm_reader [NAME [COUNT]]: seed 000's reader moved to POSIX shm, bugs
 * included. Opens NAME (default /shmfault-sample) with O_CREAT, maps 4096
 * bytes and prints them as a string COUNT times (default 1), one per
 * second (SAMPLE_SLEEP), then removes the object.
 * Bugs (samples/README.md): O_CREAT makes an empty object when the writer
 * has not run, and the size is never checked, so the first read raises
 * SIGBUS; a failing shm_open goes on with fd -1 and mmap is unchecked, so
 * the read is of MAP_FAILED (SIGSEGV).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "record.h"

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : PSHM_SAMPLE_NAME;
	int count = argc > 2 ? atoi(argv[2]) : 1;
	const char *s = getenv("SAMPLE_SLEEP");
	unsigned pause = s ? (unsigned)atoi(s) : 1;

	int fd = shm_open(name, O_RDONLY | O_CREAT, 0600);
	if (fd < 0)
		printf("shm_open error\n");
	const char *buf = mmap(NULL, PSHM_SAMPLE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	for (int i = 0; i < count; i++) {
		printf("%.*s\n", PSHM_SAMPLE_SIZE, buf);
		fflush(stdout);
		sleep(pause);
	}
	munmap((void *)buf, PSHM_SAMPLE_SIZE);
	close(fd);
	shm_unlink(name);
	return 0;
}
