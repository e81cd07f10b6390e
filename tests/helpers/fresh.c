/* fresh: fails (exit 3, one "stale: ..." line each) when it finds what an earlier run
 * left in its sandbox, then leaves such things behind for the next run:
 * a semaphore set and a POSIX message queue on fixed names, a changed
 * kernel.shmmni, a child still running. Under a sandbox each run must
 * start as in a new one: PID 2 (checked with -p), the first shmid 0,
 * nothing of the above. Its own shm calls (shmget, shmctl IPC_RMID) fail
 * cleanly (exit 1) when a fault is injected. */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#define SEM_KEY 0x5eed0fe5
#define MQ_NAME "/shmfault-fresh"
#define SHMMNI "/proc/sys/kernel/shmmni"

static int nstale;

static void stale(const char *what)
{
	fprintf(stderr, "fresh: stale: %s\n", what);
	nstale++;
}

static long read_long(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1;
	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

int main(int argc, char **argv)
{
	int check_pid = argc > 1 && strcmp(argv[1], "-p") == 0;
	if (check_pid && getpid() != 2)
		stale("not PID 2 in its PID namespace");
	if (semget(SEM_KEY, 1, IPC_CREAT | IPC_EXCL | 0600) < 0)
		stale(errno == EEXIST ? "a semaphore set of an earlier run" : strerror(errno));
	mqd_t q = mq_open(MQ_NAME, O_CREAT | O_EXCL | O_RDWR, 0600, NULL);
	if (q == (mqd_t)-1 && errno == EEXIST)
		stale("a message queue of an earlier run");
	long mni = read_long(SHMMNI);
	if (mni >= 0 && mni != 4096)
		stale("kernel.shmmni changed by an earlier run");
	FILE *f = fopen(SHMMNI, "w");
	if (f) {
		fputs("1000\n", f);
		fclose(f);
	}

	int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (id < 0) {
		fprintf(stderr, "fresh: shmget: %s\n", strerror(errno));
		return 1;
	}
	if (id != 0)
		stale("the first shmid is not 0 (not a new IPC namespace)");
	if (shmctl(id, IPC_RMID, NULL) < 0) {
		fprintf(stderr, "fresh: shmctl IPC_RMID: %s\n", strerror(errno));
		return 1;
	}
	/* a process that outlives the run, holding nothing */
	if (fork() == 0) {
		pause();
		_exit(0);
	}
	return nstale ? 3 : 0;
}
