/* nattch.c: makes a private segment, attaches it (a test may inject a
 * fault on that shmat), then prints what the kernel counts while this
 * process still holds whatever it got: "shmat ok|-1 nattch N".  After the
 * process exits nattch is always 0, so only a live process can tell whether
 * a failed shmat really attached (issue 17 row 2). Exit 2 on a setup error. */
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/shm.h>

int main(void)
{
	struct shmid_ds ds;
	int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (id < 0) {
		perror("nattch: shmget");
		return 2;
	}
	void *a = shmat(id, NULL, 0);
	int st = shmctl(id, IPC_STAT, &ds);
	shmctl(id, IPC_RMID, NULL);
	if (st < 0) {
		perror("nattch: shmctl");
		return 2;
	}
	printf("shmat %s nattch %lu\n", a == (void *)-1 ? "-1" : "ok", (unsigned long)ds.shm_nattch);
	return 0;
}
