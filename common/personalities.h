/* personalities.h: the platforms shmfault simulates, and limit overrides.
 * The data of each platform lives in personalities.c (one table: names,
 * limits, errnos, rule rows citing reference/platforms.md §10); the
 * mechanics of each check live in the decision engine (engine/personality/)
 * and are chosen by engine/persona.c from the rows of the active platform. */
#ifndef SHMFAULT_PERSONALITIES_H
#define SHMFAULT_PERSONALITIES_H

#include <stddef.h>

#include "calls.h"

/* System limits; -1 = not set (keep the personality's default or the kernel's). */
struct sf_limits {
	long long shmseg, shmmax, shmmni, shmall;
};
/* In a personality's default shmall: a quarter of the machine's memory
 * (illumos project.max-shm-memory, SO3). */
#define SF_LIMIT_QUARTER_RAM (-2)

/* What a rule row does. The engine implements each kind once. */
enum sf_pcheck {
	SF_PK_KERNEL,     /* the Linux kernel already behaves so: listed, nothing to do */
	SF_PK_NONE,       /* documented, not simulated (the condition says why) */
	SF_PK_SHMSEG,     /* shmat: this process already holds shmseg attachments */
	SF_PK_EXTSHM,     /* EXTSHM=ON at program start lifts the shmseg limit (AIX) */
	SF_PK_SAME_SEG,   /* shmat: the segment is already attached by this process */
	SF_PK_GLOBAL_ADDR,/* shmat: one address per segment for every process (HP-UX) */
	SF_PK_RMID,       /* shmat/shmctl on an id removed with IPC_RMID */
	SF_PK_SHMMAX,     /* shmget that would create: size > shmmax */
	SF_PK_SHMMNI,     /* shmget that would create: live segments >= shmmni */
	SF_PK_SHMALL,     /* shmget that would create: total pages would pass shmall */
	SF_PK_KEY_ORDER,  /* shmget on an existing key: the platform's checks, in its order */
	SF_PK_STAT_SEGSZ, /* IPC_STAT: shm_segsz rounded up to the page size */
	SF_PK_STAT_MODE,  /* IPC_STAT: arg's bits added to shm_perm.mode */
	SF_PK_STAT_RMID,  /* IPC_STAT of a removed segment: SHM_DEST (01000) becomes arg */
	SF_PK_STAT_LPID,  /* IPC_STAT: shm_lpid is the last shmat's pid (shmdt leaves it) */
	SF_PK_CMD,        /* shmctl: the commands in arg (bit 1<<cmd) do not exist */
	SF_PK_CTL_PERM,   /* shmctl IPC_RMID/IPC_SET refused to a non-owner: EPERM becomes err */
	SF_PK_LOCK_PRIV,  /* SHM_LOCK/SHM_UNLOCK need the lock privilege (CAP_IPC_LOCK) */
	SF_PK_FIXED_ADDR, /* shmat at an occupied fixed address: EINVAL becomes err */
	SF_PK_FTOK_BITS,  /* ftok: keeps arg inode bits and arg device bits */
	SF_PK_FTOK_REUSE, /* ftok: a deleted and recreated file gives another key */
	SF_PK_JAIL,       /* every call: err (FreeBSD jail without sysvshm) */
	SF_PK_SHARE32,    /* shmget of a key whose segment the run did not create (HP3) */
	SF_PK_VARIANT,    /* simulated by another personality, named by option */
	/* POSIX shared memory (posix-shm.md PM-*; engine/personality/pshm.c) */
	SF_PK_PSHM_NAME,     /* shm_open/shm_unlink: the name breaks the arg SF_PN_* rules -> err */
	SF_PK_PSHM_NAMELEN,  /* shm_open/shm_unlink: strlen(name) > arg -> err */
	SF_PK_PSHM_WRONLY,   /* shm_open with O_WRONLY -> err (FB3) */
	SF_PK_PSHM_RDONLY_TRUNC, /* shm_open O_RDONLY|O_TRUNC: O_TRUNC ignored (FB7) */
	SF_PK_PSHM_OTRUNC,   /* shm_open O_TRUNC on an existing sized object -> err (MC7) */
	SF_PK_PSHM_TRUNC_ONCE, /* ftruncate of an object already sized, by anyone -> err (MC4) */
	SF_PK_PSHM_MAP,      /* mmap of an object: the arg SF_PM_* rules (MC15) */
	SF_PK_N  /* at most 32: persona.kinds is a 32-bit set */
};

/* SF_PK_PSHM_NAME's arg: what a name must be. */
#define SF_PN_SLASH 1     /* start with '/' (FB1, SO1) */
#define SF_PN_ONE_SLASH 2 /* no '/' after the first (SO1) */
#define SF_PN_NONEMPTY 4  /* at least one byte (MC1) */

/* SF_PK_PSHM_MAP's arg: what a mapping of an object needs (MC15). */
#define SF_PM_SHARED 1    /* MAP_SHARED (MAP_PRIVATE alone -> err) */
#define SF_PM_SIZED 2     /* a sized object, and off+len within its page-rounded size (-> err) */
#define SF_PM_WRITE_EPERM 4 /* PROT_WRITE|MAP_SHARED of an O_RDONLY descriptor -> EPERM, not EACCES */

/* Row flags. */
#define SF_PR_OPTIN 1u /* only with SHMFAULT_OPTIONS=<option> */

struct sf_prule {
	const char *id;          /* rule id of reference/platforms.md §10: "AX1" */
	enum sf_call call;       /* SF_NCALLS: every call */
	enum sf_pcheck check;
	int err;                 /* the errno it gives; 0 when it changes a result */
	long long arg;           /* the check's parameter (mode bits, command set, bits) */
	const char *what;        /* a short phrase, for the run summary */
	const char *condition;   /* one line: when it applies */
	const char *expect;      /* the result: "EMFILE", "mode|0x0800" */
	const char *confidence;  /* of the reference: High, Medium, Low */
	const char *source;      /* rule id and sources of platforms.md */
	unsigned flags;
	const char *option;      /* SHMFAULT_OPTIONS word that enables an SF_PR_OPTIN row;
				  * for SF_PK_VARIANT, the personality that simulates it */
};

struct sf_personality {
	const char *name;
	const char *description;
	struct sf_limits limits;     /* defaults; -1 = none (the kernel's) */
	const char *key_order;       /* SF_PK_KEY_ORDER: letters, see below */
	const struct sf_prule *rules;
	int nrules;
};
/* key_order, the checks on an existing key, first failing wins:
 *   E  IPC_CREAT|IPC_EXCL -> EEXIST
 *   A  requested mode bits (shmflg & 0777) not a subset of the segment's -> EACCES
 *   V  size != 0 and size > shm_segsz -> EINVAL
 *   R  size != 0 and size > shm_segsz rounded up to the page size -> EINVAL
 * Credentials are never checked (macOS, illumos, FreeBSD). */

/* NULL when unknown. */
const struct sf_personality *sf_personality_find(const char *name);
/* The known names, comma-separated, for messages and --help. */
const char *sf_personality_names(void);
int sf_personality_count(void);
const struct sf_personality *sf_personality_at(int i);

/* Rows of all personalities numbered one after the other (the index of the
 * run's prule_fired[] counters). */
int sf_prule_total(void);
/* The global index of row i of p; -1 when out of range. */
int sf_prule_index(const struct sf_personality *p, int i);
/* Row g and (in *p) its personality; NULL when out of range. */
const struct sf_prule *sf_prule_at(int g, const struct sf_personality **p);

/* "kernel", "simulated", "opt-in", "variant" (another personality), "not simulated". */
const char *sf_pcheck_how(const struct sf_prule *r);
/* Whether the row is simulated (by shmfault, by the kernel, or opt-in). */
int sf_prule_simulated(const struct sf_prule *r);

/* SHMFAULT_OPTIONS: words separated by ',': ftok-inode-reuse, jail, rmid-stat.
 * Returns a bit set of SF_OPT_*; -1 and one line in err on a bad word. */
#define SF_OPT_FTOK_REUSE 1u
#define SF_OPT_JAIL 2u
#define SF_OPT_RMID_STAT 4u
int sf_options_parse(const char *s, unsigned *out, char *err, size_t errlen);
/* The option bit an SF_PR_OPTIN row needs. */
unsigned sf_option_bit(const char *word);

/* "shmseg=N,shmmax=SIZE,shmmni=N,shmall=PAGES"; SIZE takes k/K, m/M, g/G.
 * On error: -1 and one line in err naming the bad token. */
int sf_limits_parse(const char *s, struct sf_limits *out, char *err, size_t errlen);

#endif
