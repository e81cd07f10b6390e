/*
 * pshm_open.c: conformance of POSIX shared memory names and objects:
 * shm_open (O_CREAT, O_EXCL, O_TRUNC, access modes, names with and without
 * a leading '/', too long, empty), shm_unlink, fstat of an object, the
 * order of checks when several errors apply. Rule ids: posix-shm.md §4
 * (PM-PX* universal, asserted everywhere; the others from expected/).
 */
#include "pshm.h"
#include <sys/resource.h>

struct nb { const char *name; int oflag; };

/* In a child (as 65534): shm_open(name, oflag); 0 or the errno. */
static int open_child(void *arg)
{
	const struct nb *a = arg;
	int fd = shm_open(a->name, a->oflag, 0600);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int unlink_child(void *arg)
{
	const struct nb *a = arg;
	return shm_unlink(a->name) == 0 ? 0 : errno;
}

/* COVER(shm_open | existing name, no O_CREAT, object missing | ENOENT | native | - | -) */
/* COVER(shm_open | O_CREAT\|O_EXCL on an existing object | EEXIST | native | - | -) */
/* COVER(shm_open | a new object: size 0, uid/gid the caller's, FD_CLOEXEC set | ok | native | - | -) */
/* COVER(shm_open | mode of a new object has the umask applied | 0644 | table | pshm_umask | -) */
/* COVER(shm_open | mode is ignored when the object exists | ok | native | - | -) */
static void basics(void)
{
	struct conf_exp e;
	struct stat st;
	char got[128];
	const char *n = pshm_name();
	int fd = shm_open(n, O_RDWR, 0600);
	conf_outcome("shm_open", "-", "object missing, no O_CREAT", "PM-PX2 (shall fail ENOENT)", "ENOENT", fd < 0, errno);
	if (fd >= 0)
		close(fd);

	fd = pshm_make(n, 0600, 0);
	if (fd < 0)
		tap_bail("shm_open(O_CREAT) of a fresh name failed");
	int fd2 = shm_open(n, O_RDWR | O_CREAT | O_EXCL, 0600);
	conf_outcome("shm_open", "-", "O_CREAT|O_EXCL on an existing object", "PM-PX2 (shall fail EEXIST)", "EEXIST", fd2 < 0, errno);
	if (fd2 >= 0)
		close(fd2);

	int fl = fcntl(fd, F_GETFD);
	fstat(fd, &st);
	snprintf(got, sizeof got, "size=%lld,uid=%s,gid=%s,cloexec=%d", (long long)st.st_size,
		 st.st_uid == geteuid() ? "euid" : "other", st.st_gid == getegid() ? "egid" : "other", fl >= 0 && (fl & FD_CLOEXEC));
	conf_point(st.st_size == 0 && st.st_uid == geteuid() && fl >= 0 && (fl & FD_CLOEXEC), "shm_open",
		   "-", "a new object: size 0, uid the caller's euid, FD_CLOEXEC set", "PM-PX3, PM-PX4",
		   "size=0,uid=euid,cloexec=1", got);
	close(fd);
	shm_unlink(n);

	const char *cond = "mode 0666 with umask 022 gives 0644";
	if (conf_expect(&e, "shm_open", "pshm_umask", cond, "0644", "PM-PX4 (mode & ~umask)")) {
		mode_t old = umask(022);
		fd = shm_open(n, O_RDWR | O_CREAT | O_EXCL, 0666);
		umask(old);
		snprintf(got, sizeof got, "%s", fd < 0 ? conf_errname(errno) : "?");
		if (fd >= 0 && fstat(fd, &st) == 0)
			snprintf(got, sizeof got, "0%o", (unsigned)(st.st_mode & 07777));
		pshm_word(&e, "shm_open", "pshm_umask", cond, got);
		if (fd >= 0)
			close(fd);
	}
	/* the object made above exists now (made here when that check was
	 * skipped as pending): the mode is ignored */
	fd = pshm_make(n, 0644, 0);
	if (fd >= 0)
		close(fd);
	fd = shm_open(n, O_RDWR | O_CREAT, 0600);
	fd2 = fd >= 0 && fstat(fd, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
	snprintf(got, sizeof got, "0%o", (unsigned)fd2);
	conf_point(fd2 != 0600 && fd2 >= 0, "shm_open", "-", "O_CREAT with mode 0600 on an existing 0644 object keeps its mode",
		   "PM-PX4; PM-LX5 (mode ignored when the object exists)", "not 0600", got);
	if (fd >= 0)
		close(fd);
	shm_unlink(n);
}

/* Two names name the same object when an object made by one opens by the other. */
static const char *same_or_other(const char *a, const char *b)
{
	static char buf[32];
	int fd = pshm_make(a, 0600, 0);
	if (fd < 0) {
		snprintf(buf, sizeof buf, "%s", conf_errname(errno));
		return buf;
	}
	close(fd);
	fd = shm_open(b, O_RDWR, 0);
	const char *r = fd >= 0 ? "same" : errno == ENOENT ? "other" : conf_errname(errno);
	if (fd >= 0)
		close(fd);
	shm_unlink(a);
	return r;
}

/* COVER(shm_open | a name without a leading '/' ("x" vs "/x") | same/other/EINVAL | table | pshm_name_noslash | -) */
/* COVER(shm_open | a name with two leading slashes ("//x" vs "/x") | same/other/EINVAL | table | pshm_name_double_slash | -) */
/* COVER(shm_open | a '/' after the first ("/a/b") with O_CREAT | EINVAL/ok | table | pshm_name_inner_slash | -) */
/* COVER(shm_open | the empty name "" with O_CREAT | EINVAL | table | pshm_name_empty | -) */
/* COVER(shm_open | the name "/" with O_CREAT | EINVAL/ok | table | pshm_name_root | -) */
static void names(void)
{
	struct conf_exp e;
	char a[64], b[64];
	const char *base = pshm_name();
	const char *cond = "a name without a leading '/' and the same name with one";
	snprintf(a, sizeof a, "%s", base + 1);
	snprintf(b, sizeof b, "%s", base);
	if (conf_expect(&e, "shm_open", "pshm_name_noslash", cond, NULL, NULL))
		pshm_word(&e, "shm_open", "pshm_name_noslash", cond, same_or_other(a, b));
	cond = "a name with two leading slashes and the same name with one";
	snprintf(a, sizeof a, "/%s", base);
	if (conf_expect(&e, "shm_open", "pshm_name_double_slash", cond, NULL, NULL))
		pshm_word(&e, "shm_open", "pshm_name_double_slash", cond, same_or_other(a, b));

	static const struct { const char *check, *cond; const char *suffix; } bad[] = {
		{ "pshm_name_inner_slash", "O_CREAT of a name with a '/' after the first (\"/a/b\")", "/b" },
		{ "pshm_name_empty", "O_CREAT of the empty name \"\"", NULL },
		{ "pshm_name_root", "O_CREAT of the name \"/\"", NULL },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (!conf_expect(&e, "shm_open", bad[i].check, bad[i].cond, NULL, NULL))
			continue;
		if (i == 0)
			snprintf(a, sizeof a, "%s%s", base, bad[i].suffix);
		else
			snprintf(a, sizeof a, "%s", i == 1 ? "" : "/");
		int fd = shm_open(a, O_RDWR | O_CREAT | O_EXCL, 0600);
		int err = errno;
		if (fd >= 0) {
			close(fd);
			shm_unlink(a);
		}
		conf_outcome("shm_open", bad[i].check, bad[i].cond, e.rule, e.result, fd < 0, err);
	}
}

/* COVER(shm_open | a name of 255 bytes after the '/' | ok | table | pshm_name_255 | -) */
/* COVER(shm_open | a name of 256 bytes after the '/' | ENAMETOOLONG | table | pshm_name_256 | -) */
/* COVER(shm_open | a name of 260 bytes after the '/' | ENAMETOOLONG/EINVAL | table | pshm_name_260 | -) */
/* COVER(shm_open | a name of 32 bytes (macOS PSHMNAMLEN 31) | ok/ENAMETOOLONG | table | pshm_name_32 | -) */
/* COVER(shm_unlink | a name of 260 bytes after the '/' | ENAMETOOLONG/ENOENT | table | pshm_unlink_260 | -) */
static void lengths(void)
{
	static const struct { const char *check; size_t len; } t[] = {
		{ "pshm_name_32", 31 }, { "pshm_name_255", 255 }, { "pshm_name_256", 256 }, { "pshm_name_260", 260 },
	};
	struct conf_exp e;
	char name[300], cond[96];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		snprintf(cond, sizeof cond, "O_CREAT of a name of %zu bytes including the leading '/'", t[i].len + 1);
		if (!conf_expect(&e, "shm_open", t[i].check, cond, NULL, NULL))
			continue;
		name[0] = '/';
		int k = snprintf(name + 1, sizeof name - 1, "sfc%ld-", (long)getpid());
		memset(name + 1 + k, 'n', t[i].len - (size_t)k);
		name[t[i].len + 1] = 0;
		int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
		int err = errno;
		if (fd >= 0) {
			close(fd);
			shm_unlink(name);
		}
		conf_outcome("shm_open", t[i].check, cond, e.rule, e.result, fd < 0, err);
		if (t[i].len == 260 && conf_expect(&e, "shm_unlink", "pshm_unlink_260", "shm_unlink of a name of 261 bytes", NULL, NULL)) {
			int r = shm_unlink(name);
			conf_outcome("shm_unlink", "pshm_unlink_260", "shm_unlink of a name of 261 bytes", e.rule, e.result, r != 0, errno);
		}
	}
}

/* COVER(shm_unlink | the object is missing | ENOENT | native | - | -) */
/* COVER(shm_unlink | an invalid name ("" or "/a/b") | ENOENT/EINVAL | table | pshm_unlink_bad_name | -) */
/* COVER(shm_unlink | after unlink: the name is free (ENOENT), O_CREAT makes a new empty object, the old fd still works | ok | native | - | -) */
/* COVER(shm_unlink | uid 65534 unlinks a 0666 object it does not own | EACCES/EPERM/ok | table | pshm_unlink_nonowner | -) */
static void unlinking(void)
{
	struct conf_exp e;
	struct stat st;
	char got[128];
	const char *n = pshm_name();
	int r = shm_unlink(n);
	conf_outcome("shm_unlink", "-", "the object is missing", "PM-PX6 (shall fail ENOENT)", "ENOENT", r != 0, errno);
	const char *cond = "shm_unlink of an invalid name (\"\")";
	if (conf_expect(&e, "shm_unlink", "pshm_unlink_bad_name", cond, NULL, NULL)) {
		r = shm_unlink("");
		conf_outcome("shm_unlink", "pshm_unlink_bad_name", cond, e.rule, e.result, r != 0, errno);
	}

	int fd = pshm_make(n, 0600, 4096);
	if (fd < 0)
		tap_bail("cannot make an object");
	r = shm_unlink(n);
	int fd2 = shm_open(n, O_RDWR, 0);
	int e2 = errno;
	int fd3 = shm_open(n, O_RDWR | O_CREAT | O_EXCL, 0600);
	off_t newsz = fd3 >= 0 && fstat(fd3, &st) == 0 ? st.st_size : -1;
	off_t oldsz = fstat(fd, &st) == 0 ? st.st_size : -1;
	snprintf(got, sizeof got, "unlink=%d,reopen=%s,recreate size=%lld,old fd size=%lld", r, fd2 < 0 ? conf_errname(e2) : "ok",
		 (long long)newsz, (long long)oldsz);
	conf_point(r == 0 && fd2 < 0 && e2 == ENOENT && newsz == 0 && oldsz == 4096, "shm_unlink", "-",
		   "after unlink the name is free, O_CREAT makes a new empty object, the old fd keeps its object", "PM-PX6",
		   "unlink=0,reopen=ENOENT,recreate size=0,old fd size=4096", got);
	close(fd);
	if (fd2 >= 0)
		close(fd2);
	if (fd3 >= 0)
		close(fd3);
	shm_unlink(n);

	cond = "uid 65534 unlinks a 0666 object owned by root";
	if (!conf_expect(&e, "shm_unlink", "pshm_unlink_nonowner", cond, NULL, NULL))
		return;
	if (!conf_can_drop()) {
		conf_skip("shm_unlink", cond, "needs root to run a child as uid 65534");
		return;
	}
	fd = pshm_make(n, 0666, 0);
	struct nb a = { n, 0 };
	int v = conf_in_child(1, unlink_child, &a);
	if (v < 0)
		conf_point(0, "shm_unlink", "pshm_unlink_nonowner", cond, e.rule, e.expect, "child failed");
	else
		conf_outcome("shm_unlink", "pshm_unlink_nonowner", cond, e.rule, e.result, v != 0, v);
	if (fd >= 0)
		close(fd);
	shm_unlink(n);
}


/* COVER(shm_open | uid 65534 opens a root-owned 0600 object O_RDWR / O_RDONLY | EACCES | native | - | -) */
/* COVER(shm_open | uid 65534, O_CREAT\|O_EXCL on a 0600 object it may not open (EEXIST or EACCES first) | EEXIST | table | pshm_order_eexist_eacces | -) */
static void access_checks(void)
{
	struct conf_exp e;
	const char *n = pshm_name();
	const char *c1 = "uid 65534 opens a root-owned 0600 object O_RDWR";
	const char *c2 = "uid 65534 opens a root-owned 0600 object O_RDONLY";
	const char *c3 = "uid 65534, O_CREAT|O_EXCL|O_RDWR on a 0600 object it may not open";
	if (!conf_can_drop()) {
		conf_skip("shm_open", c1, "needs root to run a child as uid 65534");
		conf_skip("shm_open", c2, "needs root to run a child as uid 65534");
		conf_skip("shm_open", c3, "needs root to run a child as uid 65534");
		return;
	}
	int fd = pshm_make(n, 0600, 0);
	struct nb a = { n, O_RDWR };
	int v = conf_in_child(1, open_child, &a);
	conf_outcome("shm_open", "-", c1, "PM-PX2 (shall fail EACCES)", "EACCES", v != 0, v);
	a.oflag = O_RDONLY;
	v = conf_in_child(1, open_child, &a);
	conf_outcome("shm_open", "-", c2, "PM-PX2 (shall fail EACCES)", "EACCES", v != 0, v);
	if (conf_expect(&e, "shm_open", "pshm_order_eexist_eacces", c3, NULL, NULL)) {
		a.oflag = O_RDWR | O_CREAT | O_EXCL;
		v = conf_in_child(1, open_child, &a);
		conf_outcome("shm_open", "pshm_order_eexist_eacces", c3, e.rule, e.result, v != 0, v);
	}
	if (fd >= 0)
		close(fd);
	shm_unlink(n);
}

static off_t size_of(const char *n)
{
	struct stat st;
	int fd = shm_open(n, O_RDONLY, 0);
	off_t s = fd >= 0 && fstat(fd, &st) == 0 ? st.st_size : -1;
	if (fd >= 0)
		close(fd);
	return s;
}

/* COVER(shm_open | O_RDWR\|O_TRUNC on an existing sized object | ok (size 0) | table | pshm_trunc_rdwr | -) */
/* COVER(shm_open | O_RDONLY\|O_TRUNC on an existing sized object | truncated/kept/EINVAL | table | pshm_trunc_rdonly | -) */
/* COVER(shm_open | uid 65534, O_RDONLY\|O_TRUNC on a 0644 object | EACCES | table | pshm_trunc_rdonly_noperm | -) */
/* COVER(shm_open | O_WRONLY | ok/EINVAL | table | pshm_wronly | -) */
static void truncating(void)
{
	struct conf_exp e;
	char got[64];
	const char *n = pshm_name();
	const char *cond = "O_RDWR|O_TRUNC on an existing object of 8192 bytes";
	int fd = pshm_make(n, 0644, 8192);
	if (fd >= 0)
		close(fd);
	if (conf_expect(&e, "shm_open", "pshm_trunc_rdwr", cond, "truncated", "PM-PX4 (O_TRUNC on an object opened O_RDWR)")) {
		fd = shm_open(n, O_RDWR | O_TRUNC, 0);
		off_t s = size_of(n);
		snprintf(got, sizeof got, "%s", fd < 0 ? conf_errname(errno) : s == 0 ? "truncated" : s == 8192 ? "kept" : "other size");
		pshm_word(&e, "shm_open", "pshm_trunc_rdwr", cond, got);
		if (fd >= 0)
			close(fd);
	}
	fd = shm_open(n, O_RDWR, 0);
	if (fd >= 0 && ftruncate(fd, 8192) == 0)
		close(fd);
	cond = "O_RDONLY|O_TRUNC on an existing object of 8192 bytes";
	if (conf_expect(&e, "shm_open", "pshm_trunc_rdonly", cond, NULL, NULL)) {
		fd = shm_open(n, O_RDONLY | O_TRUNC, 0);
		off_t s = size_of(n);
		snprintf(got, sizeof got, "%s", fd < 0 ? conf_errname(errno) : s == 0 ? "truncated" : s == 8192 ? "kept" : "other size");
		pshm_word(&e, "shm_open", "pshm_trunc_rdonly", cond, got);
		if (fd >= 0)
			close(fd);
	}
	cond = "uid 65534, O_RDONLY|O_TRUNC on a root-owned 0644 object";
	if (conf_expect(&e, "shm_open", "pshm_trunc_rdonly_noperm", cond, NULL, NULL)) {
		if (!conf_can_drop()) {
			conf_skip("shm_open", cond, "needs root to run a child as uid 65534");
		} else {
			struct nb a = { n, O_RDONLY | O_TRUNC };
			int v = conf_in_child(1, open_child, &a);
			conf_outcome("shm_open", "pshm_trunc_rdonly_noperm", cond, e.rule, e.result, v != 0, v);
		}
	}
	cond = "O_WRONLY on an existing object";
	if (conf_expect(&e, "shm_open", "pshm_wronly", cond, NULL, NULL)) {
		fd = shm_open(n, O_WRONLY, 0);
		conf_outcome("shm_open", "pshm_wronly", cond, e.rule, e.result, fd < 0, errno);
		if (fd >= 0)
			close(fd);
	}
	shm_unlink(n);
}

/* In a child: no descriptor left (RLIMIT_NOFILE at the lowest used fd), then shm_open(arg). */
static int emfile_child(void *arg)
{
	const struct nb *a = arg;
	struct rlimit rl;
	int fd, top = -1;
	/* fill every free descriptor below the limit */
	while ((fd = open("/dev/null", O_RDONLY)) >= 0 && fd < 64)
		top = fd;
	if (fd >= 0)
		close(fd);
	rl.rlim_cur = rl.rlim_max = (rlim_t)(top + 1);
	if (top < 0 || setrlimit(RLIMIT_NOFILE, &rl) != 0)
		return -3;
	fd = shm_open(a->name, a->oflag, 0600);
	return fd >= 0 ? 0 : errno;
}

/* COVER(shm_open | no descriptor left and the object missing (EMFILE or ENOENT first) | EMFILE | table | pshm_order_emfile_enoent | -) */
/* COVER(shm_open | no descriptor left and an invalid name (name or EMFILE first) | EINVAL | table | pshm_order_name_emfile | -) */
static void order_checks(void)
{
	struct conf_exp e;
	const char *cond = "no descriptor left and the object missing (no O_CREAT)";
	if (conf_expect(&e, "shm_open", "pshm_order_emfile_enoent", cond, NULL, NULL)) {
		struct nb a = { pshm_name(), O_RDWR };
		int v = conf_in_child(0, emfile_child, &a);
		if (v < 0)
			conf_point(0, "shm_open", "pshm_order_emfile_enoent", cond, e.rule, e.expect, "setup failed");
		else
			conf_outcome("shm_open", "pshm_order_emfile_enoent", cond, e.rule, e.result, v != 0, v);
	}
	cond = "no descriptor left and an invalid name (\"/a/b\", O_CREAT)";
	if (conf_expect(&e, "shm_open", "pshm_order_name_emfile", cond, NULL, NULL)) {
		char bad[80];
		snprintf(bad, sizeof bad, "%s/b", pshm_name());
		struct nb a = { bad, O_RDWR | O_CREAT };
		int v = conf_in_child(0, emfile_child, &a);
		if (v < 0)
			conf_point(0, "shm_open", "pshm_order_name_emfile", cond, e.rule, e.expect, "setup failed");
		else
			conf_outcome("shm_open", "pshm_order_name_emfile", cond, e.rule, e.result, v != 0, v);
	}
}

/* COVER(shm_open | /dev/shm/NAME is a symbolic link (O_NOFOLLOW) | ELOOP | linux | - | -) */
/* COVER(shm_open | "/.." with O_CREAT (EISDIR turned into EINVAL) | EINVAL | linux | - | -) */
/* COVER(shm_unlink | a name that is a directory of /dev/shm | EISDIR | linux | - | -) */
static void linux_names(void)
{
	const char *c1 = "/dev/shm/NAME is a symbolic link";
	const char *c2 = "\"/..\" with O_CREAT (the kernel's EISDIR)";
	const char *c3 = "shm_unlink of a name that is a directory of /dev/shm";
#ifdef __linux__
	if (!conf_native() || access("/dev/shm", W_OK) != 0) {
		conf_skip("shm_open", c1, "Linux kernel with a writable /dev/shm only");
		conf_skip("shm_open", c2, "Linux kernel only");
		conf_skip("shm_unlink", c3, "Linux kernel with a writable /dev/shm only");
		return;
	}
	char path[128];
	const char *n = pshm_name();
	snprintf(path, sizeof path, "/dev/shm%s", n);
	int r = symlink("/dev/null", path);
	int fd = shm_open(n, O_RDWR, 0);
	conf_outcome("shm_open", "-", c1, "PM-LX4 (O_NOFOLLOW; High; T)", "ELOOP", r == 0 && fd < 0, r != 0 ? errno : fd < 0 ? errno : 0);
	if (fd >= 0)
		close(fd);
	unlink(path);
	fd = shm_open("/..", O_RDWR | O_CREAT, 0600);
	conf_outcome("shm_open", "-", c2, "PM-LX3 (High; T)", "EINVAL", fd < 0, errno);
	if (fd >= 0)
		close(fd);
	r = mkdir(path, 0700);
	int u = shm_unlink(n);
	conf_outcome("shm_unlink", "-", c3, "PM-LX3 (High; T)", "EISDIR", r == 0 && u != 0, r != 0 ? errno : u != 0 ? errno : 0);
	rmdir(path);
#else
	conf_skip("shm_open", c1, "Linux only (/dev/shm)");
	conf_skip("shm_open", c2, "Linux only");
	conf_skip("shm_unlink", c3, "Linux only (/dev/shm)");
#endif
}

int main(void)
{
	conf_load();
	tap_plan(0);
	basics();
	names();
	lengths();
	unlinking();
	access_checks();
	truncating();
	order_checks();
	linux_names();
	return tap_done();
}
