/* reaper.c: PID 1 of a slot's namespaces (see sandbox.h). It takes runs
 * from the CLI over a socket, one at a time, starts CMD under the seccomp
 * filter (fork + filter + execve), supervises its notified shm calls while
 * it waits for it with the timeout, ends what it left, lists and removes
 * the leaks, and reports. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "filter.h"
#include "rengine.h"
#include "rsup.h"
#include "sandbox_int.h"
#include "state.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct job {
	struct job_hdr h;
	char *blob;
	char **argv, **envp;
	const char *state_path;
	int fds[3];
};

static void job_free(struct job *j)
{
	for (int i = 0; i < 3; i++)
		if (j->fds[i] >= 0)
			close(j->fds[i]);
	free(j->blob);
	free(j->argv);
	free(j->envp);
	memset(j, 0, sizeof *j);
}

/* The reaper's side: 1 with a job, 0 at the CLI's end of the socket, -1 on
 * a malformed one. */
static int job_recv(int sock, struct job *j)
{
	union {
		struct cmsghdr c;
		char buf[CMSG_SPACE(3 * sizeof(int))];
	} ctl;
	struct iovec iov = {&j->h, sizeof j->h};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf, .msg_controllen = sizeof ctl.buf};
	int got[3] = {-1, -1, -1}, ngot = 0;
	memset(j, 0, sizeof *j);
	j->fds[0] = j->fds[1] = j->fds[2] = -1;
	ssize_t n;
	while ((n = recvmsg(sock, &m, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR)
		;
	if (n <= 0)
		return 0;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
			for (size_t k = 0; k < (c->cmsg_len - CMSG_LEN(0)) / sizeof(int); k++) {
				int fd;
				memcpy(&fd, CMSG_DATA(c) + k * sizeof(int), sizeof fd);
				if (ngot < 3)
					got[ngot++] = fd;
				else
					close(fd);
			}
	for (int i = 0; i < 3; i++)
		j->fds[i] = got[i];
	if ((size_t)n < sizeof j->h && sf_read_all(sock, (char *)&j->h + n, sizeof j->h - (size_t)n) < 0)
		return -1;
	if (j->h.magic != JOB_MAGIC || j->h.blob > JOB_MAX_BLOB || j->h.argc < 1 || j->h.argc > JOB_MAX_BLOB ||
	    j->h.envc > JOB_MAX_BLOB)
		return -1;
	j->blob = malloc((size_t)j->h.blob + 1);
	j->argv = calloc((size_t)j->h.argc + 1, sizeof *j->argv);
	j->envp = calloc((size_t)j->h.envc + 1, sizeof *j->envp);
	if (!j->blob || !j->argv || !j->envp || sf_read_all(sock, j->blob, j->h.blob) < 0)
		return -1;
	j->blob[j->h.blob] = 0;
	char *p = j->blob, *end = j->blob + j->h.blob;
	for (uint32_t i = 0; i < j->h.argc + j->h.envc + (j->h.has_state ? 1u : 0u); i++) {
		if (p >= end)
			return -1;
		if (i < j->h.argc)
			j->argv[i] = p;
		else if (i < j->h.argc + j->h.envc)
			j->envp[i - j->h.argc] = p;
		else
			j->state_path = p;
		p += strlen(p) + 1;
	}
	/* stdio indexes refer to what was attached */
	int fds[3];
	for (int i = 0; i < 3; i++) {
		int k = j->h.fd[i];
		fds[i] = k >= 0 && k < ngot ? got[k] : -1;
	}
	for (int i = 0; i < 3; i++) {
		int k = j->h.fd[i];
		if (k >= 0 && k < ngot && fds[i] < 0)
			return -1;
	}
	/* keep each received descriptor once in j->fds (closed by job_free);
	 * the spawn uses the mapping */
	memcpy(j->h.fd, fds, sizeof fds);
	return 1;
}

/* The reaper's events: SIGCHLD through a signalfd, so that the wait is a
 * poll() on descriptors, and the run's seccomp listener next to it (the
 * kernel backend, issue 13). */
struct reaper_events {
	int sigfd;     /* SIGCHLD (blocked), -1: sigtimedwait instead */
	sigset_t chld;
	struct sf_rsup sup;
	struct sf_rengine eng; /* the run's engine (seccomp, auto) */
	int own_proc; /* /proc shows our PID namespace (host mode: it does) */
	int pshm_private; /* /dev/shm is a tmpfs of our own (renewed between runs) */
	int pshm_errno;   /* in a sandbox: why it is not (the host's /dev/shm) */
};

/* argv[0] as execvp would find it, in the reaper's PATH: resolved before
 * fork, so the child needs nothing but execve.  0, or an errno. */
static int find_program(const char *name, char *buf, size_t len)
{
	if (strchr(name, '/'))
		return snprintf(buf, len, "%s", name) < (int)len ? 0 : ENAMETOOLONG;
	const char *path = getenv("PATH");
	int e = ENOENT;
	for (const char *p = path && *path ? path : "/bin:/usr/bin"; p;) {
		const char *c = strchr(p, ':');
		size_t n = c ? (size_t)(c - p) : strlen(p);
		if (snprintf(buf, len, "%.*s%s%s", (int)n, p, n ? "/" : "", name) < (int)len) {
			if (access(buf, X_OK) == 0)
				return 0;
			if (errno == EACCES)
				e = EACCES;
		}
		p = c ? c + 1 : NULL;
	}
	return e;
}

/* The child: stdio, signals, the seccomp filter (its listener goes to the
 * reaper over sock), then execve.  Between fork and execve: only
 * async-signal-safe calls.  An execve failure is its errno on sock. */
static void child_exec(const struct job *j, const char *path, int sock, int filter)
{
	struct sigaction dfl;
	sigset_t none;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGINT, &dfl, NULL);
	sigaction(SIGQUIT, &dfl, NULL);
	sigaction(SIGPIPE, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	int e = 0;
	for (int i = 0; i < 3 && !e; i++)
		if (j->h.fd[i] >= 0 && dup2(j->h.fd[i], i) < 0)
			e = errno;
	if (!e && filter) {
		unsigned used = 0;
		int fd = sf_kfilter_install(0, &used);
		if (sf_kfilter_send(sock, fd, fd < 0 ? -fd : 0, used) < 0)
			_exit(127);
		if (fd >= 0)
			close(fd);
		else if (j->h.backend == SF_BACKEND_SECCOMP)
			_exit(127); /* the reaper says why */
	}
	if (!e) {
		execve(path, j->argv, j->envp);
		e = errno;
	}
	if (write(sock, &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

/* The parent's side of the hand-over: the listener (or why there is none),
 * then EOF at execve or the errno of its failure.  0 started, -1 not. */
static int spawn_wait(const struct job *j, int sock, int filter, struct sf_rsup *sup, struct sf_rengine *eng,
		      struct sf_sandbox_result *res)
{
	int fd = -1;
	unsigned used = 0;
	if (filter) {
		fd = sf_kfilter_recv(sock, &used);
		if (fd < 0 && fd != -EPROTO)
			res->kfilter_errno = -fd;
		if (fd < 0 && j->h.backend == SF_BACKEND_SECCOMP) {
			snprintf(res->err, sizeof res->err, "--backend seccomp: cannot install the seccomp filter: %s (%s)",
				 sf_kfilter_strerror(fd), strerror(-fd));
			res->sup_failed = 1; /* an error of the harness, not of CMD */
			return -1;
		}
	}
	sf_rsup_start(sup, fd, used, eng);
	int e = 0;
	ssize_t n;
	while ((n = read(sock, &e, sizeof e)) < 0 && errno == EINTR)
		;
	if (n == (ssize_t)sizeof e) {
		snprintf(res->err, sizeof res->err, "cannot execute '%s': %s", j->argv[0], strerror(e));
		return -1;
	}
	return 0;
}

/* Start CMD: fork, and in the child the filter and execve (issue 13:
 * posix_spawn cannot install a filter between the two). */
static void spawn_target(const struct job *j, int filter, struct reaper_events *ev, struct sf_sandbox_result *res,
			 pid_t *target)
{
	char path[4096];
	int sv[2], e = find_program(j->argv[0], path, sizeof path);
	struct sf_rsup *sup = &ev->sup;
	*target = -1;
	sf_rsup_start(sup, -1, 0, NULL);
	if (j->h.backend != SF_BACKEND_PRELOAD &&
	    sf_rengine_setup(&ev->eng, j->envp, j->state_path, res->err, sizeof res->err) < 0)
		return;
	if (e) {
		snprintf(res->err, sizeof res->err, "cannot execute '%s': %s", j->argv[0], strerror(e));
		return;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		snprintf(res->err, sizeof res->err, "cannot start '%s': socketpair: %s", j->argv[0], strerror(errno));
		return;
	}
	pid_t p = fork();
	if (p == 0) {
		close(sv[0]);
		child_exec(j, path, sv[1], filter);
	}
	close(sv[1]);
	if (p < 0)
		snprintf(res->err, sizeof res->err, "cannot start '%s': fork: %s", j->argv[0], strerror(errno));
	else if (spawn_wait(j, sv[0], filter, sup, ev->eng.on ? &ev->eng : NULL, res) < 0) {
		while (waitpid(p, NULL, 0) < 0 && errno == EINTR)
			;
		sf_rsup_finish(sup, res);
	} else {
		*target = p;
		res->started = 1;
	}
	close(sv[0]);
}

/* Wait until a child changed state, a notified call was answered, or left
 * seconds passed (< 0: no limit). */
static void wait_events(struct reaper_events *ev, double left)
{
	if (ev->sigfd < 0) {
		struct timespec ts = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
		sigtimedwait(&ev->chld, NULL, left < 0 ? NULL : &ts);
		return;
	}
	struct pollfd pfd[2] = {{.fd = ev->sigfd, .events = POLLIN}, {.fd = sf_rsup_fd(&ev->sup), .events = POLLIN}};
	int ms = left < 0 ? -1 : (int)(left * 1000) + 1;
	if (poll(pfd, pfd[1].fd >= 0 ? 2 : 1, ms) <= 0)
		return;
	if (pfd[1].fd >= 0 && pfd[1].revents)
		sf_rsup_event(&ev->sup, pfd[1].revents);
	if (pfd[0].revents & POLLIN) {
		struct signalfd_siginfo si;
		while (read(ev->sigfd, &si, sizeof si) == (ssize_t)sizeof si)
			;
	}
}

static void note_status(struct sf_sandbox_result *res, int st)
{
	res->exited = WIFEXITED(st);
	res->status = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
	res->signaled = WIFSIGNALED(st);
	res->signo = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

/* The deadline passed: everything of the run dies (it is then hung). */
static void time_out(pid_t target, int pid1, struct sf_sandbox_result *res)
{
	if (res->timed_out)
		return;
	res->timed_out = 1;
	if (pid1)
		kill(-1, SIGKILL);
	else {
		kill(target, SIGKILL);
		sf_ns_kill_children();
	}
}

/* Wait for CMD (reaping every orphan on the way) with the timeout. */
static void wait_target(pid_t target, double timeout, int pid1, struct reaper_events *ev,
			struct sf_sandbox_result *res)
{
	double deadline = timeout > 0 ? now() + timeout : 0;
	for (;;) {
		int st, done = 0;
		pid_t p;
		while ((p = waitpid(-1, &st, WNOHANG)) > 0)
			if (p == target) {
				note_status(res, st);
				done = 1; /* and reap the orphans already dead, as before */
			}
		if (done || (p < 0 && errno == ECHILD))
			return;
		double left = -1;
		if (deadline > 0) {
			left = deadline - now();
			if (left <= 0) {
				time_out(target, pid1, res);
				left = 1;
			}
		}
		wait_events(ev, left);
	}
}

/* What CMD left running dies now. */
static void end_leftovers(int pid1, struct sf_sandbox_result *res)
{
	if (pid1) {
		kill(-1, SIGKILL);
		while (waitpid(-1, NULL, 0) > 0)
			if (!res->timed_out)
				res->leftovers++;
		return;
	}
	char path[64], buf[64];
	snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t n = read(fd, buf, sizeof buf);
		res->leftovers = n > 0 && !res->timed_out;
		close(fd);
	}
	sf_ns_kill_children();
}

/* One run: spawn CMD, wait for it (with the timeout), end what it left,
 * list and remove the leaks. */
static void run_job(struct job *j, enum sf_ns_mode ns, struct reaper_events *ev, struct sf_sandbox_result *res)
{
	int pid1 = ns != SF_NS_HOST;
	pid_t target;
	struct sf_pshm_seen before;
	/* /dev/shm: our own (everything in it is the run's), or the host's
	 * (what the run adds is listed; pshm says which, and why) */
	res->pshm = !pid1 ? SF_PSHM_HOST : ev->pshm_private ? SF_PSHM_PRIVATE : SF_PSHM_FALLBACK;
	res->pshm_errno = res->pshm == SF_PSHM_FALLBACK ? ev->pshm_errno : 0;
	memset(&before, 0, sizeof before);
	if (!ev->pshm_private)
		sf_pshm_take(&before, SF_DEV_SHM);
	/* Alone in this IPC namespace: the tree's record of IPC_RMIDs is whole,
	 * so a personality's shmat need not ask the kernel (engine/rows.c). */
	if (pid1 && j->state_path)
		sf_state_mark_private(j->state_path);
	/* the filter needs the poll loop and a /proc of our PID namespace */
	int filter = ev->sigfd >= 0 && ev->own_proc;
	target = -1;
	if (!ev->pshm_private || sf_pshm_bind(SF_DEV_SHM, j->state_path, res->err, sizeof res->err) == 0)
		spawn_target(j, filter, ev, res, &target);
	if (target >= 0 && !filter)
		res->kfilter_errno = EXDEV; /* summary.c: no /proc of our PID namespace */
	/* CMD has its copies: ours must go, or a capture pipe never ends */
	for (int i = 0; i < 3; i++)
		if (j->fds[i] >= 0) {
			close(j->fds[i]);
			j->fds[i] = -1;
		}
	if (target >= 0)
		wait_target(target, j->h.timeout, pid1, ev, res);
	end_leftovers(pid1, res);
	sf_rsup_finish(&ev->sup, res);
	sf_rengine_free(&ev->eng);
	if (pid1)
		sf_ns_scan(res);
	else {
		sf_ns_scan_created(res, j->state_path);
		sf_ns_scan_cpids(res, ev->sup.creators, ev->sup.ncreators);
	}
	sf_pshm_scan(res, SF_DEV_SHM, ev->pshm_private ? NULL : &before);
	sf_pshm_free(&before);
}

/* The reaper: runs, one after another, until the CLI closes the socket. */
void sf_reaper(int sock, enum sf_ns_mode ns)
{
	int pid1 = ns != SF_NS_HOST;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (!pid1)
		prctl(PR_SET_CHILD_SUBREAPER, 1);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	struct reaper_events ev;
	memset(&ev, 0, sizeof ev);
	sigemptyset(&ev.chld);
	sigaddset(&ev.chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &ev.chld, NULL);
	ev.sigfd = signalfd(-1, &ev.chld, SFD_NONBLOCK | SFD_CLOEXEC);
	ev.own_proc = !pid1 || sf_ns_own_proc(&ev.pshm_errno) == 0;
	ev.pshm_private = pid1 && ev.pshm_errno == 0;
	for (;;) {
		struct job j;
		int r = job_recv(sock, &j);
		if (r <= 0) {
			job_free(&j);
			_exit(r == 0 ? 0 : 120);
		}
		struct sf_sandbox_result res;
		memset(&res, 0, sizeof res);
		res.ns = ns;
		run_job(&j, ns, &ev, &res);
		job_free(&j);
		/* ready for the next run before saying this one is over */
		if (pid1 && sf_ns_renew(ev.pshm_private) < 0)
			res.slot_ends = 1;
		if (sf_write_all(sock, &res, sizeof res) < 0 || res.slot_ends)
			_exit(0);
	}
}

