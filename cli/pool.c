/* pool.c: see pool.h. */
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

struct slot {
	int job;                 /* -1 when free */
	int out_fd;              /* capture, -1 at EOF */
	int reported;
	struct sf_sandbox_slot sb; /* sb.helper < 0: not open */
	struct sf_sandbox_opts opts;
	struct sf_job *j;
};

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

static int start(struct slot *s, int i, struct sf_job *j, int devnull)
{
	int cp[2];
	memset(&s->opts, 0, sizeof s->opts);
	s->j = j;
	s->job = i;
	s->reported = 0;
	s->out_fd = -1;
	if (s->sb.helper < 0 && sf_slot_open(&s->sb, 0, j->res.err, sizeof j->res.err) < 0) {
		j->failed = 1;
		return -1;
	}
	if (pipe2(cp, O_CLOEXEC) < 0) {
		j->failed = 1;
		snprintf(j->res.err, sizeof j->res.err, "pipe: %s", strerror(errno));
		return -1;
	}
	s->opts.argv = j->argv;
	s->opts.envp = j->envp;
	s->opts.timeout = j->timeout;
	s->opts.state_path = j->state_path;
	s->opts.quiet = 1;
	s->opts.stdin_fd = devnull;
	s->opts.stdout_fd = j->merge_stdout ? cp[1] : devnull;
	s->opts.stderr_fd = cp[1];
	int rc = sf_slot_send(&s->sb, &s->opts, j->res.err, sizeof j->res.err);
	close(cp[1]);
	if (rc < 0) {
		close(cp[0]);
		j->failed = 1;
		sf_slot_kill(&s->sb);
		pid_t h = sf_slot_close(&s->sb);
		while (h > 0 && waitpid(h, NULL, 0) < 0 && errno == EINTR)
			;
		return -1;
	}
	s->out_fd = cp[0];
	fcntl(s->out_fd, F_SETFL, O_NONBLOCK);
	return 0;
}

int sf_pool_run(int njobs, int parallel, sf_pool_prepare prepare, sf_pool_done done, void *ctx)
{
	if (parallel < 1)
		parallel = 1;
	if (parallel > njobs)
		parallel = njobs > 0 ? njobs : 1;
	int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (devnull < 0)
		return -1;
	struct slot *slots = calloc((size_t)parallel, sizeof *slots);
	struct pollfd *pfd = calloc((size_t)parallel * 2, sizeof *pfd);
	struct sf_job *jobs = calloc((size_t)parallel, sizeof *jobs);
	struct pending pending = {0};
	static char buf[65536];
	if (!slots || !pfd || !jobs) {
		free(slots);
		free(pfd);
		free(jobs);
		close(devnull);
		return -1;
	}
	for (int k = 0; k < parallel; k++) {
		slots[k].job = -1;
		slots[k].sb.helper = -1;
		slots[k].sb.sock = -1;
	}
	struct sigaction sa, old[3];
	static const int sigs[3] = {SIGINT, SIGTERM, SIGHUP};
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* The signals stay blocked except inside ppoll, so one that arrives
	 * between the check of sf_pool_signal and the wait still wakes it. */
	sigset_t block, oldmask;
	sigemptyset(&block);
	for (int k = 0; k < 3; k++) {
		sigaddset(&block, sigs[k]);
		sigaction(sigs[k], &sa, &old[k]);
	}
	sigprocmask(SIG_BLOCK, &block, &oldmask);
	sigset_t waitmask = oldmask;
	for (int k = 0; k < 3; k++)
		sigdelset(&waitmask, sigs[k]);
	int next = 0, running = 0, killed = 0;
	while (next < njobs || running > 0) {
		pending_reap(&pending, 0);
		if (sf_pool_signal && !killed) {
			for (int k = 0; k < parallel; k++)
				if (slots[k].job >= 0)
					sf_slot_kill(&slots[k].sb);
			killed = 1;
			next = njobs;
		}
		/* fill free slots */
		for (int k = 0; k < parallel && next < njobs && !sf_pool_signal; k++) {
			if (slots[k].job >= 0)
				continue;
			struct sf_job *j = &jobs[k];
			memset(j, 0, sizeof *j);
			j->slot = k;
			int i = next++;
			if (prepare(ctx, i, j) < 0 || start(&slots[k], i, j, devnull) < 0) {
				j->failed = 1;
				slots[k].job = -1;
				done(ctx, i, j);
				k--; /* try this slot again with the next job */
				continue;
			}
			running++;
		}
		if (!running)
			continue;
		int np = 0;
		for (int k = 0; k < parallel; k++) {
			struct slot *s = &slots[k];
			if (s->job < 0)
				continue;
			if (s->out_fd >= 0)
				pfd[np++] = (struct pollfd){.fd = s->out_fd, .events = POLLIN};
			if (!s->reported)
				pfd[np++] = (struct pollfd){.fd = s->sb.sock, .events = POLLIN};
		}
		if (ppoll(pfd, (nfds_t)np, NULL, &waitmask) < 0 && errno != EINTR)
			break;
		for (int k = 0; k < parallel; k++) {
			struct slot *s = &slots[k];
			if (s->job < 0)
				continue;
			while (s->out_fd >= 0) {
				ssize_t n = read(s->out_fd, buf, sizeof buf);
				if (n > 0) {
					keep_tail(s->j, buf, (size_t)n);
					continue;
				}
				if (n < 0 && (errno == EAGAIN || errno == EINTR))
					break;
				close(s->out_fd);
				s->out_fd = -1;
			}
			if (!s->reported)
				s->reported = sf_slot_collect(&s->sb);
			if (s->reported && s->out_fd < 0) {
				if (sf_slot_result(&s->sb, &s->j->res) < 0)
					s->j->failed = 1;
				else if (s->j->res.slot_ends || killed)
					pending_add(&pending, sf_slot_close(&s->sb));
				if (killed) {
					s->j->failed = 1;
					snprintf(s->j->res.err, sizeof s->j->res.err, "interrupted");
				}
				int i = s->job;
				s->job = -1;
				running--;
				done(ctx, i, s->j);
			}
		}
	}
	for (int k = 0; k < parallel; k++)
		pending_add(&pending, sf_slot_close(&slots[k].sb));
	pending_reap(&pending, 1);
	free(pending.pid);
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
	for (int k = 0; k < 3; k++)
		sigaction(sigs[k], &old[k], NULL);
	free(slots);
	free(pfd);
	free(jobs);
	close(devnull);
	return sf_pool_signal ? -1 : 0;
}
