/* supervisor.c: receive, locate, decide, answer (man 2 seccomp_unotify).
 * Pitfalls handled (reference/backends.md §3): the RECV struct is zeroed
 * (EINVAL otherwise since 5.5); the errno goes back negated (a positive
 * error is taken as a return value); a SEND that fails with ENOENT means a
 * signal interrupted the call: it is not an injection; /proc is read before
 * the answer, so ID_VALID confirms the TID was still the caller. */
#include <errno.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "decode.h"
#include "group.h"
#include "sitecache.h"
#include "procview.h"
#include "supervisor.h"

void sf_ksup_init(struct sf_ksup *s, int fd, unsigned flags, const struct sf_khooks *hooks)
{
	memset(s, 0, sizeof *s);
	s->fd = fd;
	s->filter_flags = flags;
	s->hooks = *hooks;
}

int sf_ksup_fd(const struct sf_ksup *s)
{
	return s->fd;
}

static int fill_call(struct sf_ksup *s, const struct seccomp_notif *req, struct sf_kcall *c)
{
	struct sf_kargs k;
	if (sf_kdecode(&req->data, &k) < 0)
		return -1;
	memset(c, 0, sizeof *c);
	c->call = k.call;
	memcpy(c->args, k.a, sizeof c->args);
	c->via_ipc = k.via_ipc;
	c->id = req->id;
	c->tid = (pid_t)req->pid;
	c->pid = c->tid;
	c->shmid = -1;
	c->ip = req->data.instruction_pointer;
	/* x86 syscall, sysenter and int $0x80 are 2 bytes: name the instruction. */
	if (sf_ksitecache_get(&s->sites, c->tid, c->ip - 2, c->site, sizeof c->site))
		c->looked |= SF_KLOOK_PROC;
	return 0;
}

/* The notification died before the answer: a signal interrupted the wait
 * (the thread lives; with SA_RESTART the call comes again), or the caller
 * died.  Either way nothing was injected. */
static int lost(pid_t tid)
{
	char p[32];
	snprintf(p, sizeof p, "/proc/%d", (int)tid);
	return access(p, F_OK) == 0 ? SF_KST_INTERRUPTED : SF_KST_VANISHED;
}

static int answer(struct sf_ksup *s, const struct seccomp_notif *req, const struct sf_kverdict *v)
{
	struct seccomp_notif_resp resp;
	memset(&resp, 0, sizeof resp);
	resp.id = req->id;
	if (v->err)
		resp.error = -v->err;
	else
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	if (ioctl(s->fd, SECCOMP_IOCTL_NOTIF_SEND, &resp) == 0)
		return v->err ? SF_KST_INJECTED : SF_KST_CONTINUED;
	return errno == ENOENT ? lost(req->pid) : -errno;
}

static void account(struct sf_ksup *s, const struct sf_kcall *c, const struct sf_kverdict *v, int st)
{
	if (st == SF_KST_INTERRUPTED || st == SF_KST_VANISHED) {
		s->interrupted += st == SF_KST_INTERRUPTED;
		s->vanished += st == SF_KST_VANISHED;
		if (s->hooks.dropped)
			s->hooks.dropped(s->hooks.ctx, c, v);
	} else {
		s->notified++;
		s->injected += st == SF_KST_INJECTED;
		sf_kgroup_add(&s->groups, &s->ngroups, &s->capgroups, c->call, c->site, st == SF_KST_INJECTED);
	}
	if (s->hooks.record)
		s->hooks.record(s->hooks.ctx, c, v, st);
}

int sf_ksup_handle(struct sf_ksup *s)
{
	struct seccomp_notif req;
	memset(&req, 0, sizeof req);
	if (ioctl(s->fd, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0)
		return errno == ENOENT || errno == EINTR ? 0 : -errno; /* ENOENT: caller gone */
	struct sf_kcall c;
	struct sf_kverdict v;
	memset(&v, 0, sizeof v);
	if (fill_call(s, &req, &c) < 0) {
		answer(s, &req, &v); /* not a shm call: the filter let it here by mistake */
		return 1;
	}
	s->hooks.decide(s->hooks.ctx, &c, &v);
	/* What was read from /proc may be a reused TID's: check the caller was
	 * still waiting (else SEND would fail with ENOENT all the same). */
	int st;
	if ((c.looked & SF_KLOOK_PROC) && ioctl(s->fd, SECCOMP_IOCTL_NOTIF_ID_VALID, &req.id) < 0)
		st = lost(c.tid);
	else
		st = answer(s, &req, &v);
	if (st < 0)
		return st;
	account(s, &c, &v, st);
	return 1;
}

int sf_ksup_run(struct sf_ksup *s)
{
	for (;;) {
		struct pollfd p = { s->fd, POLLIN, 0 };
		if (poll(&p, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (p.revents & POLLIN) {
			int r = sf_ksup_handle(s);
			if (r < 0)
				return r;
			continue;
		}
		if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
			return 0;
	}
}

void sf_ksup_close(struct sf_ksup *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	sf_kgroup_free(&s->groups, &s->ngroups, &s->capgroups);
	sf_ksitecache_free(&s->sites);
}
