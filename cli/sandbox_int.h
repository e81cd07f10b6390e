/* sandbox_int.h: what the sandbox's own files share (ns.c, reaper.c,
 * slot.c, sandbox_wire.c); not for the rest of the CLI (sandbox.h is). */
#ifndef SHMFAULT_SANDBOX_INT_H
#define SHMFAULT_SANDBOX_INT_H

#include <stddef.h>
#include <stdint.h>

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
/* The reaper, between runs: a new IPC namespace, the next PID at 2. 0/-1. */
int sf_ns_renew(void);
/* Every segment of this (private) IPC namespace is the run's: list, remove. */
void sf_ns_scan(struct sf_sandbox_result *res);
/* Host namespace: the segments the run created (from the state file). */
void sf_ns_scan_created(struct sf_sandbox_result *res, const char *state_path);
/* The reaper, once: a /proc of its PID namespace (private mounts). 0/-1. */
int sf_ns_own_proc(void);
/* Host mode: the segments whose creator is one of pids (a shm call the
 * interposer did not see, so not in the state file): listed and removed. */
void sf_ns_scan_cpids(struct sf_sandbox_result *res, const pid_t *pids, int n);
/* Host mode: kill our children until none is left. */
void sf_ns_kill_children(void);

/* reaper.c: runs, one after another, until the CLI closes the socket. */
void sf_reaper(int sock, enum sf_ns_mode ns) __attribute__((noreturn));

#endif
