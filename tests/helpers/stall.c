/* stall: shmget, then shmctl(IPC_RMID); exit 0. When the IPC_RMID fails
 * with EACCES (one case of a sweep) and $STALL_FIFO is set, it opens that
 * FIFO and waits for it to close before exiting 1: a test can then act on
 * the run while it is known to be running (the test's open of the FIFO
 * for writing returns once this side has opened it). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

int main(void)
{
	int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (id < 0) {
		fprintf(stderr, "stall: shmget: %s\n", strerror(errno));
		return 1;
	}
	if (shmctl(id, IPC_RMID, NULL) == 0)
		return 0;
	int e = errno;
	fprintf(stderr, "stall: shmctl IPC_RMID: %s\n", strerror(e));
	const char *fifo = getenv("STALL_FIFO");
	if (e == EACCES && fifo) {
		char c;
		int fd = open(fifo, O_RDONLY);
		while (fd >= 0 && read(fd, &c, 1) > 0)
			;
	}
	return 1;
}
