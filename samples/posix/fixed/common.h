/* common.h: what the fixed POSIX samples share: the diagnostic format of
 * samples/sweep/diag.h (PROG: WHAT: strerror (ENAME), on stderr) and a
 * checked SAMPLE_SLEEP (0..3600, default 1; a bad value: exit 2). */
#ifndef SAMPLES_POSIX_FIXED_COMMON_H
#define SAMPLES_POSIX_FIXED_COMMON_H

#include <stdlib.h>
#include "../../sweep/diag.h"
#include "../record.h"

static inline unsigned sample_sleep(const char *prog)
{
	const char *s = getenv("SAMPLE_SLEEP");
	char *end;
	if (s == NULL || *s == 0)
		return 1;
	long v = strtol(s, &end, 10);
	if (*end != 0 || v < 0 || v > 3600) {
		fprintf(stderr, "%s: SAMPLE_SLEEP=%s: not a number of seconds in 0..3600\n", prog, s);
		exit(2);
	}
	return (unsigned)v;
}

/* A positive count from argv, or exit 2. */
static inline int sample_count(const char *prog, const char *arg, int dflt)
{
	char *end;
	if (arg == NULL)
		return dflt;
	long v = strtol(arg, &end, 10);
	if (*end != 0 || v < 1 || v > 1000000) {
		fprintf(stderr, "%s: COUNT '%s': not a number in 1..1000000\n", prog, arg);
		exit(2);
	}
	return (int)v;
}

#endif
