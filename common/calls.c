/* calls.c: names of the wrapped calls and their libfiu fault points. */
#include <string.h>

#include "calls.h"

static const char *const names[SF_NCALLS] = {
	"shmget", "shmat", "shmdt", "shmctl", "ftok",
	"shm_open", "shm_unlink", "ftruncate", "mmap", "munmap",
};

/* ftok is not a shm call: it lives beside them under posix/ipc/; so do the
 * POSIX shm calls (posix/ipc/shm/ names System V's segments). */
static const char *const points[SF_NCALLS] = {
	"posix/ipc/shm/shmget", "posix/ipc/shm/shmat", "posix/ipc/shm/shmdt",
	"posix/ipc/shm/shmctl", "posix/ipc/ftok",
	"posix/ipc/shm_open", "posix/ipc/shm_unlink", "posix/ipc/ftruncate",
	"posix/ipc/mmap", "posix/ipc/munmap",
};

const char *sf_call_name(enum sf_call c)
{
	return (unsigned)c < SF_NCALLS ? names[c] : "?";
}

const char *sf_call_point(enum sf_call c)
{
	return (unsigned)c < SF_NCALLS ? points[c] : "?";
}

enum sf_call sf_call_from_name(const char *name, unsigned long len)
{
	for (int c = 0; c < SF_NCALLS; c++)
		if (strlen(names[c]) == len && memcmp(names[c], name, len) == 0)
			return (enum sf_call)c;
	return SF_NCALLS;
}
