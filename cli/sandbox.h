/* sandbox.h: run one command in private PID and IPC namespaces, with a
 * reaper as PID 1 that kills whatever the command leaves running, lists the
 * segments left in the namespace (the leaks) and removes them. */
#ifndef SHMFAULT_SANDBOX_H
#define SHMFAULT_SANDBOX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define SF_MAX_LEAKS 64

struct sf_segment {
	int shmid;
	int32_t key;
	uint64_t size;
	int cpid;
	int nattch;
};

enum sf_ns_mode { SF_NS_HOST, SF_NS_IPC, SF_NS_USER };

struct sf_sandbox_opts {
	char *const *argv;
	char *const *envp;
	int host_ipc;          /* run in the host's IPC namespace on purpose */
	double timeout;        /* seconds; 0 = none */
	int stdin_fd, stdout_fd, stderr_fd; /* -1 = inherit */
	const char *state_path; /* host mode: segments created by the run are listed here */
	int quiet;              /* no notice when namespaces are unavailable */
};

struct sf_sandbox_result {
	int started;           /* 0: CMD could not be executed (see err) */
	int exited, status;    /* exit status when exited */
	int signaled, signo;
	int timed_out;
	int leftovers;         /* processes still running after CMD ended, killed */
	int nleaked;           /* segments left behind (listed up to SF_MAX_LEAKS) */
	struct sf_segment leaked[SF_MAX_LEAKS];
	enum sf_ns_mode ns;
	char err[256];
};

/* Run o->argv to the end: start, then finish. 0, or -1 with res->err. */
int sf_sandbox_run(const struct sf_sandbox_opts *o, struct sf_sandbox_result *res);

/* The same in steps, for callers that run several sandboxes at once (sweep,
 * gate). start forks the helper and returns at once; report_fd becomes
 * readable when the run is over (the reaper's report). The caller closes its
 * copies of the stdio descriptors it passed, after start. collect reads what
 * the report fd has (set O_NONBLOCK on it to poll); 1 when the report is
 * complete or the fd at its end. finish reads the rest, reaps the helper and
 * gives the result: 0, or -1 with res->err. */
struct sf_sandbox_proc {
	pid_t helper;
	int report_fd;
	size_t have;
	struct sf_sandbox_result res;
};
int sf_sandbox_start(const struct sf_sandbox_opts *o, struct sf_sandbox_proc *p);
/* Like sf_sandbox_finish once the report is complete, without waiting for
 * the helper: the namespaces' teardown overlaps the next run. Returns the
 * helper's pid when it has not exited yet (reap it later: the caller must
 * waitpid() it before it ends), 0 when it was reaped, -1 as finish. */
pid_t sf_sandbox_finish_later(struct sf_sandbox_proc *p, struct sf_sandbox_result *res);
int sf_sandbox_collect(struct sf_sandbox_proc *p);
int sf_sandbox_finish(struct sf_sandbox_proc *p, struct sf_sandbox_result *res);

/* The namespace mode this process can get (probes once, quietly). */
enum sf_ns_mode sf_sandbox_probe(void);

/* The exit status a shell would report: status, or 128+signal. */
int sf_sandbox_exit_code(const struct sf_sandbox_result *res);

#endif
