/* diag.c: see diag.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"

void sf_error(const char *fmt, ...)
{
	va_list ap;
	fputs("shmfault: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *sf_env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}
