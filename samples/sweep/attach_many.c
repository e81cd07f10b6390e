/*
 * attach_many: a sweep fixture that attaches one segment N times at once.
 *   attach_many [N]     N: 1..10000, default 12
 * Creates a private 4096-byte segment and attaches it N times, keeping every
 * attachment; writes a different byte through each attachment and checks it
 * through the first; then detaches all and removes the segment.
 * Linux allows this (no per-process limit below vm.max_map_count); the
 * personalities refuse it: AIX 32-bit at the 12th attach (EMFILE), macOS at
 * the 9th (EMFILE, shmseg 8), HP-UX at the 2nd (EINVAL, same segment
 * attached twice).
 * Failure: "attach_many: shmat #K of N: ... (ERRNO)" on stderr, the K-1
 * attachments are detached, the segment is removed, exit 1.
 * Success: prints "attach_many: attached N times" and exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define PROG "attach_many"
#include "diag.h"

int main(int argc, char *argv[])
{
	unsigned long n = 12, k, got = 0;
	int shmid, status = 0;
	unsigned char **at;
	char what[64];

	if (argc > 2) {
		fprintf(stderr, "usage: attach_many [N]\n");
		return 2;
	}
	if (argc == 2) {
		char *end;

		errno = 0;
		n = strtoul(argv[1], &end, 10);
		if (errno != 0 || *end != '\0' || argv[1][0] == '-' || n < 1 || n > 10000) {
			fprintf(stderr, "attach_many: bad N '%s' (1..10000)\n", argv[1]);
			return 2;
		}
	}
	at = calloc(n, sizeof *at);
	if (at == NULL) {
		DIAG("calloc");
		return 1;
	}
	shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (shmid == -1) {
		DIAG("shmget(IPC_PRIVATE)");
		free(at);
		return 1;
	}
	for (k = 0; k < n; k++) {
		void *p = shmat(shmid, NULL, 0);

		if (p == (void *)-1) {
			snprintf(what, sizeof what, "shmat #%lu of %lu", k + 1, n);
			DIAG(what);
			status = 1;
			break;
		}
		at[k] = p;
		got++;
	}
	for (k = 0; status == 0 && k < got; k++) {
		at[k][k % 4096] = (unsigned char)(k + 1);
		if (at[0][k % 4096] != (unsigned char)(k + 1)) {
			fprintf(stderr, "attach_many: attachment #%lu does not share memory with #1\n",
				k + 1);
			status = 1;
		}
	}
	for (k = 0; k < got; k++)
		if (shmdt(at[k]) == -1) {
			snprintf(what, sizeof what, "shmdt #%lu", k + 1);
			DIAG(what);
			status = 1;
		}
	if (shmctl(shmid, IPC_RMID, NULL) == -1) {
		DIAG("shmctl(IPC_RMID)");
		status = 1;
	}
	free(at);
	if (status == 0)
		printf("attach_many: attached %lu times\n", n);
	return status;
}
