/* diag.h: the CLI's bottom layer, used by main and every subcommand: one
 * diagnostic line on stderr, and the environment read one way. Calls only
 * into libc, so nothing above it is ever called back. */
#ifndef SHMFAULT_DIAG_H
#define SHMFAULT_DIAG_H

/* One line on stderr, prefixed "shmfault: ". */
void sf_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* getenv(name), except that an empty variable counts as unset (NULL):
 * SHMFAULT= on a command line must not mean "an empty rule". */
const char *sf_env(const char *name);

#endif
