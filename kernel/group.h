/* group.h: notified calls grouped by (call, site) for the one-line summary. */
#ifndef SHMFAULT_KGROUP_H
#define SHMFAULT_KGROUP_H

#include <stddef.h>
#include <stdio.h>

#include "calls.h"

struct sf_kgroup {
	enum sf_call call;
	char site[160];
	unsigned long count, injected;
};

/* Count one call; on allocation failure the call lands in the last group
 * under the name "(more)" so the total stays right. */
void sf_kgroup_add(struct sf_kgroup **g, size_t *n, size_t *cap, enum sf_call call, const char *site,
		   int injected);
void sf_kgroup_free(struct sf_kgroup **g, size_t *n, size_t *cap);

#endif
