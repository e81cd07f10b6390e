/* pagetouch: what touching K distinct pages after a system call costs
 * (issue 15).  On a kernel that flushes the TLB at every system call (PTI
 * without PCID) each page a wrapper touches between two calls is a TLB miss;
 * this measures how much that is, to know whether the interposer's layout
 * (code and data spread over pages) is worth arranging.
 *   pagetouch [-r ROUNDS] [-n N]
 * Each iteration makes one getppid(2), then reads one byte of each of K
 * pages of a shared mapping (K = 0, 1, 2, 4, 8, 16).  ROUNDS times, each K
 * in turn (the order rotates) times a block of N iterations by its thread
 * CPU time.  Prints per K the median ns per iteration, and what each page
 * added over K = 0 in the same round: median [interquartile range].  Not a
 * test: it asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define NK 6
#define MAXR 10001
static const int ks[NK] = {0, 1, 2, 4, 8, 16};

static double cpu_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double block(volatile const char *m, int k, long n)
{
	double t0 = cpu_ns();
	for (long i = 0; i < n; i++) {
		syscall(SYS_getppid);
		/* a different line of each page every time: the page, not the line, is measured */
		for (int p = 0; p < k; p++)
			(void)m[(long)p * 4096 + (i & 63) * 64];
	}
	return (cpu_ns() - t0) / (double)n;
}

int main(int argc, char **argv)
{
	int rounds = 101, opt;
	long n = 20000;
	while ((opt = getopt(argc, argv, "r:n:")) != -1) {
		if (opt == 'r')
			rounds = atoi(optarg);
		else if (opt == 'n')
			n = atol(optarg);
		else {
			fprintf(stderr, "usage: pagetouch [-r ROUNDS] [-n N]\n");
			return 2;
		}
	}
	if (rounds < 1 || rounds > MAXR || n < 1) {
		fprintf(stderr, "pagetouch: ROUNDS 1..%d, N >= 1\n", MAXR);
		return 2;
	}
	char *m = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		perror("pagetouch: mmap");
		return 1;
	}
	for (int p = 0; p < 16; p++)
		m[p * 4096] = 1;
	static double t[NK][MAXR], per[NK][MAXR];
	block(m, 16, n / 10 + 1); /* warm-up */
	for (int r = 0; r < rounds; r++)
		for (int j = 0; j < NK; j++) {
			int x = (j + r) % NK;
			t[x][r] = block(m, ks[x], n);
		}
	printf("getppid + K pages read, %d rounds of %ld iterations, thread CPU\n", rounds, n);
	for (int x = 0; x < NK; x++) {
		for (int r = 0; r < rounds; r++)
			per[x][r] = x ? (t[x][r] - t[0][r]) / ks[x] : 0;
		qsort(t[x], (size_t)rounds, sizeof(double), cmp);
		qsort(per[x], (size_t)rounds, sizeof(double), cmp);
		printf("K=%-2d %8.1f ns/iter", ks[x], t[x][rounds / 2]);
		if (x)
			printf("   per page %5.1f ns [%.1f, %.1f]", per[x][rounds / 2], per[x][rounds / 4],
			       per[x][3 * rounds / 4]);
		printf("\n");
	}
	return 0;
}
