/*
 * shmB (fixed): corrected version of shmB.c from seed 002.
 * Opens shmA's segment (ftok(".", 1002), never creates it), prints its
 * IPC_STAT record, then prints each value shmA hands over ("100 101 ...
 * 119 "), until shmA sets f[2] = 2 ("no more values"); then prints a newline,
 * detaches and exits 0.  shmA removes the segment.
 * SIGINT/SIGTERM/SIGHUP end it early (detach, exit 1).
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

#define PROG "shmB"
#define SAMPLE_LOOP
#include "sample.h"

int main(void)
{
	key_t key;
	int shmid, status = 1;
	void *p;
	atomic_int *f;
	struct shmid_ds ds;

	catch_signals();

	key = ftok(".", 1002);
	if (key == (key_t)-1) {
		fail("ftok(\".\", 1002)");
		return 1;
	}
	shmid = shmget(key, 0, 0);
	if (shmid == -1) {
		fail("shmget (is shmA running in this directory?)");
		return 1;
	}
	p = shmat(shmid, NULL, 0);
	if (p == (void *)-1) {
		fail("shmat");
		return 1;
	}
	memset(&ds, 0, sizeof ds);
	if (shmctl(shmid, IPC_STAT, &ds) == -1) {
		fail("shmctl(IPC_STAT)");
		goto detach;
	}
	if (ds.shm_segsz < 3 * sizeof(atomic_int)) {
		fprintf(stderr, "shmB: segment is %zu bytes, expected at least %zu\n",
			(size_t)ds.shm_segsz, 3 * sizeof(atomic_int));
		goto detach;
	}
	printf("uid=%u\n", (unsigned)ds.shm_perm.uid);
	printf("mode=%o\n", (unsigned)ds.shm_perm.mode);
	printf("size=%zu\n", (size_t)ds.shm_segsz);
	printf("cpid=%ld\n", (long)ds.shm_cpid);
	printf("lpid=%ld\n", (long)ds.shm_lpid);
	fflush(stdout);

	f = p;
	while (!stop && atomic_load(&f[2]) == 0) /* shmA not ready yet */
		sched_yield();
	while (!stop) {
		if (atomic_load(&f[0]) == 0) { /* a value is waiting */
			printf("%d ", atomic_load(&f[1]));
			fflush(stdout);
			atomic_store(&f[0], 1);
		} else if (atomic_load(&f[2]) == 2) { /* shmA is done */
			status = 0;
			break;
		} else {
			sched_yield();
		}
	}
	printf("\n");
	if (stop)
		fprintf(stderr, "shmB: interrupted by signal %d\n", (int)stop);

detach:
	if (shmdt(p) == -1) {
		fail("shmdt");
		status = 1;
	}
	if (fflush(stdout) == EOF)
		status = 1;
	return status;
}
