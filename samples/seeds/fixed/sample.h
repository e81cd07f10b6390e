/* sample.h: what the corrected seed programs share: the one diagnostic
 * format (PROG: WHAT: strerror (ENAME) on stderr) and, for the programs that
 * loop (define SAMPLE_LOOP), signal handling and the SAMPLE_SLEEP pause.
 * Define PROG ("writer") before including it. */
#ifndef SAMPLES_FIXED_SAMPLE_H
#define SAMPLES_FIXED_SAMPLE_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef PROG
#error "define PROG before including sample.h"
#endif

static inline void fail(const char *what)
{
	int e = errno;
	const char *name = strerrorname_np(e);

	fprintf(stderr, PROG ": %s: %s (%s)\n", what, strerror(e),
		name != NULL ? name : "?");
}

#ifdef SAMPLE_LOOP
static volatile sig_atomic_t stop;

static inline void on_signal(int sig)
{
	stop = sig;
}

static inline void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static inline int sample_sleep(unsigned *secs)
{
	const char *s = getenv("SAMPLE_SLEEP");
	char *end;
	unsigned long v;

	*secs = 1;
	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > 3600 || *s == '-') {
		fprintf(stderr, PROG ": bad SAMPLE_SLEEP '%s' (seconds, 0..3600)\n", s);
		return -1;
	}
	*secs = (unsigned)v;
	return 0;
}
#endif

#endif
