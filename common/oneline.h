/* oneline.h: messages about outside input stay one line. */
#ifndef SHMFAULT_ONELINE_H
#define SHMFAULT_ONELINE_H

#include <stddef.h>

/* Copy src into dst (dstlen > 0), writing control bytes (below 0x20, and
 * 0x7f) as \n, \t, \r or \xNN so that a value holding a newline still makes
 * one line; truncates, always NUL-terminates. Returns strlen(dst). */
size_t sf_one_line(char *dst, size_t dstlen, const char *src);

#endif
