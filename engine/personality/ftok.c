/* ftok.c: ftok's formula on the simulated platform (which bits of the
 * inode and device it keeps), and a key that changes when a file is
 * deleted and recreated. Only the interposer sees ftok (it is libc over
 * stat: the kernel cannot tell it from any other stat). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "../persona.h"
#include "rng.h"

/* Something that tells a recreated file from the same file: the birth
 * time where the file system keeps one, else the change time. */
static uint64_t identity(const struct statx *sx)
{
	const struct statx_timestamp *t = (sx->stx_mask & STATX_BTIME) ? &sx->stx_btime : &sx->stx_ctime;
	return sf_mix64((uint64_t)t->tv_sec * 1000000007ull + t->tv_nsec + 1);
}

void sf_check_after_ftok(SF_CHECK_ARGS)
{
	const struct sf_persona *pers = &eng->persona;
	struct statx sx;
	int saved = errno;
	if (ci->err || !ci->path ||
	    statx(AT_FDCWD, ci->path, 0, STATX_INO | STATX_BTIME | STATX_CTIME, &sx) < 0) {
		errno = saved;
		return;
	}
	errno = saved;
	uint64_t ino = sx.stx_ino;
	uint64_t dev = makedev(sx.stx_dev_major, sx.stx_dev_minor);
	int reuse = sf_row_on(pers, SF_PK_FTOK_REUSE, SF_FTOK);
	if (reuse)
		ino ^= identity(&sx);
	uint32_t key;
	if (sf_row_on(pers, SF_PK_FTOK_BITS, SF_FTOK)) {
		unsigned b = (unsigned)sf_row_of(pers, SF_PK_FTOK_BITS, SF_FTOK)->arg, m = (1u << b) - 1;
		key = ((uint32_t)ci->proj & 0xff) << 24 | ((uint32_t)dev & m) << b | ((uint32_t)ino & m);
	} else
		key = ((uint32_t)ci->proj & 0xff) << 24 | ((uint32_t)dev & 0xff) << 16 | ((uint32_t)ino & 0xffff);
	if ((key_t)key == (key_t)ci->ret)
		return;
	ci->ret = (key_t)key;
	if (sf_row_on(pers, SF_PK_FTOK_BITS, SF_FTOK))
		sf_row_fire_after(eng, view, ci, SF_PK_FTOK_BITS, 0);
	if (reuse)
		sf_row_fire_after(eng, view, ci, SF_PK_FTOK_REUSE, 0);
}
