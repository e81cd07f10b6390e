/* pool.c: see pool.h. Each runner is a sandbox slot (sandbox.h) with up to
 * SF_POOL_DEPTH jobs handed to it: the one running and the next, so the
 * reaper starts the next run as soon as it has reported the last, without
 * waiting for us to read the report. A runner's jobs sit in its lanes;
 * reports come back in the order the jobs were sent. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pool.h"

volatile int sf_pool_signal;

static void on_signal(int sig)
{
	sf_pool_signal = sig;
}

struct lane {
	int job;                 /* -1 when free */
	int sent;                /* handed to the runner (0: waits for one) */
	int out_fd;              /* capture, -1 at EOF */
	int reported;
	struct sf_job j;
};

struct runner {
	struct sf_sandbox_slot sb; /* sb.helper < 0: not open */
	int fifo[SF_POOL_DEPTH];   /* lanes sent and not yet reported, oldest first */
	int nfifo;
	int reusable;              /* reported once without slot_ends */
};

/* Helpers of closed slots, reaped as they end, all before sf_pool_run
 * returns. */
struct pending {
	pid_t *pid;
	int n, cap;
};

static void pending_add(struct pending *p, pid_t h)
{
	if (h <= 0)
		return;
	if (p->n == p->cap) {
		int cap = p->cap ? 2 * p->cap : 8;
		pid_t *np = realloc(p->pid, (size_t)cap * sizeof *np);
		if (!np) {
			while (waitpid(h, NULL, 0) < 0 && errno == EINTR)
				;
			return;
		}
		p->pid = np;
		p->cap = cap;
	}
	p->pid[p->n++] = h;
}

static void pending_reap(struct pending *p, int block)
{
	for (int k = 0; k < p->n;) {
		pid_t r;
		while ((r = waitpid(p->pid[k], NULL, block ? 0 : WNOHANG)) < 0 && errno == EINTR)
			;
		if (r != 0)
			p->pid[k] = p->pid[--p->n];
		else
			k++;
	}
}

static void keep_tail(struct sf_job *j, const char *buf, size_t n)
{
	j->out_bytes += n;
	if (n >= SF_TAIL) {
		memcpy(j->tail, buf + n - SF_TAIL, SF_TAIL);
		j->tail_len = SF_TAIL;
		return;
	}
	if (j->tail_len + n > SF_TAIL) {
		size_t drop = j->tail_len + n - SF_TAIL;
		memmove(j->tail, j->tail + drop, j->tail_len - drop);
		j->tail_len -= drop;
	}
	memcpy(j->tail + j->tail_len, buf, n);
	j->tail_len += n;
}

/* Hand lane l's job to runner r (opened first if need be), with a new
 * capture pipe. 0, or -1 with the lane's job failed. */
static void close_runner(struct runner *r, struct pending *pending)
{
	pending_add(pending, sf_slot_close(&r->sb));
	r->reusable = 0;
}

static int send_lane(struct runner *r, struct lane *l, int lane_no, int devnull, struct pending *pending)
{
	struct sf_job *j = &l->j;
	struct sf_sandbox_opts o;
	int cp[2];
	if (r->sb.helper < 0) {
		if (sf_slot_open(&r->sb, 0, j->res.err, sizeof j->res.err) < 0)
			return -1;
		r->reusable = 0;
	}
	if (pipe2(cp, O_CLOEXEC) < 0) {
		snprintf(j->res.err, sizeof j->res.err, "pipe: %s", strerror(errno));
		return -1;
	}
	memset(&o, 0, sizeof o);
	o.argv = j->argv;
	o.envp = j->envp;
	o.timeout = j->timeout;
	o.state_path = j->state_path;
	o.quiet = 1;
	o.stdin_fd = devnull;
	o.stdout_fd = j->merge_stdout ? cp[1] : devnull;
	o.stderr_fd = cp[1];
	int rc = sf_slot_send(&r->sb, &o, j->res.err, sizeof j->res.err);
	close(cp[1]);
	if (rc < 0) {
		close(cp[0]);
		/* a broken socket: with runs in flight, their reports (or the
		 * end of them) tell; otherwise start again with a new runner */
		if (r->nfifo == 0) {
			sf_slot_kill(&r->sb);
			close_runner(r, pending);
		}
		return -1;
	}
	l->out_fd = cp[0];
	fcntl(l->out_fd, F_SETFL, O_NONBLOCK);
	l->sent = 1;
	l->reported = 0;
	r->fifo[r->nfifo++] = lane_no;
	return 0;
}

/* The runner is gone (or going) with jobs not reported: they never ran,
 * so they wait for the runner to be reopened. */
static void requeue_rest(struct runner *r, struct lane *lanes)
{
	for (int q = 0; q < r->nfifo; q++) {
		struct lane *l = &lanes[r->fifo[q]];
		if (l->out_fd >= 0)
			close(l->out_fd);
		l->out_fd = -1;
		l->sent = 0;
		l->j.tail_len = 0;
		l->j.out_bytes = 0;
	}
	r->nfifo = 0;
}

/* The pool while it runs. */
struct pool {
	int njobs, parallel, nlanes;
	sf_pool_prepare prepare;
	sf_pool_done done;
	void *ctx;
	int devnull;
	struct runner *runners;
	struct lane *lanes;
	struct pollfd *pfd;
	struct pending pending;
	int next, running, killed;
	struct sigaction old[3];
	sigset_t oldmask, waitmask;
};

static const int pool_sigs[3] = {SIGINT, SIGTERM, SIGHUP};

/* The signals stay blocked except inside ppoll, so one that arrives
 * between the check of sf_pool_signal and the wait still wakes it. */
static void signals_catch(struct pool *p)
{
	struct sigaction sa;
	sigset_t block;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (int k = 0; k < 3; k++) {
		sigaddset(&block, pool_sigs[k]);
		sigaction(pool_sigs[k], &sa, &p->old[k]);
	}
	sigprocmask(SIG_BLOCK, &block, &p->oldmask);
	p->waitmask = p->oldmask;
	for (int k = 0; k < 3; k++)
		sigdelset(&p->waitmask, pool_sigs[k]);
}

static void signals_restore(struct pool *p)
{
	sigprocmask(SIG_SETMASK, &p->oldmask, NULL);
	for (int k = 0; k < 3; k++)
		sigaction(pool_sigs[k], &p->old[k], NULL);
}

static int pool_open(struct pool *p)
{
	p->nlanes = p->parallel * SF_POOL_DEPTH;
	p->devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (p->devnull < 0)
		return -1;
	p->runners = calloc((size_t)p->parallel, sizeof *p->runners);
	p->lanes = calloc((size_t)p->nlanes, sizeof *p->lanes);
	p->pfd = calloc((size_t)p->nlanes + (size_t)p->parallel, sizeof *p->pfd);
	if (!p->runners || !p->lanes || !p->pfd) {
		free(p->runners);
		free(p->lanes);
		free(p->pfd);
		close(p->devnull);
		return -1;
	}
	for (int k = 0; k < p->parallel; k++) {
		p->runners[k].sb.helper = -1;
		p->runners[k].sb.sock = -1;
	}
	for (int k = 0; k < p->nlanes; k++) {
		p->lanes[k].job = -1;
		p->lanes[k].out_fd = -1;
	}
	return 0;
}

static void pool_close(struct pool *p)
{
	for (int k = 0; k < p->parallel; k++)
		close_runner(&p->runners[k], &p->pending);
	pending_reap(&p->pending, 1);
	free(p->pending.pid);
	for (int k = 0; k < p->nlanes; k++)
		if (p->lanes[k].out_fd >= 0)
			close(p->lanes[k].out_fd);
	free(p->runners);
	free(p->lanes);
	free(p->pfd);
	close(p->devnull);
}

/* Lane l's job is over: to the caller. */
static void lane_done(struct pool *p, struct lane *l)
{
	int i = l->job;
	l->job = -1;
	l->reported = 0;
	l->sent = 0;
	p->running--;
	p->done(p->ctx, i, &l->j);
}

/* Jobs that waited for their runner (reopened) go first. */
static void resend_waiting(struct pool *p, int k)
{
	struct runner *r = &p->runners[k];
	for (int d = 0; d < SF_POOL_DEPTH; d++) {
		int ln = k * SF_POOL_DEPTH + d;
		struct lane *l = &p->lanes[ln];
		if (l->job < 0 || l->sent)
			continue;
		if (p->killed) {
			l->j.failed = 1;
			snprintf(l->j.res.err, sizeof l->j.res.err, "interrupted");
		} else if (r->nfifo > 0 && !r->reusable)
			continue;
		else if (send_lane(r, l, ln, p->devnull, &p->pending) == 0)
			continue;
		else
			l->j.failed = 1;
		lane_done(p, l);
	}
}

/* New jobs: one per runner, or SF_POOL_DEPTH once it has shown it runs one
 * after another. */
static void start_new(struct pool *p, int k)
{
	struct runner *r = &p->runners[k];
	for (int d = 0; d < SF_POOL_DEPTH && p->next < p->njobs && !p->killed; d++) {
		int ln = k * SF_POOL_DEPTH + d;
		struct lane *l = &p->lanes[ln];
		if (l->job >= 0 || (r->nfifo > 0 && !r->reusable))
			continue;
		memset(&l->j, 0, sizeof l->j);
		l->j.slot = ln;
		l->out_fd = -1;
		l->sent = 0;
		int i = p->next++;
		if (p->prepare(p->ctx, i, &l->j) < 0 || send_lane(r, l, ln, p->devnull, &p->pending) < 0) {
			l->j.failed = 1;
			p->done(p->ctx, i, &l->j);
			d--; /* this lane again, with the next job */
			continue;
		}
		l->job = i;
		p->running++;
	}
}

/* Wait for output or a report. 0, or -1 when ppoll failed. */
static int wait_any(struct pool *p)
{
	int np = 0;
	for (int k = 0; k < p->nlanes; k++)
		if (p->lanes[k].job >= 0 && p->lanes[k].out_fd >= 0)
			p->pfd[np++] = (struct pollfd){.fd = p->lanes[k].out_fd, .events = POLLIN};
	for (int k = 0; k < p->parallel; k++)
		if (p->runners[k].nfifo > 0)
			p->pfd[np++] = (struct pollfd){.fd = p->runners[k].sb.sock, .events = POLLIN};
	if (np == 0)
		return 0;
	return ppoll(p->pfd, (nfds_t)np, NULL, &p->waitmask) < 0 && errno != EINTR ? -1 : 0;
}

static void drain_output(struct pool *p)
{
	static char buf[65536];
	for (int k = 0; k < p->nlanes; k++) {
		struct lane *l = &p->lanes[k];
		while (l->job >= 0 && l->out_fd >= 0) {
			ssize_t n = read(l->out_fd, buf, sizeof buf);
			if (n > 0) {
				keep_tail(&l->j, buf, (size_t)n);
				continue;
			}
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				break;
			close(l->out_fd);
			l->out_fd = -1;
		}
	}
}

static void collect_reports(struct pool *p)
{
	for (int k = 0; k < p->parallel; k++) {
		struct runner *r = &p->runners[k];
		while (r->nfifo > 0 && sf_slot_collect(&r->sb)) {
			struct lane *head = &p->lanes[r->fifo[0]];
			int ok = sf_slot_result(&r->sb, &head->j.res) == 0;
			head->reported = 1;
			memmove(r->fifo, r->fifo + 1, (size_t)(--r->nfifo) * sizeof *r->fifo);
			if (!ok) {
				/* the runner died: this job with it; the others never ran */
				head->j.failed = 1;
				requeue_rest(r, p->lanes);
			} else if (head->j.res.slot_ends || p->killed) {
				requeue_rest(r, p->lanes);
				close_runner(r, &p->pending);
			} else
				r->reusable = 1;
		}
	}
}

/* Jobs reported and drained: done. */
static void finish_lanes(struct pool *p)
{
	for (int k = 0; k < p->nlanes; k++) {
		struct lane *l = &p->lanes[k];
		if (l->job < 0 || !l->reported || l->out_fd >= 0)
			continue;
		if (p->killed) {
			l->j.failed = 1;
			snprintf(l->j.res.err, sizeof l->j.res.err, "interrupted");
		}
		lane_done(p, l);
	}
}

int sf_pool_run(int njobs, int parallel, sf_pool_prepare prepare, sf_pool_done done, void *ctx)
{
	struct pool p = {.njobs = njobs, .parallel = parallel, .prepare = prepare, .done = done, .ctx = ctx};
	if (p.parallel < 1)
		p.parallel = 1;
	if (p.parallel > njobs)
		p.parallel = njobs > 0 ? njobs : 1;
	if (pool_open(&p) < 0)
		return -1;
	signals_catch(&p);
	while (p.next < njobs || p.running > 0) {
		pending_reap(&p.pending, 0);
		if (sf_pool_signal && !p.killed) {
			for (int k = 0; k < p.parallel; k++)
				if (p.runners[k].nfifo > 0)
					sf_slot_kill(&p.runners[k].sb);
			p.killed = 1;
			p.next = njobs;
		}
		for (int k = 0; k < p.parallel; k++) {
			resend_waiting(&p, k);
			start_new(&p, k);
		}
		if (!p.running)
			continue;
		if (wait_any(&p) < 0)
			break;
		drain_output(&p);
		collect_reports(&p);
		finish_lanes(&p);
	}
	pool_close(&p);
	signals_restore(&p);
	return sf_pool_signal ? -1 : 0;
}
