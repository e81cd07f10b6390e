/*
 * shmget.c: conformance of shmget(2): lookup and creation errors, the
 * existing-key check order, permission semantics, the first id, the
 * initial state of a new segment. Limits (shmmax, shmmni, shmall) are in
 * limits.c.
 */
#include "conf.h"
#include <time.h>

#ifndef SHM_R
#define SHM_R 0400
#endif
#ifndef SHM_W
#define SHM_W 0200
#endif

static int g_id;
static key_t g_key;
static size_t g_size;
static int g_flag;

static int try_get(void *arg)
{
	(void)arg;
	return shmget(g_key, g_size, g_flag) == -1 ? errno : 0;
}

/* COVER(shmget | first segment of a fresh IPC namespace has id 0 | id=0 | table | first_id | -) */
static void first_id(void)
{
	struct conf_exp e;
	const char *cond = "the first segment of a fresh IPC namespace has id 0";
	if (!conf_expect(&e, "shmget", "first_id", cond, NULL, NULL))
		return;
	if (!conf_private_ns()) {
		conf_skip("shmget", cond, "not run in a fresh private IPC namespace (SHMFAULT_CONFORMANCE_NS=private)");
		return;
	}
	int id = shmget(IPC_PRIVATE, 100, IPC_CREAT | 0600);
	char got[32];
	snprintf(got, sizeof got, "id=%d", id);
	conf_point(strcmp(got, e.expect) == 0, "shmget", "first_id", cond, e.rule, e.expect, id == -1 ? conf_errname(errno) : got);
	conf_rm(id);
}

/* COVER(shmget | absent key without IPC_CREAT | ENOENT | native | shmget_absent_nocreat | shmget02) */
/* COVER(shmget | IPC_CREAT|IPC_EXCL on an existing key | EEXIST | native | shmget_excl_existing | shmget02) */
/* COVER(shmget | create with size 0 | EINVAL | native | shmget_size_zero | shmget02) */
/* COVER(shmget | existing key, size larger than the segment | EINVAL | native | existing_size_larger | shmget02) */
/* COVER(shmget | existing key, size 0 | ok | native | existing_size_zero | -) */
/* COVER(shmget | existing 100-byte segment looked up with size 4096 | EINVAL | table | existing_size_within_page | -) */
/* COVER(shmget | errno unchanged by a successful call | ok | native | - | -) */
static void basic(void)
{
	struct conf_exp e;
	key_t key = conf_key();
	long pg = conf_pagesize();
	int id, r;
	const char *cond;

	cond = "absent key without IPC_CREAT";
	if (conf_expect(&e, "shmget", "shmget_absent_nocreat", cond, "ENOENT", "shmget(2) ENOENT; POSIX shmget")) {
		r = shmget(key, 100, 0600);
		conf_outcome("shmget", "shmget_absent_nocreat", cond, e.rule, e.result, r == -1, errno);
		if (r != -1)
			conf_rm(r);
	}

	errno = EBADF;
	id = shmget(key, 100, IPC_CREAT | IPC_EXCL | 0600);
	if (id == -1) {
		tap_bail("cannot create a segment: nothing else can be checked");
	}
	cond = "errno unchanged by a successful shmget";
	conf_point(errno == EBADF, "shmget", "-", cond, "POSIX errno (unchanged on success)", "EBADF", conf_errname(errno));

	cond = "IPC_CREAT|IPC_EXCL on an existing key";
	if (conf_expect(&e, "shmget", "shmget_excl_existing", cond, "EEXIST", "shmget(2) EEXIST; POSIX shmget")) {
		r = shmget(key, 100, IPC_CREAT | IPC_EXCL | 0600);
		conf_outcome("shmget", "shmget_excl_existing", cond, e.rule, e.result, r == -1, errno);
	}

	cond = "IPC_CREAT without IPC_EXCL on an existing key returns its id";
	r = shmget(key, 100, IPC_CREAT | 0600);
	{
		char exp[32], got[32];
		snprintf(exp, sizeof exp, "id=%d", id);
		snprintf(got, sizeof got, "id=%d", r);
		conf_point(r == id, "shmget", "-", cond, "shmget(2); POSIX shmget", exp, r == -1 ? conf_errname(errno) : got);
	}

	cond = "create with size 0";
	if (conf_expect(&e, "shmget", "shmget_size_zero", cond, "EINVAL", "shmget(2) EINVAL size < SHMMIN; POSIX shmget")) {
		r = shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600);
		conf_outcome("shmget", "shmget_size_zero", cond, e.rule, e.result, r == -1, errno);
		if (r != -1)
			conf_rm(r);
	}

	cond = "existing key, non-zero size larger than the segment (even page-rounded)";
	if (conf_expect(&e, "shmget", "existing_size_larger", cond, "EINVAL", "shmget(2) EINVAL; POSIX shmget")) {
		r = shmget(key, (size_t)(2 * pg + 1), 0600);
		conf_outcome("shmget", "existing_size_larger", cond, e.rule, e.result, r == -1, errno);
	}

	cond = "existing key, size 0";
	if (conf_expect(&e, "shmget", "existing_size_zero", cond, "ok", "POSIX shmget")) {
		r = shmget(key, 0, 0600);
		conf_outcome("shmget", "existing_size_zero", cond, e.rule, e.result, r == -1, errno);
	}

	cond = "existing 100-byte segment looked up with a size above 100 but within its page";
	if (conf_expect(&e, "shmget", "existing_size_within_page", cond, NULL, NULL)) {
		r = shmget(key, (size_t)pg, 0600);
		conf_outcome("shmget", "existing_size_within_page", cond, e.rule, e.result, r == -1, errno);
	}

	conf_rm(id);
}

/*
 * The order of the checks on an existing key: a call as another user that
 * violates IPC_EXCL, the size and the permission at once; each reported
 * violation is then removed, until the call succeeds.
 */
static int order_child(void *arg)
{
	int steps = 0, flag = IPC_CREAT | IPC_EXCL | 0666, v = 0;
	size_t size = (size_t)(2 * conf_pagesize() + 1);
	(void)arg;
	for (;;) {
		int r = shmget(g_key, size, flag);
		if (r != -1)
			return v | (1 << 24);
		if (steps == 3)
			return v;
		v |= (errno & 0xff) << (8 * steps++);
		if (errno == EEXIST)
			flag &= ~IPC_EXCL;
		else if (errno == EINVAL)
			size = 0;
		else if (errno == EACCES)
			flag &= ~0777;
		else
			return v;
	}
}

/* COVER(shmget | existing-key check order (IPC_EXCL, size, permission violated at once) | order | table | existing_key_check_order | -) */
static void check_order(void)
{
	struct conf_exp e;
	const char *cond = "existing key: order of EEXIST, EINVAL (size), EACCES";
	char got[128] = "order=";
	if (!conf_expect(&e, "shmget", "existing_key_check_order", cond, NULL, NULL))
		return;
	if (!conf_can_drop()) {
		conf_skip("shmget", cond, "needs root to run a child as uid 65534");
		return;
	}
	g_key = conf_key();
	g_id = shmget(g_key, 100, IPC_CREAT | IPC_EXCL | 0600);
	int v = conf_in_child(1, order_child, NULL);
	if (v < 0) {
		conf_point(0, "shmget", "existing_key_check_order", cond, e.rule, e.expect, "child failed");
	} else {
		for (int i = 0; i < 3 && ((v >> (8 * i)) & 0xff); i++) {
			if (i)
				strcat(got, ">");
			strcat(got, conf_errname((v >> (8 * i)) & 0xff));
		}
		if (!(v >> 24))
			strcat(got, " (then still failing)");
		conf_point(strcmp(got, e.expect) == 0, "shmget", "existing_key_check_order", cond, e.rule, e.expect, got);
	}
	conf_rm(g_id);
}

/* COVER(shmget | non-owner requests read/write/both on a segment without permission bits | EACCES | native | shmget_nonowner_perm | shmget02 shmget04) */
/* COVER(shmget | non-owner requests no permission bits (flag 0) | ok | native | - | -) */
/* COVER(shmget | owner requests mode bits beyond the segment's mode | ok | table | shmget_owner_superset_mode | -) */
static void permissions(void)
{
	struct conf_exp e;
	const char *cond;
	static const int req[] = { SHM_R, SHM_W, SHM_R | SHM_W };
	static const char *const reqname[] = { "SHM_R (0400)", "SHM_W (0200)", "SHM_R|SHM_W (0600)" };

	cond = "owner asks for mode 0666 on a 0600 segment";
	if (conf_expect(&e, "shmget", "shmget_owner_superset_mode", cond, NULL, NULL)) {
		key_t k = conf_key();
		int id = shmget(k, 100, IPC_CREAT | IPC_EXCL | 0600);
		int r = shmget(k, 0, 0666);
		conf_outcome("shmget", "shmget_owner_superset_mode", cond, e.rule, e.result, r == -1, errno);
		conf_rm(id);
	}

	g_key = conf_key();
	g_id = shmget(g_key, 100, IPC_CREAT | IPC_EXCL | 0000);
	g_size = 0;
	for (int i = 0; i < 3; i++) {
		char c[160];
		snprintf(c, sizeof c, "uid 65534 asks for %s on a segment with mode 0", reqname[i]);
		if (!conf_expect(&e, "shmget", "shmget_nonowner_perm", c, "EACCES", "shmget(2) EACCES; POSIX shmget"))
			continue;
		if (!conf_can_drop()) {
			conf_skip("shmget", c, "needs root to run a child as uid 65534");
			continue;
		}
		g_flag = req[i];
		int v = conf_in_child(1, try_get, NULL);
		conf_outcome("shmget", "shmget_nonowner_perm", c, e.rule, e.result, v != 0, v);
	}
	cond = "uid 65534 asks for no permission bits (flag 0) on a segment with mode 0";
	if (!conf_can_drop()) {
		conf_skip("shmget", cond, "needs root to run a child as uid 65534");
	} else {
		g_flag = 0;
		int v = conf_in_child(1, try_get, NULL);
		conf_outcome("shmget", "-", cond, "shmget(2): permission of the low 9 bits of shmflg", "ok", v != 0, v);
	}
	conf_rm(g_id);
}

/* COVER(shmget | new segment: zero-filled, shmid_ds fields (uid, gid, cuid, cgid, mode, cpid, lpid, nattch, times) | ok | native | new_segment_initial | shmctl01) */
static void initial(void)
{
	struct conf_exp e;
	const char *cond = "a new segment is zero-filled with nattch, lpid, atime, dtime 0";
	struct shmid_ds ds;
	size_t size = 3 * (size_t)conf_pagesize() + 123;
	time_t t0 = time(NULL);
	int id = shmget(IPC_PRIVATE, size, IPC_CREAT | 0640);
	time_t t1 = time(NULL);
	char got[256];

	if (!conf_expect(&e, "shmget", "new_segment_initial", cond, "ok,contents=0,nattch=0,lpid=0,atime=0,dtime=0", "POSIX shmget (new segment)"))
		goto out;
	if (id == -1 || shmctl(id, IPC_STAT, &ds) == -1) {
		conf_point(0, "shmget", "new_segment_initial", cond, e.rule, e.expect, conf_errname(errno));
		goto out;
	}
	snprintf(got, sizeof got, "nattch=%lu,lpid=%ld,atime=%ld,dtime=%ld", (unsigned long)ds.shm_nattch,
		 (long)ds.shm_lpid, (long)ds.shm_atime, (long)ds.shm_dtime);
	int fields = ds.shm_nattch == 0 && ds.shm_lpid == 0 && ds.shm_atime == 0 && ds.shm_dtime == 0;
	unsigned char *p = shmat(id, NULL, SHM_RDONLY);
	size_t nonzero = 0;
	if (p != (void *)-1) {
		for (size_t i = 0; i < size; i++)
			nonzero += p[i] != 0;
		shmdt(p);
	}
	snprintf(got + strlen(got), sizeof got - strlen(got), ",contents=%s",
		 p == (void *)-1 ? "not attached" : nonzero ? "not zero" : "0");
	conf_point(fields && p != (void *)-1 && nonzero == 0, "shmget", "new_segment_initial", cond, e.rule, e.expect, got);

	cond = "a new segment's owner and creator are the caller's effective ids, mode the low 9 bits";
	{
		char exp[128];
		snprintf(exp, sizeof exp, "uid=cuid=%ld,gid=cgid=%ld,mode&0777=0640,cpid=%ld", (long)geteuid(), (long)getegid(), (long)getpid());
		snprintf(got, sizeof got, "uid=%ld,cuid=%ld,gid=%ld,cgid=%ld,mode&0777=0%o,cpid=%ld", (long)ds.shm_perm.uid,
			 (long)ds.shm_perm.cuid, (long)ds.shm_perm.gid, (long)ds.shm_perm.cgid,
			 (unsigned)(ds.shm_perm.mode & 0777), (long)ds.shm_cpid);
		int ok = ds.shm_perm.uid == geteuid() && ds.shm_perm.cuid == geteuid() && ds.shm_perm.gid == getegid() &&
			 ds.shm_perm.cgid == getegid() && (ds.shm_perm.mode & 0777) == 0640 && ds.shm_cpid == getpid();
		conf_point(ok, "shmget", "-", cond, "POSIX shmget (new segment)", exp, got);
	}
	cond = "a new segment's shm_ctime is the creation time";
	{
		char exp[96];
		snprintf(exp, sizeof exp, "%ld <= ctime <= %ld", (long)t0, (long)t1);
		snprintf(got, sizeof got, "ctime=%ld", (long)ds.shm_ctime);
		conf_point(ds.shm_ctime >= t0 && ds.shm_ctime <= t1, "shmget", "-", cond, "POSIX shmget (new segment)", exp, got);
	}
out:
	conf_rm(id);
}

#if defined(__linux__) && defined(SHM_HUGETLB)
/* COVER(shmget | SHM_HUGETLB by a user outside vm.hugetlb_shm_group | EPERM | linux | - | shmget02) */
/* COVER(shmget | SHM_HUGETLB with no huge pages reserved | ENOMEM | linux | - | shmget02) */
static int huge_get(void *arg)
{
	(void)arg;
	int r = shmget(IPC_PRIVATE, 2UL << 20, IPC_CREAT | SHM_HUGETLB | 0600);
	if (r != -1) {
		shmctl(r, IPC_RMID, NULL);
		return 0;
	}
	return errno;
}
#endif

static void linux_only(void)
{
#if defined(__linux__) && defined(SHM_HUGETLB)
	char buf[64];
	const char *cond = "SHM_HUGETLB by uid 65534 outside vm.hugetlb_shm_group";
	if (!conf_native())
		conf_skip("shmget", cond, "Linux kernel only (not under a personality)");
	else if (!conf_can_drop())
		conf_skip("shmget", cond, "needs root to run a child as uid 65534");
	else if (conf_read_proc("/proc/sys/vm/hugetlb_shm_group", buf, sizeof buf) == 0 && atol(buf) == CONF_NOBODY)
		conf_skip("shmget", cond, "vm.hugetlb_shm_group is 65534");
	else {
		int v = conf_in_child(1, huge_get, NULL);
		conf_outcome("shmget", "-", cond, "shmget(2) EPERM", "EPERM", v != 0, v);
	}
	cond = "SHM_HUGETLB with no huge pages reserved";
	if (!conf_native())
		conf_skip("shmget", cond, "Linux kernel only (not under a personality)");
	else if (!conf_can_drop())
		conf_skip("shmget", cond, "needs real root (CAP_IPC_LOCK in the initial user namespace)");
	else if (conf_read_proc("/proc/sys/vm/nr_hugepages", buf, sizeof buf) != 0 || atol(buf) != 0 ||
		 conf_read_proc("/proc/sys/vm/nr_overcommit_hugepages", buf, sizeof buf) != 0 || atol(buf) != 0)
		conf_skip("shmget", cond, "huge pages are reserved on this machine (vm.nr_hugepages)");
	else {
		int v = conf_in_child(0, huge_get, NULL);
		conf_outcome("shmget", "-", cond, "shmget(2) ENOMEM", "ENOMEM", v != 0, v);
	}
#else
	conf_skip("shmget", "SHM_HUGETLB by an unprivileged user", "Linux only");
	conf_skip("shmget", "SHM_HUGETLB with no huge pages reserved", "Linux only");
#endif
}

/* COVER(shmget | kernel.shm_next_id chooses the next id, then resets to -1 | ok | linux | - | shmget05) */
/* COVER(shmget | kernel.shm_next_id naming a used id: another free id is chosen | ok | linux | - | shmget06) */
static void next_id(void)
{
	const char *c1 = "kernel.shm_next_id chooses the id of the next segment, then reads -1";
	const char *c2 = "kernel.shm_next_id naming a used id: another free id is chosen";
#ifdef __linux__
	char buf[64], got[96];
	if (!conf_native() || !conf_private_ns() || conf_write_proc("/proc/sys/kernel/shm_next_id", "4321") != 0) {
		conf_skip("shmget", c1, "needs a Linux kernel, a private IPC namespace and write access to kernel.shm_next_id");
		conf_skip("shmget", c2, "needs a Linux kernel, a private IPC namespace and write access to kernel.shm_next_id");
		return;
	}
	int id = shmget(IPC_PRIVATE, 100, IPC_CREAT | 0600);
	conf_read_proc("/proc/sys/kernel/shm_next_id", buf, sizeof buf);
	snprintf(got, sizeof got, "id=%d,shm_next_id=%s", id, buf);
	conf_point(id == 4321 && strcmp(buf, "-1") == 0, "shmget", "-", c1, "proc(5) shm_next_id", "id=4321,shm_next_id=-1", got);
	snprintf(buf, sizeof buf, "%d", id);
	conf_write_proc("/proc/sys/kernel/shm_next_id", buf);
	int id2 = shmget(IPC_PRIVATE, 100, IPC_CREAT | 0600);
	snprintf(got, sizeof got, "id=%d (used: %d)", id2, id);
	conf_point(id2 != -1 && id2 != id, "shmget", "-", c2, "proc(5) shm_next_id", "a free id, not the used one", got);
	conf_rm(id);
	conf_rm(id2);
	conf_write_proc("/proc/sys/kernel/shm_next_id", "-1");
#else
	conf_skip("shmget", c1, "Linux only");
	conf_skip("shmget", c2, "Linux only");
#endif
}

int main(void)
{
	conf_load();
	tap_plan(0);
	first_id();
	basic();
	check_order();
	permissions();
	initial();
	linux_only();
	next_id();
	return tap_done();
}
