/* fuzz/limits.c: sf_limits_parse, SHMFAULT_LIMITS (common/personalities.c). */
#include "fuzz.h"
#include "personalities.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct sf_limits lim;
	char err[512];
	err[0] = 0;
	int r = sf_limits_parse(s, &lim, err, sizeof err);
	if (r < 0) {
		FUZZ_CHECK(fuzz_one_line(err, sizeof err), "message '%s'", err);
		FUZZ_CHECK(strncmp(err, "bad limit '", 11) == 0, "message '%s'", err);
	} else {
		FUZZ_CHECK(r == 0, "returned %d", r);
		FUZZ_CHECK(lim.shmseg >= -1 && lim.shmmax >= -1 && lim.shmmni >= -1 && lim.shmall >= -1,
			   "negative limit");
		/* Something was set unless the input was empty. */
		if (*s)
			FUZZ_CHECK(lim.shmseg >= 0 || lim.shmmax >= 0 || lim.shmmni >= 0 || lim.shmall >= 0,
				   "'%s' accepted but sets nothing", s);
	}
	free(s);
	return 0;
}
