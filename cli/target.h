/* target.h: can the interposer reach this program? */
#ifndef SHMFAULT_TARGET_H
#define SHMFAULT_TARGET_H

#include <stddef.h>

/* Resolve cmd through PATH into path. 0 when it names an executable file. */
int sf_target_resolve(const char *cmd, char *path, size_t len);

/* 1 when path is a dynamically linked ELF program (or a script whose
 * interpreter is), 0 when statically linked, -1 when it cannot be read.
 * why receives the reason when the answer is not 1. */
int sf_target_dynamic(const char *path, char *why, size_t len);

#endif
