/*
 * test02 (fixed): corrected version of test02.c from seed 002 (the AIX
 * 11-attach demonstration).  Creates a 256-byte segment on
 * ftok(PATH, 1), attaches it 15 times keeping every attachment, reports
 * each attempt, then detaches every successful attachment and removes the
 * segment.
 *   test02 [PATH]      PATH defaults to /tmp/mykeyfile, which must exist.
 * Exit 0 when all 15 attaches worked, 1 when any shm call failed (the
 * failures are reported on stderr, and everything created is cleaned up).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/types.h>

#define PROG "test02"
#include "sample.h"

#define MAX_ATTACH_NUM 15

int main(int argc, char *argv[])
{
	const char *path = argc > 1 ? argv[1] : "/tmp/mykeyfile";
	key_t mem_key;
	int mem_id, i, failed = 0, status = 0;
	void *mem_addr[MAX_ATTACH_NUM];

	if (argc > 2) {
		fprintf(stderr, "usage: test02 [PATH]\n");
		return 2;
	}
	mem_key = ftok(path, 1);
	if (mem_key == (key_t)-1) {
		fprintf(stderr, "test02: ftok(\"%s\", 1): %s (%s)\n", path,
			strerror(errno), strerrorname_np(errno) ? strerrorname_np(errno) : "?");
		return 1;
	}
	mem_id = shmget(mem_key, 256, IPC_CREAT | IPC_EXCL | 0600);
	if (mem_id == -1) {
		fail("shmget(IPC_CREAT|IPC_EXCL)");
		return 1;
	}
	for (i = 0; i < MAX_ATTACH_NUM; i++) {
		mem_addr[i] = shmat(mem_id, NULL, 0);
		if (mem_addr[i] == (void *)-1) {
			int e = errno;
			const char *name = strerrorname_np(e);

			fprintf(stderr, "Failed to attach shared memory, times [%02d]: %s (%s)\n",
				i + 1, strerror(e), name != NULL ? name : "?");
			failed++;
		} else {
			printf("Successfully attached shared memory, times [%02d]\n", i + 1);
		}
	}
	for (i = 0; i < MAX_ATTACH_NUM; i++) {
		if (mem_addr[i] != (void *)-1 && shmdt(mem_addr[i]) == -1) {
			fail("shmdt");
			status = 1;
		}
	}
	if (shmctl(mem_id, IPC_RMID, NULL) == -1) {
		fail("shmctl(IPC_RMID)");
		status = 1;
	}
	if (failed)
		status = 1;
	return status;
}
