/* log.h: one JSON object per call (JSON Lines) when SHMFAULT_LOG is set. */
#ifndef SHMFAULT_LOG_H
#define SHMFAULT_LOG_H

#include <stdint.h>

#include "engine.h"

/* Open the log (append, never through a symlink). -1 and err on failure. */
int sf_log_open(const char *path, char *err, unsigned long errlen);
/* Records into the CLI's spool instead (a file it made, mapped shared;
 * each record's place reserved in the state file): no system call per
 * record. -1 when it cannot be mapped (then use sf_log_open). */
struct sf_state;
int sf_log_open_spool(const char *path, struct sf_state *st);
int sf_log_enabled(void);
/* A record for one call; seq is its place among the tree's calls. */
void sf_log_call(const struct sf_callinfo *ci, uint64_t seq);
/* A record when a process starts logging (its seed and personality). */
void sf_log_start(uint64_t seed, const char *personality);

/* "prog+0x1a2 (main+0x22)" for a return address, into buf. */
void sf_site(const void *caller, char *buf, unsigned long len);

#endif
