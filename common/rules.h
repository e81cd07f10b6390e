/* rules.h: the SHMFAULT rule grammar (modelled on strace's -e inject).
 *   CALLS:error=ERRNO[:when=EXPR][:prob=P][:key=KEY|:name=NAME][:cmd=CMD][:scope=process]
 * rules separated by ';'. See docs/architecture.md and shmfault(1). */
#ifndef SHMFAULT_RULES_H
#define SHMFAULT_RULES_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "calls.h"

#define SF_MAX_RULES 32
#define SF_RULE_TEXT 128
#define SF_ERR_ANY (-1) /* error=any: a documented errno of the call */
#define SF_RULE_NAME 256 /* name=: a POSIX shm object's name, NAME_MAX + 1 */

struct sf_rule {
	unsigned calls;      /* bit mask of enum sf_call */
	int err;             /* errno, or SF_ERR_ANY */
	uint32_t first, last, step; /* when=: first..last every step; last UINT32_MAX = open */
	uint64_t prob;       /* fire when rng < prob; UINT64_MAX = always */
	int has_key, has_cmd, has_name, per_process;
	key_t key;
	int cmd;
	char name[SF_RULE_NAME]; /* name=, its leading '/'s stripped (PM-LX1) */
	char text[SF_RULE_TEXT]; /* the rule as written, for reports */
};

struct sf_ruleset {
	int n;
	unsigned calls_with_key; /* calls for which some rule selects by key */
	unsigned calls_with_name; /* calls for which some rule selects by name */
	struct sf_rule rule[SF_MAX_RULES];
};

/* Parse s into set. On error returns -1 and writes one line into err:
 * "bad rule 'TEXT': REASON". */
int sf_rules_parse(const char *s, struct sf_ruleset *set, char *err, size_t errlen);

/* Whether count (1-based) is selected by the rule's when= expression. */
static inline int sf_when_selects(const struct sf_rule *r, uint64_t count)
{
	return count >= r->first && count <= r->last && (count - r->first) % r->step == 0;
}

/* A seed: decimal or 0x hex, no sign, no spaces, up to 2^64-1. 0 or -1. */
int sf_seed_parse(const char *s, uint64_t *out);

/* The object NAME names, as name= compares it: without its leading '/'s,
 * as glibc opens /dev/shm/NAME (PM-LX1: "/x", "//x" and "x" are one). */
static inline const char *sf_pshm_bare(const char *name)
{
	while (name && *name == '/')
		name++;
	return name;
}

/* shmctl command name <-> value (Linux values). */
int sf_cmd_parse(const char *s, size_t len);
const char *sf_cmd_name(int cmd);

#endif
