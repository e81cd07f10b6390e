/* errnos.h: the documented errno set of each call (one table, used by the
 * generator, error=any, `shmfault list`, the sweep and the tests) and the
 * symbolic names of errno values. */
#ifndef SHMFAULT_ERRNOS_H
#define SHMFAULT_ERRNOS_H

#include "calls.h"

struct sf_doc_errno {
	int err;
	const char *condition; /* one line: when the call fails this way */
	const char *source;    /* man page or standard that documents it */
};

/* The documented errnos of a call; *n receives their number. */
const struct sf_doc_errno *sf_documented(enum sf_call c, int *n);
/* The POSIX shm calls' part of it (pshm_errnos.c). */
const struct sf_doc_errno *sf_pshm_documented(enum sf_call c, int *n);
/* Whether err is documented for c. */
int sf_is_documented(enum sf_call c, int err);

/* "EACCES" for 13; NULL when unknown. */
const char *sf_errno_name(int err);
/* 13 for "EACCES" or "13"; -1 when neither a known name nor 1..4095. */
int sf_errno_parse(const char *s, unsigned long len);

#define SF_MAX_ERRNO 256 /* errno values we count per rule (Linux's top is 133) */

#endif
