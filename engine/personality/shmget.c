/* shmget.c: the shmget checks every platform shares: the platform's checks
 * on an existing key, in its order (key_order, common/personalities.h),
 * and its system limits on a shmget that would create (SHM_INFO is asked
 * only then). */
#include <errno.h>
#include <string.h>

#include "../persona.h"

static long long pages_of(const struct sf_persona *pers, size_t size)
{
	return (long long)((size + (size_t)pers->page - 1) / (size_t)pers->page);
}

/* The platform's checks on an existing key, in its order; ds is the
 * segment's. Returns the errno of the check that fails, or 0. */
static int key_verdict(const struct sf_persona *pers, const struct sf_callinfo *ci, const struct shmid_ds *ds)
{
	for (const char *o = pers->platform->key_order; *o; o++) {
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
			seg = (size_t)pages_of(pers, seg) * (size_t)pers->page;
			/* fall through */
		case 'V':
			if (ci->size && ci->size > seg)
				return EINVAL;
			break;
		}
	}
	return 0;
}

/* IPC_STAT without read permission: SHM_STAT_ANY (Linux >= 4.17) takes an
 * index, which is the id's low bits (IPCMNI 32768, or 2^24 with
 * ipcmni_extend); the id it returns tells which was right. */
static int stat_any(const struct sf_procview *view, int id, struct shmid_ds *ds)
{
#ifdef SHM_STAT_ANY
	static const int masks[] = {0x7fff, 0xffffff};
	for (unsigned i = 0; i < sizeof masks / sizeof masks[0]; i++)
		if (view->shm_query(view->self, id & masks[i], SHM_STAT_ANY, ds) == id)
			return 0;
#endif
	(void)view;
	(void)id;
	(void)ds;
	return -1;
}

/* The id of key, without creating and without asking for any permission
 * (a request for no permission bits is always granted); -1 when absent. */
int sf_key_lookup(const struct sf_procview *view, key_t key, struct shmid_ds *ds)
{
	int saved = errno;
	int id = view->shm_lookup(view->self, key);
	/* The platforms' checks look at the segment's mode and size whoever
	 * asks: a caller without read permission still gets the real ones. */
	if (id >= 0 && ds && view->shm_query(view->self, id, IPC_STAT, ds) < 0 && stat_any(view, id, ds) < 0)
		memset(ds, 0, sizeof *ds), ds->shm_perm.mode = 0777, ds->shm_segsz = (size_t)-1;
	errno = saved;
	return id;
}

/* Whether the key order needs a look before the call: a check Linux does
 * not make could fail (EACCES by bits, when bits are asked for), or EEXIST
 * comes after the size check (when IPC_CREAT|IPC_EXCL is asked for).
 * Anything else Linux decides the same way, or the after hook mends it. */
static int order_before(const struct sf_persona *pers, const struct sf_callinfo *ci)
{
	const char *o = pers->platform->key_order, *e, *v;
	if (!o)
		return 0;
	/* The flags first: most calls ask for neither, and need no scan. */
	if ((ci->flg & 0777) && strchr(o, 'A'))
		return 1;
	if ((ci->flg & (IPC_CREAT | IPC_EXCL)) != (IPC_CREAT | IPC_EXCL))
		return 0;
	e = strchr(o, 'E');
	v = strpbrk(o, "VR");
	return e && v && v < e;
}

/* A shmget that would create: the platform's limits, in the BSD order. */
static int system_limits(SF_CHECK_ARGS)
{
	const struct sf_persona *pers = &eng->persona;
	const struct sf_limits *l = &pers->lim;
	if (sf_row_on(pers, SF_PK_SHMMAX, SF_SHMGET) && ci->size > (unsigned long long)l->shmmax)
		return sf_row_fire(eng, view, ci, SF_PK_SHMMAX);
	if (!sf_row_on(pers, SF_PK_SHMMNI, SF_SHMGET) && !sf_row_on(pers, SF_PK_SHMALL, SF_SHMGET))
		return 0;
	struct shm_info info;
	int saved = errno;
	int r = view->shm_query(view->self, 0, SHM_INFO, (struct shmid_ds *)(void *)&info);
	errno = saved;
	if (r < 0)
		return 0;
	if (sf_row_on(pers, SF_PK_SHMMNI, SF_SHMGET) && info.used_ids >= l->shmmni)
		return sf_row_fire(eng, view, ci, SF_PK_SHMMNI);
	if (sf_row_on(pers, SF_PK_SHMALL, SF_SHMGET) && (long long)info.shm_tot + pages_of(pers, ci->size) > l->shmall)
		return sf_row_fire(eng, view, ci, SF_PK_SHMALL);
	return 0;
}

int sf_check_before_shmget(SF_CHECK_ARGS)
{
	const struct sf_persona *pers = &eng->persona;
	struct shmid_ds ds;
	int exists = 0;
	int limits = sf_row_on(pers, SF_PK_SHMMNI, SF_SHMGET) || sf_row_on(pers, SF_PK_SHMALL, SF_SHMGET) ||
		     (sf_row_on(pers, SF_PK_SHMMAX, SF_SHMGET) && ci->size > (unsigned long long)pers->lim.shmmax);
	int order = sf_row_on(pers, SF_PK_KEY_ORDER, SF_SHMGET) && order_before(pers, ci);
	if (ci->key != IPC_PRIVATE && (order || (limits && (ci->flg & IPC_CREAT))))
		exists = sf_key_lookup(view, ci->key, &ds) >= 0;
	if (exists && order) {
		int err = key_verdict(pers, ci, &ds);
		if (err) {
			sf_row_fire(eng, view, ci, SF_PK_KEY_ORDER);
			return err;
		}
	}
	if (!(ci->key == IPC_PRIVATE || (!exists && (ci->flg & IPC_CREAT))) || !limits)
		return 0;
	return system_limits(eng, view, ci);
}

void sf_check_after_shmget(SF_CHECK_ARGS)
{
	const struct sf_persona *pers = &eng->persona;
	if (ci->err == 0) {
		/* A live id: whatever was removed under this number is gone. */
		struct sf_segment_note *s = sf_segment_note(eng->state, (int)ci->ret, 0);
		/* A load first: the locked and only when there is a mark to clear
		 * (the usual case has none, and a shared line stays shared). */
		if (s && (__atomic_load_n(&s->flags, __ATOMIC_ACQUIRE) & SF_SEG_REMOVED))
			__atomic_fetch_and(&s->flags, ~SF_SEG_REMOVED, __ATOMIC_RELEASE);
		return;
	}
	/* Linux refused by credentials or by the unrounded size where the
	 * platform does not: the key exists, give its id. */
	if (sf_row_on(pers, SF_PK_KEY_ORDER, SF_SHMGET) && ci->key != IPC_PRIVATE &&
	    (ci->err == EACCES || ci->err == EINVAL)) {
		struct shmid_ds ds;
		int id = sf_key_lookup(view, ci->key, &ds);
		if (id < 0)
			return;
		int err = key_verdict(pers, ci, &ds);
		if (err == 0) {
			sf_row_fire_after(eng, view, ci, SF_PK_KEY_ORDER, 0);
			ci->ret = id;
			ci->err = 0;
		} else if (err != ci->err)
			sf_row_fire_after(eng, view, ci, SF_PK_KEY_ORDER, err);
	}
}
