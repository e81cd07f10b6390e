/* libfiu.h: libfiu's fault points, consulted by the interposer after the
 * engine lets a call go (the kernel backend has no libfiu to ask). */
#ifndef SHMFAULT_LIBFIU_H
#define SHMFAULT_LIBFIU_H

#include "engine.h"

void sf_fiu_init(void);
/* 0, or the errno of the point that fails (counted by the engine). */
int sf_fiu_decide(const struct sf_engine *eng, struct sf_callinfo *ci);

#endif
