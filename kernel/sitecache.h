/* sitecache.h: call sites by (tid, address), so /proc/TID/maps (~25 us on
 * the project machine) is read once per thread and site, not per call. */
#ifndef SHMFAULT_KSITECACHE_H
#define SHMFAULT_KSITECACHE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct sf_ksitecache;

/* Fill buf with the site of ADDR in TID (procview.h's form).  Returns 1
 * when /proc was read, 0 on a cache hit.  Allocates *cache on first use;
 * without memory it reads /proc every time. */
int sf_ksitecache_get(struct sf_ksitecache **cache, pid_t tid, uint64_t addr, char *buf, size_t len);
void sf_ksitecache_free(struct sf_ksitecache **cache);

#endif
