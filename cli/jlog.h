/* jlog.h: a reader for the interposer's JSON Lines log (preload/log.c): one
 * object per line, fields of our own fixed format. Only what sweep and gate
 * need is kept. */
#ifndef SHMFAULT_JLOG_H
#define SHMFAULT_JLOG_H

#include <stdint.h>

#include "calls.h"

struct sf_jrec {
	uint64_t seq;
	int pid;
	enum sf_call call;
	int err;               /* 0 when "errno" is null */
	int injected;
	char by[16];           /* "rule", "libfiu", "personality", or "" */
	char personality[32];
	char rule[32];         /* rule id (personality) or number (rule) */
	char cmd[24];          /* shmctl: args.cmd */
	int site;              /* call site: sf_jlog_site(site) */
};

/* The text of an interned call site ("module+0xoff (sym+0xoff)"); every
 * distinct site is kept once for the life of the process. */
const char *sf_jlog_site(int site);
/* The number of distinct sites interned so far (indexes 0..n-1). */
int sf_jlog_nsites(void);

/* Parse one line. 0 for a call record; -1 for anything else (the start
 * record, a truncated or foreign line). */
int sf_jlog_parse(const char *line, struct sf_jrec *r);

/* Read every call record of the file at path into *out (allocated, sorted
 * by seq); returns their number, or -1 when the file cannot be read. */
long sf_jlog_read(const char *path, struct sf_jrec **out);

/* "careful+0x1234 (main+0x56)" -> "careful main+0x56"; the text as it is
 * when it has no "(...)". */
void sf_site_short(const char *site, char *buf, unsigned long len);

#endif
