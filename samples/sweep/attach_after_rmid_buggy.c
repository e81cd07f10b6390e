/*
 * attach_after_rmid_buggy: attach_after_rmid with the Linux-only assumption.
 * Creates a private segment, attaches it, removes it (IPC_RMID), attaches it
 * again by id WITHOUT checking the result and writes through it: on
 * platforms that refuse an attach after IPC_RMID (EINVAL: macOS, illumos,
 * HP-UX) shmat returns (void *)-1 and the write raises SIGSEGV.  The
 * segment is already removed, so the crash leaks nothing (the kernel
 * detaches the first attachment at exit and destroys the segment).
 * Every other call is checked (diagnostic, cleanup, exit 1).
 * Success (Linux): prints "attach_after_rmid_buggy: ok", exits 0.
 */
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define PROG "attach_after_rmid_buggy"
#include "diag.h"

int main(void)
{
	int shmid, status = 0;
	char *p1, *p2;

	shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (shmid == -1) {
		DIAG("shmget(IPC_PRIVATE)");
		return 1;
	}
	p1 = shmat(shmid, NULL, 0);
	if (p1 == (void *)-1) {
		DIAG("shmat");
		if (shmctl(shmid, IPC_RMID, NULL) == -1)
			DIAG("shmctl(IPC_RMID)");
		return 1;
	}
	if (shmctl(shmid, IPC_RMID, NULL) == -1) {
		DIAG("shmctl(IPC_RMID)");
		if (shmdt(p1) == -1)
			DIAG("shmdt");
		if (shmctl(shmid, IPC_RMID, NULL) == -1)
			DIAG("shmctl(IPC_RMID) after detaching");
		return 1;
	}
	p2 = shmat(shmid, NULL, 0); /* the bug: assumed to work, as on Linux */
	strcpy(p2, "after rmid");
	if (strcmp(p1, "after rmid") != 0) {
		fprintf(stderr, "attach_after_rmid_buggy: the two attachments do not share memory\n");
		status = 1;
	}
	if (shmdt(p2) == -1) {
		DIAG("shmdt (second attachment)");
		status = 1;
	}
	if (shmdt(p1) == -1) {
		DIAG("shmdt (first attachment)");
		status = 1;
	}
	if (status == 0)
		printf("attach_after_rmid_buggy: ok\n");
	return status;
}
