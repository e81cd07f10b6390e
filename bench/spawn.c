/*
 * spawn: the native cost of one run of a program, for the sweep's ideal.
 *   spawn K CMD [ARG]...
 * Runs CMD K times, one after the other (fork, execvp, waitpid; stdout and
 * stderr to /dev/null), and prints "FASTEST_NS MEDIAN_NS" of the K wall
 * times. A small C parent, so what is timed is the program and not the
 * cost of forking a large interpreter.
 *   spawn -P N K CMD [ARG]...
 * Runs CMD K times, N at a time (a new one as soon as one ends), and
 * prints the wall time of the whole in ns: what the machine itself gains
 * from running the program N at a time, to set the sweep's -jN against.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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

static pid_t start(char **cmd, int null)
{
	pid_t p = fork();
	if (p == 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		execvp(cmd[0], cmd);
		_exit(127);
	}
	if (p < 0)
		perror("spawn: fork");
	return p;
}

static int parallel(int n, int k, char **cmd)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null < 0 || n < 1 || k < 1)
		return 2;
	double t0 = now_ns();
	int started = 0, running = 0;
	while (started < k || running > 0) {
		while (running < n && started < k) {
			if (start(cmd, null) < 0)
				return 1;
			started++;
			running++;
		}
		int st;
		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) == 127) {
			fprintf(stderr, "spawn: %s did not run\n", cmd[0]);
			return 1;
		}
		running--;
	}
	printf("%.0f\n", now_ns() - t0);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 5 && strcmp(argv[1], "-P") == 0)
		return parallel(atoi(argv[2]), atoi(argv[3]), argv + 4);
	if (argc < 3 || atoi(argv[1]) < 1) {
		fprintf(stderr, "usage: spawn K CMD [ARG]...\n");
		return 2;
	}
	int k = atoi(argv[1]);
	double *t = calloc((size_t)k, sizeof *t);
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (!t || null < 0)
		return 1;
	for (int i = 0; i < k; i++) {
		double t0 = now_ns();
		pid_t p = fork();
		if (p < 0) {
			perror("spawn: fork");
			return 1;
		}
		if (p == 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		int st;
		if (waitpid(p, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) == 127) {
			fprintf(stderr, "spawn: %s did not run\n", argv[2]);
			return 1;
		}
		t[i] = now_ns() - t0;
	}
	qsort(t, (size_t)k, sizeof *t, cmp_double);
	printf("%.0f %.0f\n", t[0], k % 2 ? t[k / 2] : (t[k / 2 - 1] + t[k / 2]) / 2);
	return 0;
}
