/*
 * pshm_resize.c: a POSIX shm buffer that grows, as log rings and arenas
 * do: shm_open, ftruncate to one page, map, fill; later ftruncate to two
 * pages and map again. Correct on Linux, FreeBSD and illumos (ftruncate
 * repeats freely: PM-LX10, PM-FB10, PM-SO5); on macOS the second ftruncate
 * of an object fails with EINVAL (PM-MC4), and the program says so and
 * exits 1. Every call is checked; the object is unlinked on every path.
 * Usage: pshm_resize [NAME]   (default /sfresize-PID-NANOSECONDS, under 32 bytes;
 * /dev/shm is not in the sandbox's namespaces, and every run there is PID 2)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static int fail(const char *what, const char *name, int fd)
{
	int e = errno;
	fprintf(stderr, "pshm_resize: %s: %s (errno %d)\n", what, strerror(e), e);
	if (fd >= 0) { /* ours: made with O_EXCL */
		close(fd);
		shm_unlink(name);
	}
	return 1;
}

int main(int argc, char **argv)
{
	char def[64];
	long ps = sysconf(_SC_PAGESIZE);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	/* under 32 bytes: a portable name fits macOS's 31 (PM-MC2) */
	snprintf(def, sizeof def, "/sfresize-%ld-%lx", (long)getpid(), (unsigned long)ts.tv_nsec);
	const char *name = argc > 1 ? argv[1] : def;
	int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return fail("shm_open", name, -1);
	if (ftruncate(fd, ps) != 0)
		return fail("ftruncate to one page", name, fd);
	char *p = mmap(NULL, (size_t)ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return fail("mmap of one page", name, fd);
	memset(p, 'a', (size_t)ps);
	munmap(p, (size_t)ps);
	if (ftruncate(fd, 2 * ps) != 0) /* grow: the second ftruncate of the object */
		return fail("ftruncate to two pages", name, fd);
	p = mmap(NULL, (size_t)(2 * ps), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return fail("mmap of two pages", name, fd);
	p[2 * ps - 1] = 'b';
	printf("pshm_resize: %s grew to %ld bytes (%c..%c)\n", name, 2 * ps, p[0], p[2 * ps - 1]);
	munmap(p, (size_t)(2 * ps));
	close(fd);
	shm_unlink(name);
	return 0;
}
