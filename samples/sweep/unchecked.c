/*
 * unchecked: a sweep fixture that uses shmat's result without checking it.
 * Creates a private 4096-byte segment (checked), attaches it (NOT checked)
 * and writes a string through the result: when shmat fails it returns
 * (void *)-1 and the write raises SIGSEGV.  The segment, created before the
 * crash and not yet removed, is left behind as well.
 * Every other call is checked: diagnostic on stderr, cleanup, exit 1.
 * Success: prints "unchecked: ok" and exits 0.
 */
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define PROG "unchecked"
#include "diag.h"

int main(void)
{
	int shmid, status = 0;
	char *p;

	shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (shmid == -1) {
		DIAG("shmget(IPC_PRIVATE)");
		return 1;
	}
	p = shmat(shmid, NULL, 0); /* the bug: (void *)-1 is not checked */
	strcpy(p, "unchecked");
	if (strcmp(p, "unchecked") != 0) {
		fprintf(stderr, "unchecked: read back something else\n");
		status = 1;
	}
	if (shmdt(p) == -1) {
		DIAG("shmdt");
		status = 1;
	}
	if (shmctl(shmid, IPC_RMID, NULL) == -1) {
		DIAG("shmctl(IPC_RMID)");
		status = 1;
	}
	if (status == 0)
		printf("unchecked: ok\n");
	return status;
}
