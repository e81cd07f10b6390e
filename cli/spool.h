/* spool.h: the log spool of `shmfault run --log` (see preload/log.c): the
 * library copies each record into a shared mapping of this file, and the
 * CLI appends the records to the log once the run is over. */
#ifndef SHMFAULT_SPOOL_H
#define SHMFAULT_SPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "state.h"

/* A sparse spool file in dir (its path into path): 0, or -1 when none can
 * be made (the library then writes the log itself). */
int sf_spool_create(const char *dir, char *path, size_t len);

/* Append the spool's whole records to log_fd and remove the spool. Returns
 * the records lost: not written because the spool or the disk was full
 * (counted by the library), or cut by a process dying in the middle. */
uint64_t sf_spool_flush(const char *path, const struct sf_state *st, int log_fd);

#endif
