/* ns_pshm.c: the POSIX shm side of a sandbox (see sandbox_int.h). In the
 * reaper's private mount namespace /dev/shm is a tmpfs of the slot's own,
 * renewed between runs: every file in it after a run is the run's (listed,
 * removed). In the host's /dev/shm (--host-ipc, no namespaces, or the
 * private mount failed) only what a run added is listed, and left there:
 * who made a file of the host cannot be told, so it is never deleted. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sandbox_int.h"

/* the host's /dev/shm, opened before our tmpfs hid it (sf_pshm_bind) */
static int host_dir = -1;

int sf_pshm_mount(const char *dir)
{
	if (host_dir < 0)
		host_dir = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (mount("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777") < 0)
		return errno ? errno : EPERM;
	return 0;
}

int sf_pshm_renew(const char *dir)
{
	/* the old tmpfs goes with the last file of it still open (none: the
	 * run's processes are dead) */
	if (umount2(dir, MNT_DETACH) < 0)
		return -1;
	return sf_pshm_mount(dir) == 0 ? 0 : -1;
}

/* mkdir -p of dir/sub (sub relative); dst: the whole path. */
static void make_dirs(const char *dir, char *sub, char *dst, size_t len)
{
	for (char *p = sub;; p++) {
		if (*p != '/' && *p)
			continue;
		char c = *p;
		*p = 0;
		snprintf(dst, len, "%s/%s", dir, sub);
		mkdir(dst, 0700);
		*p = c;
		if (!c)
			return;
	}
}

int sf_pshm_bind(const char *dir, const char *state_path, char *err, size_t errlen)
{
	size_t n = strlen(dir);
	char sub[PATH_MAX], src[PATH_MAX + 64], dst[PATH_MAX + 16];
	if (!state_path || strncmp(state_path, dir, n) || state_path[n] != '/')
		return 0;
	snprintf(sub, sizeof sub, "%s", state_path + n + 1);
	char *slash = strrchr(sub, '/');
	if (!slash)
		return 0;
	*slash = 0;
	make_dirs(dir, sub, dst, sizeof dst);
	snprintf(src, sizeof src, "/proc/self/fd/%d/%s", host_dir, sub);
	if (host_dir >= 0 && mount(src, dst, NULL, MS_BIND, NULL) == 0)
		return 0;
	snprintf(err, errlen, "cannot show %s (TMPDIR) in the run's private %s: %s", dst, dir,
		 strerror(host_dir < 0 ? EBADF : errno));
	return -1;
}

static int is_file(int dfd, const char *name, struct stat *sb)
{
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return 0;
	return fstatat(dfd, name, sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb->st_mode);
}

void sf_pshm_take(struct sf_pshm_seen *seen, const char *dir)
{
	memset(seen, 0, sizeof *seen);
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	struct stat sb;
	while ((e = readdir(d))) {
		if (!is_file(dirfd(d), e->d_name, &sb))
			continue;
		if (seen->n == seen->cap) {
			size_t cap = seen->cap ? seen->cap * 2 : 64;
			struct sf_pshm_file *f = realloc(seen->f, cap * sizeof *f);
			if (!f)
				break;
			seen->f = f;
			seen->cap = cap;
		}
		struct sf_pshm_file *f = &seen->f[seen->n++];
		f->ino = sb.st_ino;
		snprintf(f->name, sizeof f->name, "%s", e->d_name);
	}
	closedir(d);
}

void sf_pshm_free(struct sf_pshm_seen *seen)
{
	free(seen->f);
	memset(seen, 0, sizeof *seen);
}

static int was_there(const struct sf_pshm_seen *seen, const char *name, ino_t ino)
{
	for (size_t i = 0; i < seen->n; i++)
		if (seen->f[i].ino == ino && !strcmp(seen->f[i].name, name))
			return 1;
	return 0;
}

/* glibc's named semaphores are the files "sem.NAME" of /dev/shm */
static void add_object(struct sf_sandbox_result *res, const char *file, const struct stat *sb, int left)
{
	if (res->nleaked < SF_MAX_LEAKS) {
		struct sf_segment *s = &res->leaked[res->nleaked];
		int sem = !strncmp(file, "sem.", 4) && file[4];
		memset(s, 0, sizeof *s);
		s->shmid = -1;
		s->size = (uint64_t)sb->st_size;
		s->mode = (int)(sb->st_mode & 0777);
		s->kind = sem ? SF_LEAK_PSEM : SF_LEAK_PSHM;
		s->left = left;
		snprintf(s->name, sizeof s->name, "/%.*s", SF_PSHM_NAME - 2, sem ? file + 4 : file);
	}
	res->nleaked++;
}

void sf_pshm_scan(struct sf_sandbox_result *res, const char *dir, const struct sf_pshm_seen *before)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	struct stat sb;
	while ((e = readdir(d))) {
		if (!is_file(dirfd(d), e->d_name, &sb) || (before && was_there(before, e->d_name, sb.st_ino)))
			continue;
		add_object(res, e->d_name, &sb, before != NULL);
		if (!before)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}
