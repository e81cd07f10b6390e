/* spool.c: see spool.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spool.h"

#define RECORD_START "{\""

int sf_spool_create(const char *dir, char *path, size_t len)
{
	if ((size_t)snprintf(path, len, "%s/log.spool", dir) >= len)
		return -1;
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	/* Sparse: only what records fill takes space. 4 GiB is 16 million
	 * records; smaller where the file system will not have it. */
	for (off_t size = (off_t)4 << 30; size >= (off_t)16 << 20; size /= 4)
		if (ftruncate(fd, size) == 0) {
			close(fd);
			return 0;
		}
	close(fd);
	unlink(path);
	return -1;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A record is whole when it starts with {" and ends in "}\n" and has no
 * NUL byte (a place reserved and never filled reads as zeros). The spool
 * is read with pread, not mapped: on a full tmpfs even reading a hole
 * through a mapping raises SIGBUS. */
#define CHUNK (1u << 20)

struct flush {
	int log_fd;
	uint64_t lost;
	int after_cut;           /* the last piece was cut (its zeros are not another loss) */
	int in_zeros;            /* a run of zeros goes on from the last chunk */
};

/* Whole pieces of buf[0, n): written or counted; returns how many bytes
 * were used (the rest is a piece that may go on in the next chunk). */
static size_t pieces(struct flush *f, const char *buf, size_t n, int last)
{
	const char *p = buf, *end = buf + n, *run = buf;
	while (p < end) {
		if (*p == 0) {
			if (p > run)
				write_all(f->log_fd, run, (size_t)(p - run));
			if (!f->in_zeros)
				f->lost += !f->after_cut;
			f->after_cut = 0;
			f->in_zeros = 1;
			while (p < end && *p == 0)
				p++;
			run = p;
			continue;
		}
		f->in_zeros = 0;
		const char *k = p;
		while (k < end && *k != '\n' && *k != 0)
			k++;
		if (k == end && !last && p > buf) {
			if (p > run)
				write_all(f->log_fd, run, (size_t)(p - run));
			return (size_t)(p - buf);
		}
		if (k < end && *k == '\n' && (size_t)(k - p) >= sizeof RECORD_START &&
		    memcmp(p, RECORD_START, sizeof RECORD_START - 1) == 0 && k[-1] == '}') {
			p = k + 1;
			f->after_cut = 0;
			continue;
		}
		if (p > run)
			write_all(f->log_fd, run, (size_t)(p - run));
		f->lost++;
		f->after_cut = 1;
		p = k < end && *k == '\n' ? k + 1 : k;
		run = p;
	}
	if (p > run)
		write_all(f->log_fd, run, (size_t)(p - run));
	return n;
}

uint64_t sf_spool_flush(const char *path, const struct sf_state *st, int log_fd)
{
	struct flush f = {log_fd, st ? __atomic_load_n(&st->log_dropped, __ATOMIC_RELAXED) : 0, 0, 0};
	uint64_t used = st ? __atomic_load_n(&st->log_len, __ATOMIC_RELAXED) : 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat sb;
	char *buf = malloc(CHUNK);
	if (fd >= 0 && buf && fstat(fd, &sb) == 0) {
		if (used > (uint64_t)sb.st_size)
			used = (uint64_t)sb.st_size;
		uint64_t off = 0;
		size_t have = 0;
		while (off < used) {
			size_t want = CHUNK - have;
			if (want > used - off)
				want = (size_t)(used - off);
			ssize_t r = pread(fd, buf + have, want, (off_t)off);
			if (r <= 0)
				break;
			off += (uint64_t)r;
			have += (size_t)r;
			size_t done = pieces(&f, buf, have, off >= used);
			if (done == 0 && have == CHUNK) {
				/* a piece longer than a chunk is no record */
				f.lost++;
				done = have;
			}
			memmove(buf, buf + done, have - done);
			have -= done;
		}
	}
	free(buf);
	if (fd >= 0)
		close(fd);
	unlink(path);
	return f.lost;
}
