/* state.h: counters shared by the whole process tree of one run.
 * The CLI creates the file (SHMFAULT_STATE) and every process of the tree
 * maps it, across fork and exec. Used alone, the library maps anonymous
 * shared memory: counts are then shared across fork but start anew at exec. */
#ifndef SHMFAULT_STATE_H
#define SHMFAULT_STATE_H

#include <stdint.h>
#include <sys/types.h>

#include "calls.h"
#include "errnos.h"
#include "rules.h"

#define SF_STATE_MAGIC 0x53484d4641554c54ull /* "SHMFAULT" */
#define SF_STATE_VERSION 1
#define SF_FIRED_FIU SF_MAX_RULES           /* fired[] row for libfiu points */
#define SF_FIRED_PERSONALITY (SF_MAX_RULES + 1) /* row for personality rules */
#define SF_FIRED_ROWS (SF_MAX_RULES + 2)
#define SF_MAX_PRULES 64                    /* personality rules counted */
#define SF_MAX_CREATED 1024                 /* segments remembered in host mode */

struct sf_created {
	int shmid;
	int32_t key;
	int32_t pid;
};

struct sf_state {
	uint64_t magic;
	uint32_t version, size;
	uint64_t seed;
	uint64_t seq;                       /* every wrapped call of the tree */
	uint64_t calls[SF_NCALLS];          /* per call */
	uint64_t match[SF_MAX_RULES];       /* calls each rule matched (tree-wide when=) */
	uint32_t fired[SF_FIRED_ROWS][SF_NCALLS][SF_MAX_ERRNO];
	uint32_t prule_fired[SF_MAX_PRULES];
	uint32_t ncreated;                  /* segments created (host mode tracking) */
	struct sf_created created[SF_MAX_CREATED];
};

/* Map the state file at path; a fresh anonymous region when path is NULL.
 * Returns NULL (and the reason in err) when the file is not a state file. */
struct sf_state *sf_state_map(const char *path, char *err, unsigned long errlen);
/* Create a zeroed state file (CLI side). */
int sf_state_create(const char *path, uint64_t seed);

#endif
