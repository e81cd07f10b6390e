/* sandbox_int.h: what the sandbox's own files share (ns.c, reaper.c,
 * slot.c, sandbox_wire.c); not for the rest of the CLI (sandbox.h is). */
#ifndef SHMFAULT_SANDBOX_INT_H
#define SHMFAULT_SANDBOX_INT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sandbox.h"

/* One run, as the CLI sends it: this header (with the stdio descriptors
 * attached), then argc + envc strings and the state path, each ending in
 * NUL. fd[i] is the index of stdio descriptor i among those attached, or
 * -1 to inherit the reaper's. */
#define JOB_MAGIC 0x73666a62u
#define JOB_MAX_BLOB (64u << 20)
struct job_hdr {
	uint32_t magic, argc, envc, blob;
	int32_t fd[3];
	int32_t has_state;
	int32_t backend; /* enum sf_backend */
	double timeout;
};


/* The whole buffer over the slot's socket (send, no SIGPIPE) / from a
 * descriptor: 0, or -1. */
int sf_write_all(int fd, const void *p, size_t n);
int sf_read_all(int fd, void *p, size_t n);

/* ns.c. Called in the helper: new IPC and PID namespaces, as root directly,
 * otherwise inside a new user namespace that maps our own ids. */
enum sf_ns_mode sf_ns_enter(void);
/* The reaper, between runs: a new IPC namespace, the next PID at 2, and
 * (pshm: the slot has a private /dev/shm) a new tmpfs on /dev/shm. 0/-1. */
int sf_ns_renew(int pshm);
/* Every segment of this (private) IPC namespace is the run's: list, remove. */
void sf_ns_scan(struct sf_sandbox_result *res);
/* Host namespace: the segments the run created (from the state file). */
void sf_ns_scan_created(struct sf_sandbox_result *res, const char *state_path);
/* The reaper, once: a private mount namespace (MS_SLAVE: nothing of it
 * reaches the host) with a /proc of its PID namespace and a tmpfs on
 * /dev/shm. 0/-1 for /proc; *pshm_errno: 0, or why there is no private
 * /dev/shm (the run then uses the host's). */
int sf_ns_own_proc(int *pshm_errno);
/* Host mode: the segments whose creator is one of pids (a shm call the
 * interposer did not see, so not in the state file): listed and removed. */
void sf_ns_scan_cpids(struct sf_sandbox_result *res, const pid_t *pids, int n);
/* Host mode: kill our children until none is left. */
void sf_ns_kill_children(void);

/* ns_pshm.c: /dev/shm, where POSIX shm objects and glibc's named
 * semaphores (sem.NAME) are files. */
#define SF_DEV_SHM "/dev/shm"
/* A tmpfs on dir (in a private mount namespace): 0, or an errno. */
int sf_pshm_mount(const char *dir);
/* TMPDIR in /dev/shm: the harness's directory of a run (the one of
 * state_path), the host's, bound into the private dir at the same path,
 * so that the run's library finds it. 0 (or nothing to do), or -1 with err. */
int sf_pshm_bind(const char *dir, const char *state_path, char *err, size_t errlen);
/* Between runs: the tmpfs on dir replaced by a new, empty one. 0/-1. */
int sf_pshm_renew(const char *dir);
/* The files of a shared /dev/shm before a run (host mode). */
struct sf_pshm_file {
	ino_t ino;
	char name[256];
};
struct sf_pshm_seen {
	struct sf_pshm_file *f;
	size_t n, cap;
};
void sf_pshm_take(struct sf_pshm_seen *seen, const char *dir);
void sf_pshm_free(struct sf_pshm_seen *seen);
/* The objects a run left in dir, added to res->leaked: before NULL (a
 * private /dev/shm) every file, listed and removed; otherwise those not in
 * before, listed and left in place (left = 1). */
void sf_pshm_scan(struct sf_sandbox_result *res, const char *dir, const struct sf_pshm_seen *before);

/* reaper.c: runs, one after another, until the CLI closes the socket. */
void sf_reaper(int sock, enum sf_ns_mode ns) __attribute__((noreturn));

#endif
