/* view.h: the interposer's process view (engine.h's struct sf_procview):
 * this process's attachments from the ledger, the kernel's answers through
 * the real calls, the call site from the loader. */
#ifndef SHMFAULT_VIEW_H
#define SHMFAULT_VIEW_H

#include "engine.h"

extern const struct sf_procview sf_interposer_view;

/* From the constructor, once configured: the scope=process counters start
 * anew in a forked child. */
void sf_view_init(void);

#endif
