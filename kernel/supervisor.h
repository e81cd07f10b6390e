/* supervisor.h: the seccomp user-notification supervisor, poll-driven so
 * it sits next to the reaper's wait loop (reference/backends.md §3-4).
 *   poll sf_ksup_fd(); on POLLIN call sf_ksup_handle(); on POLLHUP every
 *   task under the filter is gone: the run's shm calls are all accounted.
 * Each notified call is decoded, located (site, key), decided by the
 * callback, answered, and counted for the summary. */
#ifndef SHMFAULT_KSUPERVISOR_H
#define SHMFAULT_KSUPERVISOR_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "calls.h"

#define SF_KSITE_MAX 160
#define SF_KWHO_MAX 48

/* One notified call, as the decision callback sees it.  What needs /proc
 * or IPC_STAT (tens of microseconds each on a loaded machine) is computed
 * only on demand, by sf_kcall_pid() and sf_kcall_key(), and only before
 * the answer: after a CONTINUEd shmdt the mapping is gone. */
struct sf_kcall {
	enum sf_call call;
	uint64_t args[3]; /* libc order, see decode.h */
	pid_t tid;        /* the calling thread, in the supervisor's pid namespace */
	uint64_t ip;      /* instruction_pointer: after the syscall instruction */
	char site[SF_KSITE_MAX]; /* "module+0xOFF" of the syscall instruction */
	int via_ipc;      /* i386 ipc(2) */
	uint64_t id;      /* the notification's id, for SECCOMP_IOCTL_NOTIF_ID_VALID */
	/* on demand: */
	unsigned looked;  /* SF_KLOOK_* already computed */
	pid_t pid;        /* sf_kcall_pid */
	int has_key, key; /* sf_kcall_key: shmget's argument, IPC_STAT, or the mapping */
	int shmid;        /* sf_kcall_key: shmat/shmctl argument, shmdt's mapping; -1 */
};

#define SF_KLOOK_PID 1u
#define SF_KLOOK_KEY 2u
#define SF_KLOOK_PROC 4u /* /proc was read: the TID may have been reused */

/* The caller's thread group id (/proc/TID/status).  Falls back to tid. */
pid_t sf_kcall_pid(struct sf_kcall *c);
/* The key of the segment the call is about: 1 known (*key set, c->shmid
 * too), 0 unknown (no such segment, no mapping at shmdt's address). */
int sf_kcall_key(struct sf_kcall *c, int *key);

/* The answer: err 0 lets the call run (CONTINUE), else it fails with err.
 * who names the decider for the record ("rule 2", "personality aix"). */
struct sf_kverdict {
	int err;
	char who[SF_KWHO_MAX];
};

struct sf_khooks {
	/* Required: decide one call. verdict arrives zeroed (go, nobody). */
	void (*decide)(void *ctx, struct sf_kcall *c, struct sf_kverdict *v);
	/* Optional: the answer was not delivered: a signal interrupted the
	 * wait (SEND: ENOENT; under SA_RESTART the call comes again) or the
	 * caller died.  The engine should uncount this occurrence. */
	void (*dropped)(void *ctx, const struct sf_kcall *c, const struct sf_kverdict *v);
	/* Optional: after each answered call (the log's record). state is
	 * SF_KST_*. */
	void (*record)(void *ctx, const struct sf_kcall *c, const struct sf_kverdict *v, int state);
	void *ctx;
};

enum { SF_KST_CONTINUED, SF_KST_INJECTED, SF_KST_INTERRUPTED, SF_KST_VANISHED };

struct sf_kgroup;     /* (call, site) -> counts, for the summary */
struct sf_ksitecache; /* (tid, ip) -> site */

struct sf_ksup {
	int fd;
	unsigned filter_flags; /* SF_KF_* as installed (filter.h) */
	struct sf_khooks hooks;
	struct sf_ksitecache *sites;
	struct sf_kgroup *groups;
	size_t ngroups, capgroups;
	unsigned long notified;    /* answered calls (continued + injected) */
	unsigned long injected;    /* failed with an errno the callback chose */
	unsigned long interrupted; /* dropped by a signal: not injected */
	unsigned long vanished;    /* the caller died before the answer */
};

/* Takes ownership of the listener fd. */
void sf_ksup_init(struct sf_ksup *s, int listener_fd, unsigned filter_flags,
		  const struct sf_khooks *hooks);
int sf_ksup_fd(const struct sf_ksup *s);

/* Handle one pending notification (call after poll reports POLLIN).
 * 1 handled, 0 nothing to do (the caller vanished, or a spurious wake-up),
 * -errno on a listener error. Never blocks when poll said POLLIN. */
int sf_ksup_handle(struct sf_ksup *s);

/* Convenience loop: handle until POLLHUP (every filtered task exited).
 * 0, or -errno. */
int sf_ksup_run(struct sf_ksup *s);

/* "shmfault: N shm system calls bypassed the interposer (shmget x2 at
 * deepmod.so+0x1139, ...)", nothing when none; prefix replaces "shmfault". */
void sf_ksup_summary(const struct sf_ksup *s, const char *prefix, FILE *out);

/* Close the listener (pending and later filtered calls then fail with
 * ENOSYS: end supervision only after POLLHUP) and free the records. */
void sf_ksup_close(struct sf_ksup *s);

#endif
