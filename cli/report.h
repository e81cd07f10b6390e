/* report.h: the pieces every report writer shares (TAP/YAML and JSON today;
 * the writers of a subcommand sit behind its own writer table, so a third
 * format is one more table): the leaked segments, how a run ended, the
 * `shmfault run` command that reproduces a case. Above outcome.h, below
 * the subcommands. */
#ifndef SHMFAULT_REPORT_H
#define SHMFAULT_REPORT_H

#include <stdio.h>

#include "sandbox.h"
#include "tapout.h"

/* "shmfault run [OPTS] -- CMD ARG..." quoted for a shell, with the name the
 * user invoked shmfault by. opts: already quoted words, or NULL. */
void sf_repro_command(struct sf_str *b, const char *opts, char *const *argv);

/* The rules of the environment (SHMFAULT) kept in every run, as options of
 * the reproduction command: " -e 'RULES'" (and " --seed 0" when they draw). */
void sf_repro_background(struct sf_str *opts, const char *background);

/* The leaked segments and POSIX objects of res as a YAML list under key
 * "leaked" (after "dev_shm: ..." when the run had no /dev/shm of its own).
 * In JSON a POSIX object is {"kind":"pshm"|"psem","name","size","mode",
 * "removed"}. */
void sf_yaml_leaks(FILE *out, const char *indent, const struct sf_sandbox_result *res);
void sf_json_leaks(FILE *out, const struct sf_sandbox_result *res);
/* ,"dev_shm":"..." when the run had no /dev/shm of its own; else nothing. */
void sf_json_dev_shm(FILE *out, const struct sf_sandbox_result *res);

/* "  timed_out: T", "  signal: SIGX" or "  exit: N"; nothing (0) when the
 * run never started or the sandbox failed, else 1. */
int sf_yaml_exit(FILE *out, const struct sf_sandbox_result *r, int failed, double timeout);

/* "  error: "TEXT"" */
void sf_yaml_error(FILE *out, const char *text);

#endif
