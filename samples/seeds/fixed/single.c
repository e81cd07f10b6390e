/*
 * single (fixed): corrected version of the single-process example of seed
 * 001.  Creates a private 1024-byte segment, reads one word from stdin,
 * copies it into the segment, reads it back, prints it, then detaches and
 * removes the segment.
 *   echo hello | single
 * prints "write data to share memory:", "read data from share memory:",
 * "hello".  No word on stdin: a diagnostic and exit 1 (segment removed).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#define PROG "single"
#include "sample.h"

#define SEG_SIZE 1024

int main(void)
{
	int shmid, status = 1;
	char *shmaddr;
	char write_buf[100];
	char read_buf[100];

	/* 1. create the segment */
	shmid = shmget(IPC_PRIVATE, SEG_SIZE, 0600 | IPC_CREAT);
	if (shmid == -1) {
		fail("shmget(IPC_PRIVATE)");
		return 1;
	}

	/* 2. attach it */
	shmaddr = shmat(shmid, NULL, 0);
	if (shmaddr == (void *)-1) {
		fail("shmat");
		goto remove;
	}

	/* 3. write one word into it */
	printf("write data to share memory:\n");
	fflush(stdout);
	if (scanf("%99s", write_buf) != 1) {
		fprintf(stderr, "single: no word on stdin\n");
		goto detach;
	}
	snprintf(shmaddr, SEG_SIZE, "%s", write_buf);

	/* 4. read it back */
	printf("read data from share memory:\n");
	snprintf(read_buf, sizeof read_buf, "%s", shmaddr);
	printf("%s\n", read_buf);
	status = 0;

detach:
	/* 5. detach */
	if (shmdt(shmaddr) == -1) {
		fail("shmdt");
		status = 1;
	}
remove:
	/* 6. remove */
	if (shmctl(shmid, IPC_RMID, NULL) == -1) {
		fail("shmctl(IPC_RMID)");
		status = 1;
	}
	if (fflush(stdout) == EOF)
		status = 1;
	return status;
}
