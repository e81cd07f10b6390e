/* sandbox.h: run one command in private PID and IPC namespaces, with a
 * reaper as PID 1 that kills whatever the command leaves running, lists the
 * segments left in the namespace and the POSIX objects left in its private
 * /dev/shm (the leaks) and removes them. */
#ifndef SHMFAULT_SANDBOX_H
#define SHMFAULT_SANDBOX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define SF_MAX_LEAKS 64

/* What a run left: a System V segment, or a file of /dev/shm (a POSIX shm
 * object, or a glibc named semaphore "sem.NAME"). */
enum sf_leak_kind { SF_LEAK_SEGMENT, SF_LEAK_PSHM, SF_LEAK_PSEM };
#define SF_PSHM_NAME 128 /* "/NAME" (longer names are cut) */

struct sf_segment {
	int shmid;             /* -1 for a POSIX object */
	int32_t key;
	uint64_t size;
	int cpid;
	int nattch;
	int mode; /* permission bits (shm_perm.mode & 0777, st_mode & 0777) */
	int kind;              /* enum sf_leak_kind */
	int left;              /* 1: left in place (the host's /dev/shm), not removed */
	char name[SF_PSHM_NAME]; /* POSIX: "/NAME" as shm_open and sem_open take it */
};

/* Where a run's /dev/shm was: its own tmpfs, or the host's (--host-ipc or
 * no namespaces; or the private mount failed: pshm_errno says why). */
enum sf_pshm_where { SF_PSHM_PRIVATE, SF_PSHM_HOST, SF_PSHM_FALLBACK };

enum sf_ns_mode { SF_NS_HOST, SF_NS_IPC, SF_NS_USER };

/* Which backend decides a run's shm calls (docs/backends.md).  Under every
 * one the reaper installs the seccomp filter when it can, so a call that
 * bypasses the interposer is seen (issue 13). */
enum sf_backend { SF_BACKEND_AUTO, SF_BACKEND_PRELOAD, SF_BACKEND_SECCOMP };

/* The backend of every run this process starts (--backend,
 * SHMFAULT_BACKEND); parse: the enum value, or -1. */
extern int sf_sandbox_backend;
int sf_backend_parse(const char *s);

/* Calls that bypassed the interposer, grouped by (call, site). */
#define SF_MAX_BYPASS 16
struct sf_bypass {
	int call; /* enum sf_call */
	unsigned long count, injected;
	char site[160];
};

struct sf_sandbox_opts {
	char *const *argv;
	char *const *envp;
	int host_ipc;          /* run in the host's IPC namespace on purpose */
	double timeout;        /* seconds; 0 = none */
	int stdin_fd, stdout_fd, stderr_fd; /* -1 = inherit */
	const char *state_path; /* host mode: segments created by the run are listed here */
	int quiet;              /* no notice when namespaces are unavailable */
	int backend;            /* enum sf_backend */
};

struct sf_sandbox_result {
	int started;           /* 0: CMD could not be executed (see err) */
	int exited, status;    /* exit status when exited */
	int signaled, signo;
	int timed_out;
	int leftovers;         /* processes still running after CMD ended, killed */
	int nleaked;           /* segments and POSIX objects left behind (listed up to SF_MAX_LEAKS) */
	struct sf_segment leaked[SF_MAX_LEAKS];
	enum sf_ns_mode ns;
	int pshm;              /* enum sf_pshm_where */
	int pshm_errno;        /* SF_PSHM_FALLBACK: why the private /dev/shm could not be mounted */
	int slot_ends;         /* the reaper exits after this run (see sf_sandbox_slot) */
	char err[256];
	/* the kernel side (issue 13): filter installed, or why not */
	int kfilter;           /* 1: the run was under the seccomp filter */
	int kfilter_errno;     /* 0, or why the filter could not be installed */
	int sup_failed;        /* the supervisor failed: an error, never a result (err) */
	unsigned long nbypassed; /* notified calls (bypassed the interposer) */
	unsigned long ninjected; /* of those, failed by the supervisor */
	unsigned long ninterrupted;
	int nbypass;           /* groups in bypass[] (the rest are in bypass_line) */
	struct sf_bypass bypass[SF_MAX_BYPASS];
	char bypass_line[1024]; /* "shmfault: N shm system calls bypassed ...", or "" */
};

/* Run o->argv to the end: start, then finish. 0, or -1 with res->err. */
int sf_sandbox_run(const struct sf_sandbox_opts *o, struct sf_sandbox_result *res);

/* A slot: the helper and the reaper made once, then reused for one run
 * after another (sweep and gate run hundreds). Each run still gets what a
 * fresh sandbox gives: a new IPC namespace (so shmids start again at 0),
 * a new tmpfs on /dev/shm (no POSIX object or file of the previous run),
 * PID 2 for CMD (ns_last_pid), no process of the previous run, and its own
 * leak scan. Where the reaper cannot promise that (no ns_last_pid, no
 * unshare), it says so in the report (slot_ends) and exits after the run;
 * the slot must then be reopened.
 *
 * open forks the helper. send hands the reaper one run (more may be sent
 * before the first is over: they run in turn): argv, envp,
 * timeout, the state file, and the stdio descriptors (sent over the
 * socket: the caller closes its own copies when send returns). The socket
 * (s->sock) becomes readable when a run is over; collect reads what it
 * has without blocking (1 when the oldest run's report is complete, or the
 * reaper is gone); result blocks for the rest of it: 0, or -1 with
 * res->err (the slot is then closed). kill ends the slot and whatever runs in it at once. close
 * lets the reaper exit and returns the helper's pid, to be reaped with
 * waitpid() before the caller ends (0 when already reaped). */
struct sf_sandbox_slot {
	pid_t helper;          /* -1: closed */
	int sock;
	size_t have;
	struct sf_sandbox_result res;
};
int sf_slot_open(struct sf_sandbox_slot *s, int host_ipc, char *err, size_t errlen);
int sf_slot_send(struct sf_sandbox_slot *s, const struct sf_sandbox_opts *o, char *err, size_t errlen);
int sf_slot_collect(struct sf_sandbox_slot *s);
int sf_slot_result(struct sf_sandbox_slot *s, struct sf_sandbox_result *res);
void sf_slot_kill(struct sf_sandbox_slot *s);
pid_t sf_slot_close(struct sf_sandbox_slot *s);

/* The namespace mode this process can get (probes once, quietly). */
enum sf_ns_mode sf_sandbox_probe(void);

/* The exit status a shell would report: status, or 128+signal. */
int sf_sandbox_exit_code(const struct sf_sandbox_result *res);

#endif
