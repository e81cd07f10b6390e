/*
 * shmat.c: conformance of shmat(2) and shmdt(2): addresses (NULL, fixed,
 * SHM_RND, unaligned, occupied, SHM_REMAP), permissions, SHM_RDONLY,
 * repeated attaches, detach errors, shm_lpid on detach.
 */
#include "conf.h"
#include <sys/mman.h>

static int g_id;

static int attach_child(void *arg)
{
	void *p = shmat(g_id, NULL, arg ? SHM_RDONLY : 0);
	if (p == (void *)-1)
		return errno;
	shmdt(p);
	return 0;
}

/* A free address: attach a throwaway segment, note where, detach (LTP's PROBE_FREE_ADDR). */
static char *free_addr(size_t size)
{
	int id = shmget(IPC_PRIVATE, size * 4, IPC_CREAT | 0600);
	char *p = shmat(id, NULL, 0);
	conf_rm(id);
	if (p == (void *)-1)
		return NULL;
	shmdt(p);
	return p + size; /* inside the probed hole, page aligned */
}

static int fixed_ok(void)
{
	const struct conf_row *r = conf_row("attach_fixed_free_addr");
	return !r || strcmp(conf_result(r->expect), "ok") == 0;
}

/* Whether a child is killed by SIGSEGV writing through p (or reading when !write). */
static int segv_child(volatile char *p, int do_write)
{
	pid_t pid;
	int st;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL); /* not a sanitizer's handler: die by the signal */
		signal(SIGBUS, SIG_DFL);
		if (do_write)
			p[0] = 1;
		else
			(void)p[0];
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV;
}

/* COVER(shmat | attach at a system-chosen address (NULL) | ok | native | - | shmat01) */
/* COVER(shmat | errno unchanged by a successful shmat and shmdt | ok | native | - | -) */
/* COVER(shmat | attach at a free page-aligned address | ok | native | attach_fixed_free_addr | shmat01) */
/* COVER(shmat | unaligned address with SHM_RND rounds down to SHMLBA | ok | native | - | shmat01) */
/* COVER(shmat | write through a SHM_RDONLY attach kills with SIGSEGV | SIGSEGV | native | - | shmat01) */
static void addresses(void)
{
	struct conf_exp e;
	long pg = conf_pagesize();
	size_t size = (size_t)pg * 2;
	const char *cond;
	char got[128];
	int id = shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
	struct shmid_ds ds;

	cond = "attach at a system-chosen address (NULL): nattch 1, lpid the caller";
	errno = EBADF;
	char *p = shmat(id, NULL, 0);
	int err = errno;
	if (p == (void *)-1) {
		conf_point(0, "shmat", "-", cond, "shmat(2); POSIX shmat", "ok", conf_errname(err));
	} else {
		shmctl(id, IPC_STAT, &ds);
		snprintf(got, sizeof got, "nattch=%lu,lpid=%ld", (unsigned long)ds.shm_nattch, (long)ds.shm_lpid);
		char exp[64];
		snprintf(exp, sizeof exp, "nattch=1,lpid=%ld", (long)getpid());
		conf_point(ds.shm_nattch == 1 && ds.shm_lpid == getpid() && ds.shm_atime != 0, "shmat", "-", cond,
			   "POSIX shmat (shm_nattch, shm_lpid, shm_atime)", exp, got);
		cond = "errno unchanged by a successful shmat";
		conf_point(err == EBADF, "shmat", "-", cond, "POSIX errno (unchanged on success)", "EBADF", conf_errname(err));
		errno = EBADF;
		int r = shmdt(p);
		cond = "errno unchanged by a successful shmdt";
		conf_point(r == 0 && errno == EBADF, "shmdt", "-", cond, "POSIX errno (unchanged on success)", "EBADF",
			   r ? conf_errname(errno) : conf_errname(errno));
	}

	cond = "attach at a free page-aligned address";
	char *want = free_addr(size);
	if (conf_expect(&e, "shmat", "attach_fixed_free_addr", cond, "ok", "shmat(2); POSIX shmat")) {
		p = shmat(id, want, 0);
		err = errno;
		if (strcmp(e.result, "ok") == 0 && p != (void *)-1 && p != want) {
			snprintf(got, sizeof got, "attached at %p, not %p", (void *)p, (void *)want);
			conf_point(0, "shmat", "attach_fixed_free_addr", cond, e.rule, e.expect, got);
		} else {
			conf_outcome("shmat", "attach_fixed_free_addr", cond, e.rule, e.result, p == (void *)-1, err);
		}
		if (p != (void *)-1)
			shmdt(p);
	}

	cond = "unaligned address with SHM_RND is rounded down to SHMLBA";
	if (!fixed_ok()) {
		conf_skip("shmat", cond, "this platform refuses any non-zero address at first attach (attach_fixed_free_addr)");
	} else {
		char *a = free_addr((size_t)SHMLBA * 2);
		char *aligned = a ? (char *)((unsigned long)a / SHMLBA * SHMLBA) : NULL;
		if (!aligned) {
			conf_point(0, "shmat", "-", cond, "shmat(2) SHM_RND; POSIX shmat", "ok", "no free address");
		} else {
			p = shmat(id, aligned + 123, SHM_RND);
			err = errno;
			snprintf(got, sizeof got, "%p", p == (void *)-1 ? NULL : (void *)p);
			char exp[64];
			snprintf(exp, sizeof exp, "%p", (void *)aligned);
			conf_point(p == aligned, "shmat", "-", cond, "shmat(2) SHM_RND; POSIX shmat", exp,
				   p == (void *)-1 ? conf_errname(err) : got);
			if (p != (void *)-1)
				shmdt(p);
		}
	}

	cond = "write through a SHM_RDONLY attach kills the writer with SIGSEGV";
	p = shmat(id, NULL, SHM_RDONLY);
	if (p == (void *)-1) {
		conf_point(0, "shmat", "-", cond, "shmat(2) SHM_RDONLY", "SIGSEGV", conf_errname(errno));
	} else {
		int k = segv_child(p, 1);
		conf_point(k == 1, "shmat", "-", cond, "shmat(2) SHM_RDONLY; POSIX shmat", "SIGSEGV", k == 1 ? "SIGSEGV" : "no signal");
		shmdt(p);
	}
	conf_rm(id);
}

/* COVER(shmat | invalid id (-1) | EINVAL | native | attach_invalid_id | shmat02) */
/* COVER(shmat | unaligned address without SHM_RND | EINVAL | native | attach_unaligned_addr | shmat02) */
/* COVER(shmat | no read/write permission (uid 65534 on a 0600 segment) | EACCES | native | nonreader_attach | shmat02) */
/* COVER(shmat | SHM_RDONLY without read permission | EACCES | native | nonreader_attach | shmat02) */
/* COVER(shmat | SHM_REMAP with a NULL address, or rounding to 0 | EINVAL | table | attach_remap_null | shmat03) */
static void errors(void)
{
	struct conf_exp e;
	const char *cond;
	char *p;
	int id = shmget(IPC_PRIVATE, (size_t)conf_pagesize(), IPC_CREAT | 0600);

	cond = "invalid id (-1)";
	if (conf_expect(&e, "shmat", "attach_invalid_id", cond, "EINVAL", "shmat(2) EINVAL; POSIX shmat")) {
		p = shmat(-1, NULL, 0);
		conf_outcome("shmat", "attach_invalid_id", cond, e.rule, e.result, p == (void *)-1, errno);
	}
	cond = "unaligned address without SHM_RND";
	if (conf_expect(&e, "shmat", "attach_unaligned_addr", cond, "EINVAL", "shmat(2) EINVAL; POSIX shmat")) {
		char *a = free_addr((size_t)SHMLBA * 2);
		p = shmat(id, a ? a + 1 : (void *)1, 0);
		conf_outcome("shmat", "attach_unaligned_addr", cond, e.rule, e.result, p == (void *)-1, errno);
		if (p != (void *)-1)
			shmdt(p);
	}
	for (int ro = 0; ro < 2; ro++) {
		cond = ro ? "SHM_RDONLY by uid 65534 on a 0600 segment (no read permission)"
			  : "read-write attach by uid 65534 on a 0600 segment";
		if (!conf_expect(&e, "shmat", "nonreader_attach", cond, "EACCES", "shmat(2) EACCES; POSIX shmat"))
			continue;
		if (!conf_can_drop()) {
			conf_skip("shmat", cond, "needs root to run a child as uid 65534");
			continue;
		}
		g_id = id;
		int v = conf_in_child(1, attach_child, ro ? (void *)1 : NULL);
		conf_outcome("shmat", "nonreader_attach", cond, e.rule, e.result, v != 0, v);
	}
#ifdef SHM_REMAP
	cond = "SHM_REMAP with a NULL address";
	if (conf_expect(&e, "shmat", "attach_remap_null", cond, NULL, NULL)) {
		p = shmat(id, NULL, SHM_REMAP);
		conf_outcome("shmat", "attach_remap_null", cond, e.rule, e.result, p == (void *)-1, errno);
		if (p != (void *)-1)
			shmdt(p);
	}
	cond = "SHM_RND|SHM_REMAP with address 1 (rounds to 0): never maps page 0";
	if (conf_expect(&e, "shmat", "attach_remap_null", cond, NULL, NULL)) {
		p = shmat(id, (void *)1, SHM_RND | SHM_REMAP);
		conf_outcome("shmat", "attach_remap_null", cond, e.rule, e.result, p == (void *)-1, errno);
		if (p != (void *)-1)
			shmdt(p);
	}
#else
	conf_skip("shmat", "SHM_REMAP with a NULL address", "SHM_REMAP not defined here");
#endif
	conf_rm(id);
}

/* COVER(shmat | fixed address already mapped, without SHM_REMAP | EINVAL/ENOMEM | table | attach_occupied_fixed | -) */
/* COVER(shmat | fixed address already mapped, with SHM_REMAP | ok | linux | - | -) */
/* COVER(shmat | same segment attached a second time by the same process | ok | table | second_attach_same_segment | -) */
static void overlap(void)
{
	struct conf_exp e;
	const char *cond;
	size_t size = (size_t)conf_pagesize();
	int a = shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
	int b = shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
	char *pa = shmat(a, NULL, 0), *pb;

	cond = "fixed address already mapped by another segment, without SHM_REMAP";
	if (conf_expect(&e, "shmat", "attach_occupied_fixed", cond, NULL, NULL)) {
		pb = shmat(b, pa, 0);
		conf_outcome("shmat", "attach_occupied_fixed", cond, e.rule, e.result, pb == (void *)-1, errno);
		if (pb != (void *)-1 && pb != pa)
			shmdt(pb);
	}
#ifdef SHM_REMAP
	cond = "fixed address already mapped by another segment, with SHM_REMAP";
	if (!conf_native()) {
		conf_skip("shmat", cond, "Linux kernel only (SHM_REMAP semantics differ elsewhere)");
	} else {
		pb = shmat(b, pa, SHM_REMAP);
		conf_point(pb == pa, "shmat", "-", cond, "shmop(2) SHM_REMAP", "ok (same address)", pb == (void *)-1 ? conf_errname(errno) : pb == pa ? "ok (same address)" : "another address");
		if (pb != (void *)-1)
			shmdt(pb);
		pa = (void *)-1;
	}
#endif
	if (pa != (void *)-1)
		shmdt(pa);

	cond = "the same segment attached a second time by the same process";
	if (conf_expect(&e, "shmat", "second_attach_same_segment", cond, NULL, NULL)) {
		char *p1 = shmat(a, NULL, 0);
		char *p2 = shmat(a, NULL, 0);
		int err = errno;
		int ok2 = p2 != (void *)-1;
		if (ok2 && p1 != (void *)-1 && strcmp(e.result, "ok") == 0) {
			/* both attachments see the same memory */
			p1[0] = 'x';
			if (p2[0] != 'x') {
				conf_point(0, "shmat", "second_attach_same_segment", cond, e.rule, e.expect, "ok, but not the same memory");
				ok2 = -1;
			}
		}
		if (ok2 >= 0)
			conf_outcome("shmat", "second_attach_same_segment", cond, e.rule, e.result, !ok2, err);
		if (p1 != (void *)-1)
			shmdt(p1);
		if (p2 != (void *)-1)
			shmdt(p2);
	}
	conf_rm(a);
	conf_rm(b);
}

/* COVER(shmdt | address inside a segment, not its start | EINVAL | native | detach_not_start | shmdt02) */
/* COVER(shmdt | address where nothing is attached | EINVAL | native | detach_not_attached | shmdt02) */
/* COVER(shmdt | after shmdt: nattch 0, dtime set, the old address faults | SIGSEGV | native | - | shmdt01) */
/* COVER(shmat | mprotect splitting an attach does not leak shm_nattch | ok | native | - | shmat04) */
static void detach(void)
{
	struct conf_exp e;
	const char *cond;
	long pg = conf_pagesize();
	int id = shmget(IPC_PRIVATE, (size_t)pg * 3, IPC_CREAT | 0600);
	char *p = shmat(id, NULL, 0);
	struct shmid_ds ds;
	char got[128];
	int r;

	cond = "address inside a segment, not its start";
	if (conf_expect(&e, "shmdt", "detach_not_start", cond, "EINVAL", "shmdt(2) EINVAL; POSIX shmdt")) {
		r = shmdt(p + pg);
		conf_outcome("shmdt", "detach_not_start", cond, e.rule, e.result, r == -1, errno);
	}
	cond = "unaligned address inside a segment";
	if (conf_expect(&e, "shmdt", "detach_not_start", cond, "EINVAL", "shmdt(2) EINVAL; POSIX shmdt")) {
		r = shmdt(p + 1);
		conf_outcome("shmdt", "detach_not_start", cond, e.rule, e.result, r == -1, errno);
	}
	cond = "address where nothing is attached";
	if (conf_expect(&e, "shmdt", "detach_not_attached", cond, "EINVAL", "shmdt(2) EINVAL; POSIX shmdt")) {
		static char buf[1];
		r = shmdt(buf);
		conf_outcome("shmdt", "detach_not_attached", cond, e.rule, e.result, r == -1, errno);
	}
	cond = "after shmdt: nattch 0, dtime set, and the old address faults";
	r = shmdt(p);
	shmctl(id, IPC_STAT, &ds);
	{
		int k = r == 0 ? segv_child(p, 1) : 0;
		snprintf(got, sizeof got, "shmdt=%d,nattch=%lu,dtime=%s,%s", r, (unsigned long)ds.shm_nattch,
			 ds.shm_dtime ? "set" : "0", k == 1 ? "SIGSEGV" : "no fault");
		conf_point(r == 0 && ds.shm_nattch == 0 && ds.shm_dtime != 0 && k == 1, "shmdt", "-", cond,
			   "shmdt(2); POSIX shmdt", "shmdt=0,nattch=0,dtime=set,SIGSEGV", got);
	}

	cond = "mprotect splitting an attach, then shmdt: shm_nattch back to 0";
	p = shmat(id, NULL, 0);
	if (p == (void *)-1 || mprotect(p + pg, (size_t)pg, PROT_READ) != 0 ||
	    mprotect(p + pg, (size_t)pg, PROT_READ | PROT_WRITE) != 0) {
		conf_point(0, "shmat", "-", cond, "LTP shmat04 (vma split)", "nattch=0", conf_errname(errno));
	} else {
		shmctl(id, IPC_STAT, &ds);
		unsigned long n1 = (unsigned long)ds.shm_nattch;
		shmdt(p);
		shmctl(id, IPC_STAT, &ds);
		snprintf(got, sizeof got, "nattch=%lu while attached, %lu after shmdt", n1, (unsigned long)ds.shm_nattch);
		/* Linux counts each piece of a split mapping (3 here); the
		 * point is that none of them is left behind. */
		conf_point(n1 >= 1 && ds.shm_nattch == 0, "shmat", "-", cond, "LTP shmat04 (vma split)",
			   "nattch>=1 while attached, 0 after shmdt", got);
	}
	conf_rm(id);
}

/* COVER(shmdt | shm_lpid after a detach: the detaching process or the last attacher | lpid | table | detach_lpid | -) */
static void detach_lpid(void)
{
	struct conf_exp e;
	const char *cond = "shm_lpid after P attaches, C attaches, P detaches";
	int p0[2], p1[2], p2[2];
	pid_t c;
	char x = 0, got[96], exp[96];
	struct shmid_ds ds;

	if (!conf_expect(&e, "shmdt", "detach_lpid", cond, NULL, NULL))
		return;
	int id = shmget(IPC_PRIVATE, (size_t)conf_pagesize(), IPC_CREAT | 0600);
	if (pipe(p0) || pipe(p1) || pipe(p2))
		return;
	fflush(stdout);
	c = fork();
	if (c == 0) {
		if (read(p0[0], &x, 1) != 1)
			_exit(1);
		void *q = shmat(id, NULL, 0);
		x = q == (void *)-1 ? 'f' : 'a';
		if (write(p1[1], &x, 1) != 1 || read(p2[0], &x, 1) != 1)
			_exit(1);
		_exit(0);
	}
	char *p = shmat(id, NULL, 0);
	x = 'g';
	if (write(p0[1], &x, 1) != 1 || read(p1[0], &x, 1) != 1)
		x = 'f';
	shmdt(p);
	shmctl(id, IPC_STAT, &ds);
	if (write(p2[1], &x, 1) != 1)
		x = 'f';
	waitpid(c, NULL, 0);
	close(p0[0]); close(p0[1]); close(p1[0]); close(p1[1]); close(p2[0]); close(p2[1]);
	const char *mode = conf_param(e.expect, "lpid");
	pid_t want = mode && strcmp(mode, "shmdt") == 0 ? getpid() : c;
	snprintf(exp, sizeof exp, "%s (pid %ld)", e.expect, (long)want);
	snprintf(got, sizeof got, "lpid=%ld (P=%ld, C=%ld)", (long)ds.shm_lpid, (long)getpid(), (long)c);
	conf_point(ds.shm_lpid == want, "shmdt", "detach_lpid", cond, e.rule, exp, got);
	conf_rm(id);
}

int main(void)
{
	conf_load();
	tap_plan(0);
	addresses();
	errors();
	overlap();
	detach();
	detach_lpid();
	return tap_done();
}
