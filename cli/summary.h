/* summary.h: what a run did, on stderr: faults injected and leaks. */
#ifndef SHMFAULT_SUMMARY_H
#define SHMFAULT_SUMMARY_H

#include <stdio.h>

#include "rules.h"
#include "sandbox.h"
#include "state.h"

void sf_summary_print(FILE *out, const struct sf_state *st, const struct sf_ruleset *rules,
		      const struct sf_sandbox_result *res);
/* The kernel side: calls that bypassed the interposer, or why they could
 * not be seen (no filter). */
void sf_summary_bypass(FILE *out, const struct sf_sandbox_result *res);
/* Calls bypassed the interposer and nothing faulted them (the preload
 * backend, or no filter): 1, and why in one sentence; else 0. */
int sf_bypass_unfaulted(const struct sf_sandbox_result *res, char *why, size_t len);
/* sf_summary_bypass's lines as a YAML list under key "bypass"; nothing
 * when it has none. */
void sf_yaml_bypass(FILE *out, const char *indent, const struct sf_sandbox_result *res);
/* "key=0x5eed0001 shmid=3 size=4096 creator pid=12 nattch=0"; a POSIX
 * object: "POSIX shm object /NAME size=4096 mode=0600" (or "POSIX
 * semaphore /NAME ..."). SF_LEAK_DESC bytes hold any. */
#define SF_LEAK_DESC (SF_PSHM_NAME + 96)
void sf_segment_describe(const struct sf_segment *s, char *buf, size_t len);
/* after a new file of the host's /dev/shm (sf_segment left) */
#define SF_LEFT_WORDS "(new in the host's /dev/shm: left in place; maybe not the run's, so not counted as a leak)"
/* "segment", "POSIX shm object", "POSIX semaphore" */
const char *sf_leak_noun(int kind);
/* "2 segments", "1 POSIX object", "1 segment and 2 POSIX objects" of the
 * total leaks whose first SF_MAX_LEAKS are s. */
void sf_leaks_count(const struct sf_segment *s, int total, char *buf, size_t len);
/* The run did not have a /dev/shm of its own: 1, and which it had and
 * why in one sentence (no "shmfault: "); else 0. */
int sf_pshm_words(const struct sf_sandbox_result *res, char *buf, size_t len);

#endif
