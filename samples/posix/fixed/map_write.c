/*
 * map_write FILE [COUNT]: seed 004's map_write, corrected: every call
 * checked (ftruncate and mmap included), diagnostics on stderr with the
 * errno name, exit 1 on failure. Same file layout and output as the seed.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "common.h"

#define PROG "map_write"

int main(int argc, char **argv)
{
	struct conn_stat init = { 0, "127.0.0.1" };
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s FILE [COUNT]\n", PROG);
		return 2;
	}
	unsigned pause = sample_sleep(PROG);
	int count = sample_count(PROG, argc > 2 ? argv[2] : NULL, 30);
	int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		DIAG("open");
		return 1;
	}
	if (ftruncate(fd, sizeof init) != 0) {
		DIAG("ftruncate");
		close(fd);
		return 1;
	}
	struct conn_stat *p = mmap(NULL, sizeof init, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		DIAG("mmap");
		close(fd);
		return 1;
	}
	close(fd);
	memcpy(p, &init, sizeof init);
	while (p->count < count) {
		p->count++;
		if (pause)
			sleep(pause);
	}
	if (munmap(p, sizeof init) != 0) {
		DIAG("munmap");
		return 1;
	}
	return 0;
}
