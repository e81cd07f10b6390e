/* fuzz/errno.c: sf_errno_parse and sf_errno_name (common/errnos.c), as
 * error= reaches them: a length-delimited token, not a C string. */
#include "fuzz.h"
#include "errnos.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size heap copy: ASan sees any read past len. */
	char *s = malloc(size ? size : 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	int e = sf_errno_parse(s, size);
	FUZZ_CHECK(e == -1 || (e >= 1 && e <= 4095), "%d", e);
	if (e > 0 && size && (s[0] < '0' || s[0] > '9')) {
		/* A name: it maps back to a name of the same value. */
		const char *name = sf_errno_name(e);
		FUZZ_CHECK(name != NULL, "%d has no name", e);
		FUZZ_CHECK(sf_errno_parse(name, strlen(name)) == e, "%s round trip", name);
	}
	free(s);
	return 0;
}
