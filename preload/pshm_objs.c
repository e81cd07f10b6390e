/* pshm_objs.c: see pshm_objs.h. Lock-free: a slot is published by a
 * release store of its key (the inode, the address) after its fields, and
 * read after an acquire load, so threads and a fork at any moment see
 * either a whole entry or none. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "pshm_objs.h"

#define MAX_FDS 1024 /* descriptors tracked; above: not ours (said in docs/pshm.md) */
#define MAX_MAPS 256

struct obj {
	uint64_t ino1; /* st_ino + 1; 0 = free */
	uint64_t dev;
	int acc;
	char name[256];
};

static struct obj fds[MAX_FDS];

struct map {
	uintptr_t start; /* 0 = free */
	uintptr_t end;
	struct obj o;
};

static struct map maps[MAX_MAPS];
static int nmaps; /* live entries: munmap of other memory is one load */

static void obj_name(struct obj *o, const char *name)
{
	size_t n = strnlen(name, sizeof o->name - 1);
	memcpy(o->name, name, n);
	o->name[n] = 0;
}

void sf_pshm_fd_add(int fd, const char *name, int oflag)
{
	struct stat st;
	if (fd < 0 || fd >= MAX_FDS)
		return;
	int saved = errno;
	int r = fstat(fd, &st);
	errno = saved;
	if (r != 0)
		return;
	struct obj *o = &fds[fd];
	__atomic_store_n(&o->ino1, 0, __ATOMIC_RELEASE);
	o->dev = (uint64_t)st.st_dev;
	o->acc = oflag & O_ACCMODE;
	obj_name(o, name);
	__atomic_store_n(&o->ino1, (uint64_t)st.st_ino + 1, __ATOMIC_RELEASE);
}

static void fill(struct sf_callinfo *ci, const struct obj *o, uint64_t ino1, long long size)
{
	ci->name = o->name;
	ci->obj_known = 1;
	ci->obj_acc = o->acc;
	ci->obj_dev = o->dev;
	ci->obj_ino = ino1 - 1;
	ci->obj_size = size;
}

int sf_pshm_fd_find(int fd, struct sf_callinfo *ci)
{
	struct stat st;
	if (fd < 0 || fd >= MAX_FDS)
		return 0;
	struct obj *o = &fds[fd];
	uint64_t ino1 = __atomic_load_n(&o->ino1, __ATOMIC_ACQUIRE);
	if (ino1 == 0)
		return 0;
	int saved = errno;
	int r = fstat(fd, &st);
	errno = saved;
	if (r != 0 || (uint64_t)st.st_ino + 1 != ino1 || (uint64_t)st.st_dev != o->dev) {
		/* closed, or the number now names another file: forget it */
		__atomic_compare_exchange_n(&o->ino1, &ino1, 0, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
		return 0;
	}
	fill(ci, o, ino1, (long long)st.st_size);
	return 1;
}

void sf_pshm_map_add(void *addr, size_t len, const struct sf_callinfo *ci)
{
	for (int i = 0; i < MAX_MAPS; i++) {
		struct map *m = &maps[i];
		uintptr_t zero = 0;
		if (__atomic_load_n(&m->start, __ATOMIC_RELAXED) != 0)
			continue;
		/* claim with a value no mapping has, fill, then publish */
		if (!__atomic_compare_exchange_n(&m->start, &zero, (uintptr_t)1, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
			continue;
		m->end = (uintptr_t)addr + len;
		m->o.dev = ci->obj_dev;
		m->o.acc = ci->obj_acc;
		m->o.ino1 = ci->obj_ino + 1;
		obj_name(&m->o, ci->name ? ci->name : "");
		__atomic_store_n(&m->start, (uintptr_t)addr, __ATOMIC_RELEASE);
		__atomic_fetch_add(&nmaps, 1, __ATOMIC_RELAXED);
		return;
	}
}

static int meets(const struct map *m, uintptr_t s, uintptr_t start, uintptr_t end)
{
	return s > 1 && start < m->end && s < end;
}

int sf_pshm_map_find(const void *addr, size_t len, struct sf_callinfo *ci)
{
	uintptr_t start = (uintptr_t)addr, end = start + (len ? len : 1);
	if (__atomic_load_n(&nmaps, __ATOMIC_RELAXED) == 0)
		return 0;
	for (int i = 0; i < MAX_MAPS; i++) {
		struct map *m = &maps[i];
		uintptr_t s = __atomic_load_n(&m->start, __ATOMIC_ACQUIRE);
		if (meets(m, s, start, end)) {
			fill(ci, &m->o, m->o.ino1, -1);
			return 1;
		}
	}
	return 0;
}

void sf_pshm_map_forget(const void *addr, size_t len)
{
	uintptr_t start = (uintptr_t)addr, end = start + (len ? len : 1);
	for (int i = 0; i < MAX_MAPS && __atomic_load_n(&nmaps, __ATOMIC_RELAXED) > 0; i++) {
		struct map *m = &maps[i];
		uintptr_t s = __atomic_load_n(&m->start, __ATOMIC_ACQUIRE);
		if (meets(m, s, start, end) && __atomic_compare_exchange_n(&m->start, &s, 0, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
			__atomic_fetch_sub(&nmaps, 1, __ATOMIC_RELAXED);
	}
}
