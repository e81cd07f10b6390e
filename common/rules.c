/* rules.c: parser for SHMFAULT rules. No allocation and no writable
 * globals (messages go to the caller's buffer), so the library (in a
 * constructor, before main) and the CLI (before it starts anything) reject
 * the same bad rule with the same message, from any thread. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "errnos.h"
#include "oneline.h"
#include "rules.h"

static const struct { const char *name; int cmd; } cmds[] = {
	{"IPC_RMID", IPC_RMID}, {"IPC_SET", IPC_SET}, {"IPC_STAT", IPC_STAT},
	{"IPC_INFO", IPC_INFO}, {"SHM_LOCK", SHM_LOCK}, {"SHM_UNLOCK", SHM_UNLOCK},
	{"SHM_STAT", SHM_STAT}, {"SHM_INFO", SHM_INFO},
#ifdef SHM_STAT_ANY
	{"SHM_STAT_ANY", SHM_STAT_ANY},
#else
	{"SHM_STAT_ANY", 15},
#endif
};

int sf_cmd_parse(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strlen(cmds[i].name) == len && memcmp(cmds[i].name, s, len) == 0)
			return cmds[i].cmd;
	return -1;
}

const char *sf_cmd_name(int cmd)
{
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (cmds[i].cmd == cmd)
			return cmds[i].name;
	return NULL;
}

struct span {
	const char *p;
	size_t n;
};

static int eq(struct span s, const char *lit)
{
	return strlen(lit) == s.n && memcmp(s.p, lit, s.n) == 0;
}

/* Parse an unsigned decimal into *v (1..max); -1 on anything else. */
static int parse_u32(const char *p, size_t n, uint32_t max, uint32_t *v)
{
	uint64_t x = 0;
	if (n == 0 || n > 10)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		x = x * 10 + (uint64_t)(p[i] - '0');
	}
	if (x < 1 || x > max)
		return -1;
	*v = (uint32_t)x;
	return 0;
}

/* strace's when= forms: N, N+, N+S, N..M, N..M+S (1-based). */
static const char *parse_when(struct span v, struct sf_rule *r)
{
	const char *p = v.p, *end = v.p + v.n;
	const char *dots = NULL, *plus = NULL;
	for (const char *q = p; q < end; q++) {
		if (*q == '.' && q + 1 < end && q[1] == '.' && !dots && !plus)
			dots = q;
		else if (*q == '+' && !plus)
			plus = q;
	}
	const char *first_end = dots ? dots : plus ? plus : end;
	if (parse_u32(p, (size_t)(first_end - p), UINT32_MAX - 1, &r->first))
		return "when: the first call must be a number from 1";
	r->last = r->first;
	r->step = 1;
	if (dots) {
		const char *m = dots + 2, *m_end = plus ? plus : end;
		if (parse_u32(m, (size_t)(m_end - m), UINT32_MAX - 1, &r->last))
			return "when: the last call of N..M must be a number from 1";
		if (r->last < r->first)
			return "when: N..M needs M >= N";
	}
	if (plus) {
		if (!dots)
			r->last = UINT32_MAX;
		if (plus + 1 == end) {
			if (dots)
				return "when: N..M+ needs a step after '+'";
		} else if (parse_u32(plus + 1, (size_t)(end - plus - 1), UINT32_MAX - 1, &r->step))
			return "when: the step after '+' must be a number from 1";
	}
	return NULL;
}

static const char *parse_prob(struct span v, struct sf_rule *r)
{
	char buf[32];
	char *endp;
	/* strtod would skip leading white space: a number starts with a digit. */
	if (v.n == 0 || v.n >= sizeof buf || !((v.p[0] >= '0' && v.p[0] <= '9') || v.p[0] == '.'))
		return "prob: expected a number in (0, 1]";
	memcpy(buf, v.p, v.n);
	buf[v.n] = 0;
	errno = 0;
	double p = strtod(buf, &endp);
	if (*endp || errno || !(p > 0.0 && p <= 1.0))
		return "prob: expected a number in (0, 1]";
	r->prob = p >= 1.0 ? UINT64_MAX : (uint64_t)(p * 18446744073709551616.0);
	if (r->prob == 0)
		r->prob = 1; /* below 2^-64: still a chance, not a rule that never fires */
	return NULL;
}

static const char *parse_key(struct span v, struct sf_rule *r)
{
	char buf[32];
	char *endp;
	if (eq(v, "IPC_PRIVATE")) {
		r->key = IPC_PRIVATE;
		return NULL;
	}
	if (v.n == 0 || v.n >= sizeof buf || !((v.p[0] >= '0' && v.p[0] <= '9') || v.p[0] == '-'))
		return "key: expected a number (decimal, 0x hex) or IPC_PRIVATE";
	memcpy(buf, v.p, v.n);
	buf[v.n] = 0;
	errno = 0;
	/* Decimal or 0x hex, as documented: strtoll's base 0 would read a
	 * leading 0 as octal (key=0777 selecting 511). */
	const char *digits = buf + (buf[0] == '-');
	int hex = digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X');
	long long k = strtoll(buf, &endp, hex ? 16 : 10);
	if (*endp || errno || k < INT32_MIN || k > (long long)UINT32_MAX)
		return "key: expected a number (decimal, 0x hex) or IPC_PRIVATE";
	r->key = (key_t)(int32_t)(uint32_t)k;
	return NULL;
}

/* A reason that quotes the input is written into msg (msglen bytes). */
static const char *parse_calls(struct span v, struct sf_rule *r, char *msg, size_t msglen)
{
	if (v.n == 0)
		return "no call named before ':'";
	if (eq(v, "all")) {
		r->calls = SF_ALL_CALLS;
		return NULL;
	}
	const char *p = v.p, *end = v.p + v.n;
	while (p <= end) {
		const char *c = memchr(p, ',', (size_t)(end - p));
		if (!c)
			c = end;
		enum sf_call call = sf_call_from_name(p, (size_t)(c - p));
		if (call == SF_NCALLS) {
			snprintf(msg, msglen, "unknown call '%.*s' (shmget, shmat, shmdt, shmctl, ftok, shm_open, shm_unlink, "
				 "ftruncate, mmap, munmap, all)",
				 (int)(c - p > 20 ? 20 : c - p), p);
			return msg;
		}
		if (r->calls & (1u << call)) {
			snprintf(msg, msglen, "call '%s' is named twice", sf_call_name(call));
			return msg;
		}
		r->calls |= 1u << call;
		p = c + 1;
	}
	return NULL;
}

/* The options of a rule, in the order of their names in option_names. */
enum rule_option { OPT_ERROR, OPT_WHEN, OPT_PROB, OPT_KEY, OPT_CMD, OPT_SCOPE, OPT_NAME, OPT_N };
static const char *const option_names[OPT_N] = {"error", "when", "prob", "key", "cmd", "scope", "name"};

/* name=: a POSIX shm object's name; stored without its leading '/'s. */
static const char *parse_name(struct span v, struct sf_rule *r)
{
	while (v.n > 0 && v.p[0] == '/')
		v.p++, v.n--;
	if (v.n == 0 || v.n >= SF_RULE_NAME)
		return "name: expected an object name of 1 to 255 bytes (leading '/' optional)";
	if (memchr(v.p, '/', v.n))
		return "name: a '/' after the leading ones names no object (PM-LX1)";
	memcpy(r->name, v.p, v.n);
	r->name[v.n] = 0;
	r->has_name = 1;
	return NULL;
}

/* The value of option which; NULL or the reason it is bad (in msg when it
 * quotes the value). */
static const char *parse_option(enum rule_option which, struct span val, struct sf_rule *r, char *msg, size_t msglen)
{
	switch (which) {
	case OPT_ERROR:
		if (eq(val, "any"))
			r->err = SF_ERR_ANY;
		else if ((r->err = sf_errno_parse(val.p, val.n)) < 0) {
			snprintf(msg, msglen, "unknown errno '%.*s' (a name such as EACCES, a number 1..4095, or any)",
				 (int)(val.n > 20 ? 20 : val.n), val.p);
			return msg;
		}
		return NULL;
	case OPT_WHEN: return parse_when(val, r);
	case OPT_PROB: return parse_prob(val, r);
	case OPT_KEY: r->has_key = 1; return parse_key(val, r);
	case OPT_CMD:
		if ((r->cmd = sf_cmd_parse(val.p, val.n)) < 0) {
			snprintf(msg, msglen, "cmd: unknown shmctl command '%.*s'", (int)(val.n > 20 ? 20 : val.n), val.p);
			return msg;
		}
		r->has_cmd = 1;
		return NULL;
	case OPT_SCOPE:
		if (!eq(val, "process"))
			return "scope: the only scope is 'process' (the default counts across the process tree)";
		r->per_process = 1;
		return NULL;
	case OPT_NAME: return parse_name(val, r);
	case OPT_N:
		break;
	}
	return "unknown option";
}

/* What a rule needs once all its options are read. */
static const char *check_rule(unsigned seen, struct sf_rule *r)
{
	if (!(seen & (1u << OPT_ERROR)))
		return "missing error=ERRNO";
	if (r->has_cmd && r->calls != (1u << SF_SHMCTL))
		return "cmd= applies to shmctl only";
	if (r->has_key && r->has_name)
		return "key= and name= select different objects (System V, POSIX): give one";
	if (r->has_key && r->calls == (1u << SF_FTOK))
		return "key= does not apply to ftok (it makes keys)";
	if (r->has_key && !(r->calls & SF_SYSV_CALLS))
		return "key= applies to shmget, shmat, shmdt and shmctl (name= to the POSIX calls)";
	if (r->has_name && !(r->calls & SF_PSHM_CALLS))
		return "name= applies to shm_open, shm_unlink, ftruncate, mmap and munmap (key= to System V's)";
	if (r->has_key)
		r->calls &= SF_SYSV_CALLS; /* with 'all': the System V shm calls only */
	if (r->has_name)
		r->calls &= SF_PSHM_CALLS;
	return NULL;
}

/* One rule, s[0..n). Returns NULL or the reason it is bad (in msg when it
 * quotes the rule). */
static const char *parse_rule(const char *s, size_t n, struct sf_rule *r, char *msg, size_t msglen)
{
	const char *end = s + n;
	const char *colon = memchr(s, ':', n);
	memset(r, 0, sizeof *r);
	r->first = 1;
	r->last = UINT32_MAX;
	r->step = 1;
	r->prob = UINT64_MAX;
	r->err = 0;
	snprintf(r->text, sizeof r->text, "%.*s", (int)n, s);
	if (!colon)
		return "expected CALLS:error=ERRNO";
	const char *why = parse_calls((struct span){s, (size_t)(colon - s)}, r, msg, msglen);
	if (why)
		return why;
	unsigned seen = 0;
	const char *p = colon + 1;
	for (;;) {
		const char *c = memchr(p, ':', (size_t)(end - p));
		if (!c)
			c = end;
		struct span opt = {p, (size_t)(c - p)};
		const char *eqs = memchr(opt.p, '=', opt.n);
		if (opt.n == 0)
			return "empty option (two ':' in a row, or a trailing ':')";
		if (!eqs) {
			snprintf(msg, msglen, "option '%.*s' needs a value (NAME=VALUE)", (int)(opt.n > 20 ? 20 : opt.n), opt.p);
			return msg;
		}
		struct span name = {opt.p, (size_t)(eqs - opt.p)};
		struct span val = {eqs + 1, (size_t)(c - eqs - 1)};
		enum rule_option which = OPT_N;
		for (int i = 0; i < OPT_N; i++)
			if (eq(name, option_names[i]))
				which = (enum rule_option)i;
		if (which == OPT_N) {
			snprintf(msg, msglen, "unknown option '%.*s' (error, when, prob, key, name, cmd, scope)",
				 (int)(name.n > 20 ? 20 : name.n), name.p);
			return msg;
		}
		if (seen & (1u << which)) {
			snprintf(msg, msglen, "option '%s' given twice", option_names[which]);
			return msg;
		}
		seen |= 1u << which;
		why = parse_option(which, val, r, msg, msglen);
		if (why)
			return why;
		if (c == end)
			break;
		p = c + 1;
	}
	return check_rule(seen, r);
}

static int rules_parse(const char *s, struct sf_ruleset *set, char *err, size_t errlen)
{
	memset(set, 0, sizeof *set);
	const char *p = s;
	size_t len = strlen(s);
	const char *end = s + len;
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		if (!semi)
			semi = end;
		/* Allow spaces around rules: "a; b". */
		const char *a = p, *b = semi;
		while (a < b && (*a == ' ' || *a == '\t' || *a == '\n'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\n'))
			b--;
		if (a < b) {
			if (set->n == SF_MAX_RULES) {
				snprintf(err, errlen, "bad rule '%.*s': more than %d rules", (int)(b - a > 60 ? 60 : b - a), a, SF_MAX_RULES);
				return -1;
			}
			struct sf_rule *r = &set->rule[set->n];
			char msg[128];
			const char *why = parse_rule(a, (size_t)(b - a), r, msg, sizeof msg);
			if (why) {
				snprintf(err, errlen, "bad rule '%.*s%s': %s", (int)(b - a > 80 ? 80 : b - a), a,
					 b - a > 80 ? "..." : "", why);
				return -1;
			}
			if (r->has_key)
				set->calls_with_key |= r->calls;
			if (r->has_name)
				set->calls_with_name |= r->calls;
			set->n++;
		}
		p = semi + 1;
	}
	return 0;
}

/* The message quotes the input: control bytes in it (a newline in the
 * variable) are escaped so that it stays one line. */
int sf_rules_parse(const char *s, struct sf_ruleset *set, char *err, size_t errlen)
{
	char raw[512];
	int r = rules_parse(s, set, raw, sizeof raw);
	if (r < 0 && errlen)
		sf_one_line(err, errlen, raw);
	return r;
}

int sf_seed_parse(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	const char *p = hex ? s + 2 : s;
	if (!*p)
		return -1;
	for (; *p; p++) {
		unsigned d;
		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (hex && *p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (hex && *p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			return -1;
		unsigned base = hex ? 16 : 10;
		if (v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*out = v;
	return 0;
}
