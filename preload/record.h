/* record.h: the log's records, one JSON object per line (JSON Lines), when
 * SHMFAULT_LOG is set. Written to the sink (sink.h). */
#ifndef SHMFAULT_RECORD_H
#define SHMFAULT_RECORD_H

#include <stdint.h>

#include "engine.h"

/* A record for one call; seq is its place among the tree's calls. Who
 * decided, and the rule text or personality, come from the call itself. */
void sf_record_call(const struct sf_callinfo *ci, uint64_t seq);
/* A record when a process starts logging (its seed and personality). */
void sf_record_start(uint64_t seed, const char *personality);

#endif
