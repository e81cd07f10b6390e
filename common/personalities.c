/* personalities.c: the platforms, one row each (see personalities.h). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneline.h"
#include "personalities.h"

static const struct sf_personality table[] = {
	{"linux", "the Linux kernel as it is: changes nothing"},
};

#define NP (int)(sizeof table / sizeof table[0])

const struct sf_personality *sf_personality_find(const char *name)
{
	for (int i = 0; i < NP; i++)
		if (strcmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

int sf_personality_count(void) { return NP; }
const struct sf_personality *sf_personality_at(int i) { return i >= 0 && i < NP ? &table[i] : NULL; }

const char *sf_personality_names(void)
{
	static char buf[256];
	if (!buf[0])
		for (int i = 0; i < NP; i++)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? ", " : "", table[i].name);
	return buf;
}

static int limits_parse(const char *s, struct sf_limits *out, char *err, size_t errlen)
{
	out->shmseg = out->shmmax = out->shmmni = out->shmall = -1;
	const char *p = s;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		const char *eq = memchr(p, '=', n);
		long long *slot = NULL;
		int size_units = 0;
		if (eq) {
			size_t k = (size_t)(eq - p);
			if (k == 6 && !memcmp(p, "shmseg", 6)) slot = &out->shmseg;
			else if (k == 6 && !memcmp(p, "shmmax", 6)) slot = &out->shmmax, size_units = 1;
			else if (k == 6 && !memcmp(p, "shmmni", 6)) slot = &out->shmmni;
			else if (k == 6 && !memcmp(p, "shmall", 6)) slot = &out->shmall;
		}
		if (!slot) {
			snprintf(err, errlen, "bad limit '%.*s': expected shmseg=N, shmmax=SIZE, shmmni=N or shmall=PAGES",
				 (int)(n > 40 ? 40 : n), p);
			return -1;
		}
		char buf[32];
		size_t vn = n - (size_t)(eq + 1 - p);
		if (vn == 0 || vn >= sizeof buf)
			goto bad;
		memcpy(buf, eq + 1, vn);
		buf[vn] = 0;
		char *end;
		errno = 0;
		if (buf[0] < '0' || buf[0] > '9')
			goto bad;
		unsigned long long v = strtoull(buf, &end, 10);
		if (errno)
			goto bad;
		if (size_units && *end) {
			unsigned long long mul = 1;
			switch (*end) {
			case 'k': case 'K': mul = 1ull << 10; break;
			case 'm': case 'M': mul = 1ull << 20; break;
			case 'g': case 'G': mul = 1ull << 30; break;
			default: goto bad;
			}
			if (end[1] || v > (unsigned long long)INT64_MAX / mul)
				goto bad;
			v *= mul;
			end++;
		}
		if (*end || v > (unsigned long long)INT64_MAX)
			goto bad;
		if (*slot != -1) {
			snprintf(err, errlen, "bad limit '%.*s': given twice", (int)(n > 40 ? 40 : n), p);
			return -1;
		}
		*slot = (long long)v;
		p += n;
		if (*p == ',') {
			p++;
			if (!*p) {
				snprintf(err, errlen, "bad limit '': trailing ','");
				return -1;
			}
		}
		continue;
bad:
		snprintf(err, errlen, "bad limit '%.*s': the value must be a number%s", (int)(n > 40 ? 40 : n), p,
			 size_units ? " with an optional k, M or G" : "");
		return -1;
	}
	return 0;
}

/* Control bytes in the quoted token are escaped: the message stays one line. */
int sf_limits_parse(const char *s, struct sf_limits *out, char *err, size_t errlen)
{
	char raw[512];
	int r = limits_parse(s, out, raw, sizeof raw);
	if (r < 0 && errlen)
		sf_one_line(err, errlen, raw);
	return r;
}
