/*
 * map_read FILE [COUNT]: seed 004's map_read, rewritten, bugs kept.
 * Maps FILE read-only and prints the record COUNT times (default 10), one
 * per second (SAMPLE_SLEEP).
 * Bug (samples/README.md): the file's size is never checked, so a file
 * shorter than a record (empty: map_write not run, or its ftruncate
 * failed) ends in SIGBUS at the first read; mmap is not checked either.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "record.h"

int main(int argc, char **argv)
{
	const char *s = getenv("SAMPLE_SLEEP");
	unsigned pause = s ? (unsigned)atoi(s) : 1;
	int count = argc > 2 ? atoi(argv[2]) : 10;

	if (argc < 2) {
		printf("Usage: %s file.\n", argv[0]);
		exit(1);
	}
	int fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror("open");
		exit(2);
	}
	struct conn_stat *p = mmap(NULL, sizeof *p, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	for (int i = 0; i < count; i++) {
		printf("ip = %s ,count: %d\n", p->ip, p->count);
		fflush(stdout);
		sleep(pause);
	}
	munmap(p, sizeof *p);
	return 0;
}
