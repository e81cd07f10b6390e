/* ledger.h: this process's attachments (address, shmid, size), kept by the
 * shmat and shmdt wrappers. It follows the kernel's rules: a forked child
 * inherits its parent's attachments (the memory is copied), exec and exit
 * drop them (the library starts anew), a failed shmat takes no slot. */
#ifndef SHMFAULT_LEDGER_H
#define SHMFAULT_LEDGER_H

#include <stddef.h>

struct sf_attachment {
	const void *addr;
	int shmid;
	size_t size;
};

void sf_ledger_add(const void *addr, int shmid, size_t size);
/* A per-process attach limit: reserves a slot when the attachments held
 * plus those reserved are below limit (0), else -1. Check and reservation
 * are one step under the lock, so threads attaching at once never exceed
 * the limit. sf_ledger_commit ends the reservation, adding the attachment
 * when the shmat succeeded (ok). */
int sf_ledger_reserve(int limit);
void sf_ledger_commit(int ok, const void *addr, int shmid, size_t size);
/* Removes the attachment at addr; returns its shmid, or -1 if none. */
int sf_ledger_remove(const void *addr);
/* The shmid attached at addr, or -1. */
int sf_ledger_find(const void *addr);
/* How many attachments of shmid (all when shmid < 0) this process holds. */
int sf_ledger_count(int shmid);

#endif
