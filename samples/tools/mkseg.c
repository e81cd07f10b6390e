/*
 * mkseg: a test aid that creates one System V segment and leaves it.
 *   mkseg KEY SIZE MODE     KEY: decimal, 0x hex or IPC_PRIVATE; SIZE in
 *                           bytes; MODE octal (e.g. 0640)
 * Calls shmget(KEY, SIZE, IPC_CREAT|IPC_EXCL|MODE) and prints the new id.
 * Exit 0 on success, 1 with a diagnostic when shmget fails, 2 on bad usage.
 * Used by tests/samples to set up the leftovers the seed programs meet
 * (a stale key, a too-small segment) without fault injection.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

int main(int argc, char *argv[])
{
	unsigned long key, size, mode;
	char *end;
	int id;

	if (argc != 4) {
		fprintf(stderr, "usage: mkseg KEY SIZE MODE\n");
		return 2;
	}
	if (strcmp(argv[1], "IPC_PRIVATE") == 0) {
		key = (unsigned long)IPC_PRIVATE;
	} else {
		errno = 0;
		key = strtoul(argv[1], &end, 0);
		if (errno || *end || argv[1][0] == '\0' || key > 0xffffffffUL) {
			fprintf(stderr, "mkseg: bad KEY '%s'\n", argv[1]);
			return 2;
		}
	}
	errno = 0;
	size = strtoul(argv[2], &end, 0);
	if (errno || *end || argv[2][0] == '\0' || size == 0) {
		fprintf(stderr, "mkseg: bad SIZE '%s'\n", argv[2]);
		return 2;
	}
	errno = 0;
	mode = strtoul(argv[3], &end, 8);
	if (errno || *end || argv[3][0] == '\0' || mode > 0777) {
		fprintf(stderr, "mkseg: bad MODE '%s'\n", argv[3]);
		return 2;
	}
	id = shmget((key_t)(unsigned)key, size, IPC_CREAT | IPC_EXCL | (int)mode);
	if (id == -1) {
		fprintf(stderr, "mkseg: shmget: %s\n", strerror(errno));
		return 1;
	}
	printf("%d\n", id);
	return 0;
}
