/*
 * reader (fixed): corrected version of "reder.c" from seed 000.
 * Opens the writer's segment (ftok(".", 0x7777); it never creates one),
 * attaches it read-only and prints its content once per second.
 *   reader [COUNT]   print COUNT times then exit 0 (default: forever, as the
 *                    original; SIGINT/SIGTERM/SIGHUP then end it with exit 0).
 * SAMPLE_SLEEP=<seconds> (default 1) changes the pause before each print.
 * The segment belongs to the writer, which removes it; the reader only
 * detaches.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <unistd.h>

#define PROG "reader"
#define SAMPLE_LOOP
#include "sample.h"

#define SEG_SIZE 4096

int main(int argc, char *argv[])
{
	unsigned secs;
	unsigned long count = 0, n;
	key_t k;
	int shmid, status = 0;
	const volatile char *buf;
	char line[SEG_SIZE + 1];
	void *p;

	if (argc > 2) {
		fprintf(stderr, "usage: reader [COUNT]\n");
		return 2;
	}
	if (argc == 2) {
		char *end;

		errno = 0;
		count = strtoul(argv[1], &end, 10);
		if (errno != 0 || *end != '\0' || count == 0 || argv[1][0] == '-') {
			fprintf(stderr, "reader: bad COUNT '%s' (a positive number)\n", argv[1]);
			return 2;
		}
	}
	if (sample_sleep(&secs) != 0)
		return 2;
	catch_signals();

	k = ftok(".", 0x7777);
	if (k == (key_t)-1) {
		fail("ftok(\".\", 0x7777)");
		return 1;
	}
	shmid = shmget(k, SEG_SIZE, 0);
	if (shmid == -1) {
		fail("shmget (is the writer running in this directory?)");
		return 1;
	}
	p = shmat(shmid, NULL, SHM_RDONLY);
	if (p == (void *)-1) {
		fail("shmat");
		return 1;
	}
	buf = p;

	for (n = 0; !stop && (count == 0 || n < count); n++) {
		size_t i;

		if (secs > 0)
			sleep(secs);
		if (stop)
			break;
		for (i = 0; i < SEG_SIZE && buf[i] != '\0'; i++)
			line[i] = buf[i];
		line[i] = '\0';
		printf("%s\n", line);
		fflush(stdout);
	}

	if (shmdt(p) == -1) {
		fail("shmdt");
		status = 1;
	}
	return status;
}
