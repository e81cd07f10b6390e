/* log.c: JSON Lines log. Each record is formatted on the stack and written
 * with one write() to a file opened O_APPEND, so records from concurrent
 * threads and processes never interleave. The descriptor is checked before
 * each write (same file?) because a program may close or reuse it. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errnos.h"
#include "log.h"
#include "personality.h"

static int log_fd = -1;
static dev_t log_dev;
static ino_t log_ino;
static char log_path[4096];

int sf_log_open(const char *path, char *err, unsigned long errlen)
{
	struct stat st;
	/* O_NONBLOCK: a FIFO (no reader) must not hang the program before main;
	 * it is refused below like any file that is not regular. */
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0600);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "cannot open log '%s': %s", path,
			 fd < 0 ? strerror(errno) : "not a regular file");
		if (fd >= 0)
			close(fd);
		return -1;
	}
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
	return 0;
}

int sf_log_enabled(void)
{
	return log_fd >= 0;
}

/* Our descriptor, or a fresh one if the program closed or reused it. */
static int usable_fd(void)
{
	struct stat st;
	if (fstat(log_fd, &st) == 0 && st.st_dev == log_dev && st.st_ino == log_ino)
		return log_fd;
	int fd = open(log_path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	int high = fcntl(fd, F_DUPFD_CLOEXEC, 512);
	if (high >= 0) {
		close(fd);
		fd = high;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
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

static void put_str(struct buf *b, const char *s)
{
	put(b, "\"");
	for (; s && *s && b->n < sizeof b->s - 8; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			put(b, "\\%c", c);
		else if (c < 0x20)
			put(b, "\\u%04x", c);
		else
			b->s[b->n++] = (char)c;
	}
	put(b, "\"");
}

static void emit(struct buf *b)
{
	if (b->n >= sizeof b->s - 1)
		b->n = sizeof b->s - 2; /* truncated: still one line */
	b->s[b->n++] = '\n';
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
		put(b, "null");
	else if (n)
		put(b, "\"%s\"", n);
	else
		put(b, "%d", e);
}

void sf_log_call(const struct sf_callinfo *ci, uint64_t seq)
{
	struct buf b = {.n = 0};
	char site[256];
	put(&b, "{\"seq\":%llu,\"pid\":%d,\"prog\":", (unsigned long long)seq, (int)getpid());
	put_str(&b, program_invocation_short_name);
	put(&b, ",\"call\":\"%s\",\"args\":{", sf_call_name(ci->call));
	switch (ci->call) {
	case SF_SHMGET:
		put(&b, "\"key\":%d,\"size\":%zu,\"shmflg\":\"0%o\"", (int)ci->key, ci->size, (unsigned)ci->flg);
		break;
	case SF_SHMAT:
		put(&b, "\"shmid\":%d,\"shmaddr\":\"%p\",\"shmflg\":\"0%o\"", ci->shmid, ci->addr, (unsigned)ci->flg);
		break;
	case SF_SHMDT:
		put(&b, "\"shmaddr\":\"%p\"", ci->addr);
		if (ci->shmid >= 0)
			put(&b, ",\"shmid\":%d", ci->shmid);
		break;
	case SF_SHMCTL: {
		const char *cn = sf_cmd_name(ci->cmd);
		put(&b, "\"shmid\":%d,\"cmd\":", ci->shmid);
		if (cn)
			put(&b, "\"%s\"", cn);
		else
			put(&b, "%d", ci->cmd);
		put(&b, ",\"buf\":\"%p\"", (void *)ci->buf);
		break;
	}
	case SF_FTOK:
		put(&b, "\"path\":");
		put_str(&b, ci->path);
		put(&b, ",\"id\":%d", ci->proj);
		break;
	default:
		break;
	}
	put(&b, "}");
	if (ci->key_known && ci->call != SF_SHMGET)
		put(&b, ",\"key\":%d", (int)ci->key);
	if (ci->call == SF_SHMAT)
		put(&b, ",\"ret\":\"%p\"", (void *)ci->ret);
	else
		put(&b, ",\"ret\":%ld", ci->ret);
	put(&b, ",\"errno\":");
	put_errno(&b, ci->err);
	put(&b, ",\"injected\":%s", ci->by != SF_BY_NONE ? "true" : "false");
	switch (ci->by) {
	case SF_BY_RULE: put(&b, ",\"by\":\"rule\",\"rule\":%d,\"rule_text\":", ci->rule + 1); break;
	case SF_BY_FIU: put(&b, ",\"by\":\"libfiu\",\"point\":\"%s\"", sf_call_point(ci->call)); break;
	case SF_BY_PERSONALITY:
		put(&b, ",\"by\":\"personality\",\"personality\":\"%s\",\"rule\":", sf_personality_name());
		put_str(&b, ci->prule);
		break;
	default: break;
	}
	if (ci->by == SF_BY_RULE)
		put_str(&b, sf_rule_text(ci->rule));
	sf_site(ci->caller, site, sizeof site);
	put(&b, ",\"site\":");
	put_str(&b, site);
	put(&b, "}");
	emit(&b);
}
