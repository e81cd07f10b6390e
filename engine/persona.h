/* persona.h: inside the engine, how a simulated platform acts on a call.
 * persona.c turns the platform's rule rows (common/personalities.c) into a
 * table of the checks that are on, and runs them: first the checks every
 * platform shares (personality/shmget.c, shmat.c, shmctl.c, ftok.c), and
 * around them the platform's own hooks, if it has any (personality/table.c:
 * one row per platform; hpux.c, solaris.c). The checks fire rows through
 * rows.c, which also keeps the tree's record of segments. */
#ifndef SHMFAULT_ENGINE_PERSONA_H
#define SHMFAULT_ENGINE_PERSONA_H

#include "engine.h"

/* Arguments every check gets: the run, the process, the call. */
#define SF_CHECK_ARGS const struct sf_engine *eng, const struct sf_procview *view, struct sf_callinfo *ci

/* A platform's own checks. Each hook is NULL when it has none; a before
 * hook returns 0 or the errno that refuses the call. */
struct sf_platform_hooks {
	unsigned kinds;                /* bit (1u << check) of the kinds it implements */
	int (*screen)(SF_CHECK_ARGS);  /* before the shared checks */
	int (*before)(SF_CHECK_ARGS);  /* after the shared checks let the call go */
	void (*after)(SF_CHECK_ARGS);  /* after the call, before the shared after checks */
};

/* The kinds no shared check implements: a row of one of them needs a
 * platform whose hooks do (else setup refuses it, never skips it). */
#define SF_PLATFORM_KINDS (1u << SF_PK_GLOBAL_ADDR | 1u << SF_PK_SHARE32 | 1u << SF_PK_LOCK_PRIV)

/* The hooks of a platform (by name), or NULL. personality/table.c. */
const struct sf_platform_hooks *sf_platform_hooks(const char *name);

/* Set up from the config (persona.c). -1 and err when a token is bad. */
int sf_persona_setup(struct sf_persona *pers, const struct sf_engine_config *cfg, char *err, size_t errlen);
/* The platform's verdict before the call: 0, or its errno (ci->prule set). */
int sf_persona_before(SF_CHECK_ARGS);
/* Whether the personality has nothing to do for call c, before or after. */
int sf_persona_idle(const struct sf_persona *pers, enum sf_call c);
/* After the call: bookkeeping and changes to what the program sees. */
void sf_persona_after(SF_CHECK_ARGS);

/* ---- rows.c ---- */

static inline int sf_row_on(const struct sf_persona *pers, enum sf_pcheck k, enum sf_call c)
{
	return (pers->kinds[c] >> k) & 1u;
}

/* The row of (k, c) that is on. */
static inline const struct sf_prule *sf_row_of(const struct sf_persona *pers, enum sf_pcheck k, enum sf_call c)
{
	return &pers->platform->rules[pers->row[k][c] - 1];
}

/* Fire the row of (k, ci->call) before the call: ci->prule, the tree-wide
 * count, the first call site. Returns the row's errno. */
int sf_row_fire(SF_CHECK_ARGS, enum sf_pcheck k);
/* Fire a row after the call: also marks the call as decided by the
 * personality, and when err != 0 makes it the call's result. */
void sf_row_fire_after(SF_CHECK_ARGS, enum sf_pcheck k, int err);

/* The tree-wide note of a segment; NULL when none and not create, or when
 * the table is full. */
struct sf_segment_note *sf_segment_note(struct sf_state *st, int shmid, int create);
/* Whether the tree created a segment with key (HP3); add: note it too.
 * Returns 0 when the key is not noted (or the table is full). */
int sf_key_noted(struct sf_state *st, key_t key, int add);
/* Whether shmid was removed with IPC_RMID (the tree's note, else IPC_STAT). */
int sf_segment_removed(const struct sf_engine *eng, const struct sf_procview *view, int shmid);
/* The same, from the tree's note only (no question to the kernel). */
int sf_segment_removed_noted(const struct sf_engine *eng, int shmid);

/* Linux's SHM_DEST in shm_perm.mode: removed, still attached. */
#define SF_MODE_DEST 01000

/* ---- the checks every platform shares: one file per call ---- */
int sf_check_before_shmget(SF_CHECK_ARGS);
int sf_check_before_shmat(SF_CHECK_ARGS);
int sf_check_before_shmctl(SF_CHECK_ARGS);
void sf_check_after_shmget(SF_CHECK_ARGS);
void sf_check_after_shmat(SF_CHECK_ARGS);
void sf_check_after_shmctl(SF_CHECK_ARGS);
void sf_check_after_ftok(SF_CHECK_ARGS);
/* POSIX shm (personality/pshm.c): shm_open, shm_unlink, ftruncate, mmap. */
int sf_check_before_pshm(SF_CHECK_ARGS);
void sf_check_after_pshm(SF_CHECK_ARGS);

/* The id of key and its segment's shmid_ds as the platform's checks need
 * them (personality/shmget.c); -1 when absent. */
int sf_key_lookup(const struct sf_procview *view, key_t key, struct shmid_ds *ds);

#endif
