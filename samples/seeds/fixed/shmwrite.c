/*
 * shmwrite (fixed): corrected version of shmwrite.c from seed 004.
 * Creates (or opens) the segment with key 1234 holding a struct Conn_stat,
 * stores {0, "127.0.0.1"} and increments count 50 times, one second apart.
 * At the end it removes the segment (IPC_RMID, then shmdt); EINVAL or EIDRM
 * from IPC_RMID means shmread removed it first and is not an error.
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

#define PROG "shmwrite"
#define SAMPLE_LOOP
#include "sample.h"

struct Conn_stat {
	int count;
	char ip[64];
};

/* Create the segment, or open the one shmread created; *created says which. */
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
	volatile struct Conn_stat *p;
	static const struct Conn_stat init = { 0, "127.0.0.1" };

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
	printf("Memory attached at %p\n", shm);
	fflush(stdout);

	memcpy(shm, &init, sizeof init);
	p = shm;
	for (i = 0; i < 50 && !stop; i++) {
		p->count++;
		if (secs > 0)
			sleep(secs);
	}
	if (stop)
		fprintf(stderr, "shmwrite: interrupted by signal %d\n", (int)stop);
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
