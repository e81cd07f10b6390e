/*
 * silent: a sweep fixture that fails without a word.
 * Creates a private 4096-byte segment, attaches it, writes and reads back a
 * word, detaches, removes it.  On any failure it cleans up what it created
 * (detach, IPC_RMID) and exits 1 WITHOUT printing anything (the bug: no
 * diagnostic).  Success: prints "silent: ok" on stdout, exits 0.
 * It never writes to stderr.
 */
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

int main(void)
{
	int shmid, status = 1;
	char *p;

	shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (shmid == -1)
		return 1;
	p = shmat(shmid, NULL, 0);
	if (p == (void *)-1)
		goto remove;
	strcpy(p, "silent");
	if (strcmp(p, "silent") == 0)
		status = 0;
	if (shmdt(p) == -1)
		status = 1;
remove:
	if (shmctl(shmid, IPC_RMID, NULL) == -1)
		status = 1;
	if (status == 0)
		printf("silent: ok\n");
	return status;
}
