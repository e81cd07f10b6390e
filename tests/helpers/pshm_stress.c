/* pshm_stress.c: the interposer must not break a program that maps and
 * truncates a lot: THREADS threads each ITER times ftruncate and mmap a
 * regular file of their own (MAP_SHARED), map anonymous memory, and every
 * 16th iteration make a POSIX shm object (shm_open, one ftruncate, mmap,
 * munmap, close, shm_unlink); the main thread forks children that do the
 * same meanwhile. Every result is checked, and errno after each success
 * must still be the sentinel set before it. Prints "pshm_stress: ok" and
 * exits 0, or names the first failure and exits 1.
 * Usage: pshm_stress DIR [THREADS [ITER]] */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *dir;
static int iters = 400;
static int failed;

static int bad(const char *what, int t, int i)
{
	fprintf(stderr, "pshm_stress: %s (thread %d, iteration %d): %s\n", what, t, i, strerror(errno));
	__atomic_store_n(&failed, 1, __ATOMIC_RELAXED);
	return -1;
}

#define CHECK(cond, what) do { if (!(cond)) return bad(what, t, i); if (errno != EDOM) { errno = 0; return bad(what " changed errno", t, i); } } while (0)

static int object(int t, int i)
{
	char name[64];
	snprintf(name, sizeof name, "/sfstress-%ld-%d-%d", (long)getpid(), t, i);
	errno = EDOM;
	int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0, "shm_open");
	CHECK(ftruncate(fd, 8192) == 0, "ftruncate of the object");
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED, "mmap of the object");
	p[8191] = 'x';
	CHECK(munmap(p, 8192) == 0, "munmap of the object");
	close(fd);
	errno = EDOM;
	CHECK(shm_unlink(name) == 0, "shm_unlink");
	return 0;
}

static int one(int fd, int t, int i)
{
	off_t len = 4096 + (i % 7) * 512;
	errno = EDOM;
	CHECK(ftruncate(fd, len) == 0, "ftruncate of a file");
	char *p = mmap(NULL, (size_t)len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED, "mmap of a file");
	p[len - 1] = (char)i;
	CHECK(munmap(p, (size_t)len) == 0, "munmap of a file");
	char *a = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(a != MAP_FAILED, "anonymous mmap");
	a[65535] = 1;
	CHECK(munmap(a, 65536) == 0, "anonymous munmap");
	return i % 16 == 0 ? object(t, i) : 0;
}

static void *worker(void *arg)
{
	int t = (int)(long)arg;
	char path[512];
	snprintf(path, sizeof path, "%s/file-%ld-%d", dir, (long)getpid(), t);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		bad("open", t, 0);
		return NULL;
	}
	for (int i = 0; i < iters && !__atomic_load_n(&failed, __ATOMIC_RELAXED); i++)
		if (one(fd, t, i) < 0)
			break;
	close(fd);
	unlink(path);
	return NULL;
}

int main(int argc, char **argv)
{
	int nthreads = argc > 2 ? atoi(argv[2]) : 4;
	pthread_t th[16];
	if (argc < 2 || nthreads < 1 || nthreads > 16)
		return 2;
	dir = argv[1];
	if (argc > 3)
		iters = atoi(argv[3]);
	for (int t = 0; t < nthreads; t++)
		pthread_create(&th[t], NULL, worker, (void *)(long)t);
	for (int k = 0; k < 3; k++) { /* forks while the threads map and truncate */
		pid_t pid = fork();
		int st;
		if (pid == 0) {
			worker((void *)(long)(100 + k));
			_exit(__atomic_load_n(&failed, __ATOMIC_RELAXED));
		}
		if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad("a forked child failed", 100 + k, 0);
	}
	for (int t = 0; t < nthreads; t++)
		pthread_join(th[t], NULL);
	if (failed)
		return 1;
	printf("pshm_stress: ok\n");
	return 0;
}
