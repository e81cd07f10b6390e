/*
 * map_read FILE [COUNT]: seed 004's map_read, corrected: the file must hold
 * a whole record before it is mapped (a shorter file would raise SIGBUS at
 * the first read), mmap and munmap checked, diagnostics on stderr, exit 1.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"

#define PROG "map_read"

int main(int argc, char **argv)
{
	struct stat st;
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s FILE [COUNT]\n", PROG);
		return 2;
	}
	unsigned pause = sample_sleep(PROG);
	int count = sample_count(PROG, argc > 2 ? argv[2] : NULL, 10);
	int fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		DIAG("open");
		return 1;
	}
	if (fstat(fd, &st) != 0) {
		DIAG("fstat");
		close(fd);
		return 1;
	}
	if (st.st_size < (off_t)sizeof(struct conn_stat)) {
		fprintf(stderr, "%s: %s: %lld bytes, a record needs %zu (was map_write run?)\n", PROG, argv[1],
			(long long)st.st_size, sizeof(struct conn_stat));
		close(fd);
		return 1;
	}
	const struct conn_stat *p = mmap(NULL, sizeof *p, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		DIAG("mmap");
		close(fd);
		return 1;
	}
	close(fd);
	for (int i = 0; i < count; i++) {
		printf("ip = %.*s ,count: %d\n", (int)sizeof p->ip, p->ip, p->count);
		fflush(stdout);
		if (pause && i + 1 < count)
			sleep(pause);
	}
	if (munmap((void *)p, sizeof *p) != 0) {
		DIAG("munmap");
		return 1;
	}
	return 0;
}
