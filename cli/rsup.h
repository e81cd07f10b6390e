/* rsup.h: the reaper's seccomp supervisor for one run (issue 13).  The
 * reaper polls sf_rsup_fd() next to SIGCHLD and hands its events here; the
 * run's report gets the calls that bypassed the interposer. */
#ifndef SHMFAULT_RSUP_H
#define SHMFAULT_RSUP_H

#include "sandbox.h"
#include "supervisor.h"

struct sf_rengine;

struct sf_rsup {
	struct sf_ksup k;
	struct sf_rengine *eng; /* decides notified calls; NULL: preload backend (record, continue) */
	int on;     /* a listener is held */
	int failed; /* -errno of a listener error, 0 */
	/* processes whose notified shmget may have created a segment: in the
	 * host's namespace their leaks are found by creator pid */
	pid_t creators[64];
	int ncreators;
};

/* Take the listener of a run (fd < 0: no filter, nothing to supervise). */
void sf_rsup_start(struct sf_rsup *r, int fd, unsigned used, struct sf_rengine *eng);
/* The descriptor to poll, or -1. */
int sf_rsup_fd(const struct sf_rsup *r);
/* poll's revents on it: answer one call (POLLIN), or see the end (POLLHUP). */
void sf_rsup_event(struct sf_rsup *r, short revents);
/* The run is over: its report gets the bypassed calls (or the failure). */
void sf_rsup_finish(struct sf_rsup *r, struct sf_sandbox_result *res);

#endif
