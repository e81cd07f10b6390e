/* config.c: the glue between the environment and the engine: read the
 * variables once, in a constructor, before main; set up the engine's
 * context, the tree's state, the seed and the log. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "config.h"
#include "envconf.h"
#include "libfiu.h"
#include "oneline.h"
#include "real.h"
#include "record.h"
#include "rng.h"
#include "sink.h"
#include "view.h"

int sf_configured;
struct sf_engine sf_run;
int sf_fiu_active;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Bad configuration fails closed: one line, and the program never runs
 * without the faults that were asked for. */
static void die(const char *msg)
{
	char raw[512], line[640];
	/* The values quoted may hold newlines: escaped, the line stays one. */
	snprintf(raw, sizeof raw, "shmfault: %s", msg);
	size_t n = sf_one_line(line, sizeof line - 1, raw);
	line[n++] = '\n';
	ssize_t w = write(2, line, n);
	(void)w;
	_exit(125);
}

/* Setuid and setgid programs ignore our variables (secure_getenv), as the
 * dynamic loader ignores LD_PRELOAD paths for them. */
static const char *env(const char *name)
{
	const char *v = secure_getenv(name);
	return v && *v ? v : NULL;
}

/* The variables as the interposer reads them: SHMFAULT_* through env()
 * (setuid programs ignore them), EXTSHM and SHMFAULT_STATE as they are. */
static const char *env_get(void *ctx, const char *name)
{
	(void)ctx;
	return strncmp(name, "SHMFAULT", 8) || !strcmp(name, "SHMFAULT_STATE") ? getenv(name) : env(name);
}

/* The engine's rules and personality (envconf.c: the same reading as the
 * kernel supervisor's). */
static void set_up_engine(char *err, size_t errlen)
{
	struct sf_engine_config cfg;
	sf_engine_config_env(&cfg, env_get, NULL, sysconf(_SC_PAGESIZE));
	if (sf_engine_setup(&sf_run, &cfg, err, errlen) < 0)
		die(err);
}

/* Without SHMFAULT_SEED: the state file's (the CLI's), else a fresh one. */
static uint64_t fresh_seed(const char *state_path)
{
	struct timeval tv;
	if (state_path)
		return sf_run.state->seed;
	gettimeofday(&tv, NULL);
	return sf_mix64((uint64_t)tv.tv_sec << 20 ^ (uint64_t)tv.tv_usec ^ (uint64_t)getpid() << 40);
}

static void configure(void)
{
	char err[512];
	const char *rules = env("SHMFAULT"), *log = env("SHMFAULT_LOG");
	const char *pers = env("SHMFAULT_PERSONALITY"), *lim = env("SHMFAULT_LIMITS");
	const char *st = env("SHMFAULT_STATE"), *sd = env("SHMFAULT_SEED");
	const char *opt = env("SHMFAULT_OPTIONS");
	uint64_t seed = 0;

	sf_resolve();
	sf_fiu_active = env("FIU_ENABLE") || env("FIU_CTRL_FIFO") || env("SHMFAULT_FIU");
	set_up_engine(err, sizeof err);
	if (sd && sf_seed_parse(sd, &seed) < 0) {
		snprintf(err, sizeof err, "bad SHMFAULT_SEED '%.64s': expected a number (decimal or 0x hex)", sd);
		die(err);
	}
	if (!rules && !log && !pers && !lim && !opt && !st && !sf_fiu_active)
		return; /* nothing asked: every call goes straight through */

	sf_run.state = sf_state_map(st, err, sizeof err);
	if (!sf_run.state)
		die(err);
	sf_run.seed = sd ? seed : fresh_seed(st);
	/* Under the CLI the records go to its spool; the log itself when the
	 * spool cannot be mapped (the CLI appends the spool after them). */
	const char *spool = env("SHMFAULT_LOG_SPOOL");
	if (log && !(spool && st && sf_log_open_spool(spool, sf_run.state) == 0) && sf_log_open(log, err, sizeof err) < 0)
		die(err);
	if (sf_fiu_active)
		sf_fiu_init();
	sf_view_init();
	if (sf_log_enabled())
		sf_record_start(sf_run.seed, sf_engine_personality(&sf_run));
	if (sf_fiu_active || sf_log_enabled())
		sf_run.plain_calls = 0; /* libfiu decides and the log records every call */
	__atomic_store_n(&sf_configured, 1, __ATOMIC_RELEASE);
}

__attribute__((constructor(101))) void sf_init(void)
{
	pthread_once(&once, configure);
}
