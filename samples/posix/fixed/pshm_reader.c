/*
 * pshm_reader [NAME [COUNT]]: the POSIX-shm reader, corrected: opens the
 * object without O_CREAT (ENOENT when the writer has not run is reported),
 * checks its size before mapping (an unsized object would raise SIGBUS),
 * maps it read-only, prints COUNT times (default 1), then unlinks it;
 * every call checked, diagnostics on stderr with the errno name, exit 1.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"

#define PROG "pshm_reader"

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : PSHM_SAMPLE_NAME;
	int count = sample_count(PROG, argc > 2 ? argv[2] : NULL, 1);
	unsigned pause = sample_sleep(PROG);
	char msg[300];
	struct stat st;
	int fd = shm_open(name, O_RDONLY, 0);
	if (fd < 0) {
		snprintf(msg, sizeof msg, "shm_open %s", name);
		DIAG(msg);
		return 1;
	}
	if (fstat(fd, &st) != 0) {
		DIAG("fstat");
		close(fd);
		return 1;
	}
	if (st.st_size < PSHM_SAMPLE_SIZE) {
		fprintf(stderr, "%s: %s has %lld bytes, not %d (its writer did not size it)\n", PROG, name,
			(long long)st.st_size, PSHM_SAMPLE_SIZE);
		close(fd);
		return 1;
	}
	const char *buf = mmap(NULL, PSHM_SAMPLE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	if (buf == MAP_FAILED) {
		DIAG("mmap");
		close(fd);
		return 1;
	}
	close(fd);
	for (int i = 0; i < count; i++) {
		printf("%.*s\n", (int)strnlen(buf, PSHM_SAMPLE_SIZE), buf);
		fflush(stdout);
		if (pause && i + 1 < count)
			sleep(pause);
	}
	munmap((void *)buf, PSHM_SAMPLE_SIZE);
	if (shm_unlink(name) != 0) {
		snprintf(msg, sizeof msg, "shm_unlink %s", name);
		DIAG(msg);
		return 1;
	}
	return 0;
}
