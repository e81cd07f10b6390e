/* keeper: a program that leaves one segment behind on purpose (a daemon's
 * setup step: key 0x5eed4b01, 4096 bytes, mode 0640), then works in a
 * private scratch segment and removes it. With --leaky, a failed shmat of
 * the scratch segment returns without removing it: the one leak the sweep
 * must find (tests/sweep/t0060-kept.t). Every failure is said on stderr. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

static int fail(const char *what)
{
	fprintf(stderr, "keeper: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	int leaky = argc > 1 && strcmp(argv[1], "--leaky") == 0;
	if (shmget((key_t)0x5eed4b01, 4096, IPC_CREAT | 0640) < 0)
		return fail("shmget (kept)");
	int id = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600);
	if (id < 0)
		return fail("shmget (scratch)");
	char *p = shmat(id, NULL, 0);
	if (p == (void *)-1) {
		int rc = fail("shmat (scratch)");
		if (!leaky)
			shmctl(id, IPC_RMID, NULL);
		return rc;
	}
	p[0] = 1;
	if (shmdt(p) < 0) {
		int rc = fail("shmdt (scratch)");
		shmctl(id, IPC_RMID, NULL);
		return rc;
	}
	if (shmctl(id, IPC_RMID, NULL) < 0)
		return fail("shmctl IPC_RMID (scratch)");
	return 0;
}
