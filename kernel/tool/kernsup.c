/* kernsup: the kernel backend's test driver (not the product's CLI).
 *   kernsup [options] -- PROGRAM ARGS...
 * Forks PROGRAM with the shm filter installed (the child sends the listener
 * back over SCM_RIGHTS, then execs), forks a supervisor that answers every
 * notified call, and waits for both, as the CLI's reaper will.
 *   --fail CALL:N:ERRNO   fail the Nth notified CALL (0: every one) with ERRNO
 *   --no-killable         install without WAIT_KILLABLE_RECV
 *   --die-at N            the supervisor SIGKILLs itself on the Nth notification
 *   --signal-at N:SIG     on the Nth notification send SIG to the caller first
 *   --facts               before each answer, the caller's process view:
 *                         "kernsup: facts call=C attached=N this=B dest=D"
 *   -q                    no per-call lines, only the summary
 * Output (stdout): one "kernsup: call=... state=..." line per notification,
 * then the summary line.  Exit: PROGRAM's status (128+N if killed); 125
 * when the supervisor died (the run is an error, never a result); 126 when
 * the filter could not be installed. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "decide.h"
#include "errnos.h"
#include "filter.h"
#include "supervisor.h"

static int parse_args(int argc, char **argv, struct kd_ctx *k, unsigned *ask)
{
	int i;
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int bad = 0;
		if (!strcmp(a, "--no-killable"))
			*ask |= SF_KF_NO_KILLABLE;
		else if (!strcmp(a, "--facts"))
			k->facts = 1;
		else if (!strcmp(a, "-q"))
			k->quiet = 1;
		else if (!v)
			bad = 1;
		else if (!strcmp(a, "--fail"))
			bad = kd_add_rule(k, v), i++;
		else if (!strcmp(a, "--die-at"))
			bad = (k->die_at = atol(v)) < 1, i++;
		else if (!strcmp(a, "--signal-at"))
			bad = sscanf(v, "%ld:%d", &k->signal_at, &k->signal_no) != 2, i++;
		else
			bad = 1;
		if (bad) {
			fprintf(stderr, "kernsup: bad option '%s%s%s'\n", a, v ? " " : "", v ? v : "");
			return -1;
		}
	}
	return i + 1 < argc ? i + 1 : -1;
}

/* The child: filter, hand over, exec.  Only async-signal-safe calls. */
static void child(int sock, unsigned ask, char **argv)
{
	unsigned used;
	int fd = sf_kfilter_install(ask, &used);
	if (sf_kfilter_send(sock, fd, fd < 0 ? -fd : 0, used) < 0 || fd < 0)
		_exit(127);
	close(fd);
	close(sock);
	execvp(argv[0], argv);
	static const char msg[] = "kernsup: cannot execute the program\n";
	if (write(2, msg, sizeof msg - 1) < 0)
		_exit(127);
	_exit(127);
}

static int status_of(int st)
{
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int supervise(int fd, unsigned used, struct kd_ctx *k)
{
	struct sf_khooks h = { kd_decide, kd_dropped, kd_record, k };
	struct sf_ksup s;
	sf_ksup_init(&s, fd, used, &h);
	k->sup = &s;
	int r = sf_ksup_run(&s);
	if (r < 0)
		fprintf(stderr, "kernsup: supervisor: %s\n", strerror(-r));
	printf("kernsup: notified=%lu injected=%lu interrupted=%lu vanished=%lu killable=%d\n",
	       s.notified, s.injected, s.interrupted, s.vanished, (used & SF_KF_KILLABLE) != 0);
	sf_ksup_summary(&s, "kernsup", stdout);
	sf_ksup_close(&s);
	fflush(stdout); /* the caller _exits */
	return r < 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct kd_ctx k;
	unsigned ask = 0, used = 0;
	memset(&k, 0, sizeof k);
	int first = parse_args(argc, argv, &k, &ask);
	if (first < 0) {
		fprintf(stderr, "usage: kernsup [--fail CALL:N:ERRNO]... [--no-killable] [--die-at N] "
				"[--signal-at N:SIG] [-q] -- PROGRAM ARGS...\n");
		return 2;
	}
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return perror("kernsup: socketpair"), 1;
	fflush(NULL);
	pid_t target = fork();
	if (target == 0) {
		close(sv[0]);
		child(sv[1], ask, argv + first);
	}
	close(sv[1]);
	int fd = sf_kfilter_recv(sv[0], &used);
	if (fd < 0) {
		int st;
		waitpid(target, &st, 0);
		fprintf(stderr, "kernsup: cannot install the seccomp filter: %s (%s)\n",
			sf_kfilter_strerror(fd), strerror(-fd));
		return 126;
	}
	pid_t sup = fork();
	if (sup == 0)
		_exit(supervise(fd, used, &k));
	close(fd); /* only the supervisor holds the listener: its death is seen */
	int tst = 0, sst = 0;
	waitpid(target, &tst, 0);
	waitpid(sup, &sst, 0);
	if (!WIFEXITED(sst) || WEXITSTATUS(sst)) {
		fprintf(stderr, "kernsup: the supervisor died (%s %d): this run is an error, not a result\n",
			WIFSIGNALED(sst) ? "signal" : "exit status",
			WIFSIGNALED(sst) ? WTERMSIG(sst) : WEXITSTATUS(sst));
		return 125;
	}
	return status_of(tst);
}
