/*
 * careful: a sweep fixture that makes 25 shm calls in one run and handles
 * the failure of every one of them.
 *   careful [DIR]     DIR: an existing directory for the key file
 *                     (default: a fresh mkdtemp directory under $TMPDIR or /tmp)
 * Calls, in order:
 *   ftok x3 (one key file, proj 'a' 'b' 'c'),
 *   shmget x3 (IPC_CREAT|IPC_EXCL|0600, 4096 bytes),
 *   shmctl(IPC_STAT) x3 (size and nattch == 0 checked),
 *   shmat x6 (each segment twice), a pattern written through the first
 *   attachment and read back through the second,
 *   shmdt x6, shmctl(IPC_RMID) x3,
 *   shmctl(IPC_STAT) x1 on the first, now removed id: EINVAL expected (and
 *   EIDRM accepted); success or another errno is reported as a failure.
 * Success: prints "careful: ok: 25 shm calls" and exits 0.
 * Any failure: a diagnostic on stderr, detaches what it attached, removes
 * what it created (each IPC_RMID is attempted even if an earlier one
 * failed), removes its key file and directory, exits 1.
 * Deterministic: no sleeps, no stdin, no randomness.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#define PROG "careful"
#include "diag.h"

#define NSEG 3
#define SEG_SIZE 4096

static int shmid[NSEG] = { -1, -1, -1 };
static void *addr[NSEG][2] = { { (void *)-1, (void *)-1 },
			       { (void *)-1, (void *)-1 },
			       { (void *)-1, (void *)-1 } };
static char dir[PATH_MAX], keyfile[PATH_MAX];
static int made_dir, made_file;
static int calls;

static void cleanup(void)
{
	int i, j;

	for (i = 0; i < NSEG; i++)
		for (j = 0; j < 2; j++)
			if (addr[i][j] != (void *)-1) {
				if (shmdt(addr[i][j]) == -1)
					DIAG("cleanup: shmdt");
				addr[i][j] = (void *)-1;
			}
	for (i = 0; i < NSEG; i++)
		if (shmid[i] != -1) {
			if (shmctl(shmid[i], IPC_RMID, NULL) == -1) {
				char what[64];

				snprintf(what, sizeof what, "cleanup: shmctl(%d, IPC_RMID)", shmid[i]);
				DIAG(what);
			}
			shmid[i] = -1;
		}
	if (made_file && unlink(keyfile) == -1)
		DIAG("cleanup: unlink key file");
	if (made_dir && rmdir(dir) == -1)
		DIAG("cleanup: rmdir");
}

static int failed(const char *what)
{
	DIAG(what);
	cleanup();
	return 1;
}

int main(int argc, char *argv[])
{
	static const int proj[NSEG] = { 'a', 'b', 'c' };
	key_t key[NSEG];
	struct shmid_ds ds;
	int i, j, fd;
	char what[96];

	if (argc > 2) {
		fprintf(stderr, "usage: careful [DIR]\n");
		return 2;
	}
	if (argc == 2) {
		if (snprintf(dir, sizeof dir, "%s", argv[1]) >= (int)sizeof dir) {
			fprintf(stderr, "careful: directory name too long\n");
			return 2;
		}
	} else {
		const char *tmp = getenv("TMPDIR");

		if (tmp == NULL || *tmp == '\0')
			tmp = "/tmp";
		if (snprintf(dir, sizeof dir, "%s/careful.XXXXXX", tmp) >= (int)sizeof dir) {
			fprintf(stderr, "careful: TMPDIR too long\n");
			return 2;
		}
		if (mkdtemp(dir) == NULL)
			return failed("mkdtemp");
		made_dir = 1;
	}
	if (snprintf(keyfile, sizeof keyfile, "%s/careful.key.%ld", dir,
		     (long)getpid()) >= (int)sizeof keyfile) {
		fprintf(stderr, "careful: key file name too long\n");
		cleanup();
		return 2;
	}
	fd = open(keyfile, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd == -1)
		return failed("creating the key file");
	made_file = 1;
	close(fd);

	for (i = 0; i < NSEG; i++) {
		calls++;
		key[i] = ftok(keyfile, proj[i]);
		if (key[i] == (key_t)-1) {
			snprintf(what, sizeof what, "ftok(key file, '%c')", proj[i]);
			return failed(what);
		}
	}
	for (i = 0; i < NSEG; i++) {
		calls++;
		shmid[i] = shmget(key[i], SEG_SIZE, IPC_CREAT | IPC_EXCL | 0600);
		if (shmid[i] == -1) {
			snprintf(what, sizeof what, "shmget(key 0x%08lx, IPC_CREAT|IPC_EXCL)",
				 (unsigned long)key[i]);
			return failed(what);
		}
	}
	for (i = 0; i < NSEG; i++) {
		calls++;
		if (shmctl(shmid[i], IPC_STAT, &ds) == -1) {
			snprintf(what, sizeof what, "shmctl(%d, IPC_STAT)", shmid[i]);
			return failed(what);
		}
		if (ds.shm_segsz != SEG_SIZE || ds.shm_nattch != 0) {
			fprintf(stderr, "careful: IPC_STAT of %d: size %zu nattch %lu, expected %d and 0\n",
				shmid[i], (size_t)ds.shm_segsz, (unsigned long)ds.shm_nattch, SEG_SIZE);
			cleanup();
			return 1;
		}
	}
	for (i = 0; i < NSEG; i++)
		for (j = 0; j < 2; j++) {
			calls++;
			addr[i][j] = shmat(shmid[i], NULL, 0);
			if (addr[i][j] == (void *)-1) {
				snprintf(what, sizeof what, "shmat(%d) #%d", shmid[i], j + 1);
				return failed(what);
			}
		}
	for (i = 0; i < NSEG; i++) {
		unsigned char *w = addr[i][0];
		const unsigned char *r = addr[i][1];
		int k;

		for (k = 0; k < SEG_SIZE; k++)
			w[k] = (unsigned char)(k * 7 + i);
		for (k = 0; k < SEG_SIZE; k++)
			if (r[k] != (unsigned char)(k * 7 + i)) {
				fprintf(stderr, "careful: segment %d: byte %d differs between its two attachments\n",
					shmid[i], k);
				cleanup();
				return 1;
			}
	}
	for (i = 0; i < NSEG; i++)
		for (j = 0; j < 2; j++) {
			calls++;
			if (shmdt(addr[i][j]) == -1) {
				snprintf(what, sizeof what, "shmdt(segment %d #%d)", shmid[i], j + 1);
				return failed(what);
			}
			addr[i][j] = (void *)-1;
		}
	{
		int removed = shmid[0];

		for (i = 0; i < NSEG; i++) {
			calls++;
			if (shmctl(shmid[i], IPC_RMID, NULL) == -1) {
				snprintf(what, sizeof what, "shmctl(%d, IPC_RMID)", shmid[i]);
				return failed(what);
			}
			shmid[i] = -1;
		}
		calls++;
		if (shmctl(removed, IPC_STAT, &ds) == 0) {
			fprintf(stderr, "careful: shmctl(%d, IPC_STAT) succeeded on a removed id\n",
				removed);
			cleanup();
			return 1;
		}
		if (errno != EINVAL && errno != EIDRM) {
			snprintf(what, sizeof what, "shmctl(%d, IPC_STAT) on a removed id", removed);
			return failed(what);
		}
	}
	cleanup();
	printf("careful: ok: %d shm calls\n", calls);
	return fflush(stdout) == EOF ? 1 : 0;
}
