/* fuzz.h: shared bits of the libFuzzer targets (see fuzz/module.mk).
 * Each target checks, besides "no crash, no leak, no undefined behaviour",
 * the contract of the parser it drives: an error is one line that names the
 * bad input; a success yields a value inside the documented range. */
#ifndef SHMFAULT_FUZZ_H
#define SHMFAULT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input (the variables are C strings: the
 * part before the first NUL is what getenv would return). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = 0;
	return s;
}

#define FUZZ_CHECK(cond, ...)                                                \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "fuzz: %s:%d: check failed: %s: ",    \
				__FILE__, __LINE__, #cond);                  \
			fprintf(stderr, __VA_ARGS__);                        \
			fputc('\n', stderr);                                 \
			abort();                                             \
		}                                                            \
	} while (0)

/* One line: printable, no newline, NUL-terminated within len. */
static inline int fuzz_one_line(const char *msg, size_t len)
{
	size_t n = strnlen(msg, len);
	if (n == 0 || n == len)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (msg[i] == '\n' || msg[i] == '\r')
			return 0;
	return 1;
}

#endif
