/* callpath: what the path from a program to the `syscall` instruction
 * costs a shm call on this machine (issue 15, docs/performance-history.md "The
 * real call").
 *   callpath [-r ROUNDS] [-n N]
 * Each variant makes N x (shmget(key, 4096, 0) + shmctl(IPC_STAT)) of one
 * segment; blocks of the variants alternate, ROUNDS rounds, order rotating,
 * each timed with the thread's own CPU clock; prints each variant's median
 * ratio to glibc's wrappers in the same round, with its interquartile range.
 * Variants: glibc's shmget/shmctl; glibc's syscall() with the interposer's
 * mark (what preload/real.c did); the `syscall` instruction inline in the
 * loop; the same in a function of this program (not inlined); the same in
 * a function of another shared object (the interposer's position: libasm).
 * x86-64 only (inline asm).  Run it in a private IPC namespace (unshare -i),
 * pinned (taskset -c 1).  Not a test: it asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "shmmark.h"

#define MARK ((long)SF_MARK_COOKIE)
#define KEY 0x43504154
#define NV 5
#define MAXR 4001

long callpath_so(long nr, long a, long b, long c); /* bench/callpath_so.c */

static inline long inline6(long nr, long a, long b, long c)
{
	long r;
	register long r10 __asm__("r10") = 0, r8 __asm__("r8") = 0, r9 __asm__("r9") = MARK;
	__asm__ volatile("syscall" : "=a"(r) : "0"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return r;
}

__attribute__((noinline)) static long local6(long nr, long a, long b, long c)
{
	return inline6(nr, a, b, c);
}

static double cpu_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

static void block(int v, int n, int id, struct shmid_ds *ds)
{
	for (int i = 0; i < n; i++) {
		switch (v) {
		case 0: shmget(KEY, 4096, 0); shmctl(id, IPC_STAT, ds); break;
		case 1:
			syscall(SYS_shmget, (long)KEY, 4096L, 0L, 0L, 0L, MARK);
			syscall(SYS_shmctl, (long)id, (long)IPC_STAT, ds, 0L, 0L, MARK);
			break;
		case 2: inline6(SYS_shmget, KEY, 4096, 0); inline6(SYS_shmctl, id, IPC_STAT, (long)ds); break;
		case 3: local6(SYS_shmget, KEY, 4096, 0); local6(SYS_shmctl, id, IPC_STAT, (long)ds); break;
		case 4: callpath_so(SYS_shmget, KEY, 4096, 0); callpath_so(SYS_shmctl, id, IPC_STAT, (long)ds); break;
		}
	}
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	static const char *name[NV] = {"glibc shmget/shmctl", "glibc syscall(), marked", "inline syscall",
				       "function of the program", "function of another .so"};
	static double t[NV][MAXR], q[MAXR];
	int rounds = 301, n = 2000, o;
	while ((o = getopt(argc, argv, "r:n:")) != -1)
		if (o == 'r') rounds = atoi(optarg);
		else if (o == 'n') n = atoi(optarg);
		else return fprintf(stderr, "usage: callpath [-r ROUNDS] [-n N]\n"), 2;
	if (rounds < 1 || rounds > MAXR || n < 1)
		return fprintf(stderr, "callpath: rounds 1..%d, n >= 1\n", MAXR), 2;
	struct shmid_ds ds;
	int id = shmget(KEY, 4096, IPC_CREAT | 0600);
	if (id < 0)
		return perror("callpath: shmget"), 1;
	block(0, n / 10 + 1, id, &ds); /* warm-up */
	for (int r = 0; r < rounds; r++)
		for (int k = 0; k < NV; k++) {
			int v = (k + r) % NV;
			double t0 = cpu_ns();
			block(v, n, id, &ds);
			t[v][r] = (cpu_ns() - t0) / n;
		}
	shmctl(id, IPC_RMID, NULL);
	printf("shmget+IPC_STAT, %d rounds of %d iterations; thread CPU ratio to glibc's wrappers in the same round: "
	       "median [interquartile range]\n", rounds, n);
	for (int v = 0; v < NV; v++) {
		for (int r = 0; r < rounds; r++)
			q[r] = t[v][r] / t[0][r];
		qsort(q, (size_t)rounds, sizeof q[0], cmp);
		double m = q[rounds / 2], lo = q[rounds / 4], hi = q[3 * rounds / 4];
		for (int r = 0; r < rounds; r++)
			q[r] = t[v][r];
		qsort(q, (size_t)rounds, sizeof q[0], cmp);
		printf("%-26s %.4f [%.4f, %.4f]  %.0f ns/iteration\n", name[v], m, lo, hi, q[rounds / 2]);
	}
	return 0;
}
