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

#define PROG "writer"
#define SAMPLE_LOOP
#include "sample.h"

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
