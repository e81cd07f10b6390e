/* outcome.h: the case-outcome layer, shared by sweep, gate and case: run one
 * job through the pool, keep its output's tail, count the segments a fault
 * kept (classify.c's sf_discount_kept), classify, and say how the program
 * ended, in the words every report uses. */
#ifndef SHMFAULT_OUTCOME_H
#define SHMFAULT_OUTCOME_H

#include <stddef.h>

#include "calls.h"
#include "classify.h"
#include "pool.h"
#include "state.h"

/* How one run of a program ended, and what it left. */
struct sf_outcome {
	struct sf_sandbox_result res;
	int failed;               /* the sandbox itself failed (res.err) */
	unsigned long long bytes; /* every byte of output captured */
	char *tail;               /* its last bytes (NUL-terminated, allocated) */
	size_t tail_len;
	int reached;              /* the fault (if any) happened */
	int kept;                 /* leaked segments whose IPC_RMID a fault failed */
	int intended;             /* segments of the intended state, not leaks (intended.h) */
	enum sf_class cls;
};

/* A program that could not be executed is an error, never a class: a
 * failed posix_spawn (res.started 0), or a shell wrapper's 127 (command not
 * found) or 126 (found, not executable), as POSIX sh reports them (XCU
 * 2.8.2). For the latter, marks *failed and writes the reason into r->err
 * (with the last line of the output, tail[0..n)); returns 1 then. */
int sf_exec_failure(struct sf_sandbox_result *r, int *failed, const char *tail, size_t n);

/* Take a finished job's result and a copy of its tail (an exec failure is
 * marked: sf_exec_failure). */
void sf_outcome_take(struct sf_outcome *o, const struct sf_job *job);
void sf_outcome_free(struct sf_outcome *o);

/* Of r's leaked segments, those a fault kept alive (sf_discount_kept on a
 * copy: r's list is left as it is, the report still lists them). */
int sf_outcome_kept(const struct sf_sandbox_result *r, const struct sf_state *st);

/* kept from st, then the class (sf_classify_kept). st may be NULL. */
void sf_outcome_classify(struct sf_outcome *o, const struct sf_state *st);

/* Did any rule fire; did the rules fire call with err (rule 0). */
int sf_fired_any(const struct sf_state *st);
int sf_fired_call(const struct sf_state *st, enum sf_call call, int err);

/* One job through the pool (it drains the output whatever its size) into
 * *job. 0, or -1 when the pool could not run or was interrupted. */
int sf_run_one(struct sf_job *job, char *const *argv, char *const *envp, double timeout, const char *state_path);

/* "SIGSEGV" (a static buffer). */
const char *sf_signal_name(int sig);

/* How a run ended, in words: "exit 3", "SIGSEGV" or "killed by SIGSEGV",
 * "timed out after 10 s" (", killed"); res.err when it never started or the
 * sandbox failed. */
enum { SF_WORDS_KILLED_BY = 1, SF_WORDS_TIMEOUT_KILLED = 2 };
void sf_exit_words(const struct sf_sandbox_result *r, int failed, double timeout, int flags, char *buf, size_t len);

#endif
