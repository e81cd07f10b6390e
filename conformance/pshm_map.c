/*
 * pshm_map.c: conformance of a POSIX shared memory object's size and
 * mappings: ftruncate (grow, shrink, twice, read-only fd), zero fill, mmap
 * (len 0, unsized object, beyond the size: SIGBUS or an error, MAP_PRIVATE,
 * access modes), MAP_SHARED visibility across fork and between openers,
 * munmap, fstat of an object. Rule ids: posix-shm.md §4.
 */
#include "pshm.h"
#include <sys/resource.h>

static long ps;

/* A fresh object of SIZE bytes (0: never sized), opened O_RDWR. */
static int fresh(const char **name, off_t size)
{
	*name = pshm_name();
	int fd = pshm_make(*name, 0600, size);
	if (fd < 0)
		tap_bail("cannot create a POSIX shm object");
	return fd;
}

static void done(int fd, const char *name)
{
	close(fd);
	shm_unlink(name);
}

/* COVER(ftruncate | grow a new object: st_size, zero-filled contents | ok | native | - | -) */
/* COVER(fstat | st_size after ftruncate(100) | exact/page | table | pshm_fstat_size | -) */
/* COVER(ftruncate | a second ftruncate of the same object | ok/EINVAL | native | pshm_ftruncate_twice | -) */
/* COVER(ftruncate | shrink a mapped object, touch a page past the new end | SIGBUS | native | pshm_ftruncate_shrink | -) */
/* COVER(ftruncate | on a descriptor opened O_RDONLY | EINVAL/ok | table | pshm_ftruncate_rdonly | -) */
/* COVER(ftruncate | length < 0 | EINVAL | native | - | -) */
static void sizes(void)
{
	struct conf_exp e;
	struct stat st;
	char got[96];
	const char *n;
	int fd = fresh(&n, 0);
	int r = ftruncate(fd, 2 * ps);
	char *p = r == 0 ? mmap(NULL, (size_t)(2 * ps), PROT_READ, MAP_SHARED, fd, 0) : MAP_FAILED;
	long nz = 0;
	for (long i = 0; p != MAP_FAILED && i < 2 * ps; i++)
		nz += p[i] != 0;
	fstat(fd, &st);
	snprintf(got, sizeof got, "ftruncate=%d,size=%lld,nonzero bytes=%ld", r, (long long)st.st_size, p == MAP_FAILED ? -1 : nz);
	conf_point(r == 0 && st.st_size == 2 * ps && p != MAP_FAILED && nz == 0, "ftruncate", "-",
		   "grow a new object to two pages: st_size, zero-filled", "PM-PX7 (extended area zero-filled); PM-PX4",
		   "ftruncate=0,size=2 pages,nonzero bytes=0", got);
	if (p != MAP_FAILED)
		munmap(p, (size_t)(2 * ps));
	done(fd, n);

	const char *cond = "st_size after ftruncate(100)";
	fd = fresh(&n, 0);
	if (conf_expect(&e, "fstat", "pshm_fstat_size", cond, "exact", "PM-PX7 (shall set the size to length)")) {
		r = ftruncate(fd, 100);
		fstat(fd, &st);
		pshm_word(&e, "fstat", "pshm_fstat_size", cond, r != 0 ? conf_errname(errno) : st.st_size == 100 ? "exact" : st.st_size % ps == 0 ? "page" : "other");
	}
	done(fd, n);

	cond = "a second ftruncate of the same object (4096, then 8192)";
	fd = fresh(&n, 0);
	if (conf_expect(&e, "ftruncate", "pshm_ftruncate_twice", cond, "ok", "PM-PX7 (no one-shot limit)")) {
		r = ftruncate(fd, 4096);
		int r2 = ftruncate(fd, 8192);
		conf_outcome("ftruncate", "pshm_ftruncate_twice", cond, e.rule, e.result, r != 0 || r2 != 0, errno);
	}
	done(fd, n);

	cond = "shrink a mapped object from two pages to one, touch the second page";
	fd = fresh(&n, 2 * ps);
	if (conf_expect(&e, "ftruncate", "pshm_ftruncate_shrink", cond, "SIGBUS", "PM-PX7 (pages past the new end raise SIGBUS)")) {
		p = mmap(NULL, (size_t)(2 * ps), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		r = p == MAP_FAILED ? -1 : ftruncate(fd, ps);
		pshm_word(&e, "ftruncate", "pshm_ftruncate_shrink", cond, r != 0 ? conf_errname(errno) : pshm_touch(p + ps, 0));
		if (p != MAP_FAILED)
			munmap(p, (size_t)(2 * ps));
	}
	r = ftruncate(fd, -1);
	conf_outcome("ftruncate", "-", "length < 0", "PM-PX7 (EINVAL)", "EINVAL", r != 0, errno);
	close(fd);

	cond = "ftruncate on a descriptor opened O_RDONLY";
	if (conf_expect(&e, "ftruncate", "pshm_ftruncate_rdonly", cond, NULL, NULL)) {
		fd = shm_open(n, O_RDONLY, 0);
		r = fd < 0 ? -2 : ftruncate(fd, 3 * ps);
		conf_outcome("ftruncate", "pshm_ftruncate_rdonly", cond, e.rule, e.result, r != 0, errno);
		if (fd >= 0)
			close(fd);
	}
	shm_unlink(n);
}

/* COVER(mmap | len 0 | EINVAL | native | - | -) */
/* COVER(mmap | an offset that is not a multiple of the page size | EINVAL | native | - | -) */
/* COVER(mmap | one page of a never-sized object, then a touch | SIGBUS/EINVAL | table | pshm_mmap_unsized | -) */
/* COVER(mmap | 100-byte object: the rest of its page reads zero and is writable | ok | native | - | -) */
/* COVER(mmap | 100-byte object mapped over 2 pages, touch the second page | SIGBUS/EINVAL | table | pshm_mmap_beyond | -) */
static void bounds(void)
{
	struct conf_exp e;
	char got[96];
	const char *n;
	int fd = fresh(&n, 0);
	void *q = mmap(NULL, 0, PROT_READ, MAP_SHARED, fd, 0);
	conf_outcome("mmap", "-", "len 0", "PM-PX8 (EINVAL)", "EINVAL", q == MAP_FAILED, errno);

	const char *cond = "one page of a never-sized object, then a read";
	if (conf_expect(&e, "mmap", "pshm_mmap_unsized", cond, NULL, NULL)) {
		char *p = mmap(NULL, (size_t)ps, PROT_READ, MAP_SHARED, fd, 0);
		pshm_word(&e, "mmap", "pshm_mmap_unsized", cond, p == MAP_FAILED ? conf_errname(errno) : pshm_touch(p, 0));
		if (p != MAP_FAILED)
			munmap(p, (size_t)ps);
	}
	if (ftruncate(fd, 100) != 0)
		tap_bail("ftruncate(100) failed");
	q = mmap(NULL, (size_t)ps, PROT_READ, MAP_SHARED, fd, 1);
	conf_outcome("mmap", "-", "an offset that is not a multiple of the page size", "PM-PX8 (EINVAL, alignment)", "EINVAL", q == MAP_FAILED, errno);

	char *p = mmap(NULL, (size_t)ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	long nz = 0;
	for (long i = 100; p != MAP_FAILED && i < ps; i++)
		nz += p[i] != 0;
	const char *w = p == MAP_FAILED ? conf_errname(errno) : pshm_touch(p + ps - 1, 1);
	snprintf(got, sizeof got, "nonzero=%ld,write at the page end=%s", p == MAP_FAILED ? -1 : nz, w);
	conf_point(p != MAP_FAILED && nz == 0 && strcmp(w, "ok") == 0, "mmap", "-",
		   "100-byte object: the rest of its page reads zero and can be written", "PM-PX8 (partial page zero-filled)",
		   "nonzero=0,write at the page end=ok", got);
	if (p != MAP_FAILED)
		munmap(p, (size_t)ps);

	cond = "100-byte object mapped over two pages, read of the second page";
	if (conf_expect(&e, "mmap", "pshm_mmap_beyond", cond, NULL, NULL)) {
		p = mmap(NULL, (size_t)(2 * ps), PROT_READ, MAP_SHARED, fd, 0);
		pshm_word(&e, "mmap", "pshm_mmap_beyond", cond, p == MAP_FAILED ? conf_errname(errno) : pshm_touch(p + ps, 0));
		if (p != MAP_FAILED)
			munmap(p, (size_t)(2 * ps));
	}
	done(fd, n);
}

/* COVER(mmap | PROT_WRITE, MAP_SHARED on an O_RDONLY descriptor | EACCES/EPERM | native | pshm_mmap_write_rdonly | -) */
/* COVER(mmap | PROT_READ, MAP_SHARED on an O_WRONLY descriptor | EACCES/ok | table | pshm_mmap_read_wronly | -) */
/* COVER(mmap | MAP_PRIVATE | ok/EINVAL | table | pshm_mmap_private | -) */
static void access_modes(void)
{
	struct conf_exp e;
	const char *n;
	int fd = fresh(&n, ps);
	const char *cond = "PROT_WRITE, MAP_SHARED on an O_RDONLY descriptor";
	int ro = shm_open(n, O_RDONLY, 0);
	if (conf_expect(&e, "mmap", "pshm_mmap_write_rdonly", cond, "EACCES", "PM-PX8 (EACCES)")) {
		void *q = ro < 0 ? MAP_FAILED : mmap(NULL, (size_t)ps, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
		conf_outcome("mmap", "pshm_mmap_write_rdonly", cond, e.rule, e.result, q == MAP_FAILED, errno);
		if (q != MAP_FAILED)
			munmap(q, (size_t)ps);
	}
	if (ro >= 0)
		close(ro);
	cond = "PROT_READ, MAP_SHARED on an O_WRONLY descriptor";
	if (conf_expect(&e, "mmap", "pshm_mmap_read_wronly", cond, NULL, NULL)) {
		int wo = shm_open(n, O_WRONLY, 0);
		void *q = wo < 0 ? MAP_FAILED : mmap(NULL, (size_t)ps, PROT_READ, MAP_SHARED, wo, 0);
		conf_outcome("mmap", "pshm_mmap_read_wronly", cond, e.rule, e.result, q == MAP_FAILED, errno);
		if (q != MAP_FAILED)
			munmap(q, (size_t)ps);
		if (wo >= 0)
			close(wo);
	}
	cond = "MAP_PRIVATE, PROT_READ|PROT_WRITE";
	if (conf_expect(&e, "mmap", "pshm_mmap_private", cond, NULL, NULL)) {
		void *q = mmap(NULL, (size_t)ps, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
		conf_outcome("mmap", "pshm_mmap_private", cond, e.rule, e.result, q == MAP_FAILED, errno);
		if (q != MAP_FAILED)
			munmap(q, (size_t)ps);
	}
	done(fd, n);
}

/* COVER(mmap | MAP_SHARED: a forked child inherits the mapping, its writes reach the parent | ok | native | - | -) */
/* COVER(mmap | MAP_SHARED: another process opening the name sees the same memory | ok | native | - | -) */
/* COVER(mmap | the mapping stays valid after close and shm_unlink | ok | native | - | -) */
static void sharing(void)
{
	char got[96];
	const char *n;
	int fd = fresh(&n, ps);
	volatile char *p = mmap(NULL, (size_t)ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		tap_bail("mmap of a one-page object failed");
	int st = -1;
	fflush(stdout);
	pid_t c = fork();
	if (c == 0) {
		p[0] = 'f';
		_exit(0);
	}
	waitpid(c, &st, 0);
	conf_point(p[0] == 'f', "mmap", "-", "a forked child inherits a MAP_SHARED mapping and its write reaches the parent",
		   "PM-PX8; POSIX fork (mappings inherited)", "f", p[0] == 'f' ? "f" : "not seen");
	fflush(stdout);
	c = fork();
	if (c == 0) {
		int cfd = shm_open(n, O_RDWR, 0);
		char *cp = cfd < 0 ? MAP_FAILED : mmap(NULL, (size_t)ps, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
		if (cp == MAP_FAILED)
			_exit(2);
		cp[1] = 'o';
		_exit(cp[0] == 'f' ? 0 : 3);
	}
	waitpid(c, &st, 0);
	snprintf(got, sizeof got, "child status %d, parent reads '%c'", WIFEXITED(st) ? WEXITSTATUS(st) : -1, p[1] ? p[1] : '0');
	conf_point(WIFEXITED(st) && WEXITSTATUS(st) == 0 && p[1] == 'o', "mmap", "-",
		   "a process that opens the same name and maps it shares the memory both ways", "PM-PX1 (same name, same object); PM-PX8",
		   "child status 0, parent reads 'o'", got);
	close(fd);
	int u = shm_unlink(n);
	p[2] = 'u';
	const char *t = pshm_touch(p + 2, 0);
	snprintf(got, sizeof got, "unlink=%d,touch=%s,byte=%c", u, t, p[2]);
	conf_point(u == 0 && strcmp(t, "ok") == 0 && p[2] == 'u', "mmap", "-", "the mapping stays valid after close and shm_unlink",
		   "PM-PX6, PM-PX8 (mmap holds its own reference)", "unlink=0,touch=ok,byte=u", got);
	munmap((void *)p, (size_t)ps);
}

/* COVER(munmap | len 0 | EINVAL | native | - | -) */
/* COVER(munmap | an address that is not page-aligned | EINVAL | native | - | -) */
/* COVER(munmap | a touch after munmap | SIGSEGV | native | - | -) */
static void unmapping(void)
{
	const char *n;
	int fd = fresh(&n, ps);
	char *p = mmap(NULL, (size_t)ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		tap_bail("mmap failed");
	int r = munmap(p, 0);
	conf_outcome("munmap", "-", "len 0", "POSIX munmap (EINVAL: len is 0); posix-shm.md 2.5", "EINVAL", r != 0, errno);
	r = munmap(p + 1, (size_t)ps);
	conf_outcome("munmap", "-", "an address that is not page-aligned", "POSIX munmap (EINVAL: addr not a multiple of the page size); posix-shm.md 2.5", "EINVAL", r != 0, errno);
	r = munmap(p, (size_t)ps);
	const char *t = r == 0 ? pshm_touch(p, 0) : conf_errname(errno);
	conf_point(strcmp(t, "SIGSEGV") == 0, "munmap", "-", "a read after munmap", "POSIX munmap (further references: SIGSEGV)", "SIGSEGV", t);
	done(fd, n);
}

/* COVER(fstat | st_uid, st_gid, the rw permission bits of a 0640 object | ok | native | - | -) */
/* COVER(fstat | the file type bits (S_ISREG) | regular/none | table | pshm_fstat_type | -) */
/* COVER(fstat | st_nlink before and after shm_unlink | 1,0 | table | pshm_fstat_nlink | -) */
static void stat_fields(void)
{
	struct conf_exp e;
	struct stat st;
	char got[96];
	const char *n = pshm_name();
	int fd = pshm_make(n, 0640, ps);
	if (fd < 0 || fstat(fd, &st) != 0)
		tap_bail("cannot make and fstat an object");
	snprintf(got, sizeof got, "uid=%s,gid=%s,perm=0%o", st.st_uid == geteuid() ? "euid" : "other",
		 st.st_gid == getegid() ? "egid" : "other", (unsigned)(st.st_mode & 0666));
	conf_point(st.st_uid == geteuid() && st.st_gid == getegid() && (st.st_mode & 0666) == 0640, "fstat", "-",
		   "st_uid, st_gid and the rw permission bits of a 0640 object", "PM-PX9", "uid=euid,gid=egid,perm=0640", got);
	const char *cond = "the file type bits of an object";
	if (conf_expect(&e, "fstat", "pshm_fstat_type", cond, NULL, NULL))
		pshm_word(&e, "fstat", "pshm_fstat_type", cond, S_ISREG(st.st_mode) ? "regular" : (st.st_mode & S_IFMT) == 0 ? "none" : "other");
	cond = "st_nlink before and after shm_unlink";
	if (conf_expect(&e, "fstat", "pshm_fstat_nlink", cond, NULL, NULL)) {
		long before = (long)st.st_nlink;
		shm_unlink(n);
		long after = fstat(fd, &st) == 0 ? (long)st.st_nlink : -1;
		snprintf(got, sizeof got, "%ld,%ld", before, after);
		pshm_word(&e, "fstat", "pshm_fstat_nlink", cond, got);
	}
	done(fd, n);
}

static int fsize_child(void *arg)
{
	const int *fd = arg;
	struct rlimit rl = { 4096, 4096 };
	signal(SIGXFSZ, SIG_IGN); /* XSI: SIGXFSZ is sent first; ignored, the call returns EFBIG */
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return -3;
	return ftruncate(*fd, 8192) == 0 ? 0 : errno;
}

/* COVER(ftruncate | length above RLIMIT_FSIZE (SIGXFSZ ignored) | EFBIG | table | pshm_ftruncate_fsize | -) */
static void file_size_limit(void)
{
	struct conf_exp e;
	const char *cond = "ftruncate above RLIMIT_FSIZE, SIGXFSZ ignored";
	if (!conf_expect(&e, "ftruncate", "pshm_ftruncate_fsize", cond, NULL, NULL))
		return;
	const char *n;
	int fd = fresh(&n, 0);
	int v = conf_in_child(0, fsize_child, &fd);
	if (v < 0)
		conf_point(0, "ftruncate", "pshm_ftruncate_fsize", cond, e.rule, e.expect, "setup failed");
	else
		conf_outcome("ftruncate", "pshm_ftruncate_fsize", cond, e.rule, e.result, v != 0, v);
	done(fd, n);
}

/* COVER(memfd_create | a name of 250 bytes; st_nlink; initial seals | EINVAL, 0, F_SEAL_SEAL | linux | - | -) */
static void memfd(void)
{
	const char *cond = "memfd_create: a 250-byte name is EINVAL; an object has st_nlink 0 and seals F_SEAL_SEAL (none with MFD_ALLOW_SEALING)";
#if defined(CONF_LINUX_EXT) && defined(MFD_ALLOW_SEALING) && defined(F_GET_SEALS)
	if (!conf_native()) {
		conf_skip("memfd_create", cond, "Linux kernel only");
		return;
	}
	char name[251], got[128];
	struct stat st;
	memset(name, 'm', 250);
	name[250] = 0;
	int bad = memfd_create(name, 0);
	int ebad = errno;
	int fd = memfd_create("shmfault-conf", 0);
	int fd2 = memfd_create("shmfault-conf", MFD_ALLOW_SEALING);
	long nl = fd >= 0 && fstat(fd, &st) == 0 ? (long)st.st_nlink : -1;
	int s1 = fd >= 0 ? fcntl(fd, F_GET_SEALS) : -1, s2 = fd2 >= 0 ? fcntl(fd2, F_GET_SEALS) : -1;
	snprintf(got, sizeof got, "long name=%s,nlink=%ld,seals=%d,with MFD_ALLOW_SEALING=%d", bad < 0 ? conf_errname(ebad) : "ok", nl, s1, s2);
	conf_point(bad < 0 && ebad == EINVAL && nl == 0 && s1 == F_SEAL_SEAL && s2 == 0, "memfd_create", "-", cond,
		   "PM-LX15 (High; D LM-memfd2; T)", "long name=EINVAL,nlink=0,seals=1,with MFD_ALLOW_SEALING=0", got);
	if (bad >= 0)
		close(bad);
	if (fd >= 0)
		close(fd);
	if (fd2 >= 0)
		close(fd2);
#else
	conf_skip("memfd_create", cond, "memfd_create not declared in this build (Linux with _GNU_SOURCE only)");
#endif
}

/* COVER(fcntl | F_GET_SEALS of a /dev/shm descriptor, F_ADD_SEALS | F_SEAL_SEAL, EPERM | linux | - | -) */
static void seals(void)
{
	const char *cond = "F_GET_SEALS gives F_SEAL_SEAL, F_ADD_SEALS(F_SEAL_WRITE) fails with EPERM";
#if defined(CONF_LINUX_EXT) && defined(F_GET_SEALS)
	if (!conf_native()) {
		conf_skip("fcntl", cond, "Linux kernel only");
		return;
	}
	char got[64];
	const char *n;
	int fd = fresh(&n, ps);
	int s = fcntl(fd, F_GET_SEALS);
	int a = fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE);
	snprintf(got, sizeof got, "seals=%d,add=%s", s, a == 0 ? "ok" : conf_errname(errno));
	conf_point(s == F_SEAL_SEAL && a == -1 && errno == EPERM, "fcntl", "-", cond, "PM-LX14 (High; S LK-seal; T)", "seals=1,add=EPERM", got);
	done(fd, n);
#else
	conf_skip("fcntl", cond, "F_GET_SEALS not declared in this build (Linux with _GNU_SOURCE only)");
#endif
}

int main(void)
{
	conf_load();
	ps = conf_pagesize();
	tap_plan(0);
	sizes();
	bounds();
	access_modes();
	sharing();
	unmapping();
	stat_fields();
	seals();
	file_size_limit();
	memfd();
	return tap_done();
}
