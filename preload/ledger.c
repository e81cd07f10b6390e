/* ledger.c: the attachment table (see ledger.h). A small array under a
 * mutex; the lock is taken around fork so a child never inherits it held. */
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "ledger.h"
#include "real_pshm.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct sf_attachment *slots;
static size_t nslots, cap;
static size_t reserved; /* slots reserved by shmat calls in flight */

static void before_fork(void) { pthread_mutex_lock(&lock); }
static void after_fork(void) { pthread_mutex_unlock(&lock); }
/* The child has only the forking thread, which is not inside shmat. */
static void after_fork_child(void)
{
	reserved = 0;
	pthread_mutex_unlock(&lock);
}

__attribute__((constructor(102))) static void ledger_init(void)
{
	pthread_atfork(before_fork, after_fork, after_fork_child);
}

/* Grows with mmap, not malloc: we may be running inside the host's malloc
 * (the real mmap: our own wrapper is a layer above this one). */
static int grow(void)
{
	size_t ncap = cap ? cap * 2 : 256;
	void *p = sf_real_mmap(NULL, ncap * sizeof *slots, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	if (slots) {
		for (size_t i = 0; i < nslots; i++)
			((struct sf_attachment *)p)[i] = slots[i];
		sf_real_munmap(slots, cap * sizeof *slots);
	}
	slots = p;
	cap = ncap;
	return 0;
}

void sf_ledger_add(const void *addr, int shmid, size_t size)
{
	pthread_mutex_lock(&lock);
	if (nslots < cap || grow() == 0)
		slots[nslots++] = (struct sf_attachment){addr, shmid, size};
	pthread_mutex_unlock(&lock);
}

int sf_ledger_reserve(int limit)
{
	int r = -1;
	pthread_mutex_lock(&lock);
	if (limit >= 0 && nslots + reserved < (size_t)limit) {
		reserved++;
		r = 0;
	}
	pthread_mutex_unlock(&lock);
	return r;
}

void sf_ledger_commit(int ok, const void *addr, int shmid, size_t size)
{
	pthread_mutex_lock(&lock);
	if (reserved)
		reserved--;
	if (ok && (nslots < cap || grow() == 0))
		slots[nslots++] = (struct sf_attachment){addr, shmid, size};
	pthread_mutex_unlock(&lock);
}

int sf_ledger_remove(const void *addr)
{
	int id = -1;
	pthread_mutex_lock(&lock);
	for (size_t i = nslots; i-- > 0;)
		if (slots[i].addr == addr) {
			id = slots[i].shmid;
			slots[i] = slots[--nslots];
			break;
		}
	pthread_mutex_unlock(&lock);
	return id;
}

int sf_ledger_find(const void *addr)
{
	int id = -1;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < nslots; i++)
		if (slots[i].addr == addr) {
			id = slots[i].shmid;
			break;
		}
	pthread_mutex_unlock(&lock);
	return id;
}

int sf_ledger_count(int shmid)
{
	int n = 0;
	pthread_mutex_lock(&lock);
	if (shmid < 0)
		n = (int)nslots;
	else
		for (size_t i = 0; i < nslots; i++)
			n += slots[i].shmid == shmid;
	pthread_mutex_unlock(&lock);
	return n;
}
