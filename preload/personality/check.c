/* check.c: the checks every platform shares (see check.h): attach limits,
 * refusal after IPC_RMID, system limits, the order of checks on an
 * existing key, what IPC_STAT reports, errnos spelled differently, ftok.
 *
 * Cost: a check runs only when a row of the active platform turns it on.
 * The attach limit reads the ledger (no system call); the post-IPC_RMID
 * refusal reads the tree's record of the IPC_RMIDs it made (state file),
 * and asks the kernel (IPC_STAT) only when that record cannot be trusted:
 * no state file (the library used alone, where exec forgets), the record
 * full, or SHMFAULT_OPTIONS=rmid-stat. System limits ask the kernel
 * (SHM_INFO) only on a shmget that would create. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "check.h"
#include "../ledger.h"
#include "../log.h"
#include "../real.h"
#include "rng.h"

/* Linux's SHM_DEST in shm_perm.mode: removed, still attached. */
#define MODE_DEST 01000

static int row_index(const struct sf_callinfo *ci, enum sf_pcheck k)
{
	return sf_pctx.row[k][ci->call] - 1;
}

static void count(struct sf_callinfo *ci, enum sf_pcheck k)
{
	int i = row_index(ci, k);
	int g = sf_prule_index(sf_pctx.p, i);
	struct sf_state *st = sf_engine_state();
	ci->prule = sf_pctx.p->rules[i].id;
	if (!st || g < 0 || g >= SF_MAX_PRULES)
		return;
	__atomic_fetch_add(&st->prule_fired[g], 1, __ATOMIC_RELAXED);
	uint32_t zero = 0;
	if (__atomic_load_n(&st->prule_site_state[g], __ATOMIC_RELAXED) == 0 &&
	    __atomic_compare_exchange_n(&st->prule_site_state[g], &zero, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		int saved = errno;
		sf_site(ci->caller, st->prule_site[g], SF_PRULE_SITE);
		errno = saved;
		__atomic_store_n(&st->prule_site_state[g], 2, __ATOMIC_RELEASE);
	}
}

int sf_pfire(struct sf_callinfo *ci, enum sf_pcheck k)
{
	count(ci, k);
	return sf_pctx.p->rules[row_index(ci, k)].err;
}

void sf_pfire_after(struct sf_callinfo *ci, enum sf_pcheck k, int err)
{
	count(ci, k);
	ci->by = SF_BY_PERSONALITY;
	if (err) {
		ci->err = err;
		ci->ret = -1;
	}
}

/* ---- the tree's record of segments ---- */

struct sf_pseg *sf_pseg(int shmid, int create)
{
	struct sf_state *st = sf_engine_state();
	if (!st || shmid < 0)
		return NULL;
	uint32_t h = (uint32_t)sf_mix64((uint64_t)(uint32_t)shmid);
	int32_t want = shmid + 1;
	for (uint32_t i = 0; i < 64; i++) {
		struct sf_pseg *s = &st->pseg[(h + i) & (SF_MAX_PSEGS - 1)];
		int32_t v = __atomic_load_n(&s->id1, __ATOMIC_ACQUIRE);
		if (v == want)
			return s;
		if (v != 0)
			continue;
		if (!create)
			return NULL;
		if (__atomic_compare_exchange_n(&s->id1, &v, want, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) || v == want)
			return s;
	}
	if (create)
		__atomic_store_n(&st->pseg_full, 1, __ATOMIC_RELAXED);
	return NULL;
}

int sf_premoved_cached(int shmid)
{
	struct sf_pseg *s = sf_pseg(shmid, 0);
	return s && (__atomic_load_n(&s->flags, __ATOMIC_ACQUIRE) & SF_PSEG_REMOVED);
}

int sf_premoved(int shmid)
{
	struct sf_state *st = sf_engine_state();
	if (sf_premoved_cached(shmid))
		return 1;
	if (sf_pctx.rmid_cached && st && !__atomic_load_n(&st->pseg_full, __ATOMIC_RELAXED))
		return 0;
	struct shmid_ds ds;
	int saved = errno;
	int r = shmid >= 0 && sf_real_shmctl(shmid, IPC_STAT, &ds) == 0 && (ds.shm_perm.mode & MODE_DEST);
	errno = saved;
	return r;
}

/* ---- shmat ---- */

int sf_pk_before_shmat(struct sf_callinfo *ci)
{
	if (sf_pon(SF_PK_RMID, SF_SHMAT) && sf_premoved(ci->shmid))
		return sf_pfire(ci, SF_PK_RMID);
	if (sf_pon(SF_PK_SAME_SEG, SF_SHMAT) && ci->shmid >= 0 && sf_ledger_count(ci->shmid) > 0)
		return sf_pfire(ci, SF_PK_SAME_SEG);
	if (sf_pon(SF_PK_SHMSEG, SF_SHMAT)) {
		/* Check and reserve in one step: threads attaching at once would
		 * all see the count below the limit and exceed it together. */
		if (sf_ledger_reserve(sf_pctx.lim.shmseg) != 0)
			return sf_pfire(ci, SF_PK_SHMSEG);
		ci->reserved = 1;
	}
	if (sf_pon(SF_PK_GLOBAL_ADDR, SF_SHMAT))
		return sf_hpux_before_shmat(ci);
	return 0;
}

void sf_pk_after_shmat(struct sf_callinfo *ci)
{
	if (ci->err == 0) {
		struct sf_pseg *s;
		if (sf_pon(SF_PK_STAT_LPID, SF_SHMCTL) && (s = sf_pseg(ci->shmid, 1)))
			__atomic_store_n(&s->lpid, (int32_t)getpid(), __ATOMIC_RELAXED);
		if (sf_pon(SF_PK_GLOBAL_ADDR, SF_SHMAT))
			sf_hpux_after_shmat(ci);
		return;
	}
	/* An occupied fixed range: Linux says EINVAL, the BSDs ENOMEM. The id
	 * is valid and the address aligned, so the range is what failed. */
	if (sf_pon(SF_PK_FIXED_ADDR, SF_SHMAT) && ci->err == EINVAL && ci->addr && !(ci->flg & SHM_REMAP) &&
	    ((ci->flg & SHM_RND) || (uintptr_t)ci->addr % (uintptr_t)SHMLBA == 0)) {
		struct shmid_ds ds;
		if (sf_real_shmctl(ci->shmid, IPC_STAT, &ds) == 0)
			sf_pfire_after(ci, SF_PK_FIXED_ADDR, sf_pctx.p->rules[row_index(ci, SF_PK_FIXED_ADDR)].err);
	}
}

/* ---- shmget ---- */

static long long pages_of(size_t size)
{
	return (long long)((size + (size_t)sf_pctx.page - 1) / (size_t)sf_pctx.page);
}

/* The platform's checks on an existing key, in its order; ds is the
 * segment's. Returns the check that fails (E, A, V, R) or 0. */
static int key_verdict(const struct sf_callinfo *ci, const struct shmid_ds *ds)
{
	for (const char *o = sf_pctx.p->key_order; *o; o++) {
		size_t seg = ds->shm_segsz;
		switch (*o) {
		case 'E':
			if ((ci->flg & (IPC_CREAT | IPC_EXCL)) == (IPC_CREAT | IPC_EXCL))
				return EEXIST;
			break;
		case 'A':
			if ((unsigned)ci->flg & 0777 & ~(unsigned)ds->shm_perm.mode)
				return EACCES;
			break;
		case 'R':
			seg = (size_t)pages_of(seg) * (size_t)sf_pctx.page;
			/* fall through */
		case 'V':
			if (ci->size && ci->size > seg)
				return EINVAL;
			break;
		}
	}
	return 0;
}

/* The id of key, without creating and without asking for any permission
 * (a request for no permission bits is always granted); -1 when absent. */
/* IPC_STAT without read permission: SHM_STAT_ANY (Linux >= 4.17) takes an
 * index, which is the id's low bits (IPCMNI 32768, or 2^24 with
 * ipcmni_extend); the id it returns tells which was right. */
static int stat_any(int id, struct shmid_ds *ds)
{
#ifdef SHM_STAT_ANY
	static const int masks[] = {0x7fff, 0xffffff};
	for (unsigned i = 0; i < sizeof masks / sizeof masks[0]; i++)
		if (sf_real_shmctl(id & masks[i], SHM_STAT_ANY, ds) == id)
			return 0;
#endif
	(void)id;
	(void)ds;
	return -1;
}

static int lookup(key_t key, struct shmid_ds *ds)
{
	int saved = errno;
	int id = sf_real_shmget(key, 0, 0);
	/* The platforms' checks look at the segment's mode and size whoever
	 * asks: a caller without read permission still gets the real ones. */
	if (id >= 0 && ds && sf_real_shmctl(id, IPC_STAT, ds) < 0 && stat_any(id, ds) < 0)
		memset(ds, 0, sizeof *ds), ds->shm_perm.mode = 0777, ds->shm_segsz = (size_t)-1;
	errno = saved;
	return id;
}

/* Whether the key order needs a look before the call: a check Linux does
 * not make could fail (EACCES by bits, when bits are asked for), or EEXIST
 * comes after the size check (when IPC_CREAT|IPC_EXCL is asked for).
 * Anything else Linux decides the same way, or the after hook mends it. */
static int order_before(const struct sf_callinfo *ci)
{
	const char *o = sf_pctx.p->key_order, *e, *v;
	if (!o)
		return 0;
	if (strchr(o, 'A') && (ci->flg & 0777))
		return 1;
	e = strchr(o, 'E');
	v = strpbrk(o, "VR");
	return (ci->flg & (IPC_CREAT | IPC_EXCL)) == (IPC_CREAT | IPC_EXCL) && e && v && v < e;
}

int sf_pk_before_shmget(struct sf_callinfo *ci)
{
	struct shmid_ds ds;
	const struct sf_limits *l = &sf_pctx.lim;
	int exists = 0;
	int limits = sf_pon(SF_PK_SHMMNI, SF_SHMGET) || sf_pon(SF_PK_SHMALL, SF_SHMGET) ||
		     (sf_pon(SF_PK_SHMMAX, SF_SHMGET) && ci->size > (unsigned long long)l->shmmax);
	int order = sf_pon(SF_PK_KEY_ORDER, SF_SHMGET) && order_before(ci);
	if (ci->key != IPC_PRIVATE && (order || (limits && (ci->flg & IPC_CREAT))))
		exists = lookup(ci->key, &ds) >= 0;
	if (sf_pon(SF_PK_SHARE32, SF_SHMGET)) {
		int e = sf_pk_share32_before(ci);
		if (e)
			return e;
	}
	if (exists && order) {
		int e = key_verdict(ci, &ds);
		if (e) {
			sf_pfire(ci, SF_PK_KEY_ORDER);
			return e;
		}
	}
	if (!(ci->key == IPC_PRIVATE || (!exists && (ci->flg & IPC_CREAT))) || !limits)
		return 0;
	/* It would create: the platform's limits, in the BSD order. */
	if (sf_pon(SF_PK_SHMMAX, SF_SHMGET) && ci->size > (unsigned long long)l->shmmax)
		return sf_pfire(ci, SF_PK_SHMMAX);
	if (sf_pon(SF_PK_SHMMNI, SF_SHMGET) || sf_pon(SF_PK_SHMALL, SF_SHMGET)) {
		struct shm_info info;
		int saved = errno;
		int r = sf_real_shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&info);
		errno = saved;
		if (r < 0)
			return 0;
		if (sf_pon(SF_PK_SHMMNI, SF_SHMGET) && info.used_ids >= l->shmmni)
			return sf_pfire(ci, SF_PK_SHMMNI);
		if (sf_pon(SF_PK_SHMALL, SF_SHMGET) && (long long)info.shm_tot + pages_of(ci->size) > l->shmall)
			return sf_pfire(ci, SF_PK_SHMALL);
	}
	return 0;
}

void sf_pk_after_shmget(struct sf_callinfo *ci)
{
	if (sf_pon(SF_PK_SHARE32, SF_SHMGET))
		sf_pk_share32_after(ci);
	if (ci->err == 0) {
		/* A live id: whatever was removed under this number is gone. */
		struct sf_pseg *s = sf_pseg((int)ci->ret, 0);
		if (s)
			__atomic_fetch_and(&s->flags, ~SF_PSEG_REMOVED, __ATOMIC_RELEASE);
		return;
	}
	/* Linux refused by credentials or by the unrounded size where the
	 * platform does not: the key exists, give its id. */
	if (sf_pon(SF_PK_KEY_ORDER, SF_SHMGET) && ci->key != IPC_PRIVATE && (ci->err == EACCES || ci->err == EINVAL)) {
		struct shmid_ds ds;
		int id = lookup(ci->key, &ds);
		if (id < 0)
			return;
		int e = key_verdict(ci, &ds);
		if (e == 0) {
			sf_pfire_after(ci, SF_PK_KEY_ORDER, 0);
			ci->ret = id;
			ci->err = 0;
		} else if (e != ci->err)
			sf_pfire_after(ci, SF_PK_KEY_ORDER, e);
	}
}

/* ---- shmctl ---- */

static int by_id(int cmd)
{
	return cmd == IPC_STAT || cmd == IPC_SET || cmd == IPC_RMID || cmd == SHM_LOCK || cmd == SHM_UNLOCK;
}

int sf_pk_before_shmctl(struct sf_callinfo *ci)
{
	if (sf_pon(SF_PK_CMD, SF_SHMCTL) && ci->cmd >= 0 && ci->cmd < 63 &&
	    (sf_pctx.p->rules[row_index(ci, SF_PK_CMD)].arg >> ci->cmd & 1))
		return sf_pfire(ci, SF_PK_CMD);
	/* IPC_STAT needs no question to the kernel: its own result says (after). */
	if (sf_pon(SF_PK_RMID, SF_SHMCTL) && by_id(ci->cmd) &&
	    (ci->cmd == IPC_STAT ? sf_premoved_cached(ci->shmid) : sf_premoved(ci->shmid)))
		return sf_pfire(ci, SF_PK_RMID);
	if (sf_pon(SF_PK_LOCK_PRIV, SF_SHMCTL) && (ci->cmd == SHM_LOCK || ci->cmd == SHM_UNLOCK) &&
	    !sf_solaris_lock_priv())
		return sf_pfire(ci, SF_PK_LOCK_PRIV);
	return 0;
}

static void after_stat(struct sf_callinfo *ci)
{
	struct shmid_ds *ds = ci->buf;
	if (sf_pon(SF_PK_STAT_RMID, SF_SHMCTL) && (ds->shm_perm.mode & MODE_DEST)) {
		ds->shm_perm.mode = (ds->shm_perm.mode & ~(unsigned)MODE_DEST) |
				    (unsigned)sf_pctx.p->rules[row_index(ci, SF_PK_STAT_RMID)].arg;
		sf_pfire_after(ci, SF_PK_STAT_RMID, 0);
	}
	if (sf_pon(SF_PK_STAT_MODE, SF_SHMCTL)) {
		ds->shm_perm.mode |= (unsigned)sf_pctx.p->rules[row_index(ci, SF_PK_STAT_MODE)].arg;
		sf_pfire_after(ci, SF_PK_STAT_MODE, 0);
	}
	if (sf_pon(SF_PK_STAT_SEGSZ, SF_SHMCTL) && ds->shm_segsz % (size_t)sf_pctx.page) {
		ds->shm_segsz = (size_t)pages_of(ds->shm_segsz) * (size_t)sf_pctx.page;
		sf_pfire_after(ci, SF_PK_STAT_SEGSZ, 0);
	}
	if (sf_pon(SF_PK_STAT_LPID, SF_SHMCTL)) {
		struct sf_pseg *s = sf_pseg((int)(ci->cmd == IPC_STAT ? ci->shmid : (int)ci->ret), 0);
		int32_t pid = s ? __atomic_load_n(&s->lpid, __ATOMIC_RELAXED) : 0;
		if (pid && ds->shm_lpid != pid) {
			ds->shm_lpid = pid;
			sf_pfire_after(ci, SF_PK_STAT_LPID, 0);
		}
	}
}

void sf_pk_after_shmctl(struct sf_callinfo *ci)
{
	if (ci->err == 0) {
		if (ci->cmd == IPC_RMID && (sf_pon(SF_PK_RMID, SF_SHMAT) || sf_pon(SF_PK_RMID, SF_SHMCTL))) {
			struct sf_pseg *s = sf_pseg(ci->shmid, 1);
			if (s)
				__atomic_fetch_or(&s->flags, SF_PSEG_REMOVED, __ATOMIC_RELEASE);
		}
		/* A removed segment seen by IPC_STAT itself (removed outside the
		 * tree's record, or the record not kept): refused after all. */
		if (ci->cmd == IPC_STAT && ci->buf && sf_pon(SF_PK_RMID, SF_SHMCTL) &&
		    (ci->buf->shm_perm.mode & MODE_DEST)) {
			memset(ci->buf, 0, sizeof *ci->buf);
			sf_pfire_after(ci, SF_PK_RMID, sf_pctx.p->rules[row_index(ci, SF_PK_RMID)].err);
			return;
		}
		if (ci->buf && (ci->cmd == IPC_STAT || ci->cmd == SHM_STAT || ci->cmd == SHM_STAT_ANY))
			after_stat(ci);
		return;
	}
	if (sf_pon(SF_PK_CTL_PERM, SF_SHMCTL) && ci->err == EPERM && (ci->cmd == IPC_RMID || ci->cmd == IPC_SET))
		sf_pfire_after(ci, SF_PK_CTL_PERM, sf_pctx.p->rules[row_index(ci, SF_PK_CTL_PERM)].err);
}

/* ---- ftok ---- */

/* Something that tells a recreated file from the same file: the birth
 * time where the file system keeps one, else the change time. */
static uint64_t identity(const struct statx *sx)
{
	const struct statx_timestamp *t = (sx->stx_mask & STATX_BTIME) ? &sx->stx_btime : &sx->stx_ctime;
	return sf_mix64((uint64_t)t->tv_sec * 1000000007ull + t->tv_nsec + 1);
}

void sf_pk_after_ftok(struct sf_callinfo *ci)
{
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
	int reuse = sf_pon(SF_PK_FTOK_REUSE, SF_FTOK);
	if (reuse)
		ino ^= identity(&sx);
	uint32_t key;
	if (sf_pon(SF_PK_FTOK_BITS, SF_FTOK)) {
		unsigned b = (unsigned)sf_pctx.p->rules[row_index(ci, SF_PK_FTOK_BITS)].arg, m = (1u << b) - 1;
		key = ((uint32_t)ci->proj & 0xff) << 24 | ((uint32_t)dev & m) << b | ((uint32_t)ino & m);
	} else
		key = ((uint32_t)ci->proj & 0xff) << 24 | ((uint32_t)dev & 0xff) << 16 | ((uint32_t)ino & 0xffff);
	if ((key_t)key == (key_t)ci->ret)
		return;
	ci->ret = (key_t)key;
	if (sf_pon(SF_PK_FTOK_BITS, SF_FTOK))
		sf_pfire_after(ci, SF_PK_FTOK_BITS, 0);
	if (reuse)
		sf_pfire_after(ci, SF_PK_FTOK_REUSE, 0);
}
