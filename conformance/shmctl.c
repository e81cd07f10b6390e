/*
 * shmctl.c: conformance of shmctl(2): IPC_STAT fields, IPC_SET, permission
 * errors, bad ids and commands, EFAULT (raw system call), SHM_LOCK and
 * SHM_UNLOCK, and the Linux commands IPC_INFO, SHM_INFO, SHM_STAT,
 * SHM_STAT_ANY.
 */
#include "conf.h"
#include <time.h>
#include <sys/resource.h>
#include <sys/mman.h>
#ifdef CONF_LINUX_EXT
#include <sys/syscall.h>
#endif

static int g_id;
static int g_cmd;

static int ctl_child(void *arg)
{
	struct shmid_ds ds;
	(void)arg;
	if (shmctl(g_id, IPC_STAT, &ds) == -1 && g_cmd != IPC_STAT)
		memset(&ds, 0, sizeof ds);
	return shmctl(g_id, g_cmd, &ds) == -1 ? errno : 0;
}

/* COVER(shmctl | IPC_STAT shm_segsz after shmget(size 100) | segsz | native | stat_segsz | shmctl01) */
/* COVER(shmctl | IPC_STAT mode: permission bits, and the platform's extra bits | mode | table | stat_mode_extra_bits | -) */
/* COVER(shmctl | IPC_SET changes uid, gid, mode and shm_ctime | ok | native | - | shmctl08) */
/* COVER(shmctl | errno unchanged by a successful shmctl | ok | native | - | -) */
static void stat_set(void)
{
	struct conf_exp e;
	const char *cond;
	struct shmid_ds ds;
	char got[160], exp[160];
	int id = shmget(IPC_PRIVATE, 100, IPC_CREAT | 0600);

	errno = EBADF;
	int r = shmctl(id, IPC_STAT, &ds);
	cond = "errno unchanged by a successful IPC_STAT";
	conf_point(r == 0 && errno == EBADF, "shmctl", "-", cond, "POSIX errno (unchanged on success)", "EBADF", conf_errname(errno));

	cond = "IPC_STAT shm_segsz of a 100-byte segment";
	if (conf_expect(&e, "shmctl", "stat_segsz", cond, "ok,segsz=size", "POSIX shmget (shm_segsz = size)")) {
		const char *how = conf_param(e.expect, "segsz");
		unsigned long want = how && strcmp(how, "page") == 0 ? (unsigned long)conf_pagesize() : 100UL;
		snprintf(exp, sizeof exp, "%s (%lu)", e.expect, want);
		snprintf(got, sizeof got, "segsz=%lu", (unsigned long)ds.shm_segsz);
		conf_point(r == 0 && (unsigned long)ds.shm_segsz == want, "shmctl", "stat_segsz", cond, e.rule, exp, got);
	}

	cond = "IPC_STAT shm_perm.mode & 0777 is the mode given at creation";
	snprintf(got, sizeof got, "mode=0%o", (unsigned)ds.shm_perm.mode);
	conf_point((ds.shm_perm.mode & 0777) == 0600, "shmctl", "-", cond, "POSIX shmget (low 9 bits of shmflg)", "mode&0777=0600", got);

	cond = "IPC_STAT shm_perm.mode extra bits above 0777";
	if (conf_expect(&e, "shmctl", "stat_mode_extra_bits", cond, NULL, NULL)) {
		const char *bits = conf_param(e.expect, "mode|");
		unsigned long want = bits ? strtoul(bits, NULL, 0) : 0;
		conf_point(want && ((unsigned long)ds.shm_perm.mode & want) == want, "shmctl", "stat_mode_extra_bits", cond,
			   e.rule, e.expect, got);
	}

	cond = "IPC_SET changes uid, gid and mode, and updates shm_ctime";
	{
		time_t before = ds.shm_ctime;
		/* other ids only where they exist (not in a user namespace mapping one uid) */
		uid_t nu = conf_can_drop() ? 1234 : geteuid();
		gid_t ng = conf_can_drop() ? 4321 : getegid();
		ds.shm_perm.uid = nu;
		ds.shm_perm.gid = ng;
		ds.shm_perm.mode = 0640;
		errno = EBADF;
		r = shmctl(id, IPC_SET, &ds);
		int err = errno;
		struct shmid_ds after;
		memset(&after, 0, sizeof after);
		shmctl(id, IPC_STAT, &after);
		snprintf(got, sizeof got, "ret=%d,uid=%ld,gid=%ld,mode&0777=0%o,cuid=%ld,ctime %s,errno %s", r,
			 (long)after.shm_perm.uid, (long)after.shm_perm.gid, (unsigned)(after.shm_perm.mode & 0777),
			 (long)after.shm_perm.cuid, after.shm_ctime >= before ? "not earlier" : "earlier", conf_errname(err));
		snprintf(exp, sizeof exp, "ret=0,uid=%ld,gid=%ld,mode&0777=0640,cuid=%ld,ctime not earlier,errno EBADF", (long)nu, (long)ng, (long)geteuid());
		conf_point(r == 0 && after.shm_perm.uid == nu && after.shm_perm.gid == ng &&
			   (after.shm_perm.mode & 0777) == 0640 && after.shm_perm.cuid == geteuid() &&
			   after.shm_ctime >= before && err == EBADF,
			   "shmctl", "-", cond, "POSIX shmctl IPC_SET", exp, got);
	}
	conf_rm(id);
}

/* COVER(shmctl | IPC_RMID by a non-owner | EPERM | native | nonowner_rmid | shmctl02) */
/* COVER(shmctl | IPC_SET by a non-owner | EPERM | native | nonowner_set | shmctl02) */
/* COVER(shmctl | IPC_STAT without read permission | EACCES | native | nonreader_stat | shmctl02) */
/* COVER(shmctl | SHM_LOCK / SHM_UNLOCK by a non-owner | EPERM | table | nonowner_shm_lock | shmctl02) */
/* COVER(shmctl | SHM_LOCK by an unprivileged owner | EPERM | table | shm_lock_unprivileged | -) */
/* COVER(shmctl | SHM_STAT without read permission, SHM_STAT_ANY allowed | EACCES | linux | - | shmctl02 shmctl04) */
static void nonowner(void)
{
	struct conf_exp e;
	static const struct { const char *check, *cond, *dflt, *rule; int cmd; } t[] = {
		{ "nonowner_rmid", "IPC_RMID by uid 65534 on a segment owned by root", "EPERM", "shmctl(2) EPERM; POSIX shmctl", IPC_RMID },
		{ "nonowner_set", "IPC_SET by uid 65534 on a segment owned by root", "EPERM", "shmctl(2) EPERM; POSIX shmctl", IPC_SET },
		{ "nonreader_stat", "IPC_STAT by uid 65534 without read permission", "EACCES", "shmctl(2) EACCES; POSIX shmctl", IPC_STAT },
#ifdef SHM_LOCK
		{ "nonowner_shm_lock", "SHM_LOCK by uid 65534 on a segment owned by root", NULL, NULL, SHM_LOCK },
		{ "nonowner_shm_lock", "SHM_UNLOCK by uid 65534 on a segment owned by root", NULL, NULL, SHM_UNLOCK },
#endif
	};
	int drop = conf_can_drop();
	g_id = shmget(IPC_PRIVATE, 100, IPC_CREAT | 0600);
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (!conf_expect(&e, "shmctl", t[i].check, t[i].cond, t[i].dflt, t[i].rule))
			continue;
		if (!drop) {
			conf_skip("shmctl", t[i].cond, "needs root to run a child as uid 65534");
			continue;
		}
		g_cmd = t[i].cmd;
		int v = conf_in_child(1, ctl_child, NULL);
		conf_outcome("shmctl", t[i].check, t[i].cond, e.rule, e.result, v != 0, v);
	}
#ifdef SHM_STAT_ANY
	const char *c1 = "SHM_STAT by uid 65534 without read permission";
	const char *c2 = "SHM_STAT_ANY by uid 65534 without read permission";
	if (!conf_native()) {
		conf_skip("shmctl", c1, "Linux kernel only");
		conf_skip("shmctl", c2, "Linux kernel only");
	} else if (!drop) {
		conf_skip("shmctl", c1, "needs root to run a child as uid 65534");
		conf_skip("shmctl", c2, "needs root to run a child as uid 65534");
	} else {
		struct shmid_ds ds;
		int idx = -1;
		int maxidx = shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&(struct shm_info){ 0 });
		for (int k = 0; k <= maxidx; k++)
			if (shmctl(k, SHM_STAT_ANY, &ds) == g_id)
				idx = k;
		int save = g_id;
		g_id = idx;
		g_cmd = SHM_STAT;
		int v = conf_in_child(1, ctl_child, NULL);
		conf_outcome("shmctl", "-", c1, "shmctl(2) EACCES (SHM_STAT)", "EACCES", v != 0, v);
		g_cmd = SHM_STAT_ANY;
		v = conf_in_child(1, ctl_child, NULL);
		conf_outcome("shmctl", "-", c2, "shmctl(2) SHM_STAT_ANY (no read check)", "ok", v != 0, v);
		g_id = save;
	}
#endif
	conf_rm(g_id);

#ifdef SHM_LOCK
	const char *cond = "SHM_LOCK by an unprivileged owner (uid 65534)";
	if (conf_expect(&e, "shmctl", "shm_lock_unprivileged", cond, NULL, NULL)) {
		if (!drop) {
			conf_skip("shmctl", cond, "needs root to run a child as uid 65534");
		} else {
			g_id = shmget(IPC_PRIVATE, 100, IPC_CREAT | 0600);
			struct shmid_ds ds;
			shmctl(g_id, IPC_STAT, &ds);
			ds.shm_perm.uid = CONF_NOBODY;
			shmctl(g_id, IPC_SET, &ds);
			g_cmd = SHM_LOCK;
			int v = conf_in_child(1, ctl_child, NULL);
			conf_outcome("shmctl", "shm_lock_unprivileged", cond, e.rule, e.result, v != 0, v);
			conf_rm(g_id);
		}
	}
#endif
}

/* COVER(shmctl | invalid id (-1) | EINVAL | native | - | shmctl02) */
/* COVER(shmctl | invalid command | EINVAL | native | - | shmctl02) */
/* COVER(shmctl | removed id (after IPC_RMID, not attached) | EINVAL | native | - | shmctl02) */
/* COVER(shmctl | IPC_STAT / IPC_SET with a bad buffer (raw system call) | EFAULT | linux | - | shmctl02) */
static void errors(void)
{
	struct shmid_ds ds;
	const char *cond;
	int id = shmget(IPC_PRIVATE, 100, IPC_CREAT | 0600);
	int r;

	cond = "IPC_STAT on an invalid id (-1)";
	r = shmctl(-1, IPC_STAT, &ds);
	conf_outcome("shmctl", "-", cond, "shmctl(2) EINVAL; POSIX shmctl", "EINVAL", r == -1, errno);
	cond = "an invalid command (-1, 12345)";
	r = shmctl(id, -1, &ds);
	int e1 = r == -1 ? errno : 0;
	r = shmctl(id, 12345, &ds);
	conf_outcome("shmctl", "-", cond, "shmctl(2) EINVAL; POSIX shmctl", "EINVAL", e1 == EINVAL && r == -1, e1 != EINVAL ? e1 : errno);

#ifdef CONF_LINUX_EXT
	cond = "IPC_STAT with a bad buffer address (raw system call)";
	if (!conf_native()) {
		conf_skip("shmctl", cond, "Linux kernel only (raw system call bypasses the interposer)");
		conf_skip("shmctl", "IPC_SET with a bad buffer address (raw system call)", "Linux kernel only");
	} else {
		long rr = syscall(SYS_shmctl, id, IPC_STAT, (void *)8);
		conf_outcome("shmctl", "-", cond, "shmctl(2) EFAULT", "EFAULT", rr == -1, errno);
		cond = "IPC_SET with a bad buffer address (raw system call)";
		rr = syscall(SYS_shmctl, id, IPC_SET, (void *)8);
		conf_outcome("shmctl", "-", cond, "shmctl(2) EFAULT", "EFAULT", rr == -1, errno);
	}
#else
	conf_skip("shmctl", "IPC_STAT with a bad buffer address", "raw system call: Linux with _GNU_SOURCE only");
	conf_skip("shmctl", "IPC_SET with a bad buffer address", "raw system call: Linux with _GNU_SOURCE only");
#endif

	conf_rm(id);
	cond = "IPC_STAT on a removed id (IPC_RMID while not attached)";
	r = shmctl(id, IPC_STAT, &ds);
	conf_outcome("shmctl", "-", cond, "shmctl(2) EINVAL; POSIX shmctl", "EINVAL", r == -1, errno);
}

#ifdef SHM_LOCK
static int lock_child(void *arg)
{
	struct rlimit rl = { 4096, 4096 };
	size_t size = 16 * (size_t)conf_pagesize();
	(void)arg;
	if (setrlimit(RLIMIT_MEMLOCK, &rl) != 0)
		return -3;
	int id = shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
	if (id == -1)
		return -4;
	int r = shmctl(id, SHM_LOCK, NULL) == -1 ? errno : 0;
	shmctl(id, IPC_RMID, NULL);
	return r;
}
#endif

/* COVER(shmctl | SHM_LOCK over RLIMIT_MEMLOCK by an unprivileged owner | ENOMEM | linux | - | -) */
/* COVER(shmctl | SHM_LOCK sets SHM_LOCKED (02000), SHM_UNLOCK clears it | ok | linux | - | shmctl07) */
/* COVER(shmctl | SHM_LOCK / SHM_UNLOCK not supported | EINVAL | table | shm_lock_cmd | -) */
static void locking(void)
{
#ifdef SHM_LOCK
	struct conf_exp e;
	const char *cond = "SHM_LOCK and SHM_UNLOCK are not supported";
	int id = shmget(IPC_PRIVATE, 100, IPC_CREAT | 0600);
	if (conf_expect(&e, "shmctl", "shm_lock_cmd", cond, NULL, NULL)) {
		int r = shmctl(id, SHM_LOCK, NULL);
		int err = errno;
		int r2 = shmctl(id, SHM_UNLOCK, NULL);
		conf_outcome("shmctl", "shm_lock_cmd", cond, e.rule, e.result, r == -1 && r2 == -1, r == -1 ? err : errno);
	}
#ifdef __linux__
	cond = "SHM_LOCK sets SHM_LOCKED (02000) in the mode, SHM_UNLOCK clears it";
	if (!conf_native()) {
		conf_skip("shmctl", cond, "Linux kernel only");
	} else {
		struct shmid_ds a, b;
		char got[96];
		int r1 = shmctl(id, SHM_LOCK, NULL);
		shmctl(id, IPC_STAT, &a);
		int r2 = shmctl(id, SHM_UNLOCK, NULL);
		shmctl(id, IPC_STAT, &b);
		snprintf(got, sizeof got, "lock=%d mode=0%o, unlock=%d mode=0%o", r1, (unsigned)a.shm_perm.mode, r2, (unsigned)b.shm_perm.mode);
		conf_point(r1 == 0 && r2 == 0 && (a.shm_perm.mode & 02000) && !(b.shm_perm.mode & 02000), "shmctl", "-", cond,
			   "shmctl(2) SHM_LOCK (SHM_LOCKED)", "lock=0 mode|02000, unlock=0 mode&~02000", got);
	}
	cond = "SHM_LOCK beyond RLIMIT_MEMLOCK by an unprivileged owner";
	if (!conf_native())
		conf_skip("shmctl", cond, "Linux kernel only");
	else if (!conf_can_drop())
		conf_skip("shmctl", cond, "needs root to run a child without CAP_IPC_LOCK (uid 65534)");
	else {
		int v = conf_in_child(1, lock_child, NULL);
		if (v < -2)
			conf_point(0, "shmctl", "-", cond, "shmctl(2) ENOMEM", "ENOMEM", "setup failed");
		else
			conf_outcome("shmctl", "-", cond, "shmctl(2) ENOMEM", "ENOMEM", v != 0, v);
	}
#endif
	conf_rm(id);
#else
	conf_skip("shmctl", "SHM_LOCK", "SHM_LOCK not defined here");
#endif
}

#ifdef CONF_LINUX_EXT
static long proc_long(const char *name)
{
	char path[96], buf[64];
	snprintf(path, sizeof path, "/proc/sys/kernel/%s", name);
	return conf_read_proc(path, buf, sizeof buf) == 0 ? (long)strtoul(buf, NULL, 10) : -1;
}

static int count_proc_shm(void)
{
	FILE *f = fopen("/proc/sysvipc/shm", "r");
	char line[512];
	int n = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		n++;
	fclose(f);
	return n;
}
#endif

/* COVER(shmctl | IPC_INFO: shmmin 1, shmmax/shmmni/shmall equal /proc/sys/kernel/shm* | ok | linux | - | shmctl03) */
/* COVER(shmctl | SHM_INFO used_ids equals /proc/sysvipc/shm; SHM_STAT of each index returns its id | ok | native | - | shmctl04) */
/* COVER(shmctl | IPC_INFO, SHM_INFO, SHM_STAT not supported | EINVAL | table | linux_ipc_cmds | -) */
/* COVER(shmctl | shmid64_ds *_time_high fields cleared (32-bit time layouts) | ok | linux | - | shmctl06:skipped) */
/* COVER(shmctl | remap_file_pages on an attach, then IPC_RMID and shmdt | ok | linux | - | shmctl05:partial) */
static void linux_cmds(void)
{
	struct conf_exp e;
	const char *cond = "IPC_INFO is not supported";
#ifdef IPC_INFO
	if (conf_expect(&e, "shmctl", "linux_ipc_cmds", cond, NULL, NULL)) {
		struct shminfo si;
		int r = shmctl(0, IPC_INFO, (struct shmid_ds *)(void *)&si);
		conf_outcome("shmctl", "linux_ipc_cmds", cond, e.rule, e.result, r == -1, errno);
	}
#else
	(void)e;
	conf_skip("shmctl", cond, "IPC_INFO not defined here (nothing to check)");
#endif
#ifdef CONF_LINUX_EXT
	const char *c[] = {
		"IPC_INFO: shmmin 1; shmmax, shmmni, shmall equal /proc/sys/kernel/shm*",
		"SHM_INFO: used_ids equals the lines of /proc/sysvipc/shm; SHM_STAT of every index returns its id",
		"remap_file_pages on an attach, then IPC_RMID and shmdt succeed (LTP shmctl05 without the race)",
	};
	if (!conf_native()) {
		for (int i = 0; i < 3; i++)
			conf_skip("shmctl", c[i], "Linux kernel only");
		return;
	}
	struct shminfo si;
	char got[256], exp[256];
	int ids[3];
	for (int i = 0; i < 3; i++)
		ids[i] = shmget(IPC_PRIVATE, 100, IPC_CREAT | 0600);
	int r = shmctl(0, IPC_INFO, (struct shmid_ds *)(void *)&si);
	snprintf(got, sizeof got, "ret=%d,shmmin=%lu,shmmax=%lu,shmmni=%lu,shmall=%lu", r, (unsigned long)si.shmmin,
		 (unsigned long)si.shmmax, (unsigned long)si.shmmni, (unsigned long)si.shmall);
	snprintf(exp, sizeof exp, "ret>=0,shmmin=1,shmmax=%lu,shmmni=%lu,shmall=%lu", (unsigned long)proc_long("shmmax"),
		 (unsigned long)proc_long("shmmni"), (unsigned long)proc_long("shmall"));
	conf_point(r >= 0 && si.shmmin == 1 && (long)si.shmmax == proc_long("shmmax") && (long)si.shmmni == proc_long("shmmni") &&
		   (long)si.shmall == proc_long("shmall"), "shmctl", "-", c[0], "shmctl(2) IPC_INFO; proc(5)", exp, got);

	struct shm_info info;
	int maxidx = shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&info);
	int lines = count_proc_shm(), found = 0, bad = 0;
	for (int k = 0; k <= maxidx; k++) {
		struct shmid_ds ds;
		int id = shmctl(k, SHM_STAT, &ds);
		if (id == -1)
			continue;
		found++;
		if (id != ids[0] && id != ids[1] && id != ids[2])
			bad++;
	}
	snprintf(got, sizeof got, "maxidx=%d,used_ids=%d,proc lines=%d,SHM_STAT found=%d (foreign %d)", maxidx, info.used_ids, lines, found, bad);
	conf_point(maxidx >= 2 && info.used_ids == lines && found == lines && lines == 3 && bad == 0, "shmctl", "-", c[1],
		   "shmctl(2) SHM_INFO, SHM_STAT", "used_ids=proc lines=SHM_STAT found=3", got);

	char *p = shmat(ids[0], NULL, 0);
	int rr = p == (void *)-1 ? -1 : remap_file_pages(p, (size_t)conf_pagesize(), 0, 0, 0);
	int rm = shmctl(ids[0], IPC_RMID, NULL);
	int dt = p == (void *)-1 ? -1 : shmdt(p);
	snprintf(got, sizeof got, "remap=%d,rmid=%d,shmdt=%d", rr, rm, dt);
	conf_point(rr == 0 && rm == 0 && dt == 0, "shmctl", "-", c[2], "LTP shmctl05 (remap_file_pages)", "remap=0,rmid=0,shmdt=0", got);
	conf_rm(ids[1]);
	conf_rm(ids[2]);
#elif defined(__linux__)
	conf_skip("shmctl", "IPC_INFO: shmmin 1; shmmax, shmmni, shmall equal /proc/sys/kernel/shm*", "built without _GNU_SOURCE (struct shminfo, SHM_INFO names, remap_file_pages hidden)");
	conf_skip("shmctl", "SHM_INFO: used_ids equals the lines of /proc/sysvipc/shm; SHM_STAT of every index returns its id", "built without _GNU_SOURCE");
	conf_skip("shmctl", "remap_file_pages on an attach, then IPC_RMID and shmdt succeed (LTP shmctl05 without the race)", "built without _GNU_SOURCE");
#endif
#if defined(__linux__) && (defined(__ILP32__) || defined(__i386__) || defined(__arm__))
	conf_skip("shmctl", "shmid64_ds *_time_high fields cleared", "not checked in this build (needs struct shmid64_ds)");
#else
	conf_skip("shmctl", "shmid64_ds *_time_high fields cleared", "LP64: struct shmid_ds has no *_time_high fields");
#endif
}

int main(void)
{
	conf_load();
	tap_plan(0);
	stat_set();
	nonowner();
	errors();
	locking();
	linux_cmds();
	return tap_done();
}
