/* sandbox.c: see sandbox.h. The process tree of a slot:
 *   CLI -> helper (enters the namespaces) -> reaper (PID 1) -> CMD ...
 * The reaper is init of the new PID namespace: orphans come to it, and
 * kill(-1, SIGKILL) there ends every process a run started. It takes runs
 * from the CLI over a socket, one at a time, and spawns CMD with
 * posix_spawn (vfork: no copy of its page tables). Each of the helper and
 * the reaper dies with its parent (PR_SET_PDEATHSIG), so a killed CLI
 * takes the whole slot with it. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/socket.h>
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

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n > 0) {
		ssize_t w = send(fd, c, n, MSG_NOSIGNAL); /* a socket: no SIGPIPE */
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

static int read_all(int fd, void *p, size_t n)
{
	char *c = p;
	while (n > 0) {
		ssize_t r = read(fd, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

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
	double timeout;
};

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
	if ((size_t)n < sizeof j->h && read_all(sock, (char *)&j->h + n, sizeof j->h - (size_t)n) < 0)
		return -1;
	if (j->h.magic != JOB_MAGIC || j->h.blob > JOB_MAX_BLOB || j->h.argc < 1 || j->h.argc > JOB_MAX_BLOB ||
	    j->h.envc > JOB_MAX_BLOB)
		return -1;
	j->blob = malloc((size_t)j->h.blob + 1);
	j->argv = calloc((size_t)j->h.argc + 1, sizeof *j->argv);
	j->envp = calloc((size_t)j->h.envc + 1, sizeof *j->envp);
	if (!j->blob || !j->argv || !j->envp || read_all(sock, j->blob, j->h.blob) < 0)
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

/* A fresh start for the next run in this PID namespace: a new IPC namespace
 * (the old one, emptied by the scan, goes with its last process) and the
 * next PID at 2. 0, or -1 when the kernel refuses (the slot then ends). */
static int renew_namespace(void)
{
	if (unshare(CLONE_NEWIPC) < 0)
		return -1;
	int fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t w = write(fd, "1", 1);
	close(fd);
	return w == 1 ? 0 : -1;
}

static void spawn_target(const struct job *j, struct sf_sandbox_result *res, pid_t *target)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, def;
	sigemptyset(&none);
	sigemptyset(&def);
	sigaddset(&def, SIGINT);
	sigaddset(&def, SIGQUIT);
	sigaddset(&def, SIGPIPE);
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&at);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &def);
	for (int i = 0; i < 3; i++)
		if (j->h.fd[i] >= 0)
			posix_spawn_file_actions_adddup2(&fa, j->h.fd[i], i);
	int e = posix_spawnp(target, j->argv[0], &fa, &at, j->argv, j->envp);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (e != 0) {
		*target = -1;
		snprintf(res->err, sizeof res->err, "cannot execute '%s': %s", j->argv[0], strerror(e));
	} else
		res->started = 1;
}

/* One run: spawn CMD, wait for it (with the timeout), end what it left,
 * list and remove the leaks. */
static void run_job(struct job *j, enum sf_ns_mode ns, sigset_t *chld, struct sf_sandbox_result *res)
{
	int pid1 = ns != SF_NS_HOST;
	pid_t target;
	/* Alone in this IPC namespace: the tree's record of IPC_RMIDs is whole,
	 * so a personality's shmat need not ask the kernel (engine/rows.c). */
	if (pid1 && j->state_path)
		sf_state_mark_private(j->state_path);
	spawn_target(j, res, &target);
	/* CMD has its copies: ours must go, or a capture pipe never ends */
	for (int i = 0; i < 3; i++)
		if (j->fds[i] >= 0) {
			close(j->fds[i]);
			j->fds[i] = -1;
		}

	double deadline = j->h.timeout > 0 ? now() + j->h.timeout : 0;
	int target_done = target < 0;
	while (!target_done) {
		int st;
		pid_t p;
		while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
			if (p != target)
				continue;
			target_done = 1;
			res->exited = WIFEXITED(st);
			res->status = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
			res->signaled = WIFSIGNALED(st);
			res->signo = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
		}
		if (target_done)
			break;
		if (p < 0 && errno == ECHILD)
			break;
		struct timespec ts, *tsp = NULL;
		if (deadline > 0) {
			double left = deadline - now();
			if (left <= 0) {
				if (!res->timed_out) {
					res->timed_out = 1;
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
		sigtimedwait(chld, NULL, tsp);
	}

	/* Whatever CMD left running dies now. */
	if (pid1) {
		kill(-1, SIGKILL);
		while (waitpid(-1, NULL, 0) > 0)
			if (!res->timed_out)
				res->leftovers++;
	} else {
		char path[64], buf[64];
		snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			ssize_t n = read(fd, buf, sizeof buf);
			res->leftovers = n > 0 && !res->timed_out;
			close(fd);
		}
		kill_children();
	}
	if (pid1)
		scan_namespace(res);
	else
		scan_created(res, j->state_path);
}

/* The reaper: runs, one after another, until the CLI closes the socket. */
static void reaper(int sock, enum sf_ns_mode ns)
{
	int pid1 = ns != SF_NS_HOST;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (!pid1)
		prctl(PR_SET_CHILD_SUBREAPER, 1);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
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
		run_job(&j, ns, &chld, &res);
		job_free(&j);
		/* ready for the next run before saying this one is over */
		if (pid1 && renew_namespace() < 0)
			res.slot_ends = 1;
		if (write_all(sock, &res, sizeof res) < 0 || res.slot_ends)
			_exit(0);
	}
}

int sf_slot_open(struct sf_sandbox_slot *s, int host_ipc, char *err, size_t errlen)
{
	int sp[2];
	memset(s, 0, sizeof *s);
	s->helper = -1;
	s->sock = -1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0) {
		snprintf(err, errlen, "socketpair: %s", strerror(errno));
		return -1;
	}
	pid_t cli = getpid();
	pid_t helper = fork();
	if (helper < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(sp[0]);
		close(sp[1]);
		return -1;
	}
	if (helper == 0) {
		sigset_t none;
		close(sp[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != cli)
			_exit(120); /* the CLI died before PDEATHSIG was armed */
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		/* The pool blocks its signals while it runs; we must not. */
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		enum sf_ns_mode ns = host_ipc ? SF_NS_HOST : enter_namespaces();
		if (ns == SF_NS_HOST)
			reaper(sp[1], ns);
		pid_t r = fork();
		if (r < 0)
			_exit(120);
		if (r == 0)
			reaper(sp[1], ns);
		close(sp[1]);
		int st;
		while (waitpid(r, &st, 0) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(sp[1]);
	s->helper = helper;
	s->sock = sp[0];
	return 0;
}

int sf_slot_send(struct sf_sandbox_slot *s, const struct sf_sandbox_opts *o, char *err, size_t errlen)
{
	struct job_hdr h;
	memset(&h, 0, sizeof h);
	h.magic = JOB_MAGIC;
	h.timeout = o->timeout;
	size_t blob = 0;
	for (char *const *a = o->argv; *a; a++, h.argc++)
		blob += strlen(*a) + 1;
	for (char *const *e = o->envp; e && *e; e++, h.envc++)
		blob += strlen(*e) + 1;
	if (o->state_path) {
		h.has_state = 1;
		blob += strlen(o->state_path) + 1;
	}
	if (blob > JOB_MAX_BLOB) {
		snprintf(err, errlen, "command and environment too large (%zu bytes)", blob);
		return -1;
	}
	h.blob = (uint32_t)blob;
	char *b = malloc(blob ? blob : 1), *p = b;
	if (!b) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (char *const *a = o->argv; *a; a++)
		p = stpcpy(p, *a) + 1;
	for (char *const *e = o->envp; e && *e; e++)
		p = stpcpy(p, *e) + 1;
	if (o->state_path)
		stpcpy(p, o->state_path);

	int fds[3], nfds = 0;
	const int want[3] = {o->stdin_fd, o->stdout_fd, o->stderr_fd};
	for (int i = 0; i < 3; i++) {
		h.fd[i] = -1;
		if (want[i] < 0)
			continue;
		for (int k = 0; k < nfds; k++)
			if (fds[k] == want[i])
				h.fd[i] = k;
		if (h.fd[i] < 0) {
			h.fd[i] = nfds;
			fds[nfds++] = want[i];
		}
	}
	union {
		struct cmsghdr c;
		char buf[CMSG_SPACE(3 * sizeof(int))];
	} ctl;
	memset(&ctl, 0, sizeof ctl);
	struct iovec iov = {&h, sizeof h};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
	if (nfds) {
		m.msg_control = ctl.buf;
		m.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
		struct cmsghdr *c = CMSG_FIRSTHDR(&m);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
		memcpy(CMSG_DATA(c), fds, (size_t)nfds * sizeof(int));
	}
	ssize_t n;
	while ((n = sendmsg(s->sock, &m, MSG_NOSIGNAL)) < 0 && errno == EINTR)
		;
	int rc = n < 0 ? -1 : 0;
	if (rc == 0 && (size_t)n < sizeof h)
		rc = write_all(s->sock, (char *)&h + n, sizeof h - (size_t)n);
	if (rc == 0)
		rc = write_all(s->sock, b, blob);
	free(b);
	if (rc < 0) {
		snprintf(err, errlen, "runner slot: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int sf_slot_collect(struct sf_sandbox_slot *s)
{
	while (s->have < sizeof s->res) {
		ssize_t n = recv(s->sock, (char *)&s->res + s->have, sizeof s->res - s->have, MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n <= 0)
			return 1; /* the reaper is gone */
		s->have += (size_t)n;
	}
	return 1;
}

int sf_slot_result(struct sf_sandbox_slot *s, struct sf_sandbox_result *res)
{
	while (s->have < sizeof s->res) {
		ssize_t n = recv(s->sock, (char *)&s->res + s->have, sizeof s->res - s->have, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		s->have += (size_t)n;
	}
	if (s->have != sizeof s->res) {
		int st = 0;
		close(s->sock);
		s->sock = -1;
		while (waitpid(s->helper, &st, 0) < 0 && errno == EINTR)
			;
		s->helper = -1;
		memset(res, 0, sizeof *res);
		snprintf(res->err, sizeof res->err, "the sandbox ended without a report (helper status %d)",
			 WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
		return -1;
	}
	*res = s->res;
	s->have = 0;
	return 0;
}

void sf_slot_kill(struct sf_sandbox_slot *s)
{
	/* the helper's death takes the reaper (PID 1) and the namespace with it */
	if (s->helper > 0)
		kill(s->helper, SIGKILL);
}

pid_t sf_slot_close(struct sf_sandbox_slot *s)
{
	if (s->sock >= 0)
		close(s->sock);
	s->sock = -1;
	pid_t h = s->helper;
	s->helper = -1;
	s->have = 0;
	if (h <= 0)
		return 0;
	return waitpid(h, NULL, WNOHANG) == h ? 0 : h;
}

int sf_sandbox_run(const struct sf_sandbox_opts *o, struct sf_sandbox_result *res)
{
	static struct sf_sandbox_slot s;
	memset(res, 0, sizeof *res);
	if (sf_slot_open(&s, o->host_ipc, res->err, sizeof res->err) < 0)
		return -1;
	if (sf_slot_send(&s, o, res->err, sizeof res->err) < 0) {
		sf_slot_kill(&s);
		pid_t h = sf_slot_close(&s);
		while (h > 0 && waitpid(h, NULL, 0) < 0 && errno == EINTR)
			;
		return -1;
	}
	int rc = sf_slot_result(&s, res);
	pid_t h = sf_slot_close(&s);
	while (h > 0 && waitpid(h, NULL, 0) < 0 && errno == EINTR)
		;
	return rc;
}

int sf_sandbox_exit_code(const struct sf_sandbox_result *res)
{
	if (!res->started)
		return 127;
	if (res->signaled)
		return 128 + res->signo;
	return res->status;
}
