/* log.c: JSON Lines log. Each record is formatted on the stack and written
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
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errnos.h"
#include "logfile.h"
#include "log.h"
#include "personality.h"
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

static int sf_log_pid(void)
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
	void *p = mmap(NULL, (size_t)sb.st_size, PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	spool = p;
	spool_size = (uint64_t)sb.st_size;
	spool_state = st;
	snprintf(spool_path, sizeof spool_path, "%s", path);
	pthread_atfork(NULL, NULL, log_forked);
	return 0;
}

int sf_log_enabled(void)
{
	return log_fd >= 0 || spool;
}

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

struct buf {
	char s[2048];
	size_t n;
};

static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	if (b->n >= sizeof b->s)
		return;
	va_start(ap, fmt);
	int k = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
	va_end(ap);
	if (k > 0)
		b->n += (size_t)k;
}

/* The record of a call is built by the small appenders below rather than by
 * vsnprintf: a record took about fifteen vsnprintf calls, most of the
 * user-space time of a logged call. Same bytes as the printf forms named. */
static void put_mem(struct buf *b, const char *s, size_t n)
{
	if (b->n >= sizeof b->s)
		return;
	if (n > sizeof b->s - b->n)
		n = sizeof b->s - b->n;
	memcpy(b->s + b->n, s, n);
	b->n += n;
}

#define put_lit(b, lit) put_mem((b), (lit), sizeof(lit) - 1)

static void put_cstr(struct buf *b, const char *s) { put_mem(b, s, strlen(s)); }

static void put_u(struct buf *b, unsigned long long v) /* %llu */
{
	char t[24];
	size_t i = sizeof t;
	do
		t[--i] = (char)('0' + v % 10);
	while (v /= 10);
	put_mem(b, t + i, sizeof t - i);
}

static void put_d(struct buf *b, long long v) /* %d, %ld */
{
	if (v < 0) {
		put_lit(b, "-");
		put_u(b, 0ull - (unsigned long long)v);
	} else
		put_u(b, (unsigned long long)v);
}

static void put_o(struct buf *b, unsigned v) /* %o */
{
	char t[12];
	size_t i = sizeof t;
	do
		t[--i] = (char)('0' + (v & 7));
	while (v >>= 3);
	put_mem(b, t + i, sizeof t - i);
}

static void put_p(struct buf *b, const void *p) /* glibc's %p */
{
	static const char hex[] = "0123456789abcdef";
	char t[18];
	size_t i = sizeof t;
	uintptr_t v = (uintptr_t)p;
	if (!p) {
		put_lit(b, "(nil)");
		return;
	}
	do
		t[--i] = hex[v & 15];
	while (v >>= 4);
	t[--i] = 'x';
	t[--i] = '0';
	put_mem(b, t + i, sizeof t - i);
}

static void put_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	put_lit(b, "\"");
	for (; s && *s && b->n < sizeof b->s - 8; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			b->s[b->n++] = '\\';
			b->s[b->n++] = (char)c;
		} else if (c < 0x20) {
			char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			put_mem(b, u, sizeof u);
		} else
			b->s[b->n++] = (char)c;
	}
	put_lit(b, "\"");
}

static void emit(struct buf *b)
{
	if (b->n >= sizeof b->s - 1)
		b->n = sizeof b->s - 2; /* truncated: still one line */
	b->s[b->n++] = '\n';
	if (spool) {
		spool_put(b->s, b->n);
		return;
	}
	int fd = usable_fd();
	if (fd >= 0) {
		ssize_t w = write(fd, b->s, b->n);
		(void)w;
	}
}

void sf_log_start(uint64_t seed, const char *personality)
{
	int saved = errno;
	struct buf b = {.n = 0};
	put(&b, "{\"event\":\"start\",\"pid\":%d,\"prog\":", (int)getpid());
	put_str(&b, program_invocation_short_name);
	put(&b, ",\"seed\":%llu,\"personality\":", (unsigned long long)seed);
	put_str(&b, personality);
	put(&b, "}");
	emit(&b);
	errno = saved;
}

static void put_errno(struct buf *b, int e)
{
	const char *n = e ? sf_errno_name(e) : NULL;
	if (!e)
		put_lit(b, "null");
	else if (n) {
		put_lit(b, "\"");
		put_cstr(b, n);
		put_lit(b, "\"");
	} else
		put_d(b, e);
}

void sf_log_call(const struct sf_callinfo *ci, uint64_t seq)
{
	struct buf b = {.n = 0};
	char site[256];
	put_lit(&b, "{\"seq\":");
	put_u(&b, (unsigned long long)seq);
	put_lit(&b, ",\"pid\":");
	put_d(&b, sf_log_pid());
	put_lit(&b, ",\"prog\":");
	put_str(&b, program_invocation_short_name);
	put_lit(&b, ",\"call\":\"");
	put_cstr(&b, sf_call_name(ci->call));
	put_lit(&b, "\",\"args\":{");
	switch (ci->call) {
	case SF_SHMGET:
		put_lit(&b, "\"key\":");
		put_d(&b, (int)ci->key);
		put_lit(&b, ",\"size\":");
		put_u(&b, ci->size);
		put_lit(&b, ",\"shmflg\":\"0");
		put_o(&b, (unsigned)ci->flg);
		put_lit(&b, "\"");
		break;
	case SF_SHMAT:
		put_lit(&b, "\"shmid\":");
		put_d(&b, ci->shmid);
		put_lit(&b, ",\"shmaddr\":\"");
		put_p(&b, ci->addr);
		put_lit(&b, "\",\"shmflg\":\"0");
		put_o(&b, (unsigned)ci->flg);
		put_lit(&b, "\"");
		break;
	case SF_SHMDT:
		put_lit(&b, "\"shmaddr\":\"");
		put_p(&b, ci->addr);
		put_lit(&b, "\"");
		if (ci->shmid >= 0) {
			put_lit(&b, ",\"shmid\":");
			put_d(&b, ci->shmid);
		}
		break;
	case SF_SHMCTL: {
		const char *cn = sf_cmd_name(ci->cmd);
		put_lit(&b, "\"shmid\":");
		put_d(&b, ci->shmid);
		put_lit(&b, ",\"cmd\":");
		if (cn) {
			put_lit(&b, "\"");
			put_cstr(&b, cn);
			put_lit(&b, "\"");
		} else
			put_d(&b, ci->cmd);
		put_lit(&b, ",\"buf\":\"");
		put_p(&b, ci->buf);
		put_lit(&b, "\"");
		break;
	}
	case SF_FTOK:
		put_lit(&b, "\"path\":");
		put_str(&b, ci->path);
		put_lit(&b, ",\"id\":");
		put_d(&b, ci->proj);
		break;
	default:
		break;
	}
	put_lit(&b, "}");
	if (ci->key_known && ci->call != SF_SHMGET) {
		put_lit(&b, ",\"key\":");
		put_d(&b, (int)ci->key);
	}
	if (ci->call == SF_SHMAT) {
		put_lit(&b, ",\"ret\":\"");
		put_p(&b, (void *)ci->ret);
		put_lit(&b, "\"");
	} else {
		put_lit(&b, ",\"ret\":");
		put_d(&b, ci->ret);
	}
	put_lit(&b, ",\"errno\":");
	put_errno(&b, ci->err);
	if (ci->by != SF_BY_NONE)
		put_lit(&b, ",\"injected\":true");
	else
		put_lit(&b, ",\"injected\":false");
	switch (ci->by) {
	case SF_BY_RULE:
		put_lit(&b, ",\"by\":\"rule\",\"rule\":");
		put_d(&b, ci->rule + 1);
		put_lit(&b, ",\"rule_text\":");
		break;
	case SF_BY_FIU:
		put_lit(&b, ",\"by\":\"libfiu\",\"point\":\"");
		put_cstr(&b, sf_call_point(ci->call));
		put_lit(&b, "\"");
		break;
	case SF_BY_PERSONALITY:
		put_lit(&b, ",\"by\":\"personality\",\"personality\":\"");
		put_cstr(&b, sf_personality_name());
		put_lit(&b, "\",\"rule\":");
		put_str(&b, ci->prule);
		break;
	default: break;
	}
	if (ci->by == SF_BY_RULE)
		put_str(&b, sf_rule_text(ci->rule));
	sf_site(ci->caller, site, sizeof site);
	put_lit(&b, ",\"site\":");
	put_str(&b, site);
	put_lit(&b, "}");
	emit(&b);
}
