/* ownfilter.c: a program that installs its own seccomp filter (shmctl ->
 * ERRNO(EPERM), everything else allowed), then runs PROGRAM.  Under a
 * supervisor, its ERRNO outranks USER_NOTIF (man 2 seccomp: "the action
 * with the highest precedence"), so shmctl never reaches the supervisor.
 *   ownfilter [--deny-seccomp ERRNO] PROGRAM ARGS...
 * --deny-seccomp makes seccomp(2) itself fail with ERRNO instead: a kernel
 * without user notification, as far as PROGRAM can tell. */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int first = 1;
	unsigned nr = SYS_shmctl, err = EPERM;
	if (argc > 3 && !strcmp(argv[1], "--deny-seccomp")) {
		nr = SYS_seccomp;
		err = (unsigned)atoi(argv[2]);
		first = 3;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: ownfilter [--deny-seccomp ERRNO] PROGRAM ARGS...\n");
		return 2;
	}
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog p = { (unsigned short)(sizeof f / sizeof f[0]), f };
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &p) < 0) {
		perror("ownfilter: seccomp");
		return 2;
	}
	execvp(argv[first], argv + first);
	perror("ownfilter: exec");
	return 127;
}
