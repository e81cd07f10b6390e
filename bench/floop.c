/* floop: what a seccomp filter costs the system calls it sees (issue 15).
 *   floop [-r ROUNDS] [-n N] LOOP CONFIG...
 * LOOP: shmget  N x (shmget(key, 4096, 0) + shmctl(IPC_STAT)), raw calls
 *               marked with the interposer's cookie (args[5]), as the
 *               interposer makes them under the CLI: passed in BPF;
 *       shmat   N x (shmat + shmdt) of one private 4 KiB segment, marked;
 *       badid   N x 2 shmctl(-1, IPC_STAT), marked: the filter's whole path
 *               for a shm call, and almost no work in the kernel after it;
 *       getppid N x 2 getppid(): a call no filter of ours looks at.
 * CONFIG: none   no filter;
 *         allow  a 1-instruction filter, RET ALLOW (every call cacheable);
 *         ours   kernel/filter.c's filter as the CLI installs it (listener
 *                held, never read: marked calls are never notified);
 *         spec   the same with SECCOMP_FILTER_FLAG_SPEC_ALLOW.
 * One thread per CONFIG installs its filter (a filter belongs to its
 * thread: no TSYNC) and warms up (N/10 iterations); then, ROUNDS times, each
 * thread in turn (the order rotates) times a block of N iterations
 * (CLOCK_MONOTONIC and its own CLOCK_THREAD_CPUTIME_ID).  Blocks of two
 * configurations are thus milliseconds apart, and a slow phase of a shared
 * machine hits both.  Prints per CONFIG the median ns per iteration and the
 * per-round ratio to the first CONFIG: median [interquartile range].  Run it
 * in a private IPC namespace (unshare -i).  Not a test: it asserts nothing. */

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <stddef.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "filter.h"
#include "shmmark.h"

#ifndef SECCOMP_FILTER_FLAG_SPEC_ALLOW
#define SECCOMP_FILTER_FLAG_SPEC_ALLOW (1UL << 2)
#endif

#define MAXC 8
#define MAXR 20000
#define KEY 0x464c4f4f

static const char *loopname;
static char mode; /* 's' shmget, 'a' shmat, 'b' badid, 'g' getppid */
static int seg;

static double now_ns(int clk)
{
	struct timespec ts;
	clock_gettime(clk, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static long run(long n)
{
	long failed = 0;
	struct shmid_ds ds;
	for (long i = 0; i < n; i++) {
		if (mode == 's') {
			long id = syscall(SYS_shmget, (long)KEY, 4096L, 0L, 0L, 0L, (long)SF_MARK_COOKIE);
			if (id < 0 || syscall(SYS_shmctl, id, (long)IPC_STAT, &ds, 0L, 0L, (long)SF_MARK_COOKIE) < 0)
				failed++;
		} else if (mode == 'a') {
			long a = syscall(SYS_shmat, (long)seg, 0L, 0L, 0L, 0L, (long)SF_MARK_COOKIE);
			if (a == -1 || syscall(SYS_shmdt, a, 0L, 0L, 0L, 0L, (long)SF_MARK_COOKIE) < 0)
				failed++;
		} else if (mode == 'b') {
			if (syscall(SYS_shmctl, -1L, (long)IPC_STAT, &ds, 0L, 0L, (long)SF_MARK_COOKIE) != -1 ||
			    syscall(SYS_shmctl, -1L, (long)IPC_STAT, &ds, 0L, 0L, (long)SF_MARK_COOKIE) != -1)
				failed++;
		} else {
			syscall(SYS_getppid);
			syscall(SYS_getppid);
		}
	}
	return failed;
}

static int install(const char *cfg)
{
	static struct sock_filter allow[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	/* the smallest filter that is never cached: it reads an argument */
	static struct sock_filter args_only[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[5])),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	/* arch and nr only, as ours reads for a call that is not a shm call:
	 * every call cached, whatever the instructions */
	static struct sock_filter nr_only[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_STMT(BPF_ALU | BPF_AND | BPF_K, ~0x40000000u),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 29, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW), /* constant: cached too */
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	if (!strcmp(cfg, "none"))
		return 0;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	struct sock_fprog fp = { 1, allow };
	unsigned long flags = 0;
	if (!strcmp(cfg, "ours") || !strcmp(cfg, "spec")) {
		unsigned len;
		fp.filter = (struct sock_filter *)sf_kfilter_prog(&len);
		fp.len = (unsigned short)len;
		flags = SECCOMP_FILTER_FLAG_NEW_LISTENER;
		if (cfg[0] == 's')
			flags |= SECCOMP_FILTER_FLAG_SPEC_ALLOW;
	} else if (!strcmp(cfg, "ours0")) {
		unsigned len;
		fp.filter = (struct sock_filter *)sf_kfilter_prog(&len);
		fp.len = (unsigned short)len;
	} else if (!strcmp(cfg, "nr")) {
		fp.filter = nr_only;
		fp.len = (unsigned short)(sizeof nr_only / sizeof nr_only[0]);
	} else if (!strcmp(cfg, "args")) {
		fp.filter = args_only;
		fp.len = (unsigned short)(sizeof args_only / sizeof args_only[0]);
	} else if (strcmp(cfg, "allow")) {
		errno = EINVAL;
		return -1;
	}
	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &fp) < 0 ? -1 : 0;
}

/* One thread per CONFIG (a seccomp filter belongs to the thread that
 * installs it, without TSYNC): the main thread hands the turn to each in
 * order, so that the blocks of two configurations alternate within
 * milliseconds and a slow phase of the machine hits both. */
struct worker {
	const char *cfg;
	pthread_t th;
	sem_t go, done;
	long n;
	int bad;
	double wall, cpu; /* ns per iteration of the last block */
};

static void *work(void *arg)
{
	struct worker *w = arg;
	if (install(w->cfg) < 0) {
		fprintf(stderr, "floop: %s: %s\n", w->cfg, strerror(errno));
		w->bad = 1;
	}
	for (;;) {
		while (sem_wait(&w->go) < 0)
			;
		if (w->n < 0)
			return NULL;
		if (!w->bad) {
			double c0 = now_ns(CLOCK_THREAD_CPUTIME_ID), t0 = now_ns(CLOCK_MONOTONIC);
			w->bad = run(w->n) != 0;
			double t1 = now_ns(CLOCK_MONOTONIC), c1 = now_ns(CLOCK_THREAD_CPUTIME_ID);
			w->wall = (t1 - t0) / (double)w->n;
			w->cpu = (c1 - c0) / (double)w->n;
		}
		sem_post(&w->done);
	}
}

static void turn(struct worker *w, long n)
{
	w->n = n;
	sem_post(&w->go);
	while (sem_wait(&w->done) < 0)
		;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void stats(double *v, int k, double *med, double *lo, double *hi)
{
	qsort(v, (size_t)k, sizeof *v, cmp);
	*med = k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
	*lo = v[k / 4];
	*hi = v[3 * k / 4];
}

int main(int argc, char **argv)
{
	int rounds = 2001, opt;
	long n = 2000;
	while ((opt = getopt(argc, argv, "r:n:")) != -1) {
		if (opt == 'r')
			rounds = atoi(optarg);
		else if (opt == 'n')
			n = atol(optarg);
		else
			return 2;
	}
	int nc = argc - optind - 1;
	if (nc < 1 || nc > MAXC || rounds < 1 || rounds > MAXR || n < 1 ||
	    (strcmp(argv[optind], "shmget") && strcmp(argv[optind], "getppid") && strcmp(argv[optind], "badid") &&
	     strcmp(argv[optind], "shmat"))) {
		fprintf(stderr, "usage: floop [-r ROUNDS] [-n N] shmget|shmat|badid|getppid CONFIG... (none allow ours spec)\n");
		return 2;
	}
	loopname = argv[optind];
	mode = !strcmp(loopname, "shmat") ? 'a' : loopname[0] == 's' ? 's' : loopname[0] == 'b' ? 'b' : 'g';
	char **cfg = argv + optind + 1;
	seg = shmget(KEY, 4096, IPC_CREAT | 0600);
	if (seg < 0)
		return perror("floop: shmget"), 1;
	static struct worker w[MAXC];
	static double wall[MAXC][MAXR], cpu[MAXC][MAXR];
	for (int c = 0; c < nc; c++) {
		w[c].cfg = cfg[c];
		sem_init(&w[c].go, 0, 0);
		sem_init(&w[c].done, 0, 0);
		if (pthread_create(&w[c].th, NULL, work, &w[c]))
			return fprintf(stderr, "floop: pthread_create failed\n"), 1;
		turn(&w[c], n / 10 + 1); /* installs, warms up */
	}
	for (int r = 0; r < rounds; r++)
		for (int j = 0; j < nc; j++) {
			int c = (j + r) % nc;
			turn(&w[c], n);
			if (w[c].bad)
				return shmctl(seg, IPC_RMID, NULL), fprintf(stderr, "floop: %s failed\n", cfg[c]), 1;
			wall[c][r] = w[c].wall;
			cpu[c][r] = w[c].cpu;
		}
	for (int c = 0; c < nc; c++) {
		w[c].n = -1;
		sem_post(&w[c].go);
		pthread_join(w[c].th, NULL);
	}
	shmctl(seg, IPC_RMID, NULL);
	printf("%s loop, %d rounds of %ld iterations per configuration, alternating; ratios to %s in the same round: median [interquartile range]\n",
	       loopname, rounds, n, cfg[0]);
	for (int c = 0; c < nc; c++) {
		double rw[MAXR], rc[MAXR], aw[MAXR], m, lo, hi, cm, clo, chi, wm, x, y;
		for (int r = 0; r < rounds; r++) {
			rw[r] = wall[c][r] / wall[0][r];
			rc[r] = cpu[c][r] / cpu[0][r];
			aw[r] = wall[c][r];
		}
		stats(aw, rounds, &wm, &x, &y);
		stats(rw, rounds, &m, &lo, &hi);
		stats(rc, rounds, &cm, &clo, &chi);
		printf("%-6s %7.1f ns/iter  wall %.3f [%.3f, %.3f]  thread CPU %.3f [%.3f, %.3f]\n", cfg[c], wm, m, lo,
		       hi, cm, clo, chi);
	}
	return 0;
}
