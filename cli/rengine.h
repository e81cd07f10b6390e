/* rengine.h: the decision engine in the reaper, for the calls the seccomp
 * filter notifies (issue 13): the same engine as the interposer's, set up
 * from the run's environment, counting in the run's state file, with a
 * process view built on /proc/TID/maps and IPC_STAT (kernel/procview.h). */
#ifndef SHMFAULT_RENGINE_H
#define SHMFAULT_RENGINE_H

#include <stddef.h>
#include <sys/types.h>

#include "engine.h"
#include "supervisor.h"

struct sf_rcounters; /* per-process counters of scope=process rules */

struct sf_rengine {
	int on;                 /* something to decide: rules or a personality */
	struct sf_engine eng;
	struct sf_rcounters *pc;
	size_t npc, cappc;
	char refused[512];
	int log_fd;             /* SHMFAULT_LOG, appended to; -1 */      /* a personality rule that cannot run here: the run's error */
};

/* 0 (on may be 0: nothing asked), or -1 with one line in err. */
int sf_rengine_setup(struct sf_rengine *r, char **envp, const char *state_path, char *err, size_t errlen);
/* Decide one notified call (the supervisor's decide hook). */
void sf_rengine_decide(struct sf_rengine *r, struct sf_kcall *c, struct sf_kverdict *v);
void sf_rengine_free(struct sf_rengine *r);

/* rlog.c: the log record of one decided call. */
void sf_rlog_call(int fd, const struct sf_callinfo *ci, const struct sf_kcall *c, uint64_t seq);

/* rpersona.c: the personality row that ci would need after the call (its
 * result, a changed result, or a moved shmat), which the kernel backend
 * cannot do; NULL when every row on for ci is decided at syscall entry. */
struct sf_persona;
const struct sf_prule *sf_rpersona_after_row(const struct sf_persona *p, const struct sf_callinfo *ci);

#endif
