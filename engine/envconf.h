/* envconf.h: the engine's configuration from a run's environment.  The
 * interposer reads its own environment, the kernel supervisor (the CLI's
 * reaper) the environment it starts the run with: one reading for both, so
 * that both decide under the same rules. */
#ifndef SHMFAULT_ENVCONF_H
#define SHMFAULT_ENVCONF_H

#include "engine.h"

/* get(ctx, NAME): the variable's value, or NULL. */
typedef const char *(*sf_env_get_fn)(void *ctx, const char *name);

/* SHMFAULT, SHMFAULT_PERSONALITY, SHMFAULT_LIMITS, SHMFAULT_OPTIONS (empty =
 * unset), EXTSHM and SHMFAULT_STATE into cfg; page is the caller's. */
void sf_engine_config_env(struct sf_engine_config *cfg, sf_env_get_fn get, void *ctx, long page);

/* get over an envp array ("NAME=value" strings). */
const char *sf_envp_get(void *envp, const char *name);

#endif
