/*
 * shmA (fixed): corrected version of shmA.c from seed 002.
 * Creates a 12-byte segment (three ints) on ftok(".", 1002), prints its
 * IPC_STAT record, then hands the values 100..119 to shmB one at a time
 * (f[0] is the flag: 1 = writable, 0 = a value waits in f[1]), pausing one
 * second after each.  f[2] is the state: 0 not ready (a fresh segment is
 * zero-filled), 1 running, 2 no more values; shmA sets 2 once shmB has taken
 * the last value, then detaches and removes the segment.
 * Start shmA first, then shmB, in the same directory (the key comes from
 * the inode of ".").  SAMPLE_SLEEP=<seconds> (default 1) changes the pause;
 * SIGINT/SIGTERM/SIGHUP end it early (detach, remove, exit 1).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#define PROG "shmA"
#define SAMPLE_LOOP
#include "sample.h"

/* Wait until shmB has emptied the slot (f[0] == 1); 0 if interrupted. */
static int wait_writable(atomic_int *f)
{
	while (atomic_load(&f[0]) == 0) {
		if (stop)
			return 0;
		sched_yield();
	}
	return 1;
}

int main(void)
{
	unsigned secs;
	key_t key;
	int shmid, i, status = 1;
	void *p;
	atomic_int *f;
	struct shmid_ds ds;

	if (sample_sleep(&secs) != 0)
		return 2;
	catch_signals();

	key = ftok(".", 1002);
	if (key == (key_t)-1) {
		fail("ftok(\".\", 1002)");
		return 1;
	}
	shmid = shmget(key, 3 * sizeof(atomic_int), IPC_CREAT | IPC_EXCL | 0600);
	if (shmid == -1) {
		fail("shmget(IPC_CREAT|IPC_EXCL)");
		return 1;
	}
	p = shmat(shmid, NULL, 0);
	if (p == (void *)-1) {
		fail("shmat");
		goto remove;
	}
	memset(&ds, 0, sizeof ds);
	if (shmctl(shmid, IPC_STAT, &ds) == -1) {
		fail("shmctl(IPC_STAT)");
		goto detach;
	}
	printf("uid=%u\n", (unsigned)ds.shm_perm.uid);
	printf("mode=%o\n", (unsigned)ds.shm_perm.mode);
	printf("size=%zu\n", (size_t)ds.shm_segsz);
	printf("cpid=%ld\n", (long)ds.shm_cpid);
	printf("lpid=%ld\n", (long)ds.shm_lpid);
	fflush(stdout);

	f = p;
	atomic_store(&f[1], 0);
	atomic_store(&f[0], 1); /* 1: writable, 0: a value is waiting */
	atomic_store(&f[2], 1); /* 0: not ready, 1: running, 2: no more values */
	for (i = 100; i < 120; i++) {
		if (!wait_writable(f))
			break;
		atomic_store(&f[1], i);
		atomic_store(&f[0], 0);
		if (secs > 0)
			sleep(secs);
		if (stop)
			break;
	}
	if (!stop && wait_writable(f)) {
		atomic_store(&f[2], 2); /* no more values */
		status = 0;
	}
	if (stop)
		fprintf(stderr, "shmA: interrupted by signal %d\n", (int)stop);

detach:
	if (shmdt(p) == -1) {
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
