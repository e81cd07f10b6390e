/*
 * shmread (fixed): corrected version of shmread.c from seed 004.
 * Creates (or opens) the segment with key 1234, prints "ip = ... ,count: N"
 * 10 times, one second apart, then removes the segment (IPC_RMID, then
 * shmdt); EINVAL or EIDRM from IPC_RMID means shmwrite removed it first.
 * SAMPLE_SLEEP=<seconds> (default 1) changes the pause; SIGINT/SIGTERM/SIGHUP
 * end it early (remove, detach, exit 1).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#define PROG "shmread"
#define SAMPLE_LOOP
#include "sample.h"

struct Conn_stat {
	int count;
	char ip[64];
};

static int create_or_open(key_t key, size_t size, int *created)
{
	int id = shmget(key, size, 0666 | IPC_CREAT | IPC_EXCL);

	*created = id != -1;
	if (id == -1 && errno == EEXIST)
		id = shmget(key, size, 0666);
	return id;
}

/* IPC_RMID, tolerating "the partner removed it first": that shows as EINVAL
 * or EIDRM on systems where a removed id disappears at once.  Linux keeps a
 * removed but attached id and accepts a repeated IPC_RMID, so there an
 * EINVAL is only believed when IPC_STAT cannot see the id either, or sees it
 * marked SHM_DEST. */
static int remove_segment(int shmid)
{
	struct shmid_ds ds;
	int e;

	if (shmctl(shmid, IPC_RMID, NULL) == 0)
		return 0;
	e = errno;
	if (e != EINVAL && e != EIDRM)
		return -1;
	if (shmctl(shmid, IPC_STAT, &ds) == -1)
		return errno == EINVAL || errno == EIDRM ? 0 : -1;
	if (ds.shm_perm.mode & SHM_DEST)
		return 0;
	errno = e;
	return -1;
}

int main(void)
{
	unsigned secs;
	void *shm;
	int shmid, created, i, status = 1;
	const volatile struct Conn_stat *stat;
	char ip[sizeof stat->ip];

	if (sample_sleep(&secs) != 0)
		return 2;
	catch_signals();

	shmid = create_or_open((key_t)1234, sizeof(struct Conn_stat), &created);
	if (shmid == -1) {
		fail("shmget(1234)");
		return 1;
	}
	shm = shmat(shmid, NULL, 0);
	if (shm == (void *)-1) {
		fail("shmat");
		if (created && shmctl(shmid, IPC_RMID, NULL) == -1)
			fail("shmctl(IPC_RMID)");
		return 1;
	}
	printf("\nMemory attached at %p\n", shm);

	stat = shm;
	for (i = 0; i < 10 && !stop; i++) {
		size_t j;

		for (j = 0; j + 1 < sizeof ip && stat->ip[j] != '\0'; j++)
			ip[j] = stat->ip[j];
		ip[j] = '\0';
		printf("ip = %s ,count: %d\t\t\n", ip, stat->count);
		fflush(stdout);
		if (secs > 0)
			sleep(secs);
	}
	if (stop)
		fprintf(stderr, "shmread: interrupted by signal %d\n", (int)stop);
	else
		status = 0;

	if (remove_segment(shmid) == -1) { /* while still attached */
		fail("shmctl(IPC_RMID)");
		status = 1;
	}
	if (shmdt(shm) == -1) {
		fail("shmdt");
		status = 1;
	}
	return status;
}
