/* config.h: the interposer's configuration, read once from the environment
 * (a constructor, before main) into the engine's context. */
#ifndef SHMFAULT_CONFIG_H
#define SHMFAULT_CONFIG_H

#include "engine.h"

/* Nonzero once any of SHMFAULT, SHMFAULT_LOG, SHMFAULT_PERSONALITY or
 * libfiu control is present: the fast path is one load of this flag. */
extern int sf_configured;
/* The run's context, as the environment set it up (read-only after). */
extern struct sf_engine sf_run;
/* libfiu can be driven (FIU_ENABLE, FIU_CTRL_FIFO, SHMFAULT_FIU). */
extern int sf_fiu_active;

void sf_init(void);

#endif
