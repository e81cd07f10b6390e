/* view.c: the process view the interposer gives the engine (see view.h).
 * Each answer leaves errno as it was: the program's errno is its own. */
#include <errno.h>
#include <linux/capability.h>
#include <pthread.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ledger.h"
#include "real.h"
#include "site.h"
#include "view.h"

static uint64_t process_counters[SF_MAX_RULES]; /* scope=process */
/* getpid() once per process (FB9's lpid asks at every shmat; glibc does not
 * cache it): cleared in the child of fork, like sink.c's. */
static pid_t cached_pid;

static void child_after_fork(void)
{
	memset(process_counters, 0, sizeof process_counters);
	__atomic_store_n(&cached_pid, 0, __ATOMIC_RELAXED);
}

void sf_view_init(void)
{
	pthread_atfork(NULL, NULL, child_after_fork);
}

static int attach_count(void *self, int shmid)
{
	(void)self;
	return sf_ledger_count(shmid);
}

static int attached_shmid(void *self, const void *addr)
{
	(void)self;
	return sf_ledger_find(addr);
}

static int reserve_attach(void *self, int limit)
{
	(void)self;
	return sf_ledger_reserve(limit);
}

static int shm_query(void *self, int id, int cmd, struct shmid_ds *buf)
{
	int saved = errno;
	int r = sf_real_shmctl(id, cmd, buf);
	(void)self;
	errno = saved;
	return r;
}

static int shm_lookup(void *self, key_t key)
{
	int saved = errno;
	int id = sf_real_shmget(key, 0, 0);
	(void)self;
	errno = saved;
	return id;
}

static int pid(void *self)
{
	pid_t p = __atomic_load_n(&cached_pid, __ATOMIC_RELAXED);
	(void)self;
	if (!p) {
		p = getpid();
		__atomic_store_n(&cached_pid, p, __ATOMIC_RELAXED);
	}
	return (int)p;
}

/* SO7's privilege: CAP_IPC_LOCK in the effective set; when it cannot be
 * told, yes (the kernel then decides). */
static int may_lock(void *self)
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
	struct __user_cap_data_struct d[2] = {{0, 0, 0}, {0, 0, 0}};
	int saved = errno;
	long r = syscall(SYS_capget, &h, d);
	(void)self;
	errno = saved;
	if (r < 0)
		return 1;
	return (d[CAP_IPC_LOCK / 32].effective >> (CAP_IPC_LOCK % 32)) & 1;
}

static void site(void *self, const void *caller, char *buf, unsigned long len)
{
	(void)self;
	sf_site(caller, buf, len);
}

static uint64_t *counters(void *self)
{
	(void)self;
	return process_counters;
}

const struct sf_procview sf_interposer_view = {
	.self = NULL,
	.attach_count = attach_count,
	.attached_shmid = attached_shmid,
	.reserve_attach = reserve_attach,
	.shm_query = shm_query,
	.shm_lookup = shm_lookup,
	.pid = pid,
	.may_lock = may_lock,
	.site = site,
	.process_counters = counters,
};
