/* filter.c: the cBPF filter, hand-written (~30 instructions) rather than
 * built with libseccomp: Debian 12's libseccomp 2.5.4 cannot ask for
 * WAIT_KILLABLE_RECV (2.6.0), and seccomp_init/seccomp_rule_add allocate,
 * which is not safe between fork and execve in a threaded supervisor.
 * Syscall numbers: arch/x86/entry/syscalls/syscall_{64,32}.tbl, ipc(2)
 * demultiplexing: include/uapi/linux/ipc.h (SHMAT 21 .. SHMCTL 24). */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "filter.h"
#include "shmmark.h"

/* SPEC_ALLOW (4.17, older than NEW_LISTENER, 5.0: no fallback needed):
 * without it, on a kernel booted with spec_store_bypass_disable=seccomp
 * (the default before 5.16), installing a filter turns on SSBD for the
 * program, which then runs slower than native for a reason that is not
 * ours; the filter routes calls, it is not a sandbox.  Nothing changes
 * where SSB is mitigated otherwise or not at all (docs/performance-history.md). */
#ifndef SECCOMP_FILTER_FLAG_SPEC_ALLOW
#define SECCOMP_FILTER_FLAG_SPEC_ALLOW (1UL << 2)
#endif
#ifndef SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
#define SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1UL << 5)
#endif

#define X32_BIT 0x40000000u
#define OFF(f) offsetof(struct seccomp_data, f)
#define LO(i) (OFF(args) + 8 * (i)) /* little-endian: low half first */
#define HI(i) (OFF(args) + 8 * (i) + 4)
#define LD(o) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (o))
#define JEQ(k, t, f) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (t), (f))
#define JGE(k, t, f) BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (k), (t), (f))
#define RET(k) BPF_STMT(BPF_RET | BPF_K, (k))

static struct sock_filter prog[] = {
	/* 0 */ LD(OFF(arch)),
	/* 1 */ JEQ(AUDIT_ARCH_X86_64, 2, 0),
	/* 2 */ JEQ(AUDIT_ARCH_I386, 14, 0),
	/* 3 */ RET(SECCOMP_RET_ALLOW),
	/* x86-64 and x32 (the same numbers with X32_BIT) */
	/* 4 */ LD(OFF(nr)),
	/* 5 */ BPF_STMT(BPF_ALU | BPF_AND | BPF_K, ~X32_BIT),
	/* 6 */ JEQ(29, 4, 0),  /* shmget */
	/* 7 */ JEQ(30, 3, 0),  /* shmat */
	/* 8 */ JEQ(31, 2, 0),  /* shmctl */
	/* 9 */ JEQ(67, 1, 0),  /* shmdt */
	/* 10 */ RET(SECCOMP_RET_ALLOW),
	/* 11: a shm call: marked (both halves of args[5]) or notified */
	/* 11 */ LD(LO(5)),
	/* 12 */ JEQ(SF_MARK_LO, 0, 3),
	/* 13 */ LD(HI(5)),
	/* 14 */ JEQ(SF_MARK_HI, 0, 1),
	/* 15 */ RET(SECCOMP_RET_ALLOW),
	/* 16 */ RET(SECCOMP_RET_USER_NOTIF),
	/* i386: no marked calls (the interposer is built for x86-64 only) */
	/* 17 */ LD(OFF(nr)),
	/* 18 */ JEQ(117, 0, 4),  /* ipc(2) */
	/* 19: ipc(2): call = args[0] & 0xffff, the version in the high half */
	/* 19 */ LD(LO(0)),
	/* 20 */ BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xffff),
	/* 21 */ JGE(21, 0, 4),   /* SHMAT 21 .. SHMCTL 24 */
	/* 22 */ JGE(25, 3, 2),
	/* 23 */ JGE(395, 0, 2),  /* shmget 395, shmctl 396, shmat 397, shmdt 398 */
	/* 24 */ JGE(399, 1, 0),
	/* 25 */ RET(SECCOMP_RET_USER_NOTIF),
	/* 26 */ RET(SECCOMP_RET_ALLOW),
};

const struct sock_filter *sf_kfilter_prog(unsigned *len)
{
	*len = (unsigned)(sizeof prog / sizeof prog[0]);
	return prog;
}

int sf_kfilter_install(unsigned ask, unsigned *used)
{
	struct sock_fprog fp = { (unsigned short)(sizeof prog / sizeof prog[0]), prog };
	*used = 0;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	long fd = -1;
	if (!(ask & SF_KF_NO_KILLABLE)) {
		fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			     SECCOMP_FILTER_FLAG_NEW_LISTENER | SECCOMP_FILTER_FLAG_SPEC_ALLOW |
				     SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
			     &fp);
		if (fd >= 0)
			*used = SF_KF_KILLABLE;
		else if (errno != EINVAL) /* EINVAL: a kernel before 5.19 */
			return -errno;
	}
	if (fd < 0)
		fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			     SECCOMP_FILTER_FLAG_NEW_LISTENER | SECCOMP_FILTER_FLAG_SPEC_ALLOW, &fp);
	return fd < 0 ? -errno : (int)fd;
}

const char *sf_kfilter_strerror(int e)
{
	switch (-e) {
	case ENOSYS: return "this kernel has no seccomp filters (CONFIG_SECCOMP_FILTER)";
	case EINVAL: return "this kernel has no seccomp user notification (needs Linux 5.0, CONTINUE 5.5)";
	case EBUSY: return "a seccomp listener is already installed above this process (nested supervisor)";
	case EACCES: case EPERM: return "seccomp refused: no_new_privs could not be set";
	case EFAULT: return "seccomp rejected the filter program";
	default: return "seccomp filter installation failed";
	}
}

int sf_kfilter_send(int sock, int fd, int status, unsigned used)
{
	int msg[2] = { status, (int)used };
	struct iovec iov = { msg, sizeof msg };
	union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	memset(&u, 0, sizeof u);
	if (fd >= 0) {
		mh.msg_control = u.buf;
		mh.msg_controllen = sizeof u.buf;
		struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof fd);
	}
	ssize_t n;
	do
		n = sendmsg(sock, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof msg ? 0 : -1;
}

int sf_kfilter_recv(int sock, unsigned *used)
{
	int msg[2] = { 0, 0 };
	struct iovec iov = { msg, sizeof msg };
	union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
			     .msg_controllen = sizeof u.buf };
	ssize_t n;
	do
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof msg)
		return -EPROTO;
	*used = (unsigned)msg[1];
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	if (msg[0] || !c || c->cmsg_type != SCM_RIGHTS)
		return msg[0] ? -msg[0] : -EPROTO;
	int fd;
	memcpy(&fd, CMSG_DATA(c), sizeof fd);
	return fd;
}
