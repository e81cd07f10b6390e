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
#define SF_STATE_VERSION 4
#define SF_FIRED_FIU SF_MAX_RULES           /* fired[] row for libfiu points */
#define SF_FIRED_PERSONALITY (SF_MAX_RULES + 1) /* row for personality rules */
#define SF_FIRED_ROWS (SF_MAX_RULES + 2)
#define SF_MAX_PRULES 256                   /* personality rule rows counted (all personalities) */
#define SF_PRULE_SITE 96                    /* first call site of each, "prog+0x15dc" */
#define SF_MAX_SEG_NOTES 4096               /* segments a personality remembers (power of 2) */
#define SF_MAX_CREATED 1024                 /* segments remembered in host mode */
#define SF_MAX_KEPT 256                     /* segments kept alive by an injected IPC_RMID failure */
#define SF_MAX_KEY_NOTES 1024               /* keys of segments the tree created (HP3; power of 2) */

struct sf_created {
	int shmid;
	int32_t key;
	int32_t pid;
};

/* What a personality remembers about one segment, tree-wide (open
 * addressing on shmid; id1 = shmid + 1, 0 = free slot). */
struct sf_segment_note {
	int32_t id1;
	uint32_t flags;                     /* SF_SEG_* */
	int32_t lpid;                       /* pid of the last shmat (FB9) */
	int32_t pad;
	uint64_t addr;                      /* the segment's one address (HP2) */
};
#define SF_SEG_REMOVED 1u                   /* IPC_RMID done by this tree */
#define SF_MAX_PSHM_NOTES 1024              /* POSIX shm objects a personality remembers (power of 2) */

/* What a personality remembers about one POSIX shm object, tree-wide
 * (open addressing on the inode; ino1 = st_ino + 1, 0 = free slot). */
struct sf_pshm_note {
	uint64_t ino1;
	uint64_t dev;
	uint32_t flags;                     /* SF_PSHM_* */
	uint32_t pad;
	int64_t size;                       /* the size a personality gave it (page-rounded, MC6) */
};
#define SF_PSHM_SIZED 1u                    /* ftruncate done once (PM-MC4) */
#define SF_SEG_OURS 2u                      /* created by this tree (HP3) */

struct sf_state {
	uint64_t magic;
	uint32_t version, size;
	uint64_t seed;
	uint64_t seq;                       /* the log's order: every logged call of the tree */
	uint64_t calls[SF_NCALLS];          /* per call */
	uint64_t match[SF_MAX_RULES];       /* calls each rule matched (tree-wide when=) */
	uint32_t fired[SF_FIRED_ROWS][SF_NCALLS][SF_MAX_ERRNO];
	uint32_t prule_fired[SF_MAX_PRULES];
	uint32_t prule_site_state[SF_MAX_PRULES]; /* 0 none, 1 being written, 2 set */
	char prule_site[SF_MAX_PRULES][SF_PRULE_SITE];
	uint32_t seg_notes_full;            /* the table overflowed: ask the kernel */
	struct sf_segment_note seg_notes[SF_MAX_SEG_NOTES];
	uint32_t pshm_notes_full;           /* the table overflowed: st_size alone decides */
	struct sf_pshm_note pshm_notes[SF_MAX_PSHM_NOTES];
	uint32_t ncreated;                  /* segments created (host mode tracking) */
	struct sf_created created[SF_MAX_CREATED];
	/* Segments whose IPC_RMID a rule or libfiu point failed: when they
	 * remain, the fault kept them, not the program (not a leak). */
	uint32_t nkept;
	int32_t kept[SF_MAX_KEPT];
	/* The log spool (SHMFAULT_LOG_SPOOL): bytes reserved by records, the
	 * end of the space allocated for them, records that did not fit. */
	uint64_t log_len;
	uint64_t log_alloc;
	uint64_t log_dropped;
	/* Set by the CLI's reaper before it starts the run in a private IPC
	 * namespace: every IPC_RMID there is the tree's, so its notes are the
	 * whole truth and shmat needs no IPC_STAT. 0 (the library alone,
	 * --host-ipc, no namespace): ask the kernel. */
	uint32_t ipc_private;
	/* Keys of the segments this tree created (HP3), open addressing:
	 * (1 << 32) | (uint32_t)key, 0 = free slot. Never removed: in a
	 * private namespace only the tree makes segments once it runs. */
	uint64_t key_notes[SF_MAX_KEY_NOTES];
};

/* Map the state file at path; a fresh anonymous region when path is NULL.
 * Returns NULL (and the reason in err) when the file is not a state file. */
struct sf_state *sf_state_map(const char *path, char *err, unsigned long errlen);
/* Create a zeroed state file (CLI side). */
int sf_state_create(const char *path, uint64_t seed);
/* Mark the state file's tree as alone in its IPC namespace (ipc_private). */
int sf_state_mark_private(const char *path);

#endif
