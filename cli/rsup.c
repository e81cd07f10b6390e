/* rsup.c: the reaper's seccomp supervisor for one run (see rsup.h). */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <unistd.h>

#include "group.h"
#include "rengine.h"
#include "rsup.h"

/* The preload backend: every notified call is recorded and let through
 * (its record is the summary's line).  Under seccomp and auto the engine
 * decides it, as the interposer would have. */
static void decide(void *ctx, struct sf_kcall *c, struct sf_kverdict *v)
{
	struct sf_rsup *r = ctx;
	if (c->call == SF_SHMGET && ((c->args[2] & IPC_CREAT) || (key_t)c->args[0] == IPC_PRIVATE)) {
		pid_t p = sf_kcall_pid(c);
		int seen = 0;
		for (int i = 0; i < r->ncreators; i++)
			seen |= r->creators[i] == p;
		if (!seen && r->ncreators < (int)(sizeof r->creators / sizeof *r->creators))
			r->creators[r->ncreators++] = p;
	}
	if (r->eng)
		sf_rengine_decide(r->eng, c, v);
}

void sf_rsup_start(struct sf_rsup *r, int fd, unsigned used, struct sf_rengine *eng)
{
	memset(r, 0, sizeof *r);
	r->eng = eng;
	if (fd < 0) {
		r->k.fd = -1;
		return;
	}
	struct sf_khooks h = {decide, NULL, NULL, r};
	sf_ksup_init(&r->k, fd, used, &h);
	r->on = 1;
}

int sf_rsup_fd(const struct sf_rsup *r)
{
	return r->on && !r->failed ? sf_ksup_fd(&r->k) : -1;
}

void sf_rsup_event(struct sf_rsup *r, short revents)
{
	if (!r->on || r->failed)
		return;
	if (revents & POLLIN) {
		int e = sf_ksup_handle(&r->k);
		if (e < 0) {
			/* pending and later calls now fail ENOSYS instead of
			 * waiting for an answer that cannot come */
			r->failed = e;
			close(r->k.fd);
			r->k.fd = -1;
		}
		return;
	}
	/* POLLHUP: every task under the filter is gone; nothing more comes.
	 * The listener stays open until finish (the counts are kept). */
	if (revents & (POLLHUP | POLLERR | POLLNVAL))
		r->on = 2;
}

static void copy_groups(const struct sf_rsup *r, struct sf_sandbox_result *res)
{
	res->nbypassed = r->k.notified;
	res->ninjected = r->k.injected;
	res->ninterrupted = r->k.interrupted;
	for (size_t i = 0; i < r->k.ngroups && i < SF_MAX_BYPASS; i++) {
		struct sf_bypass *b = &res->bypass[res->nbypass++];
		b->call = (int)r->k.groups[i].call;
		b->count = r->k.groups[i].count;
		b->injected = r->k.groups[i].injected;
		snprintf(b->site, sizeof b->site, "%s", r->k.groups[i].site);
	}
	FILE *f = fmemopen(res->bypass_line, sizeof res->bypass_line, "w");
	if (f) {
		sf_ksup_summary(&r->k, "shmfault", f);
		fclose(f);
	}
	/* fmemopen keeps a NUL inside the buffer; drop the trailing newline */
	res->bypass_line[sizeof res->bypass_line - 1] = 0;
	size_t n = strlen(res->bypass_line);
	if (n && res->bypass_line[n - 1] == '\n')
		res->bypass_line[n - 1] = 0;
}

void sf_rsup_finish(struct sf_rsup *r, struct sf_sandbox_result *res)
{
	if (!r->on && !r->failed)
		return;
	res->kfilter = 1;
	copy_groups(r, res);
	if (r->eng && r->eng->refused[0] && !r->failed) {
		res->sup_failed = 1;
		snprintf(res->err, sizeof res->err, "%.250s", r->eng->refused);
	}
	if (r->failed) {
		res->sup_failed = 1;
		snprintf(res->err, sizeof res->err,
			 "the seccomp supervisor failed (%s): this run is an error, not a result", strerror(-r->failed));
	}
	sf_ksup_close(&r->k);
	r->on = 0;
}
