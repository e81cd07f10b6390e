/* list.c: `shmfault list`: the calls, their documented errnos with the
 * condition of each, and the fault point names (all from common/ tables). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "errnos.h"
#include "personalities.h"

int sf_cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {{"personality", required_argument, 0, 'p'}, {0, 0, 0, 0}};
	const char *pers = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "p:", opts, NULL)) != -1) {
		if (c != 'p')
			return 2;
		pers = optarg;
	}
	if (pers) {
		if (!sf_personality_find(pers)) {
			sf_error("unknown personality '%s' (known: %s)", pers, sf_personality_names());
			return 2;
		}
		printf("%s: %s\n", pers, sf_personality_find(pers)->description);
		return 0;
	}
	for (int k = 0; k < SF_NCALLS; k++) {
		int n;
		const struct sf_doc_errno *d = sf_documented((enum sf_call)k, &n);
		printf("%s  (fault point %s)\n", sf_call_name((enum sf_call)k), sf_call_point((enum sf_call)k));
		for (int i = 0; i < n; i++)
			printf("  %-13s %s [%s]\n", sf_errno_name(d[i].err), d[i].condition, d[i].source);
	}
	printf("\npersonalities: %s\n", sf_personality_names());
	return 0;
}
