/*
 * map_write FILE [COUNT]: seed 004's map_write, rewritten, bugs kept.
 * Makes FILE the size of a record, maps it MAP_SHARED, stores
 * {0, "127.0.0.1"} and counts up to COUNT (default 30), one per second
 * (SAMPLE_SLEEP seconds; 0 = no pause). Leaves FILE for map_read.
 * Bugs (samples/README.md): ftruncate and mmap unchecked.
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
	struct conn_stat init = { 0, "127.0.0.1" };
	const char *s = getenv("SAMPLE_SLEEP");
	unsigned pause = s ? (unsigned)atoi(s) : 1;
	int count = argc > 2 ? atoi(argv[2]) : 30;

	if (argc < 2) {
		printf("Usage: %s file.\n", argv[0]);
		exit(1);
	}
	int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror("open");
		exit(2);
	}
	(void)ftruncate(fd, sizeof init); /* bug: result ignored */
	struct conn_stat *p = mmap(NULL, sizeof init, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd); /* bug: mmap not checked: MAP_FAILED is written through below */
	memcpy(p, &init, sizeof init);
	while (p->count < count) {
		p->count++;
		sleep(pause);
	}
	munmap(p, sizeof init);
	return 0;
}
