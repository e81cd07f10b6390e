/* fuzz/options.c: sf_options_parse, SHMFAULT_OPTIONS (common/personalities.c). */
#include "fuzz.h"
#include "personalities.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	unsigned bits = 0xdeadu;
	char err[512];
	err[0] = 0;
	int r = sf_options_parse(s, &bits, err, sizeof err);
	if (r < 0) {
		FUZZ_CHECK(fuzz_one_line(err, sizeof err), "message '%s'", err);
		FUZZ_CHECK(strncmp(err, "bad SHMFAULT_OPTIONS word '", 27) == 0, "message '%s'", err);
	} else {
		FUZZ_CHECK(r == 0, "returned %d", r);
		FUZZ_CHECK((bits & ~(SF_OPT_FTOK_REUSE | SF_OPT_JAIL | SF_OPT_RMID_STAT)) == 0, "bits %#x", bits);
		FUZZ_CHECK(!*s || bits != 0, "'%s' accepted but sets nothing", s);
	}
	free(s);
	return 0;
}
