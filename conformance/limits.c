/*
 * limits.c: system and per-process limits: size above shmmax, the segment
 * table full (shmmni), the total exhausted (shmall), the per-process attach
 * limit (shmseg / EXTSHM / vm.max_map_count); rows of expected/ that only
 * document a behaviour; FreeBSD's jail ENOSYS.
 *
 * On a Linux kernel (native mode) the program lowers kernel.shmmax,
 * kernel.shmmni and kernel.shmall in its private IPC namespace (and puts
 * them back); under a personality the limits come from expected/NAME.tsv.
 *
 *   limits --attach N    (internal) attach N segments, exit 0 or the index
 *                        of the first failure (EXTSHM check after exec)
 */
#include "conf.h"

#define MAXSEG 4096

/* Set a kernel.shm* value, remembering the old one in old (NULL: none). */
static int set_kernel(const char *name, const char *val, char *old, size_t len)
{
#ifdef __linux__
	char path[96];
	snprintf(path, sizeof path, "/proc/sys/kernel/%s", name);
	if (old && conf_read_proc(path, old, len) != 0)
		return -1;
	return conf_write_proc(path, val);
#else
	(void)name; (void)val; (void)old; (void)len;
	return -1;
#endif
}

/* COVER(shmget | create with size above shmmax | EINVAL | table | shmget_size_gt_shmmax | shmget02) */
static void shmmax(void)
{
	struct conf_exp e;
	const char *cond = "create a segment one byte larger than shmmax";
	char old[64] = "", got[128], exp[128];
	if (!conf_expect(&e, "shmget", "shmget_size_gt_shmmax", cond, NULL, NULL))
		return;
	const char *v = conf_param(e.expect, "shmmax");
	unsigned long max;
	int lowered = 0;
	if (!v || strcmp(v, "kernel") == 0) {
		if (!conf_private_ns() || set_kernel("shmmax", "8192", old, sizeof old) != 0) {
			conf_skip("shmget", cond, "cannot lower kernel.shmmax (needs a private IPC namespace, root in it, Linux)");
			return;
		}
		lowered = 1;
		max = 8192;
	} else {
		max = strtoul(v, NULL, 0);
	}
	int at = shmget(IPC_PRIVATE, max, IPC_CREAT | 0600);
	int at_err = errno;
	int over = shmget(IPC_PRIVATE, max + 1, IPC_CREAT | 0600);
	int err = errno;
	snprintf(exp, sizeof exp, "size shmmax (%lu) ok, shmmax+1 %s", max, e.result);
	snprintf(got, sizeof got, "size shmmax %s, shmmax+1 %s", conf_got(at == -1, at_err), conf_got(over == -1, err));
	conf_point(at != -1 && over == -1 && err == conf_errno_of(e.result), "shmget", "shmget_size_gt_shmmax", cond, e.rule, exp, got);
	conf_rm(at);
	conf_rm(over);
	if (lowered)
		set_kernel("shmmax", old, NULL, 0);
}

/* COVER(shmget | create past the segment table size (shmmni) | ENOSPC | table | shmmni_exhausted | shmget03) */
static void shmmni(void)
{
	struct conf_exp e;
	const char *cond = "create one segment more than the segment table holds (shmmni)";
	char old[64] = "", got[160], exp[160];
	static int ids[MAXSEG + 1];
	if (!conf_expect(&e, "shmget", "shmmni_exhausted", cond, NULL, NULL))
		return;
	const char *v = conf_param(e.expect, "shmmni");
	long n;
	int lowered = 0;
	if (!conf_private_ns()) {
		conf_skip("shmget", cond, "needs a fresh private IPC namespace (no other segments)");
		return;
	}
	if (!v || strcmp(v, "kernel") == 0) {
		if (set_kernel("shmmni", "8", old, sizeof old) != 0) {
			conf_skip("shmget", cond, "cannot lower kernel.shmmni (needs root in a private IPC namespace, Linux)");
			return;
		}
		lowered = 1;
		n = 8;
	} else {
		n = strtol(v, NULL, 0);
	}
	if (n < 1 || n > MAXSEG) {
		conf_skip("shmget", cond, "shmmni too large to fill here");
		return;
	}
	long made = 0;
	int err = 0, last = -1;
	for (long i = 0; i < n; i++) {
		ids[i] = shmget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
		if (ids[i] == -1) {
			err = errno;
			break;
		}
		made++;
	}
	if (made == n) {
		last = shmget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
		err = last == -1 ? errno : 0;
	}
	snprintf(exp, sizeof exp, "%ld created, the next %s", n, e.result);
	snprintf(got, sizeof got, "%ld created, the next %s", made, made == n ? conf_got(last == -1, err) : "not reached");
	conf_point(made == n && last == -1 && err == conf_errno_of(e.result), "shmget", "shmmni_exhausted", cond, e.rule, exp, got);
	for (long i = 0; i < made; i++)
		conf_rm(ids[i]);
	conf_rm(last);
	if (lowered)
		set_kernel("shmmni", old, NULL, 0);
}

/* COVER(shmget | create past the total size of all segments (shmall) | ENOSPC/ENOMEM/EINVAL | table | shmall_exhausted | -) */
static void shmall(void)
{
	struct conf_exp e;
	const char *cond = "create past the total number of pages of all segments (shmall)";
	char old[64] = "", got[200], exp[200];
	static int ids[MAXSEG];
	long pg = conf_pagesize();
	if (!conf_expect(&e, "shmget", "shmall_exhausted", cond, NULL, NULL))
		return;
	const char *v = conf_param(e.expect, "shmall");
	unsigned long pages, chunk;
	int lowered = 0;
	if (!conf_private_ns()) {
		conf_skip("shmget", cond, "needs a fresh private IPC namespace (no other segments)");
		return;
	}
	if (!v || strcmp(v, "kernel") == 0) {
		if (set_kernel("shmall", "4", old, sizeof old) != 0) {
			conf_skip("shmget", cond, "cannot lower kernel.shmall (needs root in a private IPC namespace, Linux)");
			return;
		}
		lowered = 1;
		pages = 4;
	} else if (strcmp(v, "ram/4") == 0) {
		long phys = sysconf(_SC_PHYS_PAGES);
		if (phys <= 0) {
			conf_skip("shmget", cond, "physical memory size unknown");
			return;
		}
		pages = (unsigned long)phys / 4;
	} else {
		pages = strtoul(v, NULL, 0);
	}
	/* segments of at most shmmax (from the table) and at most half of shmall */
	const struct conf_row *mr = conf_row("shmget_size_gt_shmmax");
	const char *mv = mr ? conf_param(mr->expect, "shmmax") : NULL;
	unsigned long maxpages = mv && strcmp(mv, "kernel") != 0 ? strtoul(mv, NULL, 0) / (unsigned long)pg : pages;
	chunk = pages / 2 > 0 ? pages / 2 : 1;
	if (chunk > maxpages)
		chunk = maxpages;
	unsigned long done = 0;
	int n = 0, err = 0, last = -1;
	while (done < pages && n < MAXSEG) {
		unsigned long c = pages - done < chunk ? pages - done : chunk;
		ids[n] = shmget(IPC_PRIVATE, c * (unsigned long)pg, IPC_CREAT | 0600);
		if (ids[n] == -1) {
			err = errno;
			break;
		}
		n++;
		done += c;
	}
	if (done == pages) {
		last = shmget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
		err = last == -1 ? errno : 0;
	}
	snprintf(exp, sizeof exp, "%lu pages created, one page more %s", pages, e.result);
	snprintf(got, sizeof got, "%lu pages created (%d segments), one page more %s", done, n,
		 done == pages ? conf_got(last == -1, err) : conf_got(1, err));
	conf_point(done == pages && last == -1 && err == conf_errno_of(e.result), "shmget", "shmall_exhausted", cond, e.rule, exp, got);
	for (int i = 0; i < n; i++)
		conf_rm(ids[i]);
	conf_rm(last);
	if (lowered)
		set_kernel("shmall", old, NULL, 0);
}

/*
 * Attach until failure or until max attaches, in a child (whose exit
 * detaches everything). distinct: one segment per attach. Returns the
 * number of successful attaches; *err the errno of the failure (0: none).
 */
static long attach_many(long max, int distinct, int *err)
{
	int fd[2];
	long res[2] = { -1, 0 };
	pid_t c;
	if (pipe(fd))
		return -1;
	fflush(stdout);
	c = fork();
	if (c == 0) {
		static int ids[MAXSEG + 2];
		long n = 0, e = 0, nid = 0;
		int id = shmget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
		ids[nid++] = id;
		while (n < max) {
			int use = id;
			if (distinct && n > 0) {
				use = shmget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
				if (use == -1) {
					e = -errno;
					break;
				}
				if (nid <= MAXSEG)
					ids[nid++] = use;
			}
			if (shmat(use, NULL, 0) == (void *)-1) {
				e = errno;
				break;
			}
			n++;
		}
		for (long i = 0; i < nid; i++)
			shmctl(ids[i], IPC_RMID, NULL); /* destroyed when this child exits */
		long out[2] = { n, e };
		if (write(fd[1], out, sizeof out) != (ssize_t)sizeof out)
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	if (read(fd[0], res, sizeof res) != (ssize_t)sizeof res)
		res[0] = -1;
	close(fd[0]);
	waitpid(c, NULL, 0);
	*err = (int)res[1];
	return res[0];
}

static int distinct_needed(void)
{
	const struct conf_row *r = conf_row("second_attach_same_segment");
	return r && strcmp(conf_result(r->expect), "ok") != 0;
}

/* COVER(shmat | attaches beyond the per-process limit (shmseg; Linux: vm.max_map_count) | EMFILE/ENOMEM | table | attach_limit | -) */
static void attach_limit(void)
{
	struct conf_exp e;
	const char *cond = "attach beyond the per-process attach limit";
	char got[160], exp[160], buf[64];
	int err = 0;
	if (!conf_expect(&e, "shmat", "attach_limit", cond, NULL, NULL))
		return;
	const char *lim = conf_param(e.expect, "limit");
	long n;
	if (strcmp(e.result, "none") == 0) {
		long k = attach_many(1024, distinct_needed(), &err);
		snprintf(got, sizeof got, "%ld attaches, %s", k, err ? conf_errname(err) : "no failure");
		conf_point(k == 1024, "shmat", "attach_limit", cond, e.rule, "1024 attaches, no failure", got);
		return;
	}
	if (!lim) {
		conf_point(0, "shmat", "attach_limit", cond, e.rule, e.expect, "no limit= in the table");
		return;
	}
	if (strcmp(lim, "configurable") == 0) {
		n = conf_limits_value("shmseg");
		if (n < 1) {
			conf_skip("shmat", cond, "implementation-defined limit: give one with --limit shmseg=N (SHMFAULT_LIMITS)");
			return;
		}
	} else if (strcmp(lim, "max_map_count") == 0) {
		if (conf_read_proc("/proc/sys/vm/max_map_count", buf, sizeof buf) != 0) {
			conf_skip("shmat", cond, "cannot read vm.max_map_count");
			return;
		}
		n = atol(buf);
		long k = attach_many(n + 16, 0, &err);
		snprintf(exp, sizeof exp, "%s after fewer than vm.max_map_count (%ld) attaches", e.result, n);
		snprintf(got, sizeof got, "%s after %ld attaches", err ? conf_errname(err) : "no failure", k);
		conf_point(k > n / 2 && k < n && err == conf_errno_of(e.result), "shmat", "attach_limit", cond, e.rule, exp, got);
		return;
	} else {
		n = strtol(lim, NULL, 0);
	}
	if (n > MAXSEG) {
		long k = attach_many(1024, distinct_needed(), &err);
		snprintf(exp, sizeof exp, "limit %ld: 1024 attaches succeed (the limit itself is not reached here)", n);
		snprintf(got, sizeof got, "%ld attaches, %s", k, err ? conf_errname(err) : "no failure");
		conf_point(k == 1024, "shmat", "attach_limit", cond, e.rule, exp, got);
		return;
	}
	long k = attach_many(n + 1, distinct_needed(), &err);
	snprintf(exp, sizeof exp, "%ld attaches, then %s", n, e.result);
	snprintf(got, sizeof got, "%ld attaches, then %s", k, err ? conf_errname(err < 0 ? -err : err) : "no failure");
	conf_point(k == n && err == conf_errno_of(e.result), "shmat", "attach_limit", cond, e.rule, exp, got);
}

/* COVER(shmat | EXTSHM=ON at program start: no attach count limit | ok | table | attach_limit_extshm | -) */
static void extshm(const char *self)
{
	struct conf_exp e;
	const char *cond = "with EXTSHM=ON at program start, 32 attaches succeed";
	if (!conf_expect(&e, "shmat", "attach_limit_extshm", cond, NULL, NULL))
		return;
	pid_t c;
	int st;
	fflush(stdout);
	c = fork();
	if (c == 0) {
		setenv("EXTSHM", "ON", 1);
		execl(self, self, "--attach", "32", (char *)NULL);
		_exit(126);
	}
	waitpid(c, &st, 0);
	char got[96];
	int code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	if (code == 0)
		snprintf(got, sizeof got, "32 attaches");
	else
		snprintf(got, sizeof got, "attach %d failed (status %d)", code, code);
	conf_point(code == 0, "shmat", "attach_limit_extshm", cond, e.rule, "32 attaches", got);
}

/* Rows that only document a behaviour nobody can produce here.
 * DOCONLY(attach_limit_large_segment attach_limit_maxdata shmget_32bit_no_share32 existing_key_check_order_old attach_limit_solaris9) */
static void documented_only(void)
{
	static const char *const checks[] = {
		"attach_limit_large_segment", "attach_limit_maxdata", "shmget_32bit_no_share32",
		"existing_key_check_order_old", "attach_limit_solaris9",
	};
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		const struct conf_row *r = conf_row(checks[i]);
		char why[160];
		if (!r)
			continue;
		snprintf(why, sizeof why, "%s documents a behaviour not reproducible here (%s)", r->rule, checks[i]);
		conf_skip(r->call, r->condition, why);
	}
}

/* COVER(shmget | FreeBSD jail without sysvshm: every call | ENOSYS | table | jail_enosys | -) */
static void jail(void)
{
	struct conf_exp e;
	const char *cond = "in a jail without sysvshm, shmget fails";
	if (!conf_expect(&e, "shmget", "jail_enosys", cond, NULL, NULL))
		return;
	const char *o = getenv("SHMFAULT_OPTIONS");
	if (!o || !strstr(o, "jail")) {
		conf_skip("shmget", cond, "opt-in: run with SHMFAULT_OPTIONS=jail");
		return;
	}
	int r = shmget(IPC_PRIVATE, 100, IPC_CREAT | 0600);
	conf_outcome("shmget", "jail_enosys", cond, e.rule, e.result, r == -1, errno);
	conf_rm(r);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--attach") == 0) {
		int n = atoi(argv[2]);
		for (int i = 1; i <= n; i++) {
			int id = shmget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
			void *p = id == -1 ? (void *)-1 : shmat(id, NULL, 0);
			conf_rm(id);
			if (p == (void *)-1)
				return i > 250 ? 250 : i;
		}
		return 0;
	}
	conf_load();
	tap_plan(0);
	shmmax();
	shmmni();
	shmall();
	attach_limit();
	extshm(argv[0]);
	documented_only();
	jail();
	return tap_done();
}
