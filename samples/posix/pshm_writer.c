/*
 * pshm_writer [NAME]: seed 000's writer moved to POSIX shm, bugs of the
 * move included. Creates NAME (default /shmfault-sample) with
 * O_CREAT|O_EXCL, sizes it to 4096 bytes, maps it and writes 'A'..'Z', one
 * letter per second (SAMPLE_SLEEP). The object is left for pshm_reader.
 * Bugs (samples/README.md): a failing shm_open is only reported on stdout
 * and the program goes on with fd -1; ftruncate and mmap are unchecked, so
 * the first letter is written to MAP_FAILED (SIGSEGV), or past the end of
 * an unsized object (SIGBUS).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "record.h"

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : PSHM_SAMPLE_NAME;
	const char *s = getenv("SAMPLE_SLEEP");
	unsigned pause = s ? (unsigned)atoi(s) : 1;

	int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		printf("shm_open error\n");
	(void)ftruncate(fd, PSHM_SAMPLE_SIZE);
	char *buf = mmap(NULL, PSHM_SAMPLE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	memset(buf, 0, PSHM_SAMPLE_SIZE);
	for (int i = 0; i < 26; i++) {
		sleep(pause);
		buf[i] = (char)('A' + i);
	}
	munmap(buf, PSHM_SAMPLE_SIZE);
	close(fd);
	return 0;
}
