/* pool.h: run many sandboxed commands, up to N at once, draining each one's
 * captured output (stderr, and stdout when asked) in one poll loop. Used by
 * `shmfault sweep` and `shmfault gate`. */
#ifndef SHMFAULT_POOL_H
#define SHMFAULT_POOL_H

#include "sandbox.h"

#define SF_TAIL 4096 /* bytes of output kept per job: the last ones */
#define SF_POOL_DEPTH 2 /* jobs handed to a runner at once: the running one and the next */

struct sf_job {
	int slot;                /* 0..parallel*SF_POOL_DEPTH-1 (set by the pool): the
	                          * lane; a lane's job is done() before the lane
	                          * takes another, so per-lane files can be reused */
	/* set by the prepare callback */
	char *const *argv;
	char *const *envp;
	double timeout;
	int merge_stdout;        /* stdout into the capture too (else /dev/null) */
	const char *state_path;  /* host mode leak tracking */
	/* results */
	int failed;              /* the sandbox itself failed: res.err */
	struct sf_sandbox_result res;
	char tail[SF_TAIL];
	size_t tail_len;
	unsigned long long out_bytes; /* every byte captured */
};

/* prepare(ctx, i, job): fill argv/envp/timeout of job i just before it
 * starts; return -1 to give up the job (then job->failed is set and
 * job->res.err should say why). done(ctx, i, job): job i is over (called in
 * completion order). Returns 0, or -1 when the pool could not run at all. */
typedef int (*sf_pool_prepare)(void *ctx, int i, struct sf_job *job);
typedef void (*sf_pool_done)(void *ctx, int i, struct sf_job *job);
int sf_pool_run(int njobs, int parallel, sf_pool_prepare prepare, sf_pool_done done, void *ctx);

/* SIGINT, SIGTERM and SIGHUP while sf_pool_run runs: every running job is
 * killed (its whole namespace with it) and done() is called for it with
 * job->failed set and res.err "interrupted"; no further job starts; then
 * sf_pool_run returns -1 and sf_pool_signal is the signal. */
extern volatile int sf_pool_signal;

#endif
