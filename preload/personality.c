/* personality.c: dispatch to the simulated platform (see personality.h). */
#include <stdio.h>
#include <string.h>

#include "personality.h"

int sf_personality_active;
static const struct sf_personality *active;

int sf_personality_setup(const char *name, const char *limits, char *err, unsigned long errlen)
{
	struct sf_limits lim;
	if (name && *name) {
		active = sf_personality_find(name);
		if (!active) {
			snprintf(err, errlen, "unknown personality '%s' (known: %s)", name, sf_personality_names());
			return -1;
		}
	}
	if (limits && *limits && sf_limits_parse(limits, &lim, err, errlen) < 0)
		return -1;
	sf_personality_active = active && strcmp(active->name, "linux") != 0;
	return 0;
}

int sf_personality_before(struct sf_callinfo *ci)
{
	(void)ci;
	return 0;
}

void sf_personality_after(struct sf_callinfo *ci)
{
	(void)ci;
}

const char *sf_personality_name(void)
{
	return active ? active->name : "linux";
}
