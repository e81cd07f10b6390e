/* unfired.h: rules and libfiu points that never fired, said at the end of a
 * run ("never silent"): a fault that was asked for and never happened must
 * not pass for a tested one. */
#ifndef SHMFAULT_UNFIRED_H
#define SHMFAULT_UNFIRED_H

#include <stdio.h>

#include "rules.h"
#include "state.h"

/* The exit status of `--require-fire` when a rule or an enabled libfiu
 * point never fired (docs/shmfault.1, EXIT STATUS). */
#define SF_EXIT_UNFIRED 122

/* How many times rule i fired (every call and errno). */
unsigned long long sf_rule_fired(const struct sf_state *st, int i);

/* One line per rule that never fired:
 *   shmfault: rule 1 'shmdt:error=EINVAL' never fired (0 matching calls)
 * then one per libfiu point that fiu_enable (FIU_ENABLE: one libfiu
 * command per line; enable, enable_random, ... name=POINT or a prefix
 * ending in '*') enabled and that never failed. pfx starts each line
 * ("shmfault: ", or "  # " in YAML). Returns how many lines. */
int sf_unfired_print(FILE *out, const char *pfx, const struct sf_state *st, const struct sf_ruleset *rules,
		     const char *fiu_enable);

#endif
