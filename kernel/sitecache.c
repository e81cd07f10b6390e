/* sitecache.c: direct-mapped, 256 entries.  Limit, said in docs/backends.md:
 * a thread that unmaps a module, maps another file at the same address and
 * makes a shm call from that very address (or execs, keeping its TID, and
 * does the same) is reported with the old site name.  Only the name: the
 * decision never depends on it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procview.h"
#include "sitecache.h"

#define SLOTS 256

struct slot {
	pid_t tid;
	uint64_t addr;
	char site[160];
};

struct sf_ksitecache {
	struct slot s[SLOTS];
};

static unsigned slot_of(pid_t tid, uint64_t addr)
{
	uint64_t h = (addr ^ ((uint64_t)(uint32_t)tid << 20)) * 0x9e3779b97f4a7c15ull;
	return (unsigned)(h >> 56);
}

int sf_ksitecache_get(struct sf_ksitecache **c, pid_t tid, uint64_t addr, char *buf, size_t len)
{
	if (!*c)
		*c = calloc(1, sizeof **c);
	struct slot *e = *c ? &(*c)->s[slot_of(tid, addr)] : NULL;
	if (e && e->tid == tid && e->addr == addr && e->site[0]) {
		snprintf(buf, len, "%s", e->site);
		return 0;
	}
	if (sf_kview_site(tid, addr, buf, len) < 0) {
		snprintf(buf, len, "0x%llx", (unsigned long long)addr);
		return 1; /* not cached: the thread is gone */
	}
	if (e) {
		e->tid = tid;
		e->addr = addr;
		snprintf(e->site, sizeof e->site, "%s", buf);
	}
	return 1;
}

void sf_ksitecache_free(struct sf_ksitecache **c)
{
	free(*c);
	*c = NULL;
}
