/* launch.h: what `run`, `sweep` and `gate` share to start a program under
 * the interposer: the library's path, the environment, the state file. */
#ifndef SHMFAULT_LAUNCH_H
#define SHMFAULT_LAUNCH_H

#include <stdint.h>

#include "sandbox.h"
#include "state.h"

struct sf_launch {
	const char *rules;       /* SHMFAULT, or NULL */
	const char *personality; /* or NULL */
	const char *limits;      /* or NULL */
	const char *log;         /* absolute path, or NULL */
	const char *log_spool;   /* the spool the library writes the log to (spool.h), or NULL */
	uint64_t seed;
	const char *state_path;  /* created by sf_launch_state() */
};

/* The library next to the CLI (build tree) or in the installed libdir. */
const char *sf_library_path(void);
/* The audit module (LD_AUDIT), in the interposer's directory. */
const char *sf_audit_path(void);

/* Validate rules, personality and limits with the library's own parsers.
 * 0, or -1 with one line in err. */
int sf_launch_validate(const struct sf_launch *l, char *err, size_t errlen);

/* A private directory (mkdtemp) holding the state file; returns its path. */
int sf_launch_state(struct sf_launch *l, char *dir, size_t dirlen, char *err, size_t errlen);
void sf_launch_cleanup(const char *dir);

/* environ without our variables, plus ours, LD_PRELOAD with the library
 * first and LD_AUDIT with the audit module first. The result is allocated; free with sf_env_free. */
char **sf_launch_env(const struct sf_launch *l);
void sf_env_free(char **env);

/* Refuse a command the interposer cannot reach: 0, or -1 with err. */
int sf_launch_check_target(const char *cmd, char *err, size_t errlen);

/* A seed from the kernel's generator. */
uint64_t sf_random_seed(void);

#endif
