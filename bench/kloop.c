/* kloop: the kernel backend's per-call benchmark.
 *   kloop libc|marked N    N x (shmat + shmdt) of one private 4 KiB segment
 * libc: glibc's wrappers (unmarked: notified under the filter); marked: the
 * interposer's raw calls with the cookie (passed by the filter in BPF).
 * Prints "MODE N NS_PER_ITER FAILED", timing only the loop
 * (CLOCK_MONOTONIC) after N/10 untimed warm-up iterations.  FAILED counts
 * iterations whose shmat failed (an injected fault); shmdt is then skipped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "shmmark.h"

static int marked;

static void *at(int id)
{
	if (marked)
		return (void *)syscall(SYS_shmat, (long)id, 0L, 0L, 0L, 0L, (long)SF_MARK_COOKIE);
	return shmat(id, NULL, 0);
}

static int dt(void *p)
{
	if (marked)
		return (int)syscall(SYS_shmdt, p, 0L, 0L, 0L, 0L, (long)SF_MARK_COOKIE);
	return shmdt(p);
}

static long loop(int id, long n)
{
	long failed = 0;
	for (long i = 0; i < n; i++) {
		void *p = at(id);
		if (p == (void *)-1)
			failed++;
		else
			dt(p);
	}
	return failed;
}

int main(int argc, char **argv)
{
	if (argc != 3 || (strcmp(argv[1], "libc") && strcmp(argv[1], "marked"))) {
		fprintf(stderr, "usage: kloop libc|marked N\n");
		return 2;
	}
	marked = !strcmp(argv[1], "marked");
	long n = atol(argv[2]);
	int id = shmget(IPC_PRIVATE, 4096, 0600);
	if (id < 0 || n < 1)
		return perror("kloop"), 1;
	loop(id, n / 10 + 1);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	long failed = loop(id, n);
	clock_gettime(CLOCK_MONOTONIC, &b);
	shmctl(id, IPC_RMID, NULL);
	double ns = ((double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec)) / (double)n;
	printf("%s %ld %.0f %ld\n", argv[1], n, ns, failed);
	return 0;
}
