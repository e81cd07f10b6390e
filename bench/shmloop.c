/*
 * shmloop: the per-call benchmark. Times its own loop with
 * clock_gettime(CLOCK_MONOTONIC), so process start-up (the dynamic loader,
 * the interposer's constructor, strace's attach) is not counted.
 *   shmloop shmat  N   N x (shmat + shmdt) of one private 4 KiB segment
 *   shmloop shmget N   N x (shmget(key, 4096, 0) + shmctl(IPC_STAT)) of one keyed segment
 * Prints one line: "MODE N MEAN FAILED MEDIAN MIN CPU", nanoseconds per
 * iteration (CPU: microseconds of user + system time the whole process used,
 * start-up included, getrusage(2)): MEAN over the whole timed loop, MEDIAN and MIN over its 100
 * blocks of N/100 iterations (each timed alone: a block during which another
 * process had the CPU is an outlier the median ignores). FAILED: iterations
 * whose first call failed, e.g. the one fault a when= rule or strace
 * injects; the second call is then skipped, as a program would.
 * A warm-up of N/10 iterations (at least 1) runs first, untimed. Rules and
 * strace's when= count the warm-up calls (and, in shmget mode, the shmget
 * that creates the segment), so run.pl places a single fault at the middle
 * of the timed loop with when=WARM+N/2 (shmat) or 1+WARM+N/2 (shmget).
 * Run it in a private IPC namespace (unshare -i): it creates one segment
 * and removes it before exiting.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <time.h>

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static long loop_shmat(int id, long n)
{
	long failed = 0;
	for (long i = 0; i < n; i++) {
		void *p = shmat(id, NULL, 0);
		if (p == (void *)-1) {
			failed++;
			continue;
		}
		if (shmdt(p) < 0)
			failed++;
	}
	return failed;
}

static long loop_shmget(key_t key, long n)
{
	long failed = 0;
	struct shmid_ds ds;
	for (long i = 0; i < n; i++) {
		int id = shmget(key, 4096, 0);
		if (id < 0) {
			failed++;
			continue;
		}
		if (shmctl(id, IPC_STAT, &ds) < 0)
			failed++;
	}
	return failed;
}

int main(int argc, char **argv)
{
	if (argc != 3 || (strcmp(argv[1], "shmat") && strcmp(argv[1], "shmget"))) {
		fprintf(stderr, "usage: shmloop shmat|shmget N\n");
		return 2;
	}
	char *end;
	long n = strtol(argv[2], &end, 10);
	if (*end || n < 1) {
		fprintf(stderr, "shmloop: bad N '%s'\n", argv[2]);
		return 2;
	}
	int at = strcmp(argv[1], "shmat") == 0;
	key_t key = at ? IPC_PRIVATE : (key_t)0x5eedbe7c;
	int id = shmget(key, 4096, IPC_CREAT | 0600);
	if (id < 0) {
		fprintf(stderr, "shmloop: shmget: %s\n", strerror(errno));
		return 1;
	}
	long warm = n / 10 ? n / 10 : 1;
	long failed = at ? loop_shmat(id, warm) : loop_shmget(key, warm);
	enum { BLOCKS = 100 };
	double blk[BLOCKS];
	int nb = 0;
	long done = 0;
	double t0 = now_ns(), tb = t0;
	for (int b = 0; b < BLOCKS; b++) {
		long k = n * (b + 1) / BLOCKS - done;
		if (k <= 0)
			continue;
		failed += at ? loop_shmat(id, k) : loop_shmget(key, k);
		double te = now_ns();
		blk[nb++] = (te - tb) / (double)k;
		done += k;
		tb = te;
	}
	double t1 = tb;
	qsort(blk, (size_t)nb, sizeof blk[0], cmp_double);
	double median = nb % 2 ? blk[nb / 2] : (blk[nb / 2 - 1] + blk[nb / 2]) / 2;
	if (shmctl(id, IPC_RMID, NULL) < 0) {
		fprintf(stderr, "shmloop: shmctl(IPC_RMID): %s\n", strerror(errno));
		return 1;
	}
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	long cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000L + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
	printf("%s %ld %.1f %ld %.1f %.1f %ld\n", argv[1], n, (t1 - t0) / (double)n, failed, median, blk[0], cpu);
	return 0;
}
