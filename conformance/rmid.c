/*
 * rmid.c: IPC_RMID semantics: what a removed but still attached segment
 * allows (attach, IPC_STAT, a second IPC_RMID, its key), its memory until
 * the last detach, and what is left after it; kernel.shm_rmid_forced.
 */
#include "conf.h"

/* COVER(shmat | shmat by id after IPC_RMID, while still attached | ok/EINVAL | table | attach_after_rmid | -) */
/* COVER(shmctl | IPC_STAT after IPC_RMID, while still attached (key, mode bits) | ok/EINVAL | table | stat_after_rmid | -) */
/* COVER(shmctl | a second IPC_RMID while still attached | ok/EINVAL | table | rmid_twice | -) */
/* COVER(shmget | shmget(old key) after IPC_RMID, while still attached | ENOENT | native | key_after_rmid | -) */
/* COVER(shmat | memory of a removed segment stays usable until the last detach | ok | native | - | -) */
/* COVER(shmat | shmat and IPC_STAT after IPC_RMID and the last detach | EINVAL | native | attach_after_last_detach | shmctl02) */
static void removed(void)
{
	struct conf_exp e;
	const char *cond;
	key_t key = conf_key();
	int id = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
	char *p = shmat(id, NULL, 0);
	struct shmid_ds ds;
	char got[160];
	int r;

	if (id == -1 || p == (void *)-1)
		tap_bail("cannot create and attach a segment");
	strcpy(p, "still here");
	r = shmctl(id, IPC_RMID, NULL);
	conf_outcome("shmctl", "-", "IPC_RMID of an attached segment", "shmctl(2) IPC_RMID; POSIX shmctl", "ok", r == -1, errno);

	cond = "shmat by the old id after IPC_RMID, while still attached";
	if (conf_expect(&e, "shmat", "attach_after_rmid", cond, NULL, NULL)) {
		char *q = shmat(id, NULL, 0);
		int err = errno;
		if (q != (void *)-1 && strcmp(q, "still here") != 0)
			conf_point(0, "shmat", "attach_after_rmid", cond, e.rule, e.expect, "ok, but another segment's memory");
		else
			conf_outcome("shmat", "attach_after_rmid", cond, e.rule, e.result, q == (void *)-1, err);
		if (q != (void *)-1)
			shmdt(q);
	}

	cond = "IPC_STAT on the old id after IPC_RMID, while still attached";
	if (conf_expect(&e, "shmctl", "stat_after_rmid", cond, NULL, NULL)) {
		memset(&ds, 0, sizeof ds);
		r = shmctl(id, IPC_STAT, &ds);
		int err = errno;
		if (r == -1 || strcmp(e.result, "ok") != 0) {
			conf_outcome("shmctl", "stat_after_rmid", cond, e.rule, e.result, r == -1, err);
		} else {
			const char *k = conf_param(e.expect, "key");
			const char *m = conf_param(e.expect, "mode|");
			unsigned long bits = m ? strtoul(m, NULL, 0) : 0;
			int ok = (!k || (long)CONF_PERM_KEY(ds.shm_perm) == strtol(k, NULL, 0)) &&
				 ((unsigned long)ds.shm_perm.mode & bits) == bits && ds.shm_nattch == 1;
			snprintf(got, sizeof got, "ok,key=%ld,mode=0%o,nattch=%lu", (long)CONF_PERM_KEY(ds.shm_perm),
				 (unsigned)ds.shm_perm.mode, (unsigned long)ds.shm_nattch);
			conf_point(ok, "shmctl", "stat_after_rmid", cond, e.rule, e.expect, got);
		}
	}

	cond = "shmget(old key, 0, 0) after IPC_RMID, while still attached";
	if (conf_expect(&e, "shmget", "key_after_rmid", cond, "ENOENT", "shmctl(2) IPC_RMID (key freed); POSIX shmctl")) {
		r = shmget(key, 0, 0600);
		conf_outcome("shmget", "key_after_rmid", cond, e.rule, e.result, r == -1, errno);
		if (r != -1 && r != id)
			conf_rm(r);
	}

	cond = "a second IPC_RMID on the old id, while still attached";
	if (conf_expect(&e, "shmctl", "rmid_twice", cond, NULL, NULL)) {
		r = shmctl(id, IPC_RMID, NULL);
		conf_outcome("shmctl", "rmid_twice", cond, e.rule, e.result, r == -1, errno);
	}

	cond = "the memory of a removed segment stays usable until the last detach";
	p[100] = 'x';
	conf_point(strcmp(p, "still here") == 0 && p[100] == 'x', "shmat", "-", cond, "POSIX shmctl IPC_RMID (destroyed after last detach)",
		   "readable and writable", strcmp(p, "still here") == 0 ? "readable and writable" : "changed");

	r = shmdt(p);
	cond = "shmat by the old id after IPC_RMID and the last detach";
	if (conf_expect(&e, "shmat", "attach_after_last_detach", cond, "EINVAL", "shmat(2) EINVAL (invalid id); POSIX shmat")) {
		char *q = shmat(id, NULL, 0);
		conf_outcome("shmat", "attach_after_last_detach", cond, e.rule, e.result, q == (void *)-1, errno);
		if (q != (void *)-1)
			shmdt(q);
	}
	cond = "IPC_STAT on the old id after IPC_RMID and the last detach";
	if (conf_expect(&e, "shmctl", "attach_after_last_detach", cond, "EINVAL", "shmctl(2) EINVAL (invalid id); POSIX shmctl")) {
		r = shmctl(id, IPC_STAT, &ds);
		conf_outcome("shmctl", "attach_after_last_detach", cond, e.rule, e.result, r == -1, errno);
	}
}

/* COVER(shmdt | kernel.shm_rmid_forced=1: last detach destroys a segment without IPC_RMID | destroyed | table | rmid_forced | -) */
static void forced(void)
{
	struct conf_exp e;
	const char *cond = "kernel.shm_rmid_forced=1: the last detach destroys a segment not removed with IPC_RMID";
	if (!conf_expect(&e, "shmdt", "rmid_forced", cond, NULL, NULL))
		return;
#ifdef __linux__
	if (!conf_private_ns() || conf_write_proc("/proc/sys/kernel/shm_rmid_forced", "1") != 0) {
		conf_skip("shmdt", cond, "needs a private IPC namespace and write access to kernel.shm_rmid_forced");
		return;
	}
	int id = shmget(IPC_PRIVATE, 100, IPC_CREAT | 0600);
	char *p = shmat(id, NULL, 0);
	struct shmid_ds ds;
	int before = shmctl(id, IPC_STAT, &ds);
	shmdt(p);
	int after = shmctl(id, IPC_STAT, &ds);
	int err = errno;
	conf_write_proc("/proc/sys/kernel/shm_rmid_forced", "0");
	char got[96];
	snprintf(got, sizeof got, "IPC_STAT attached=%s, after detach=%s", before == 0 ? "ok" : "failed", after == 0 ? "ok" : conf_errname(err));
	conf_point(before == 0 && after == -1 && err == EINVAL, "shmdt", "rmid_forced", cond, e.rule,
		   "destroyed (IPC_STAT attached=ok, after detach=EINVAL)", got);
	if (after == 0)
		conf_rm(id);
#else
	conf_skip("shmdt", cond, "Linux only");
#endif
}

int main(void)
{
	conf_load();
	tap_plan(0);
	removed();
	forced();
	return tap_done();
}
