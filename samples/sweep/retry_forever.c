/*
 * retry_forever: a sweep fixture that retries shmget forever on EEXIST.
 *   retry_forever [KEY]   KEY: decimal or 0x hex (default 0x5eed0002)
 * Creates a 4096-byte segment with IPC_CREAT|IPC_EXCL|0600 on KEY; while
 * that fails with EEXIST it waits 1 ms and tries again, with no limit.  A
 * persistent EEXIST (an injected one, or a segment already holding KEY)
 * therefore makes it hang.  Other shmget errors: diagnostic, exit 1.
 * Then attaches, writes, detaches and removes, each checked (diagnostic,
 * cleanup, exit 1).  Success: prints "retry_forever: ok after N
 * attempt(s)" and exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <time.h>

#define PROG "retry_forever"
#include "diag.h"

int main(int argc, char *argv[])
{
	key_t key = (key_t)0x5eed0002;
	unsigned long attempts = 0;
	int shmid, status = 0;
	char *p;

	if (argc > 2) {
		fprintf(stderr, "usage: retry_forever [KEY]\n");
		return 2;
	}
	if (argc == 2) {
		char *end;
		unsigned long v;

		errno = 0;
		v = strtoul(argv[1], &end, 0);
		if (errno != 0 || *end != '\0' || argv[1][0] == '\0' || v > 0xffffffffUL) {
			fprintf(stderr, "retry_forever: bad KEY '%s'\n", argv[1]);
			return 2;
		}
		key = (key_t)(unsigned)v;
	}
	for (;;) {
		attempts++;
		shmid = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
		if (shmid != -1)
			break;
		if (errno != EEXIST) {
			DIAG("shmget(IPC_CREAT|IPC_EXCL)");
			return 1;
		}
		/* the bug: no limit on the retries */
		nanosleep(&(struct timespec){ .tv_sec = 0, .tv_nsec = 1000000 }, NULL);
	}
	p = shmat(shmid, NULL, 0);
	if (p == (void *)-1) {
		DIAG("shmat");
		status = 1;
	} else {
		strcpy(p, "retry_forever");
		if (shmdt(p) == -1) {
			DIAG("shmdt");
			status = 1;
		}
	}
	if (shmctl(shmid, IPC_RMID, NULL) == -1) {
		DIAG("shmctl(IPC_RMID)");
		status = 1;
	}
	if (status == 0)
		printf("retry_forever: ok after %lu attempt(s)\n", attempts);
	return status;
}
