/* personality.h: the hooks by which a simulated platform acts on a call.
 * preload/personality.c dispatches to the checks named by the active
 * platform's rule rows (common/personalities.c); the checks themselves live
 * in preload/personality/ (check.c for those every platform shares, one
 * file per platform for behaviour only it has). */
#ifndef SHMFAULT_PERSONALITY_H
#define SHMFAULT_PERSONALITY_H

#include "engine.h"
#include "personalities.h"

/* Nonzero when something is simulated: a platform other than linux, a
 * --limit, or SHMFAULT_OPTIONS. */
extern int sf_personality_active;

/* From the constructor: name (NULL = linux), limits (NULL = none), options
 * (SHMFAULT_OPTIONS, NULL = none). EXTSHM is read here, at program start.
 * -1 and one line in err when the name, limits or options are bad. */
int sf_personality_setup(const char *name, const char *limits, const char *options, char *err,
			 unsigned long errlen);

/* The platform's verdict before the real call: 0, or the errno with which
 * the platform refuses it (and ci->prule set to the rule id). */
int sf_personality_before(struct sf_callinfo *ci);

/* After the call (real or failed): the platform's bookkeeping, and any
 * change to what the program sees (IPC_STAT fields, ftok's formula, an
 * errno the platform spells differently). */
void sf_personality_after(struct sf_callinfo *ci);

/* The name of the active personality ("linux" when none). */
const char *sf_personality_name(void);

#endif
