/* filter.h: the seccomp filter on the shm system calls and the hand-over of
 * its listener (reference/backends.md §3).  Everything here runs in the
 * child between fork and execve: no allocation, async-signal-safe. */
#ifndef SHMFAULT_KFILTER_H
#define SHMFAULT_KFILTER_H

/* SF_KF_KILLABLE: installed with SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
 * (5.19); without it a signal drops a received notification. */
#define SF_KF_KILLABLE 1u
/* For tests: do not ask for WAIT_KILLABLE_RECV even when the kernel has it. */
#define SF_KF_NO_KILLABLE 2u

/* Set no_new_privs and install the filter on the calling thread's process.
 * Returns the listener fd, or -errno: -ENOSYS/-EINVAL no user notification
 * in this kernel (5.0 for NEW_LISTENER), -EBUSY a listener filter is already
 * installed above us (a nested supervisor), -EACCES/-EPERM no_new_privs
 * refused.  *used gets SF_KF_KILLABLE when that flag was accepted. */
int sf_kfilter_install(unsigned ask, unsigned *used);

/* The program itself, for a test that runs it on made-up seccomp_data. */
struct sock_filter;
const struct sock_filter *sf_kfilter_prog(unsigned *len);

/* One line for a negative return of sf_kfilter_install (static text). */
const char *sf_kfilter_strerror(int neg_errno);

/* Hand the listener over a unix socket with SCM_RIGHTS, with a status
 * (0, or the errno of a failed install when fd < 0).  sendmsg is not one of
 * the filtered calls, so the child cannot deadlock on it. */
int sf_kfilter_send(int sock, int fd, int status, unsigned used);
/* Receive it: returns the fd, or -status (-EPROTO for a short message). */
int sf_kfilter_recv(int sock, unsigned *used);

#endif
