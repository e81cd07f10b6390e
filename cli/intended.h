/* intended.h: the segments and POSIX objects a program leaves on purpose
 * (ipcmk, a daemon's setup step, an installer). What its run with no fault
 * (the baseline) left is taken as the program's intended state: a later run
 * has leaked only the segments and objects beyond it. Segments are matched
 * by key, size and mode; IPC_PRIVATE ones (key 0) by count, of the same size
 * and mode; POSIX objects (shm objects, named semaphores) by name, size and
 * mode. */
#ifndef SHMFAULT_INTENDED_H
#define SHMFAULT_INTENDED_H

#include <stddef.h>

#include "sandbox.h"

struct sf_intended {
	int n; /* 0: nothing kept (or --strict-leaks) */
	struct sf_segment seg[SF_MAX_LEAKS];
	char anykey[SF_MAX_LEAKS]; /* the program picks a new key at every run (ipcmk) */
};

/* The baseline's leaked segments as the intended state. -1 when there were
 * more than can be listed (the caller then stays strict). */
int sf_intended_take(struct sf_intended *in, const struct sf_sandbox_result *baseline);

/* A second run with no fault: an intended segment (or POSIX object) whose
 * key (name) it did not repeat, but that it left with the same size and
 * mode under another key (name), has a key the program draws at every run
 * (ipcmk's are random, so are Python's shared_memory names): it is then
 * matched by size and mode alone. */
void sf_intended_second(struct sf_intended *in, const struct sf_sandbox_result *again);

/* Move out of r->leaked the segments that match the intended state (each
 * intended segment matches at most one). Returns how many moved. */
int sf_intended_discount(struct sf_sandbox_result *r, const struct sf_intended *in);

/* A case file's kept: "KEY SIZE MODE[, KEY SIZE MODE...]" (KEY a number,
 * 0x hex, IPC_PRIVATE, /NAME for a POSIX shm object or sem:/NAME for a
 * named semaphore; MODE octal). 0, or -1 with one line in err. */
int sf_intended_parse(const char *spec, struct sf_intended *in, char *err, size_t len);

/* "key=0x0000abcd size=4096 mode=0644" (key=IPC_PRIVATE for key 0);
 * "/NAME size=4096 mode=0600", "sem:/NAME size=32 mode=0600". */
void sf_intended_seg(const struct sf_segment *s, char *buf, size_t len);

/* "1 segment (key=0x... size=4096 mode=0644)", "2 segments (..., ...)". */
void sf_intended_describe(const struct sf_intended *in, char *buf, size_t len);

#endif
