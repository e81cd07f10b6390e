/* decide.c: kernsup's rules, the --die-at and --signal-at test hooks, and
 * the per-call lines. */
#include <errno.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "decide.h"
#include "errnos.h"
#include "filter.h"
#include "procview.h"

int kd_add_rule(struct kd_ctx *k, const char *t)
{
	const char *c1 = strchr(t, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	if (!c2 || k->nrules == KD_MAX_RULES)
		return -1;
	struct kd_rule *r = &k->rules[k->nrules];
	r->call = sf_call_from_name(t, (unsigned long)(c1 - t));
	r->when = atol(c1 + 1);
	r->err = sf_errno_parse(c2 + 1, strlen(c2 + 1));
	if (r->call == SF_NCALLS || r->when < 0 || r->err <= 0)
		return -1;
	k->nrules++;
	return 0;
}

/* Bounded busy wait (no sleep): the kernel state changes within microseconds. */
#define SPIN_MAX 50000000L

static int signal_pending(pid_t tid, int sig)
{
	char p[64], line[128];
	unsigned long long mask = 0;
	snprintf(p, sizeof p, "/proc/%d/status", (int)tid);
	FILE *f = fopen(p, "re");
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "SigPnd: %llx", &mask) == 1)
			break;
	if (f)
		fclose(f);
	return (mask >> (sig - 1)) & 1;
}

/* Deliver the signal while the call waits, and wait until its effect shows:
 * with WAIT_KILLABLE_RECV it stays pending and the call keeps waiting;
 * without, the wait is interrupted and the notification id dies. */
static void signal_waiting_call(struct kd_ctx *k, struct sf_kcall *c)
{
	uint64_t id = c->id;
	syscall(SYS_tgkill, sf_kcall_pid(c), c->tid, k->signal_no);
	int killable = (k->sup->filter_flags & SF_KF_KILLABLE) != 0;
	long i;
	for (i = 0; i < SPIN_MAX; i++) {
		int valid = ioctl(sf_ksup_fd(k->sup), SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0;
		if (killable ? valid && signal_pending(c->tid, k->signal_no) : !valid)
			break;
		sched_yield();
	}
	printf("kernsup: signal %d sent; the call %s\n", k->signal_no,
	       i == SPIN_MAX ? "did not react (timeout)"
	       : killable    ? "still waits, signal pending"
			     : "was interrupted");
	fflush(stdout);
}

/* The personalities' inputs at syscall entry (procview.h): attachments of
 * the process, whether this segment is attached, its SHM_DEST bit. */
static void print_facts(struct sf_kcall *c)
{
	int key, dest = -1;
	pid_t pid = sf_kcall_pid(c);
	sf_kcall_key(c, &key);
	int n = sf_kview_attach_count(pid);
	int this = c->shmid >= 0 ? sf_kview_is_attached(pid, c->shmid) : -1;
	if (c->shmid >= 0 && sf_kview_stat(c->shmid, NULL, &dest) < 0)
		dest = -1;
	printf("kernsup: facts call=%s attached=%d this=%d dest=%d\n", sf_call_name(c->call), n, this, dest);
}

void kd_decide(void *ctx, struct sf_kcall *c, struct sf_kverdict *v)
{
	struct kd_ctx *k = ctx;
	k->notifs++;
	if (!k->quiet) { /* the record prints them; after the answer it is too late */
		sf_kcall_pid(c);
		sf_kcall_key(c, NULL);
	}
	if (k->notifs == k->die_at) {
		fflush(stdout);
		raise(SIGKILL);
	}
	if (k->notifs == k->signal_at)
		signal_waiting_call(k, c);
	if (k->facts)
		print_facts(c);
	long n = ++k->seen[c->call];
	for (int i = 0; i < k->nrules; i++) {
		const struct kd_rule *r = &k->rules[i];
		if (r->call == c->call && (r->when == 0 || r->when == n)) {
			v->err = r->err;
			snprintf(v->who, sizeof v->who, "rule %d", i + 1);
			return;
		}
	}
}

void kd_dropped(void *ctx, const struct sf_kcall *c, const struct sf_kverdict *v)
{
	struct kd_ctx *k = ctx;
	(void)v;
	k->seen[c->call]--; /* the restarted call is the same occurrence */
}

void kd_record(void *ctx, const struct sf_kcall *c, const struct sf_kverdict *v, int state)
{
	static const char *const states[] = { "continued", "injected", "interrupted", "vanished" };
	struct kd_ctx *k = ctx;
	if (k->quiet)
		return;
	const char *en = v->err ? sf_errno_name(v->err) : NULL;
	printf("kernsup: call=%s site=%s state=%s verdict=%s who=%s tid=%d pid=%d", sf_call_name(c->call),
	       c->site, states[state], en ? en : "go", v->who[0] ? v->who : "-", (int)c->tid, (int)c->pid);
	if (c->has_key)
		printf(" key=0x%08x", (unsigned)c->key);
	if (c->shmid >= 0)
		printf(" shmid=%d", c->shmid);
	printf("\n");
	fflush(stdout);
}
