/* call.h: around one wrapped call: the engine's verdict (and libfiu's),
 * then after the call the ledger, the engine's records and the log. */
#ifndef SHMFAULT_CALL_H
#define SHMFAULT_CALL_H

#include "engine.h"

/* Before the real call: 0 to make it, or the errno to fail with
 * (ci->by, ci->rule, ci->prule say who decided). */
int sf_before(struct sf_callinfo *ci);
/* After the real call or the injected failure. */
void sf_after(struct sf_callinfo *ci);

#endif
