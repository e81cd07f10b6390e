/* sink.h: where the log's records go: the log file (appended, one write
 * per record) or, under the CLI, its spool (a shared mapping). */
#ifndef SHMFAULT_SINK_H
#define SHMFAULT_SINK_H

#include <stddef.h>

/* Open the log (append, never through a symlink). -1 and err on failure. */
int sf_log_open(const char *path, char *err, unsigned long errlen);
/* Records into the CLI's spool instead (a file it made, mapped shared;
 * each record's place reserved in the state file): no system call per
 * record. -1 when it cannot be mapped (then use sf_log_open). */
struct sf_state;
int sf_log_open_spool(const char *path, struct sf_state *st);
/* Whether a log is open (set once by the two above, before the library
 * takes calls; never cleared): one load on every call's path. */
extern int sf_log_on;
static inline int sf_log_enabled(void)
{
	return __atomic_load_n(&sf_log_on, __ATOMIC_RELAXED);
}
/* One whole record, ending in a newline. */
void sf_sink_write(const char *s, size_t n);
/* This process's id for the records (fetched once per process). */
int sf_log_pid(void);

#endif
