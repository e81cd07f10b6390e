/* envconf.c: the engine's configuration from a run's environment (see
 * envconf.h). */
#include <string.h>

#include "envconf.h"

static const char *nonempty(sf_env_get_fn get, void *ctx, const char *name)
{
	const char *v = get(ctx, name);
	return v && *v ? v : NULL;
}

void sf_engine_config_env(struct sf_engine_config *cfg, sf_env_get_fn get, void *ctx, long page)
{
	const char *x = get(ctx, "EXTSHM");
	memset(cfg, 0, sizeof *cfg);
	cfg->rules = nonempty(get, ctx, "SHMFAULT");
	cfg->personality = nonempty(get, ctx, "SHMFAULT_PERSONALITY");
	cfg->limits = nonempty(get, ctx, "SHMFAULT_LIMITS");
	cfg->options = nonempty(get, ctx, "SHMFAULT_OPTIONS");
	/* AIX reads EXTSHM at program start (its loader) */
	cfg->extshm = x && (!strcmp(x, "ON") || !strcmp(x, "1SEG") || !strcmp(x, "MSEG"));
	cfg->tree_state = get(ctx, "SHMFAULT_STATE") != NULL;
	cfg->page = page;
}

const char *sf_envp_get(void *envp, const char *name)
{
	size_t n = strlen(name);
	for (char **e = envp; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}
