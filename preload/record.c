/* record.c: the log's records, one JSON object per line (JSON Lines):
 * formatted on the stack, handed whole to the sink (sink.c). */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "errnos.h"
#include "record.h"
#include "sink.h"
#include "site.h"

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
	sf_sink_write(b->s, b->n);
}

void sf_record_start(uint64_t seed, const char *personality)
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

/* "shmflg":"0NNN" */
static void put_flg(struct buf *b, int flg)
{
	put_lit(b, ",\"shmflg\":\"0");
	put_o(b, (unsigned)flg);
	put_lit(b, "\"");
}

static void put_shmctl_args(struct buf *b, const struct sf_callinfo *ci)
{
	const char *cn = sf_cmd_name(ci->cmd);
	put_lit(b, "\"shmid\":");
	put_d(b, ci->shmid);
	put_lit(b, ",\"cmd\":");
	if (cn) {
		put_lit(b, "\"");
		put_cstr(b, cn);
		put_lit(b, "\"");
	} else
		put_d(b, ci->cmd);
	put_lit(b, ",\"buf\":\"");
	put_p(b, ci->buf);
	put_lit(b, "\"");
}

/* The POSIX shm calls' arguments: the object's name, then the call's own. */
static void put_pshm_args(struct buf *b, const struct sf_callinfo *ci)
{
	put_lit(b, "\"name\":");
	put_str(b, ci->name ? ci->name : "");
	if (ci->call == SF_SHM_OPEN) {
		put_lit(b, ",\"oflag\":");
		put_d(b, ci->oflag);
		put_lit(b, ",\"mode\":\"0");
		put_o(b, ci->mode);
		put_lit(b, "\"");
	}
	if (ci->call == SF_FTRUNCATE || ci->call == SF_MMAP) {
		put_lit(b, ",\"fd\":");
		put_d(b, ci->fd);
		if (ci->call == SF_MMAP)
			put_lit(b, ",\"offset\":");
		else
			put_lit(b, ",\"length\":");
		put_d(b, ci->length);
	}
	if (ci->call == SF_MMAP || ci->call == SF_MUNMAP) {
		put_lit(b, ",\"len\":");
		put_u(b, ci->size);
	}
}

/* "args":{...}: the arguments of the call. */
static void put_args(struct buf *b, const struct sf_callinfo *ci)
{
	put_lit(b, ",\"args\":{");
	switch (ci->call) {
	case SF_SHMGET:
		put_lit(b, "\"key\":");
		put_d(b, (int)ci->key);
		put_lit(b, ",\"size\":");
		put_u(b, ci->size);
		put_flg(b, ci->flg);
		break;
	case SF_SHMAT:
		put_lit(b, "\"shmid\":");
		put_d(b, ci->shmid);
		put_lit(b, ",\"shmaddr\":\"");
		put_p(b, ci->addr);
		put_lit(b, "\"");
		put_flg(b, ci->flg);
		break;
	case SF_SHMDT:
		put_lit(b, "\"shmaddr\":\"");
		put_p(b, ci->addr);
		put_lit(b, "\"");
		if (ci->shmid >= 0) {
			put_lit(b, ",\"shmid\":");
			put_d(b, ci->shmid);
		}
		break;
	case SF_SHMCTL: put_shmctl_args(b, ci); break;
	case SF_FTOK:
		put_lit(b, "\"path\":");
		put_str(b, ci->path);
		put_lit(b, ",\"id\":");
		put_d(b, ci->proj);
		break;
	case SF_SHM_OPEN:
	case SF_SHM_UNLINK:
	case SF_FTRUNCATE:
	case SF_MMAP:
	case SF_MUNMAP: put_pshm_args(b, ci); break;
	default: break;
	}
	put_lit(b, "}");
}

/* The segment's key, the result and the errno. */
static void put_outcome(struct buf *b, const struct sf_callinfo *ci)
{
	if (ci->key_known && ci->call != SF_SHMGET) {
		put_lit(b, ",\"key\":");
		put_d(b, (int)ci->key);
	}
	if (ci->call == SF_SHMAT || ci->call == SF_MMAP) {
		put_lit(b, ",\"ret\":\"");
		put_p(b, (void *)ci->ret);
		put_lit(b, "\"");
	} else {
		put_lit(b, ",\"ret\":");
		put_d(b, ci->ret);
	}
	put_lit(b, ",\"errno\":");
	put_errno(b, ci->err);
}

/* Whether the result was injected, and by whom. */
static void put_verdict(struct buf *b, const struct sf_callinfo *ci)
{
	if (ci->by != SF_BY_NONE)
		put_lit(b, ",\"injected\":true");
	else
		put_lit(b, ",\"injected\":false");
	switch (ci->by) {
	case SF_BY_RULE:
		put_lit(b, ",\"by\":\"rule\",\"rule\":");
		put_d(b, ci->rule + 1);
		put_lit(b, ",\"rule_text\":");
		put_str(b, ci->rule_text ? ci->rule_text : "");
		break;
	case SF_BY_FIU:
		put_lit(b, ",\"by\":\"libfiu\",\"point\":\"");
		put_cstr(b, sf_call_point(ci->call));
		put_lit(b, "\"");
		break;
	case SF_BY_PERSONALITY:
		put_lit(b, ",\"by\":\"personality\",\"personality\":\"");
		put_cstr(b, ci->personality ? ci->personality : "linux");
		put_lit(b, "\",\"rule\":");
		put_str(b, ci->prule);
		break;
	default: break;
	}
}

void sf_record_call(const struct sf_callinfo *ci, uint64_t seq)
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
	put_lit(&b, "\"");
	put_args(&b, ci);
	put_outcome(&b, ci);
	put_verdict(&b, ci);
	sf_site(ci->caller, site, sizeof site);
	put_lit(&b, ",\"site\":");
	put_str(&b, site);
	put_lit(&b, "}");
	emit(&b);
}
