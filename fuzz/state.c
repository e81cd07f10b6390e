/* fuzz/state.c: sf_state_map (common/state.c) on a SHMFAULT_STATE file that
 * is not what the CLI wrote. The first byte picks the file's size (the true
 * size, shorter, longer, empty); the rest is written from offset 0. */
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "state.h"

static int fd = -1;
static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	off_t len = sizeof(struct sf_state);
	if (fd < 0) {
		fd = memfd_create("shmfault-fuzz-state", MFD_CLOEXEC);
		if (fd < 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (size) {
		switch (data[0] & 3) {
		case 0: break;
		case 1: len -= 1 + data[0]; break;
		case 2: len += 1 + data[0]; break;
		case 3: len = (off_t)size - 1; break;
		}
		data++;
		size--;
	}
	if (size > (size_t)len)
		size = (size_t)len;
	if (ftruncate(fd, 0) < 0 || ftruncate(fd, len) < 0 ||
	    (size && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
	err[0] = 0;
	struct sf_state *st = sf_state_map(path, err, sizeof err);
	if (st) {
		FUZZ_CHECK(st->magic == SF_STATE_MAGIC && st->version == SF_STATE_VERSION, "bad header accepted");
		/* The library then uses it: every counter in range of the map. */
		st->seq++;
		st->fired[SF_FIRED_ROWS - 1][SF_NCALLS - 1][SF_MAX_ERRNO - 1]++;
		uint32_t i = st->ncreated;
		if (i < SF_MAX_CREATED)
			st->created[i].pid = 1;
		munmap(st, sizeof *st);
	} else {
		FUZZ_CHECK(fuzz_one_line(err, sizeof err), "message '%s'", err);
	}
	return 0;
}
