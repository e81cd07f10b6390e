/*
 * leaky: a sweep fixture that forgets its segment on an error path.
 *   leaky [KEY]     KEY: decimal or 0x hex (default 0x5eed0001)
 * Creates a 4096-byte segment with IPC_CREAT|IPC_EXCL|0600 on KEY.  When a
 * later shmat or shmdt fails it prints a diagnostic and exits 1 WITHOUT
 * IPC_RMID: the segment stays in the system (leaked).
 * Success: writes and reads back a word, detaches, removes the segment,
 * prints "leaky: ok" and exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define PROG "leaky"
#include "diag.h"

int main(int argc, char *argv[])
{
	key_t key = (key_t)0x5eed0001;
	int shmid;
	char *p;

	if (argc > 2) {
		fprintf(stderr, "usage: leaky [KEY]\n");
		return 2;
	}
	if (argc == 2) {
		char *end;
		unsigned long v;

		errno = 0;
		v = strtoul(argv[1], &end, 0);
		if (errno != 0 || *end != '\0' || argv[1][0] == '\0' || v > 0xffffffffUL) {
			fprintf(stderr, "leaky: bad KEY '%s'\n", argv[1]);
			return 2;
		}
		key = (key_t)(unsigned)v;
	}
	shmid = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
	if (shmid == -1) {
		DIAG("shmget(IPC_CREAT|IPC_EXCL)");
		return 1;
	}
	p = shmat(shmid, NULL, 0);
	if (p == (void *)-1) {
		DIAG("shmat");
		return 1; /* the bug: the segment is not removed */
	}
	strcpy(p, "leaky");
	if (strcmp(p, "leaky") != 0) {
		fprintf(stderr, "leaky: read back something else\n");
		return 1; /* the same bug */
	}
	if (shmdt(p) == -1) {
		DIAG("shmdt");
		return 1; /* the same bug */
	}
	if (shmctl(shmid, IPC_RMID, NULL) == -1) {
		DIAG("shmctl(IPC_RMID)");
		return 1;
	}
	printf("leaky: ok\n");
	return 0;
}
