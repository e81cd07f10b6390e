/* sink.c: where the log's records go. Each record (record.c) is written
 * with one write() to a file opened O_APPEND, so records from concurrent
 * threads and processes never interleave. The descriptor is checked before
 * each write (same file?) because a program may close or reuse it.
 *
 * Under the CLI (a state file and SHMFAULT_LOG_SPOOL), records go to the
 * CLI's spool instead: a file mapped shared by every process of the tree,
 * each record copied to a place reserved with one atomic add in the state
 * file, and the space allocated ahead (fallocate, once per SPOOL_CHUNK)
 * so that a full disk drops a record instead of raising SIGBUS. No system
 * call per record, no descriptor the program could close; what a process
 * copied stays in the page cache when it crashes. The CLI appends the
 * spool to the log when the run is over. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "logfile.h"
#include "sink.h"
#include "real_pshm.h"
#include "state.h"

#define SPOOL_CHUNK (1u << 20)

static char *spool;                     /* the mapped spool, or NULL */
static uint64_t spool_size;
static struct sf_state *spool_state;
static char spool_path[4096];

static int log_fd = -1;
static dev_t log_dev;
static ino_t log_ino;
static char log_path[4096];
/* The process id for the records, fetched once per process: getpid() is a
 * system call (glibc does not cache it), a third of a record's system calls.
 * Cleared in the child of fork() (pthread_atfork); a child made by raw
 * clone() or _Fork(), which skip the atfork handlers, would log its parent's
 * id, but also runs none of the atfork bookkeeping the rest of the library
 * relies on. */
static pid_t log_pid;

static void log_forked(void)
{
	__atomic_store_n(&log_pid, 0, __ATOMIC_RELAXED);
}

int sf_log_pid(void)
{
	pid_t p = __atomic_load_n(&log_pid, __ATOMIC_RELAXED);
	if (!p) {
		p = getpid();
		__atomic_store_n(&log_pid, p, __ATOMIC_RELAXED);
	}
	return (int)p;
}

int sf_log_open(const char *path, char *err, unsigned long errlen)
{
	struct stat st;
	int fd = sf_logfile_open(path, &st, err, errlen);
	if (fd < 0)
		return -1;
	/* Keep it out of the range programs use for their own descriptors. */
	int high = fcntl(fd, F_DUPFD_CLOEXEC, 512);
	if (high >= 0) {
		close(fd);
		fd = high;
	}
	log_fd = fd;
	log_dev = st.st_dev;
	log_ino = st.st_ino;
	snprintf(log_path, sizeof log_path, "%s", path);
	__atomic_store_n(&sf_log_on, 1, __ATOMIC_RELAXED);
	pthread_atfork(NULL, NULL, log_forked);
	return 0;
}

int sf_log_open_spool(const char *path, struct sf_state *st)
{
	struct stat sb;
	int fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_size <= 0 || strlen(path) >= sizeof spool_path) {
		close(fd);
		return -1;
	}
	void *p = sf_real_mmap(NULL, (size_t)sb.st_size, PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	spool = p;
	spool_size = (uint64_t)sb.st_size;
	spool_state = st;
	snprintf(spool_path, sizeof spool_path, "%s", path);
	__atomic_store_n(&sf_log_on, 1, __ATOMIC_RELAXED);
	pthread_atfork(NULL, NULL, log_forked);
	return 0;
}

int sf_log_on;

/* Make sure [off, end) of the spool has its blocks: 0, or -1 (write the
 * record with pwrite instead, which fails cleanly on a full disk). */
static int spool_allocate(uint64_t end)
{
	uint64_t have = __atomic_load_n(&spool_state->log_alloc, __ATOMIC_ACQUIRE);
	if (end <= have)
		return 0;
	uint64_t to = (end + SPOOL_CHUNK - 1) / SPOOL_CHUNK * SPOOL_CHUNK;
	if (to > spool_size)
		to = spool_size;
	int fd = open(spool_path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fallocate(fd, 0, (off_t)have, (off_t)(to - have));
	close(fd);
	if (rc < 0)
		return -1;
	while (have < to &&
	       !__atomic_compare_exchange_n(&spool_state->log_alloc, &have, to, 0, __ATOMIC_RELEASE, __ATOMIC_ACQUIRE))
		;
	return 0;
}

static void spool_put(const char *s, size_t n)
{
	uint64_t off = __atomic_fetch_add(&spool_state->log_len, n, __ATOMIC_RELAXED);
	if (off + n <= spool_size) {
		if (spool_allocate(off + n) == 0) {
			memcpy(spool + off, s, n);
			return;
		}
		int fd = open(spool_path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
		ssize_t w = fd >= 0 ? pwrite(fd, s, n, (off_t)off) : -1;
		if (fd >= 0)
			close(fd);
		if (w == (ssize_t)n)
			return;
	}
	__atomic_fetch_add(&spool_state->log_dropped, 1, __ATOMIC_RELAXED);
}

/* Our descriptor, or a fresh one if the program closed or reused it. */
static int usable_fd(void)
{
	struct stat st;
	if (sf_file_ident(log_fd, &st) == 0 && st.st_dev == log_dev && st.st_ino == log_ino)
		return log_fd;
	int fd = open(log_path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	int high = fcntl(fd, F_DUPFD_CLOEXEC, 512);
	if (high >= 0) {
		close(fd);
		fd = high;
	}
	if (sf_file_ident(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	log_fd = fd;
	log_dev = st.st_dev;
	log_ino = st.st_ino;
	return fd;
}

void sf_sink_write(const char *s, size_t n)
{
	if (spool) {
		spool_put(s, n);
		return;
	}
	int fd = usable_fd();
	if (fd >= 0) {
		ssize_t w = write(fd, s, n);
		(void)w;
	}
}
