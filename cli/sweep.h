/* sweep.h: pieces `shmfault sweep` and `shmfault gate` share. */
#ifndef SHMFAULT_SWEEP_H
#define SHMFAULT_SWEEP_H

#include "pool.h"
#include "tapout.h"

/* "shmfault run [OPTS] -- CMD ARG..." quoted for a shell, with the name the
 * user invoked shmfault by. opts: already quoted words, or NULL. */
void sf_repro_command(struct sf_str *b, const char *opts, char *const *argv);

/* The default -j: the number of online CPUs. */
int sf_default_jobs(void);

/* Parse --timeout SEC: seconds, > 0 and at most a million. 0 or -1. */
int sf_parse_timeout(const char *s, double *out);

/* Parse -j N: 1..1024; -1 when bad. */
int sf_parse_jobs(const char *s);

/* The leaked segments of res as a YAML list under key "leaked". */
void sf_yaml_leaks(FILE *out, const char *indent, const struct sf_sandbox_result *res);
void sf_json_leaks(FILE *out, const struct sf_sandbox_result *res);

/* "SIGSEGV" */
const char *sf_signal_name(int sig);

#endif
