/* diag.h: the one diagnostic format of the sweep fixtures:
 *   PROG: WHAT: strerror (ENAME)
 * on stderr. */
#ifndef SAMPLES_SWEEP_DIAG_H
#define SAMPLES_SWEEP_DIAG_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

static inline void diag_errno(const char *prog, const char *what, int e)
{
	const char *name = strerrorname_np(e);

	fprintf(stderr, "%s: %s: %s (%s)\n", prog, what, strerror(e),
		name != NULL ? name : "?");
}

#define DIAG(what) diag_errno(PROG, (what), errno)

#endif
