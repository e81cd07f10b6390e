/* fuzz/target.c: sf_target_dynamic (cli/target.c) on file contents: the
 * ELF header and program headers, or a '#!' line, of the program that
 * `shmfault run` is asked to start. The input is the file. */
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "target.h"

static int fd = -1;
static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[256];
	if (fd < 0) {
		fd = memfd_create("shmfault-fuzz-target", MFD_CLOEXEC);
		if (fd < 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0 || (size && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
	memset(why, 0xAA, sizeof why); /* garbage, as on the caller's stack */
	int r = sf_target_dynamic(path, why, sizeof why);
	FUZZ_CHECK(r == -1 || r == 0 || r == 1, "returned %d", r);
	if (r != 1)
		FUZZ_CHECK(fuzz_one_line(why, sizeof why), "reason not set or not one line");
	return 0;
}
