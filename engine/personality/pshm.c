/* pshm.c: the checks of POSIX shared memory rows (posix-shm.md PM-*), and
 * the tree's note of each object a check needs to remember: "sized once"
 * (PM-MC4) lives in the state file, keyed by the object's inode, so that
 * every process of the run, across fork and exec, sees it. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "../persona.h"
#include "rng.h"

static struct sf_pshm_note *note_of(struct sf_state *st, uint64_t dev, uint64_t ino, int create)
{
	if (!st)
		return NULL;
	uint64_t want = ino + 1;
	uint32_t h = (uint32_t)sf_mix64(ino ^ (dev << 32));
	for (uint32_t i = 0; i < 64; i++) {
		struct sf_pshm_note *s = &st->pshm_notes[(h + i) & (SF_MAX_PSHM_NOTES - 1)];
		uint64_t v = __atomic_load_n(&s->ino1, __ATOMIC_ACQUIRE);
		if (v == want && __atomic_load_n(&s->dev, __ATOMIC_ACQUIRE) == dev)
			return s;
		if (v != 0)
			continue;
		if (!create)
			return NULL;
		if (__atomic_compare_exchange_n(&s->ino1, &v, want, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
			__atomic_store_n(&s->dev, dev, __ATOMIC_RELEASE);
			return s;
		}
	}
	if (create)
		__atomic_store_n(&st->pshm_notes_full, 1, __ATOMIC_RELAXED);
	return NULL;
}

static long long round_page(long long n, long page)
{
	return (n + page - 1) / page * page;
}

/* The object's size as the platform has it, or -1 when never sized: the
 * tree's note (a first ftruncate to 0 sizes it too, MC4), else a size the
 * kernel shows (sized before the run, or by a process outside it). */
static long long sized(const struct sf_engine *eng, uint64_t dev, uint64_t ino, long long st_size)
{
	struct sf_pshm_note *n = note_of(eng->state, dev, ino, 0);
	if (n && (__atomic_load_n(&n->flags, __ATOMIC_ACQUIRE) & SF_PSHM_SIZED))
		return __atomic_load_n(&n->size, __ATOMIC_ACQUIRE);
	return st_size > 0 ? round_page(st_size, eng->persona.page) : -1;
}

/* A name the row refuses (FB1, SO1, MC1): 1 when it breaks the arg rules. */
static int bad_name(const char *name, long long rules)
{
	if ((rules & SF_PN_NONEMPTY) && name[0] == 0)
		return 1;
	if ((rules & SF_PN_SLASH) && name[0] != '/')
		return 1;
	return (rules & SF_PN_ONE_SLASH) && name[0] && strchr(name + 1, '/') != NULL;
}

static int names(SF_CHECK_ARGS)
{
	const struct sf_persona *pers = &eng->persona;
	if (!ci->name)
		return 0; /* NULL: the real call's EFAULT */
	if (sf_row_on(pers, SF_PK_PSHM_NAME, ci->call) && bad_name(ci->name, sf_row_of(pers, SF_PK_PSHM_NAME, ci->call)->arg))
		return sf_row_fire(eng, view, ci, SF_PK_PSHM_NAME);
	if (sf_row_on(pers, SF_PK_PSHM_NAMELEN, ci->call) &&
	    (long long)strlen(ci->name) > sf_row_of(pers, SF_PK_PSHM_NAMELEN, ci->call)->arg)
		return sf_row_fire(eng, view, ci, SF_PK_PSHM_NAMELEN);
	return 0;
}

/* MC7: O_TRUNC on an object that exists and has a size. The object is
 * found as glibc finds it (/dev/shm/NAME, PM-LX1); errno is the program's. */
static int otrunc_refused(const struct sf_engine *eng, const struct sf_callinfo *ci)
{
	char path[300];
	struct stat st;
	const char *bare = sf_pshm_bare(ci->name);
	if (!(ci->oflag & O_TRUNC) || strlen(bare) > 255)
		return 0;
	memcpy(path, "/dev/shm/", 9);
	memcpy(path + 9, bare, strlen(bare) + 1);
	int saved = errno;
	int r = stat(path, &st);
	errno = saved;
	return r == 0 && sized(eng, (uint64_t)st.st_dev, (uint64_t)st.st_ino, (long long)st.st_size) >= 0;
}

static int before_open(SF_CHECK_ARGS)
{
	const struct sf_persona *pers = &eng->persona;
	int err = names(eng, view, ci);
	if (err || ci->call != SF_SHM_OPEN)
		return err;
	if (sf_row_on(pers, SF_PK_PSHM_WRONLY, SF_SHM_OPEN) && (ci->oflag & O_ACCMODE) == O_WRONLY)
		return sf_row_fire(eng, view, ci, SF_PK_PSHM_WRONLY);
	if (sf_row_on(pers, SF_PK_PSHM_OTRUNC, SF_SHM_OPEN) && ci->name && otrunc_refused(eng, ci))
		return sf_row_fire(eng, view, ci, SF_PK_PSHM_OTRUNC);
	if (sf_row_on(pers, SF_PK_PSHM_RDONLY_TRUNC, SF_SHM_OPEN) && (ci->oflag & O_TRUNC) &&
	    (ci->oflag & O_ACCMODE) == O_RDONLY) {
		(void)sf_row_fire(eng, view, ci, SF_PK_PSHM_RDONLY_TRUNC); /* counted; the call goes on */
		ci->oflag &= ~O_TRUNC;
	}
	return 0;
}

static int before_mmap(SF_CHECK_ARGS)
{
	const struct sf_persona *pers = &eng->persona;
	if (!sf_row_on(pers, SF_PK_PSHM_MAP, SF_MMAP) || !ci->obj_known)
		return 0;
	long long need = sf_row_of(pers, SF_PK_PSHM_MAP, SF_MMAP)->arg;
	if ((need & SF_PM_SHARED) && !(ci->mflags & MAP_SHARED))
		return sf_row_fire(eng, view, ci, SF_PK_PSHM_MAP);
	long long size = sized(eng, ci->obj_dev, ci->obj_ino, ci->obj_size);
	if ((need & SF_PM_SIZED) && (size < 0 || ci->length < 0 || (long long)ci->size > size - ci->length))
		return sf_row_fire(eng, view, ci, SF_PK_PSHM_MAP);
	if ((need & SF_PM_WRITE_EPERM) && (ci->mflags & MAP_SHARED) && (ci->prot & PROT_WRITE) && ci->obj_acc == O_RDONLY) {
		(void)sf_row_fire(eng, view, ci, SF_PK_PSHM_MAP);
		return EPERM; /* MC15: PROT_WRITE without FWRITE is EPERM, the row's EINVAL is for the rest */
	}
	return 0;
}

int sf_check_before_pshm(SF_CHECK_ARGS)
{
	switch (ci->call) {
	case SF_SHM_OPEN:
	case SF_SHM_UNLINK:
		return before_open(eng, view, ci);
	case SF_FTRUNCATE:
		if (sf_row_on(&eng->persona, SF_PK_PSHM_TRUNC_ONCE, SF_FTRUNCATE) && ci->obj_known &&
		    sized(eng, ci->obj_dev, ci->obj_ino, ci->obj_size) >= 0)
			return sf_row_fire(eng, view, ci, SF_PK_PSHM_TRUNC_ONCE);
		return 0;
	case SF_MMAP:
		return before_mmap(eng, view, ci);
	default:
		return 0;
	}
}

/* After a successful ftruncate: the object is sized, page-rounded (MC4, MC6). */
void sf_check_after_pshm(SF_CHECK_ARGS)
{
	(void)view;
	if (ci->call != SF_FTRUNCATE || ci->err != 0 || !ci->obj_known)
		return;
	struct sf_pshm_note *n = note_of(eng->state, ci->obj_dev, ci->obj_ino, 1);
	if (!n)
		return;
	__atomic_store_n(&n->size, round_page(ci->length, eng->persona.page), __ATOMIC_RELEASE);
	__atomic_fetch_or(&n->flags, SF_PSHM_SIZED, __ATOMIC_RELEASE);
}
