/* fuzz/personality.c: sf_personality_find and the table walkers
 * (common/personalities.c), as SHMFAULT_PERSONALITY and -p reach them. */
#include "fuzz.h"
#include "personalities.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	const struct sf_personality *p = sf_personality_find(s);
	if (p) {
		FUZZ_CHECK(strcmp(p->name, s) == 0, "'%s' found as '%s'", s, p->name);
		FUZZ_CHECK(strstr(sf_personality_names(), p->name) != NULL, "%s not listed", p->name);
	}
	int n = sf_personality_count(), found = 0;
	FUZZ_CHECK(n >= 1, "no personalities");
	for (int i = 0; i < n; i++) {
		const struct sf_personality *q = sf_personality_at(i);
		FUZZ_CHECK(q && q->name, "entry %d", i);
		found += q == p;
	}
	FUZZ_CHECK(!p || found == 1, "'%s' not in the table", s);
	FUZZ_CHECK(sf_personality_at(-1) == NULL && sf_personality_at(n) == NULL, "out of range");
	free(s);
	return 0;
}
