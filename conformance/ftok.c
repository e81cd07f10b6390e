/*
 * ftok.c: conformance of ftok(3): same file and id give the same key, only
 * the low 8 bits of id count, path errors (ENOENT, ENOTDIR, EACCES, ELOOP,
 * ENAMETOOLONG), a deleted and a recreated key file, the formula.
 */
#include "conf.h"

static char dir[256], file[300];

static int ftok_child(void *arg)
{
	key_t k = ftok((const char *)arg, 'a');
	return k == (key_t)-1 ? errno : 0;
}

static void fail_case(const char *check, const char *cond, const char *path, const char *dflt, const char *rule)
{
	struct conf_exp e;
	if (!conf_expect(&e, "ftok", check, cond, dflt, rule))
		return;
	errno = 0;
	key_t k = ftok(path, 'a');
	conf_outcome("ftok", check, cond, e.rule, e.result, k == (key_t)-1, errno);
}

/* COVER(ftok | same path and id give the same key; another name of the file too | ok | native | - | -) */
/* COVER(ftok | different ids give different keys | ok | native | - | -) */
/* COVER(ftok | only the low 8 bits of id count (0x41 and 0x141) | same | native | ftok_low8_bits | -) */
/* COVER(ftok | id 0 accepted | ok | table | ftok_proj0 | -) */
/* COVER(ftok | the key follows the platform's formula | formula | table | ftok_formula | -) */
/* COVER(ftok | errno unchanged by a successful ftok | ok | native | - | -) */
static void keys(void)
{
	struct conf_exp e;
	const char *cond;
	char other[400], got[128], exp[128];
	key_t k1, k2, k3;

	cond = "same path and id give the same key, also through another name of the file";
	errno = EBADF;
	k1 = ftok(file, 'a');
	int err = errno;
	k2 = ftok(file, 'a');
	snprintf(other, sizeof other, "%s/../%s/key", dir, strrchr(dir, '/') + 1);
	k3 = ftok(other, 'a');
	snprintf(got, sizeof got, "0x%lx 0x%lx 0x%lx", (unsigned long)k1, (unsigned long)k2, (unsigned long)k3);
	conf_point(k1 != (key_t)-1 && k1 == k2 && k1 == k3, "ftok", "-", cond, "POSIX ftok", "three equal keys", got);
	cond = "errno unchanged by a successful ftok";
	conf_point(err == EBADF, "ftok", "-", cond, "POSIX errno (unchanged on success)", "EBADF", conf_errname(err));

	cond = "different ids give different keys";
	k2 = ftok(file, 'b');
	snprintf(got, sizeof got, "'a' 0x%lx, 'b' 0x%lx", (unsigned long)k1, (unsigned long)k2);
	conf_point(k2 != (key_t)-1 && k1 != k2, "ftok", "-", cond, "POSIX ftok", "two different keys", got);

	cond = "only the low 8 bits of id count: 0x41 and 0x141 give the same key";
	if (conf_expect(&e, "ftok", "ftok_low8_bits", cond, "same", "POSIX ftok (low 8 bits)")) {
		k1 = ftok(file, 0x41);
		k2 = ftok(file, 0x141);
		snprintf(got, sizeof got, "%s (0x%lx, 0x%lx)", k1 == k2 ? "same" : "other", (unsigned long)k1, (unsigned long)k2);
		conf_point((k1 == k2) == (strcmp(e.result, "same") == 0) && k1 != (key_t)-1, "ftok", "ftok_low8_bits", cond, e.rule, e.expect, got);
	}

	cond = "id 0 is accepted";
	if (conf_expect(&e, "ftok", "ftok_proj0", cond, NULL, NULL)) {
		errno = 0;
		k1 = ftok(file, 0);
		conf_outcome("ftok", "ftok_proj0", cond, e.rule, e.result, k1 == (key_t)-1, errno);
	}

	cond = "the key follows the platform's formula (ids 0x41 and 0xc1)";
	if (conf_expect(&e, "ftok", "ftok_formula", cond, NULL, NULL)) {
		struct stat st;
		const char *f = conf_param(e.expect, "formula");
		int ok = stat(file, &st) == 0 && f;
		got[0] = exp[0] = 0;
		for (int id = 0x41; ok && id <= 0xc1; id += 0x80) {
			unsigned long ino = (unsigned long)st.st_ino, dev = (unsigned long)st.st_dev;
			uint32_t want;
			if (strcmp(f, "illumos") == 0)
				want = (uint32_t)id << 24 | (uint32_t)(dev & 0xfff) << 12 | (uint32_t)(ino & 0xfff);
			else /* glibc, freebsd-signed: the same 32 bits */
				want = (uint32_t)(id & 0xff) << 24 | (uint32_t)(dev & 0xff) << 16 | (uint32_t)(ino & 0xffff);
			uint32_t k = (uint32_t)ftok(file, id);
			snprintf(exp + strlen(exp), sizeof exp - strlen(exp), "%s0x%08lx", id > 0x41 ? "," : "", (unsigned long)want);
			snprintf(got + strlen(got), sizeof got - strlen(got), "%s0x%08lx", id > 0x41 ? "," : "", (unsigned long)k);
			ok = ok && k == want;
		}
		if (f && strcmp(f, "freebsd-signed") == 0) {
			/* id >= 128 gives a negative key_t */
			ok = ok && (long)ftok(file, 0xc1) < 0;
		}
		char e2[200];
		snprintf(e2, sizeof e2, "%s: %s", e.expect, exp);
		conf_point(ok, "ftok", "ftok_formula", cond, e.rule, e2, got);
	}
}

/* COVER(ftok | path that does not exist | ENOENT | native | - | -) */
/* COVER(ftok | a path component is not a directory | ENOTDIR | native | - | -) */
/* COVER(ftok | search permission denied on a directory of the path | EACCES | native | - | -) */
/* COVER(ftok | symbolic link loop | ELOOP | native | - | -) */
/* COVER(ftok | path longer than PATH_MAX | ENAMETOOLONG | native | - | -) */
/* COVER(ftok | key file deleted | ENOENT | native | ftok_deleted | -) */
/* COVER(ftok | key file deleted and recreated: a valid key (same or other: unspecified; the table may say which) | same/other | native | ftok_recreated_key | -) */
static void errors(void)
{
	struct conf_exp e;
	char path[400];
	const char *cond;

	snprintf(path, sizeof path, "%s/missing", dir);
	fail_case("-", "a path that does not exist", path, "ENOENT", "ftok(3) as stat(2) ENOENT; POSIX ftok");
	snprintf(path, sizeof path, "%s/x", file);
	fail_case("-", "a path component that is not a directory", path, "ENOTDIR", "ftok(3) as stat(2) ENOTDIR; POSIX ftok");
	snprintf(path, sizeof path, "%s/loop", dir);
	if (symlink("loop", path) == 0) {
		fail_case("-", "a symbolic link loop", path, "ELOOP", "ftok(3) as stat(2) ELOOP; POSIX ftok");
		unlink(path);
	} else {
		conf_skip("ftok", "a symbolic link loop", "cannot create a symbolic link");
	}
	{
		static char longp[PATH_MAX + 64];
		memset(longp, 'a', sizeof longp - 1);
		longp[0] = '/';
		longp[sizeof longp - 1] = 0;
		fail_case("-", "a path longer than PATH_MAX", longp, "ENAMETOOLONG", "ftok(3) as stat(2) ENAMETOOLONG; POSIX ftok");
	}

	cond = "uid 65534 without search permission on a directory of the path";
	{
		char sub[320], f2[340];
		snprintf(sub, sizeof sub, "%s/private", dir);
		snprintf(f2, sizeof f2, "%s/key", sub);
		if (!conf_can_drop()) {
			conf_skip("ftok", cond, "needs root to run a child as uid 65534");
		} else if (mkdir(sub, 0700) != 0 || close(open(f2, O_CREAT | O_WRONLY, 0644)) != 0) {
			conf_skip("ftok", cond, "cannot create the private directory");
		} else {
			chmod(dir, 0755);
			int v = conf_in_child(1, ftok_child, f2);
			conf_outcome("ftok", "-", cond, "ftok(3) as stat(2) EACCES; POSIX ftok", "EACCES", v != 0, v);
		}
		unlink(f2);
		rmdir(sub);
	}

	key_t before = ftok(file, 'a');
	unlink(file);
	cond = "ftok on a key file that was deleted";
	if (conf_expect(&e, "ftok", "ftok_deleted", cond, "ENOENT", "ftok(3) as stat(2) ENOENT; POSIX ftok")) {
		errno = 0;
		key_t k = ftok(file, 'a');
		conf_outcome("ftok", "ftok_deleted", cond, e.rule, e.result, k == (key_t)-1, errno);
	}
	cond = "ftok on a key file that was deleted and recreated";
	close(open(file, O_CREAT | O_WRONLY, 0644));
	{
		key_t k = ftok(file, 'a');
		char got[96];
		snprintf(got, sizeof got, "%s (0x%lx, was 0x%lx)", k == (key_t)-1 ? "-1" : k == before ? "same" : "other",
			 (unsigned long)k, (unsigned long)before);
		if (conf_row("ftok_recreated_key")) {
			conf_expect(&e, "ftok", "ftok_recreated_key", cond, NULL, NULL);
			conf_point(k != (key_t)-1 && (k == before) == (strcmp(e.result, "same") == 0), "ftok", "ftok_recreated_key",
				   cond, e.rule, e.expect, got);
		} else {
			/* POSIX leaves same-or-other unspecified: only a valid key is required */
			conf_point(k != (key_t)-1, "ftok", "ftok_recreated_key", cond,
				   "POSIX ftok (same key after recreation unspecified; platforms.md GT1)", "a key (same or other)", got);
		}
	}
}

int main(void)
{
	const char *t = getenv("TMPDIR");
	conf_load();
	tap_plan(0);
	snprintf(dir, sizeof dir, "%s/shmfault-ftok.XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(dir))
		tap_bail("cannot make a temporary directory");
	chmod(dir, 0755);
	snprintf(file, sizeof file, "%s/key", dir);
	close(open(file, O_CREAT | O_WRONLY, 0644));
	keys();
	errors();
	unlink(file);
	rmdir(dir);
	return tap_done();
}
