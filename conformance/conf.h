/*
 * conf.h: shared helpers of the conformance programs (header only).
 *
 * Portable POSIX C with XSI. Linux-only pieces are behind __linux__ or the
 * feature macros of <sys/shm.h> (SHM_REMAP, SHM_LOCK, IPC_INFO, ...).
 *
 *   platform   SHMFAULT_CONFORMANCE_PLATFORM (default "linux")
 *   table      $SHMFAULT_EXPECTED_DIR/<platform>.tsv (default CONF_EXPECTED_DIR,
 *              set by the Makefiles to the repository's expected/)
 *
 * A check named in the table (column "check") takes its expected result
 * from the row; a universal POSIX fact is asserted directly, with the
 * man-page condition as its rule. A platform-dependent check without a row
 * for the current platform is a SKIP ("no expectation").
 *
 * Every test point prints a YAML block: call, check, condition, expected,
 * got, rule, platform.
 *
 * Coverage markers (read by gen-coverage.sh), one line each:
 *   COVER(call | condition | errno-or-result | native|inject | check-or-- | ltp-tests-or--)
 * inside a comment.
 */
#ifndef SHMFAULT_CONF_H
#define SHMFAULT_CONF_H

/*
 * Feature macros: Linux gets _GNU_SOURCE (a superset of _XOPEN_SOURCE 700
 * that also shows SHM_REMAP, IPC_INFO, SHM_LOCK, struct shminfo). The BSDs,
 * macOS and illumos are left in their default environment, which is
 * POSIX + XSI + setgroups (defining _XOPEN_SOURCE there hides setgroups);
 * anything else (AIX, HP-UX) gets _XOPEN_SOURCE 700.
 */
#if defined(__linux__)
#if !defined(_GNU_SOURCE) && !defined(_XOPEN_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _GNU_SOURCE 1
#endif
#elif defined(__FreeBSD__) || defined(__APPLE__) || defined(__sun) || defined(__NetBSD__) || defined(__OpenBSD__) || defined(__DragonFly__)
/* default environment */
#elif !defined(_XOPEN_SOURCE)
#define _XOPEN_SOURCE 700
#endif

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
/*
 * Linux extensions (IPC_INFO, SHM_INFO's field names, syscall(),
 * remap_file_pages, setgroups) are declared only with _GNU_SOURCE: a strict
 * build (-D_XOPEN_SOURCE=700, tests/portability) skips what needs them.
 */
#if defined(__linux__) && defined(_GNU_SOURCE)
#define CONF_LINUX_EXT 1
#endif
#if defined(CONF_LINUX_EXT) || defined(__FreeBSD__) || defined(__APPLE__) || defined(__sun) || defined(__NetBSD__) || defined(__OpenBSD__)
#include <grp.h>
#define CONF_HAVE_SETGROUPS 1
#endif

#include "tap.h"

#ifndef CONF_EXPECTED_DIR
#define CONF_EXPECTED_DIR "expected"
#endif

#define CONF_NOBODY 65534

/* ------------------------------------------------------------------ */
/* errno names (portable: only the errnos a shm call can report)       */

struct conf_errno { const char *name; int value; };
static const struct conf_errno conf_errnos[] = {
	{ "EACCES", EACCES }, { "EEXIST", EEXIST }, { "EINVAL", EINVAL },
	{ "ENOENT", ENOENT }, { "ENOMEM", ENOMEM }, { "ENOSPC", ENOSPC },
	{ "EMFILE", EMFILE }, { "ENFILE", ENFILE }, { "EPERM", EPERM },
	{ "EFAULT", EFAULT }, { "EIDRM", EIDRM }, { "EOVERFLOW", EOVERFLOW },
	{ "ENOTDIR", ENOTDIR }, { "ELOOP", ELOOP }, { "ENAMETOOLONG", ENAMETOOLONG },
	{ "ENOSYS", ENOSYS }, { "EINTR", EINTR }, { "EAGAIN", EAGAIN },
	{ "EBADF", EBADF }, { "ESRCH", ESRCH },
	/* POSIX shm (posix-shm.md) */
	{ "EISDIR", EISDIR }, { "ENXIO", ENXIO }, { "EFBIG", EFBIG }, { "ENOTSUP", ENOTSUP },
};

static inline const char *conf_errname(int e)
{
	static char buf[32];
	if (e == 0)
		return "0";
	for (size_t i = 0; i < sizeof conf_errnos / sizeof conf_errnos[0]; i++)
		if (conf_errnos[i].value == e)
			return conf_errnos[i].name;
	snprintf(buf, sizeof buf, "errno %d", e);
	return buf;
}

static inline int conf_errno_of(const char *name)
{
	for (size_t i = 0; i < sizeof conf_errnos / sizeof conf_errnos[0]; i++)
		if (strcmp(conf_errnos[i].name, name) == 0)
			return conf_errnos[i].value;
	return -1;
}

/* ------------------------------------------------------------------ */
/* the expected/ table of the current platform                         */

struct conf_row {
	char rule[24], call[16], check[64], expect[128], confidence[16];
	char source[256], condition[512];
	char status[24]; /* optional 8th column: "pending" = not simulated yet */
};

#define CONF_MAX_ROWS 128
static struct conf_row conf_rows_[CONF_MAX_ROWS];
static int conf_nrows_;
static const char *conf_platform_ = "linux";
static char conf_table_[1024];

static inline const char *conf_platform(void) { return conf_platform_; }

/* Native: a Linux kernel with no personality simulated. */
static inline int conf_native(void)
{
#ifdef __linux__
	const char *p = getenv("SHMFAULT_PERSONALITY");
	return strcmp(conf_platform_, "linux") == 0 && (p == NULL || *p == 0 || strcmp(p, "linux") == 0);
#else
	return 0;
#endif
}

static inline void conf_field(char *dst, size_t n, const char *src, size_t len)
{
	if (len >= n)
		len = n - 1;
	memcpy(dst, src, len);
	dst[len] = 0;
}

/* Read the table; a missing table bails out (nothing can be compared). */
static inline void conf_load(void)
{
	const char *p = getenv("SHMFAULT_CONFORMANCE_PLATFORM");
	const char *dir = getenv("SHMFAULT_EXPECTED_DIR");
	char line[4096];
	FILE *f;

	if (p && *p)
		conf_platform_ = p;
	if (!dir || !*dir)
		dir = CONF_EXPECTED_DIR;
	snprintf(conf_table_, sizeof conf_table_, "%s/%s.tsv", dir, conf_platform_);
	f = fopen(conf_table_, "r");
	if (!f) {
		snprintf(line, sizeof line, "cannot read %s (set SHMFAULT_EXPECTED_DIR)", conf_table_);
		tap_plan(0);
		tap_bail(line);
	}
	while (fgets(line, sizeof line, f) && conf_nrows_ < CONF_MAX_ROWS) {
		char *fld[7];
		int n = 0;
		char *s = line;
		line[strcspn(line, "\r\n")] = 0;
		if (line[0] == '#' || line[0] == 0 || strncmp(line, "rule\t", 5) == 0)
			continue;
		char *st8 = NULL;
		while (n < 7) {
			fld[n++] = s;
			s = strchr(s, '\t');
			if (!s)
				break;
			*s++ = 0;
		}
		if (n < 7)
			continue;
		st8 = s; /* what follows the 7th tab, if any */
		if (st8)
			st8[strcspn(st8, "\t")] = 0;
		struct conf_row *r = &conf_rows_[conf_nrows_++];
		conf_field(r->status, sizeof r->status, st8 ? st8 : "", st8 ? strlen(st8) : 0);
		conf_field(r->rule, sizeof r->rule, fld[0], strlen(fld[0]));
		conf_field(r->call, sizeof r->call, fld[1], strlen(fld[1]));
		conf_field(r->check, sizeof r->check, fld[2], strlen(fld[2]));
		conf_field(r->expect, sizeof r->expect, fld[3], strlen(fld[3]));
		conf_field(r->confidence, sizeof r->confidence, fld[4], strlen(fld[4]));
		conf_field(r->source, sizeof r->source, fld[5], strlen(fld[5]));
		conf_field(r->condition, sizeof r->condition, fld[6], strlen(fld[6]));
	}
	fclose(f);
}

static inline const struct conf_row *conf_row_exact(const char *check)
{
	for (int i = 0; i < conf_nrows_; i++)
		if (strcmp(conf_rows_[i].check, check) == 0)
			return &conf_rows_[i];
	return NULL;
}

/*
 * The C library's tags, most specific first: a row "CHECK@TAG" wins over
 * "CHECK". POSIX shm names are checked by the library (glibc and musl
 * differ: posix-shm.md PM-LX2, PM-LX9, PM-LX17).
 */
static inline const char *conf_libc_tag(int i)
{
	static char ver[32];
#if defined(__GLIBC__)
	snprintf(ver, sizeof ver, "glibc%d.%d", __GLIBC__, __GLIBC_MINOR__);
	return i == 0 ? ver : i == 1 ? "glibc" : NULL;
#elif defined(__linux__)
	(void)ver;
	return i == 0 ? "musl" : NULL; /* the other Linux C library the suite builds with */
#else
	(void)ver;
	(void)i;
	return NULL;
#endif
}

/* The row of a check for the current platform (and C library), or NULL. */
static inline const struct conf_row *conf_row(const char *check)
{
	char name[96];
	const char *tag;
	for (int i = 0; (tag = conf_libc_tag(i)) != NULL; i++) {
		snprintf(name, sizeof name, "%s@%s", check, tag);
		const struct conf_row *r = conf_row_exact(name);
		if (r)
			return r;
	}
	return conf_row_exact(check);
}

/* The result part of an expect value: "EMFILE,limit=11" -> "EMFILE". */
static inline const char *conf_result(const char *expect)
{
	static char buf[128];
	size_t n = strcspn(expect, ",");
	conf_field(buf, sizeof buf, expect, n);
	return buf;
}

/* A "name=value" parameter of an expect value, or NULL. */
static inline const char *conf_param(const char *expect, const char *name)
{
	static char bufs[4][128];
	static int next;
	char *buf = bufs[next++ & 3];
	size_t nl = strlen(name);
	const char *p = expect;
	while (p && *p) {
		if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
			p += nl + 1;
			conf_field(buf, sizeof bufs[0], p, strcspn(p, ","));
			return buf;
		}
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* test points                                                         */

/* One test point with its YAML block. */
static inline int conf_point(int pass, const char *call, const char *check, const char *cond,
			     const char *rule, const char *expected, const char *got)
{
	tap_ok(pass, "%s: %s", call, cond);
	tap_yaml_begin();
	tap_yaml("call", "%s", call);
	tap_yaml("check", "%s", check);
	tap_yaml("condition", "%s", cond);
	tap_yaml("expected", "%s", expected);
	tap_yaml("got", "%s", got);
	tap_yaml("rule", "%s", rule);
	tap_yaml("platform", "%s", conf_platform_);
	tap_yaml_end();
	return pass;
}

static inline void conf_skip(const char *call, const char *cond, const char *reason)
{
	tap_skip(reason, "%s: %s", call, cond);
}

/* "ok" or "-1 ENAME" as the application saw it. */
static inline const char *conf_got(int failed, int err)
{
	static char buf[64];
	if (!failed)
		return "ok";
	snprintf(buf, sizeof buf, "%s", conf_errname(err));
	return buf;
}

/*
 * Compare an outcome (failed + errno) with an expected result ("ok" or an
 * errno name). got_extra describes the return value for the YAML.
 */
static inline int conf_outcome(const char *call, const char *check, const char *cond, const char *rule,
			       const char *expected, int failed, int err)
{
	int pass;
	if (strcmp(expected, "ok") == 0)
		pass = !failed;
	else
		pass = failed && err == conf_errno_of(expected);
	return conf_point(pass, call, check, cond, rule, expected, conf_got(failed, err));
}

/*
 * The expectation of a check: the table's row if the platform has one,
 * else the universal default (NULL: platform-dependent, no default).
 * Returns 0 and prints a SKIP when there is none.
 */
struct conf_exp {
	const char *expect;   /* whole expect value */
	const char *result;   /* its result part */
	char rule[300];
	const struct conf_row *row;
};

static inline int conf_expect(struct conf_exp *e, const char *call, const char *check, const char *cond,
			      const char *dflt, const char *dflt_rule)
{
	static char res[128];
	const struct conf_row *r = conf_row(check);
	memset(e, 0, sizeof *e);
	/* pending: the personality does not simulate the row yet (the kernel itself is the truth natively) */
	if (r && strcmp(r->status, "pending") == 0 && !conf_native()) {
		char why[200];
		snprintf(why, sizeof why, "expected/%s.tsv row %s is pending (not simulated yet)", conf_platform_, r->rule);
		conf_skip(call, cond, why);
		return 0;
	}
	if (r) {
		e->row = r;
		e->expect = r->expect;
		snprintf(e->rule, sizeof e->rule, "%s (%s; %s)", r->rule, r->confidence, r->source);
	} else if (dflt) {
		e->expect = dflt;
		snprintf(e->rule, sizeof e->rule, "%s", dflt_rule);
	} else {
		char why[200];
		snprintf(why, sizeof why, "expected/%s.tsv has no row for check '%s'", conf_platform_, check);
		conf_skip(call, cond, why);
		return 0;
	}
	snprintf(res, sizeof res, "%s", conf_result(e->expect));
	e->result = res;
	return 1;
}

/* ------------------------------------------------------------------ */
/* processes and privileges                                            */

static inline int conf_is_root(void) { return geteuid() == 0; }

/*
 * setgid + setuid to 65534. Without setgroups (not POSIX) root's
 * supplementary groups would survive the drop and change every permission
 * check, so the drop then fails unless none but 65534 is left.
 */
static inline int conf_drop_ids(void)
{
	if (setgid(CONF_NOBODY) != 0 || setuid(CONF_NOBODY) != 0)
		return -1;
#ifndef CONF_HAVE_SETGROUPS
	gid_t gl[64];
	int n = getgroups(64, gl);
	for (int i = 0; i < n; i++)
		if (gl[i] != CONF_NOBODY)
			return -1;
	if (n < 0)
		return -1;
#endif
	return 0;
}

/* Whether this process can become uid/gid 65534 (in a child). */
static inline int conf_can_drop(void)
{
	pid_t pid;
	int st;
	if (!conf_is_root())
		return 0;
	pid = fork();
	if (pid == 0) {
#ifdef CONF_HAVE_SETGROUPS
		gid_t g = CONF_NOBODY;
		if (setgroups(1, &g) != 0)
			_exit(1);
#endif
		_exit(conf_drop_ids() == 0 ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return 0;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static inline int conf_drop(void)
{
#ifdef CONF_HAVE_SETGROUPS
	gid_t g = CONF_NOBODY;
	if (setgroups(1, &g) != 0)
		return -1;
#endif
	if (conf_drop_ids() != 0)
		return -1;
	return 0;
}

/*
 * Run fn(arg) in a child, as uid/gid 65534 when drop is set. fn returns
 * 0 (success) or an errno; the child writes it to a pipe. Returns the
 * child's value, or -1 if the child could not report (status in *how).
 */
static inline int conf_in_child(int drop, int (*fn)(void *), void *arg)
{
	int fd[2], st, v = -1;
	pid_t pid;
	if (pipe(fd) != 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(fd[0]);
		if (drop && conf_drop() != 0)
			v = -2;
		else
			v = fn(arg);
		if (write(fd[1], &v, sizeof v) != (ssize_t)sizeof v)
			_exit(3);
		_exit(0);
	}
	close(fd[1]);
	if (read(fd[0], &v, sizeof v) != (ssize_t)sizeof v)
		v = -1;
	close(fd[0]);
	waitpid(pid, &st, 0);
	return v;
}

/* ------------------------------------------------------------------ */
/* segments                                                            */

static inline long conf_pagesize(void)
{
	long p = sysconf(_SC_PAGESIZE);
	return p > 0 ? p : 4096;
}

/* A fresh key: ftok of the current directory with a rotating id, or a
 * large pseudo-random constant on platforms where that collides. */
static inline key_t conf_key(void)
{
	static unsigned n;
	n++;
	return (key_t)(0x5f000000 + ((unsigned)getpid() & 0xffff) * 256 + (n & 0xff));
}

/* The key field of struct ipc_perm has a different name on each libc. */
#if defined(__linux__)
#define CONF_PERM_KEY(p) ((p).__key)
#elif defined(__APPLE__)
#define CONF_PERM_KEY(p) ((p)._key)
#else
#define CONF_PERM_KEY(p) ((p).key)
#endif

/* Whether this run may rely on a fresh private IPC namespace (set by the
 * .t wrappers, which run each program in one). */
static inline int conf_private_ns(void)
{
	const char *e = getenv("SHMFAULT_CONFORMANCE_NS");
	return e && strcmp(e, "private") == 0;
}

static inline void conf_rm(int id)
{
	if (id >= 0)
		shmctl(id, IPC_RMID, NULL);
}

/* Write a /proc/sys value (Linux, in the private IPC namespace). 0 on success. */
static inline int conf_write_proc(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;
	if (fd < 0)
		return -1;
	n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

static inline int conf_read_proc(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

/* The shmseg limit the personality was given (SHMFAULT_LIMITS), or -1. */
static inline long conf_limits_value(const char *name)
{
	const char *l = getenv("SHMFAULT_LIMITS");
	size_t nl = strlen(name);
	while (l && *l) {
		if (strncmp(l, name, nl) == 0 && l[nl] == '=')
			return strtol(l + nl + 1, NULL, 0);
		l = strchr(l, ',');
		if (l)
			l++;
	}
	return -1;
}

#endif
