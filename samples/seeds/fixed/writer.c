/*
 * writer (fixed): corrected version of writer.c from seed 000.
 * Creates a 4096-byte segment on ftok(".", 0x7777), writes 'A'..'Z' one
 * letter per second, then detaches and removes the segment.
 * Run it first, in the directory where the reader will run (the key comes
 * from the inode of ".").  SAMPLE_SLEEP=<seconds> (default 1) changes the
 * pause before each letter; 0 means no pause.  SIGINT/SIGTERM/SIGHUP end
 * it early: it detaches, removes the segment and exits 1.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void fail(const char *what)
{
	int e = errno;
	const char *name = strerrorname_np(e);

	fprintf(stderr, "writer: %s: %s (%s)\n", what, strerror(e),
		name != NULL ? name : "?");
}

/* SAMPLE_SLEEP: seconds to pause before each step (default 1). */
static int sample_sleep(unsigned *secs)
{
	const char *s = getenv("SAMPLE_SLEEP");
	char *end;
	unsigned long v;

	*secs = 1;
	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > 3600 || *s == '-') {
		fprintf(stderr, "writer: bad SAMPLE_SLEEP '%s' (seconds, 0..3600)\n", s);
		return -1;
	}
	*secs = (unsigned)v;
	return 0;
}

int main(void)
{
	unsigned secs;
	key_t k;
	int shmid, i, status = 1;
	char *buf;

	if (sample_sleep(&secs) != 0)
		return 2;
	catch_signals();

	k = ftok(".", 0x7777);
	if (k == (key_t)-1) {
		fail("ftok(\".\", 0x7777)");
		return 1;
	}
	shmid = shmget(k, 4096, IPC_CREAT | IPC_EXCL | 0666);
	if (shmid == -1) {
		fail("shmget(IPC_CREAT|IPC_EXCL)");
		return 1;
	}
	buf = shmat(shmid, NULL, 0);
	if (buf == (void *)-1) {
		fail("shmat");
		goto remove;
	}

	memset(buf, '\0', 4096);
	for (i = 0; i < 26 && !stop; i++) {
		if (secs > 0)
			sleep(secs);
		if (stop)
			break;
		buf[i] = (char)('A' + i);
	}
	if (stop)
		fprintf(stderr, "writer: interrupted by signal %d\n", (int)stop);
	else
		status = 0;

	if (shmdt(buf) == -1) {
		fail("shmdt");
		status = 1;
	}
remove:
	if (shmctl(shmid, IPC_RMID, NULL) == -1) {
		fail("shmctl(IPC_RMID)");
		status = 1;
	}
	return status;
}
