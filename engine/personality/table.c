/* table.c: the platforms that have checks of their own, one row each.
 * Adding a personality: its rule rows in common/personalities.c; when a
 * row needs more than the shared checks (personality/shmget.c, shmat.c,
 * shmctl.c, ftok.c), a row here and one file with its hooks. */
#include <string.h>

#include "hpux.h"
#include "solaris.h"

static const struct sf_platform_hooks hpux = {.kinds = 1u << SF_PK_GLOBAL_ADDR | 1u << SF_PK_SHARE32,
						.screen = sf_hpux_screen, .before = sf_hpux_before, .after = sf_hpux_after};
static const struct sf_platform_hooks solaris = {.kinds = 1u << SF_PK_LOCK_PRIV, .before = sf_solaris_before};

static const struct {
	const char *name;
	const struct sf_platform_hooks *hooks;
} table[] = {
	{"hpux", &hpux},       /* HP2 */
	{"hpux32", &hpux},     /* HP2, HP3 */
	{"solaris", &solaris}, /* SO7 */
	{"solaris9", &solaris},
};

const struct sf_platform_hooks *sf_platform_hooks(const char *name)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].name, name) == 0)
			return table[i].hooks;
	return NULL;
}
