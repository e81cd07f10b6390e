/* calls.h: the five wrapped calls, their names and libfiu fault points. */
#ifndef SHMFAULT_CALLS_H
#define SHMFAULT_CALLS_H

enum sf_call { SF_SHMGET, SF_SHMAT, SF_SHMDT, SF_SHMCTL, SF_FTOK, SF_NCALLS };

#define SF_ALL_CALLS ((1u << SF_NCALLS) - 1)

/* "shmat" */
const char *sf_call_name(enum sf_call c);
/* "posix/ipc/shm/shmat": a libfiu point, named like a path as libfiu's own. */
const char *sf_call_point(enum sf_call c);
/* SF_NCALLS when the name is not one of the five. */
enum sf_call sf_call_from_name(const char *name, unsigned long len);

#endif
