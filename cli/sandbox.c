/* sandbox.c: see sandbox.h. The process tree of one run:
 *   CLI -> helper (enters the namespaces) -> reaper (PID 1) -> CMD ...
 * The reaper is init of the new PID namespace: orphans come to it, and
 * kill(-1, SIGKILL) there ends every process the run started. Each of the
 * helper and the reaper dies with its parent (PR_SET_PDEATHSIG), so a killed
 * CLI takes the whole run with it. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sandbox.h"
#include "state.h"

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Called in the helper: new IPC and PID namespaces, as root directly,
 * otherwise inside a new user namespace that maps our own ids. */
static enum sf_ns_mode enter_namespaces(void)
{
	char map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();
	if (uid == 0 && unshare(CLONE_NEWIPC | CLONE_NEWPID) == 0)
		return SF_NS_IPC;
	if (unshare(CLONE_NEWUSER | CLONE_NEWIPC | CLONE_NEWPID) < 0)
		return SF_NS_HOST;
	snprintf(map, sizeof map, "%u %u 1\n", (unsigned)uid, (unsigned)uid);
	if (write_file("/proc/self/setgroups", "deny") < 0 || write_file("/proc/self/uid_map", map) < 0)
		_exit(121);
	snprintf(map, sizeof map, "%u %u 1\n", (unsigned)gid, (unsigned)gid);
	if (write_file("/proc/self/gid_map", map) < 0)
		_exit(121);
	return SF_NS_USER;
}

enum sf_ns_mode sf_sandbox_probe(void)
{
	static int probed = -1;
	if (probed >= 0)
		return (enum sf_ns_mode)probed;
	pid_t p = fork();
	if (p == 0)
		_exit((int)enter_namespaces());
	int st;
	if (p < 0 || waitpid(p, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) > 2)
		probed = SF_NS_HOST;
	else
		probed = WEXITSTATUS(st);
	return (enum sf_ns_mode)probed;
}

static void add_leak(struct sf_sandbox_result *res, int id, const struct shmid_ds *ds)
{
	if (res->nleaked < SF_MAX_LEAKS)
		res->leaked[res->nleaked] = (struct sf_segment){
			id, (int32_t)ds->shm_perm.__key, (uint64_t)ds->shm_segsz, (int)ds->shm_cpid,
			(int)ds->shm_nattch};
	res->nleaked++;
}

/* Every segment of this (private) IPC namespace is the run's: list, remove. */
static void scan_namespace(struct sf_sandbox_result *res)
{
	struct shm_info info;
	int maxidx = shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&info);
	for (int idx = 0; idx <= maxidx; idx++) {
		struct shmid_ds ds;
#ifdef SHM_STAT_ANY
		int id = shmctl(idx, SHM_STAT_ANY, &ds);
		if (id < 0)
#endif
			id = shmctl(idx, SHM_STAT, &ds);
		if (id < 0)
			continue;
		add_leak(res, id, &ds);
		shmctl(id, IPC_RMID, NULL);
	}
}

/* Host namespace: only the segments the run created (recorded by the
 * library in the state file) and still created by the same pid. */
static void scan_created(struct sf_sandbox_result *res, const char *state_path)
{
	char err[256];
	struct sf_state *st = state_path ? sf_state_map(state_path, err, sizeof err) : NULL;
	if (!st)
		return;
	uint32_t n = st->ncreated < SF_MAX_CREATED ? st->ncreated : SF_MAX_CREATED;
	for (uint32_t i = 0; i < n; i++) {
		struct shmid_ds ds;
		if (shmctl(st->created[i].shmid, IPC_STAT, &ds) < 0 || (int)ds.shm_cpid != st->created[i].pid)
			continue;
		int dup = 0;
		for (int j = 0; j < res->nleaked && j < SF_MAX_LEAKS; j++)
			dup |= res->leaked[j].shmid == st->created[i].shmid;
		if (dup)
			continue;
		add_leak(res, st->created[i].shmid, &ds);
		shmctl(st->created[i].shmid, IPC_RMID, NULL);
	}
}

/* Host mode: kill our children (orphans reparent to us, a subreaper) until
 * none is left. */
static void kill_children(void)
{
	char path[64], buf[4096];
	snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
	for (int round = 0; round < 1000; round++) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return;
		ssize_t n = read(fd, buf, sizeof buf - 1);
		close(fd);
		if (n <= 0)
			return;
		buf[n] = 0;
		for (char *p = buf; *p;) {
			char *end;
			long pid = strtol(p, &end, 10);
			if (end == p)
				break;
			kill((pid_t)pid, SIGKILL);
			p = end;
		}
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n > 0) {
		ssize_t w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		c += w;
		n -= (size_t)w;
	}
}

/* The descriptors the caller handed over for CMD's stdio: the helper and the
 * reaper must not keep them open (a pipe's reader waits for its last writer). */
static void close_stdio(const struct sf_sandbox_opts *o)
{
	if (o->stdin_fd > 2)
		close(o->stdin_fd);
	if (o->stdout_fd > 2 && o->stdout_fd != o->stdin_fd)
		close(o->stdout_fd);
	if (o->stderr_fd > 2 && o->stderr_fd != o->stdin_fd && o->stderr_fd != o->stdout_fd)
		close(o->stderr_fd);
}

static void exec_target(const struct sf_sandbox_opts *o, int errfd)
{
	sigset_t none;
	sigemptyset(&none);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if ((o->stdin_fd >= 0 && dup2(o->stdin_fd, 0) < 0) || (o->stdout_fd >= 0 && dup2(o->stdout_fd, 1) < 0) ||
	    (o->stderr_fd >= 0 && dup2(o->stderr_fd, 2) < 0)) {
		int e = errno;
		write_all(errfd, &e, sizeof e);
		_exit(127);
	}
	execvpe(o->argv[0], o->argv, o->envp);
	int e = errno;
	write_all(errfd, &e, sizeof e);
	_exit(e == ENOENT ? 127 : 126);
}

/* The reaper: start CMD, wait for it (with the timeout), end what it left,
 * list and remove the leaks, report. */
static void reaper(const struct sf_sandbox_opts *o, int report_fd, enum sf_ns_mode ns)
{
	struct sf_sandbox_result res;
	memset(&res, 0, sizeof res);
	res.ns = ns;
	int pid1 = ns != SF_NS_HOST;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (!pid1)
		prctl(PR_SET_CHILD_SUBREAPER, 1);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);

	int ep[2];
	if (pipe2(ep, O_CLOEXEC) < 0)
		_exit(120);
	pid_t target = fork();
	if (target < 0) {
		snprintf(res.err, sizeof res.err, "fork: %s", strerror(errno));
		write_all(report_fd, &res, sizeof res);
		_exit(0);
	}
	if (target == 0) {
		close(ep[0]);
		exec_target(o, ep[1]);
	}
	close(ep[1]);
	close_stdio(o);
	int e;
	ssize_t got = read(ep[0], &e, sizeof e);
	close(ep[0]);
	if (got == (ssize_t)sizeof e)
		snprintf(res.err, sizeof res.err, "cannot execute '%s': %s", o->argv[0], strerror(e));
	else
		res.started = 1;

	double deadline = o->timeout > 0 ? now() + o->timeout : 0;
	int target_done = 0;
	while (!target_done) {
		int st;
		pid_t p;
		while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
			if (p != target)
				continue;
			target_done = 1;
			res.exited = WIFEXITED(st);
			res.status = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
			res.signaled = WIFSIGNALED(st);
			res.signo = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
		}
		if (target_done)
			break;
		if (p < 0 && errno == ECHILD)
			break;
		struct timespec ts, *tsp = NULL;
		if (deadline > 0) {
			double left = deadline - now();
			if (left <= 0) {
				if (!res.timed_out) {
					res.timed_out = 1;
					if (pid1)
						kill(-1, SIGKILL);
					else {
						kill(target, SIGKILL);
						kill_children();
					}
				}
				left = 1;
			}
			ts.tv_sec = (time_t)left;
			ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
			tsp = &ts;
		}
		sigtimedwait(&chld, NULL, tsp);
	}

	/* Whatever CMD left running dies now. */
	if (pid1) {
		kill(-1, SIGKILL);
		while (waitpid(-1, NULL, 0) > 0)
			if (!res.timed_out)
				res.leftovers++;
	} else {
		char path[64], buf[64];
		snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			ssize_t n = read(fd, buf, sizeof buf);
			res.leftovers = n > 0 && !res.timed_out;
			close(fd);
		}
		kill_children();
	}
	if (pid1)
		scan_namespace(&res);
	else
		scan_created(&res, o->state_path);
	write_all(report_fd, &res, sizeof res);
	_exit(0);
}

int sf_sandbox_start(const struct sf_sandbox_opts *o, struct sf_sandbox_proc *p)
{
	int rp[2];
	memset(p, 0, sizeof *p);
	p->helper = -1;
	p->report_fd = -1;
	if (pipe2(rp, O_CLOEXEC) < 0) {
		snprintf(p->res.err, sizeof p->res.err, "pipe: %s", strerror(errno));
		return -1;
	}
	pid_t cli = getpid();
	pid_t helper = fork();
	if (helper < 0) {
		snprintf(p->res.err, sizeof p->res.err, "fork: %s", strerror(errno));
		close(rp[0]);
		close(rp[1]);
		return -1;
	}
	if (helper == 0) {
		sigset_t none;
		close(rp[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != cli)
			_exit(120); /* the CLI died before PDEATHSIG was armed */
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		/* The pool blocks its signals while it runs; we must not. */
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		enum sf_ns_mode ns = o->host_ipc ? SF_NS_HOST : enter_namespaces();
		if (ns == SF_NS_HOST)
			reaper(o, rp[1], ns);
		pid_t r = fork();
		if (r < 0)
			_exit(120);
		if (r == 0)
			reaper(o, rp[1], ns);
		close(rp[1]);
		close_stdio(o);
		int st;
		while (waitpid(r, &st, 0) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(rp[1]);
	p->helper = helper;
	p->report_fd = rp[0];
	return 0;
}

int sf_sandbox_collect(struct sf_sandbox_proc *p)
{
	while (p->have < sizeof p->res) {
		ssize_t n = read(p->report_fd, (char *)&p->res + p->have, sizeof p->res - p->have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		if (n <= 0)
			break;
		p->have += (size_t)n;
	}
	return 1;
}

int sf_sandbox_finish(struct sf_sandbox_proc *p, struct sf_sandbox_result *res)
{
	int flags = fcntl(p->report_fd, F_GETFL);
	if (flags >= 0 && (flags & O_NONBLOCK))
		fcntl(p->report_fd, F_SETFL, flags & ~O_NONBLOCK);
	sf_sandbox_collect(p);
	close(p->report_fd);
	p->report_fd = -1;
	int st = 0;
	while (waitpid(p->helper, &st, 0) < 0 && errno == EINTR)
		;
	p->helper = -1;
	if (p->have != sizeof p->res) {
		memset(res, 0, sizeof *res);
		snprintf(res->err, sizeof res->err, "the sandbox ended without a report (helper status %d)",
			 WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
		return -1;
	}
	*res = p->res;
	return 0;
}

pid_t sf_sandbox_finish_later(struct sf_sandbox_proc *p, struct sf_sandbox_result *res)
{
	if (p->have != sizeof p->res)
		return sf_sandbox_finish(p, res);
	close(p->report_fd);
	p->report_fd = -1;
	pid_t h = p->helper;
	p->helper = -1;
	*res = p->res;
	return waitpid(h, NULL, WNOHANG) == h ? 0 : h;
}

int sf_sandbox_run(const struct sf_sandbox_opts *o, struct sf_sandbox_result *res)
{
	static struct sf_sandbox_proc p;
	if (sf_sandbox_start(o, &p) < 0) {
		*res = p.res;
		return -1;
	}
	return sf_sandbox_finish(&p, res);
}

int sf_sandbox_exit_code(const struct sf_sandbox_result *res)
{
	if (!res->started)
		return 127;
	if (res->signaled)
		return 128 + res->signo;
	return res->status;
}
