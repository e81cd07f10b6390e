/* shmmark.h: the "marked call" cookie (reference/backends.md §5).
 * The interposer makes its real shm calls as raw system calls with this
 * constant in args[5], a register no shm call uses (x86-64 shm calls take at
 * most 3 arguments). The kernel filter (kernel/filter.c) lets a call through
 * only when both 32-bit halves match, and notifies every other shm call. */
#ifndef SHMFAULT_SHMMARK_H
#define SHMFAULT_SHMMARK_H

#include <stdint.h>

#define SF_MARK_COOKIE 0x5f73686d664b6b31ull /* "1kKfmhs_": arbitrary, not a pointer */
#define SF_MARK_LO ((uint32_t)(SF_MARK_COOKIE & 0xffffffffu))
#define SF_MARK_HI ((uint32_t)(SF_MARK_COOKIE >> 32))

#endif
