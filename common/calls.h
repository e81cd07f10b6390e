/* calls.h: the wrapped calls, their names and libfiu fault points.
 * The first five are System V's (and ftok); the last five are POSIX shared
 * memory's, and ftruncate, mmap and munmap are ours only on a POSIX shm
 * object (a descriptor from shm_open or memfd_create, or its mappings). */
#ifndef SHMFAULT_CALLS_H
#define SHMFAULT_CALLS_H

enum sf_call {
	SF_SHMGET, SF_SHMAT, SF_SHMDT, SF_SHMCTL, SF_FTOK,
	SF_SHM_OPEN, SF_SHM_UNLINK, SF_FTRUNCATE, SF_MMAP, SF_MUNMAP,
	SF_NCALLS
};

#define SF_ALL_CALLS ((1u << SF_NCALLS) - 1)
/* The System V calls (key= applies to them) and the POSIX shm calls
 * (name= applies to them). */
#define SF_SYSV_CALLS ((1u << SF_SHMGET) | (1u << SF_SHMAT) | (1u << SF_SHMDT) | (1u << SF_SHMCTL))
#define SF_PSHM_CALLS ((1u << SF_SHM_OPEN) | (1u << SF_SHM_UNLINK) | (1u << SF_FTRUNCATE) | \
		       (1u << SF_MMAP) | (1u << SF_MUNMAP))

/* "shmat" */
const char *sf_call_name(enum sf_call c);
/* "posix/ipc/shm/shmat": a libfiu point, named like a path as libfiu's own. */
const char *sf_call_point(enum sf_call c);
/* SF_NCALLS when the name is not one of ours. */
enum sf_call sf_call_from_name(const char *name, unsigned long len);

#endif
