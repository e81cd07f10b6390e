/* shmctl.c: the shmctl checks every platform shares: commands the platform
 * lacks, refusal after IPC_RMID, and after the call what IPC_STAT reports
 * and the errno a non-owner's IPC_RMID/IPC_SET gets. */
#include <errno.h>
#include <string.h>

#include "../persona.h"

static int by_id(int cmd)
{
	return cmd == IPC_STAT || cmd == IPC_SET || cmd == IPC_RMID || cmd == SHM_LOCK || cmd == SHM_UNLOCK;
}

int sf_check_before_shmctl(SF_CHECK_ARGS)
{
	const struct sf_persona *pers = &eng->persona;
	if (sf_row_on(pers, SF_PK_CMD, SF_SHMCTL) && ci->cmd >= 0 && ci->cmd < 63 &&
	    (sf_row_of(pers, SF_PK_CMD, SF_SHMCTL)->arg >> ci->cmd & 1))
		return sf_row_fire(eng, view, ci, SF_PK_CMD);
	/* IPC_STAT needs no question to the kernel: its own result says (after). */
	if (sf_row_on(pers, SF_PK_RMID, SF_SHMCTL) && by_id(ci->cmd) &&
	    (ci->cmd == IPC_STAT ? sf_segment_removed_noted(eng, ci->shmid) : sf_segment_removed(eng, view, ci->shmid)))
		return sf_row_fire(eng, view, ci, SF_PK_RMID);
	return 0;
}

static long long round_up(const struct sf_persona *pers, size_t size)
{
	return (long long)((size + (size_t)pers->page - 1) / (size_t)pers->page) * pers->page;
}

/* What IPC_STAT (SHM_STAT, SHM_STAT_ANY) reports on the platform. */
static void after_stat(SF_CHECK_ARGS)
{
	const struct sf_persona *pers = &eng->persona;
	struct shmid_ds *ds = ci->buf;
	if (sf_row_on(pers, SF_PK_STAT_RMID, SF_SHMCTL) && (ds->shm_perm.mode & SF_MODE_DEST)) {
		ds->shm_perm.mode = (ds->shm_perm.mode & ~(unsigned)SF_MODE_DEST) |
				    (unsigned)sf_row_of(pers, SF_PK_STAT_RMID, SF_SHMCTL)->arg;
		sf_row_fire_after(eng, view, ci, SF_PK_STAT_RMID, 0);
	}
	if (sf_row_on(pers, SF_PK_STAT_MODE, SF_SHMCTL)) {
		ds->shm_perm.mode |= (unsigned)sf_row_of(pers, SF_PK_STAT_MODE, SF_SHMCTL)->arg;
		sf_row_fire_after(eng, view, ci, SF_PK_STAT_MODE, 0);
	}
	if (sf_row_on(pers, SF_PK_STAT_SEGSZ, SF_SHMCTL) && ds->shm_segsz % (size_t)pers->page) {
		ds->shm_segsz = (size_t)round_up(pers, ds->shm_segsz);
		sf_row_fire_after(eng, view, ci, SF_PK_STAT_SEGSZ, 0);
	}
	if (sf_row_on(pers, SF_PK_STAT_LPID, SF_SHMCTL)) {
		struct sf_segment_note *s = sf_segment_note(eng->state, ci->cmd == IPC_STAT ? ci->shmid : (int)ci->ret, 0);
		int32_t pid = s ? __atomic_load_n(&s->lpid, __ATOMIC_RELAXED) : 0;
		if (pid && ds->shm_lpid != pid) {
			ds->shm_lpid = pid;
			sf_row_fire_after(eng, view, ci, SF_PK_STAT_LPID, 0);
		}
	}
}

void sf_check_after_shmctl(SF_CHECK_ARGS)
{
	const struct sf_persona *pers = &eng->persona;
	if (ci->err == 0) {
		if (ci->cmd == IPC_RMID && (sf_row_on(pers, SF_PK_RMID, SF_SHMAT) || sf_row_on(pers, SF_PK_RMID, SF_SHMCTL))) {
			struct sf_segment_note *s = sf_segment_note(eng->state, ci->shmid, 1);
			if (s)
				__atomic_fetch_or(&s->flags, SF_SEG_REMOVED, __ATOMIC_RELEASE);
		}
		/* A removed segment seen by IPC_STAT itself (removed outside the
		 * tree's notes, or the notes not kept): refused after all. */
		if (ci->cmd == IPC_STAT && ci->buf && sf_row_on(pers, SF_PK_RMID, SF_SHMCTL) &&
		    (ci->buf->shm_perm.mode & SF_MODE_DEST)) {
			memset(ci->buf, 0, sizeof *ci->buf);
			sf_row_fire_after(eng, view, ci, SF_PK_RMID, sf_row_of(pers, SF_PK_RMID, SF_SHMCTL)->err);
			return;
		}
		if (ci->buf && (ci->cmd == IPC_STAT || ci->cmd == SHM_STAT || ci->cmd == SHM_STAT_ANY))
			after_stat(eng, view, ci);
		return;
	}
	if (sf_row_on(pers, SF_PK_CTL_PERM, SF_SHMCTL) && ci->err == EPERM && (ci->cmd == IPC_RMID || ci->cmd == IPC_SET))
		sf_row_fire_after(eng, view, ci, SF_PK_CTL_PERM, sf_row_of(pers, SF_PK_CTL_PERM, SF_SHMCTL)->err);
}
