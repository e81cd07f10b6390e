/* hostile.c: a program that is hard to run, for the runner's robustness
 * tests. It first makes one round of shm calls (shmget, shmat, shmdt,
 * IPC_RMID, so a sweep has cases; a failure prints one line and removes
 * the segment), then misbehaves:
 *   hostile [-f] MODE [ARG]
 * always, or with -f only when a call of the round failed (a sweep's
 * baseline then runs clean and every injected fault sets it off; without
 * a failure it exits 0). Modes:
 *   hostile orphans [N]    forks N (3) children (own sessions, SIGTERM
 *                          ignored) that pause forever; exits 0 (1 with -f)
 *   hostile noterm         ignores SIGTERM (and SIGINT, SIGHUP), pauses forever
 *   hostile nostdout       closes stdout and stderr; exits 0 (1 with -f)
 *   hostile flood BYTES    writes BYTES to stderr in 1 MiB write()s, exits 1
 *   hostile hang           pauses forever
 *   hostile fill [KEY]     creates 4 KiB segments (keys KEY, KEY+1, ...; KEY
 *                          0 = IPC_PRIVATE) until shmget fails, prints
 *                          "filled N ERRNO" and exits 0, leaving them
 * Without -f, a failed call of the round exits 1 (failed cleanly). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

/* 0, or -1 after a failed call (reported, the segment removed). */
static int round_of_calls(void)
{
	int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (id < 0) {
		perror("hostile: shmget");
		return -1;
	}
	void *p = shmat(id, NULL, 0);
	if (p == (void *)-1) {
		perror("hostile: shmat");
		shmctl(id, IPC_RMID, NULL);
		return -1;
	}
	if (shmdt(p) != 0)
		perror("hostile: shmdt");
	if (shmctl(id, IPC_RMID, NULL) != 0) {
		perror("hostile: shmctl");
		/* an injected failure: the segment is still there */
		if (shmctl(id, IPC_RMID, NULL) != 0)
			return -1;
		return -1;
	}
	return 0;
}

static void forever(void)
{
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	int on_fault = argc > 1 && !strcmp(argv[1], "-f");
	argv += on_fault;
	argc -= on_fault;
	if (argc < 2) {
		fprintf(stderr, "usage: hostile [-f] MODE [ARG]\n");
		return 2;
	}
	const char *mode = argv[1];
	long arg = argc > 2 ? strtol(argv[2], NULL, 0) : -1;
	int failed = round_of_calls() != 0;
	if (on_fault != failed)
		return failed;
	if (!strcmp(mode, "orphans")) {
		for (long i = 0; i < (arg < 0 ? 3 : arg); i++) {
			pid_t pid = fork();
			if (pid < 0) {
				perror("hostile: fork");
				return 1;
			}
			if (pid == 0) {
				setsid(); /* out of the parent's process group too */
				signal(SIGTERM, SIG_IGN);
				forever();
			}
		}
		return failed;
	} else if (!strcmp(mode, "noterm")) {
		signal(SIGTERM, SIG_IGN);
		signal(SIGINT, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
		forever();
	} else if (!strcmp(mode, "nostdout")) {
		close(1);
		close(2);
		return failed;
	} else if (!strcmp(mode, "flood")) {
		static char buf[1 << 20];
		memset(buf, 'x', sizeof buf);
		for (size_t i = 0; i < sizeof buf; i += 64)
			buf[i] = '\n';
		long long left = arg < 0 ? 1LL << 30 : arg;
		if (argc > 2)
			left = strtoll(argv[2], NULL, 0);
		while (left > 0) {
			size_t n = left < (long long)sizeof buf ? (size_t)left : sizeof buf;
			ssize_t w = write(2, buf, n);
			if (w <= 0)
				return 3;
			left -= w;
		}
		return 1;
	} else if (!strcmp(mode, "hang")) {
		forever();
	} else if (!strcmp(mode, "fill")) {
		key_t key = arg < 0 ? 0 : (key_t)arg;
		long n = 0;
		for (;;) {
			if (shmget(key ? key + (key_t)n : IPC_PRIVATE, 4096, IPC_CREAT | IPC_EXCL | 0600) < 0)
				break;
			n++;
		}
		int e = errno;
		printf("filled %ld %s\n", n, e == ENOSPC ? "ENOSPC" : strerror(e));
		return 0;
	}
	fprintf(stderr, "hostile: unknown mode '%s'\n", mode);
	return 2;
}
