/* personality.h: the hooks by which a simulated platform acts on a call.
 * preload/personality.c dispatches to the active platform; behaviour that is
 * not data lives in preload/personality/<name>.c. */
#ifndef SHMFAULT_PERSONALITY_H
#define SHMFAULT_PERSONALITY_H

#include "engine.h"
#include "personalities.h"

/* Nonzero when a platform other than linux is simulated. */
extern int sf_personality_active;

/* From the constructor: name (NULL = linux), limits (NULL = none), and
 * whether EXTSHM=ON was in the environment at start. -1 and one line in
 * err when the name or limits are bad. */
int sf_personality_setup(const char *name, const char *limits, char *err, unsigned long errlen);

/* The platform's verdict before the real call: 0, or the errno with which
 * the platform refuses it (and ci->prule set to the rule id). */
int sf_personality_before(struct sf_callinfo *ci);

/* After the call (real or failed): the platform's bookkeeping, and any
 * change to what the program sees (IPC_STAT fields, ftok's formula). */
void sf_personality_after(struct sf_callinfo *ci);

/* The name of the active personality ("linux" when none). */
const char *sf_personality_name(void);

#endif
