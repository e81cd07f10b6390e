/*
 * attach_after_rmid: a sweep fixture that attaches by id after IPC_RMID.
 * Creates a private 4096-byte segment, attaches it, removes it (IPC_RMID,
 * while attached), then attaches it again by id.  Linux allows the second
 * attach (the id lives until the last detach); FreeBSD allows it by default
 * (kern.ipc.shm_allow_removed=1); macOS, illumos/Solaris and HP-UX refuse
 * with EINVAL.  A refusal is handled: "attach_after_rmid: shmat after
 * IPC_RMID: Invalid argument (EINVAL)" on stderr, the first attachment is
 * detached (which destroys the segment), exit 1.
 * Success: the two attachments are checked to share memory, both are
 * detached, prints "attach_after_rmid: second attach after IPC_RMID
 * succeeded", exits 0.  Every call is checked; the segment never outlives
 * the process once IPC_RMID has succeeded.
 */
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define PROG "attach_after_rmid"
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
		/* one more try, now that nothing is attached */
		if (shmctl(shmid, IPC_RMID, NULL) == -1)
			DIAG("shmctl(IPC_RMID) after detaching");
		return 1;
	}
	p2 = shmat(shmid, NULL, 0);
	if (p2 == (void *)-1) {
		DIAG("shmat after IPC_RMID");
		if (shmdt(p1) == -1)
			DIAG("shmdt");
		return 1;
	}
	strcpy(p2, "after rmid");
	if (strcmp(p1, "after rmid") != 0) {
		fprintf(stderr, "attach_after_rmid: the two attachments do not share memory\n");
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
		printf("attach_after_rmid: second attach after IPC_RMID succeeded\n");
	return status;
}
