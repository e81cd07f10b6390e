/* personalities.h: the platforms shmfault simulates, and limit overrides.
 * The data of each platform lives in personalities.c (one table); behaviour
 * that is not data lives in preload/personality/<name>.c. */
#ifndef SHMFAULT_PERSONALITIES_H
#define SHMFAULT_PERSONALITIES_H

#include <stddef.h>

/* System limits; -1 = not set (keep the personality's default or the kernel's). */
struct sf_limits {
	long long shmseg, shmmax, shmmni, shmall;
};

struct sf_personality {
	const char *name;
	const char *description;
};

/* NULL when unknown. */
const struct sf_personality *sf_personality_find(const char *name);
/* The known names, comma-separated, for messages and --help. */
const char *sf_personality_names(void);
int sf_personality_count(void);
const struct sf_personality *sf_personality_at(int i);

/* "shmseg=N,shmmax=SIZE,shmmni=N,shmall=PAGES"; SIZE takes k/K, m/M, g/G.
 * On error: -1 and one line in err naming the bad token. */
int sf_limits_parse(const char *s, struct sf_limits *out, char *err, size_t errlen);

#endif
