/* slot.c: the CLI's side of a sandbox slot (see sandbox.h). The process
 * tree of a slot:
 *   CLI -> helper (enters the namespaces) -> reaper (PID 1) -> CMD ...
 * The reaper (reaper.c) is init of the new PID namespace: orphans come to
 * it, and kill(-1, SIGKILL) there ends every process a run started. Each of
 * the helper and the reaper dies with its parent (PR_SET_PDEATHSIG), so a
 * killed CLI takes the whole slot with it. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox_int.h"

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
		enum sf_ns_mode ns = host_ipc ? SF_NS_HOST : sf_ns_enter();
		if (ns == SF_NS_HOST)
			sf_reaper(sp[1], ns);
		pid_t r = fork();
		if (r < 0)
			_exit(120);
		if (r == 0)
			sf_reaper(sp[1], ns);
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

int sf_sandbox_backend = SF_BACKEND_AUTO;

int sf_slot_send(struct sf_sandbox_slot *s, const struct sf_sandbox_opts *o, char *err, size_t errlen)
{
	struct job_hdr h;
	memset(&h, 0, sizeof h);
	h.magic = JOB_MAGIC;
	h.timeout = o->timeout;
	h.backend = o->backend ? o->backend : sf_sandbox_backend;
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
		rc = sf_write_all(s->sock, (char *)&h + n, sizeof h - (size_t)n);
	if (rc == 0)
		rc = sf_write_all(s->sock, b, blob);
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
	if (s->have == sizeof s->res && s->res.sup_failed) {
		/* the reaper's supervisor failed: the run is an error, not a
		 * result, and a slot whose supervisor failed is not reused */
		*res = s->res;
		sf_slot_kill(s);
		close(s->sock);
		s->sock = -1;
		while (waitpid(s->helper, NULL, 0) < 0 && errno == EINTR)
			;
		s->helper = -1;
		s->have = 0;
		return -1;
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
