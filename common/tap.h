/*
 * tap.h: a tiny TAP 13 producer for C test programs (header only, portable
 * C99 + POSIX). Test::More-like: plan, ok, skip, diagnostics as YAML blocks.
 * Debian's prove (Test::Harness 3.44) rejects "TAP version 14", so this
 * always prints version 13.
 */
#ifndef SHMFAULT_TAP_H
#define SHMFAULT_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_count_;
static int tap_failed_;
static int tap_planned_;

/* Start the stream. n > 0: a plan up front; n == 0: plan printed by tap_done(). */
static inline void tap_plan(int n)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n");
	if (n > 0) {
		printf("1..%d\n", n);
		tap_planned_ = 1;
	}
	fflush(stdout);
}

/* Skip the whole program: the reason is shown by prove. */
static inline void tap_skip_all(const char *reason)
{
	printf("TAP version 13\n1..0 # SKIP %s\n", reason);
	fflush(stdout);
	exit(0);
}

static inline int tap_vok(int pass, const char *fmt, va_list ap)
{
	++tap_count_;
	if (!pass)
		++tap_failed_;
	printf("%sok %d - ", pass ? "" : "not ", tap_count_);
	vprintf(fmt, ap);
	printf("\n");
	fflush(stdout);
	return pass;
}

/* One test point. Returns pass, so callers can add a YAML block on failure. */
static inline int tap_ok(int pass, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pass = tap_vok(pass, fmt, ap);
	va_end(ap);
	return pass;
}

static inline void tap_skip(const char *reason, const char *fmt, ...)
{
	va_list ap;
	++tap_count_;
	printf("ok %d - ", tap_count_);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # SKIP %s\n", reason);
	fflush(stdout);
}

/* YAML diagnostics for the test point just printed: tap_yaml_begin(),
 * tap_yaml("key", "fmt", ...)..., tap_yaml_end(). Values are quoted. */
static inline void tap_yaml_begin(void) { printf("  ---\n"); }
static inline void tap_yaml_end(void) { printf("  ...\n"); fflush(stdout); }
static inline void tap_yaml(const char *key, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	printf("  %s: \"", key);
	for (const char *p = buf; *p; p++) {
		if (*p == '"' || *p == '\\')
			putchar('\\');
		if (*p == '\n')
			fputs("\\n", stdout);
		else
			putchar(*p);
	}
	printf("\"\n");
}

static inline void tap_diag(const char *fmt, ...)
{
	va_list ap;
	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static inline void tap_bail(const char *reason)
{
	printf("Bail out! %s\n", reason);
	fflush(stdout);
	exit(255);
}

/* End the stream; returns the exit status (0 when all passed). */
static inline int tap_done(void)
{
	if (!tap_planned_) {
		if (tap_count_ == 0)
			printf("1..0 # SKIP no tests ran\n");
		else
			printf("1..%d\n", tap_count_);
	}
	fflush(stdout);
	return tap_failed_ ? 1 : 0;
}

#endif
