/* logfile.c: see logfile.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "logfile.h"

int sf_file_ident(int fd, struct stat *st)
{
	struct statx sx;
	if (statx(fd, "", AT_EMPTY_PATH, STATX_TYPE | STATX_INO, &sx) < 0 ||
	    (sx.stx_mask & (STATX_TYPE | STATX_INO)) != (STATX_TYPE | STATX_INO))
		return fstat(fd, st);
	st->st_dev = makedev(sx.stx_dev_major, sx.stx_dev_minor);
	st->st_ino = (ino_t)sx.stx_ino;
	st->st_mode = sx.stx_mode;
	return 0;
}

int sf_logfile_open(const char *path, struct stat *st, char *err, unsigned long errlen)
{
	/* O_NONBLOCK: a FIFO (no reader) must not hang the program before main;
	 * it is refused below like any file that is not regular. */
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0600);
	if (fd < 0 || sf_file_ident(fd, st) < 0 || !S_ISREG(st->st_mode)) {
		snprintf(err, errlen, "cannot open log '%s': %s", path, fd < 0 ? strerror(errno) : "not a regular file");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}
