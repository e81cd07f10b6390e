/* wrap.h: what every wrapper shares. SF_EXPORT marks the five symbols the
 * library exports (everything else is hidden). */
#ifndef SHMFAULT_WRAP_H
#define SHMFAULT_WRAP_H

#include <errno.h>

#include "call.h"
#include "config.h"
#include "real.h"

#define SF_EXPORT __attribute__((visibility("default")))
#define SF_CALLER __builtin_return_address(0)

static inline int sf_is_configured(void)
{
	return __atomic_load_n(&sf_configured, __ATOMIC_ACQUIRE);
}

/* Run the configured path: decide, call or fail, record. real() makes the
 * real call and returns its result; the errno the program sees is the
 * injected one, the real call's on its failure, or its own value untouched. */
#define SF_RUN(ci, failed_value, real_call, failed_test)                   \
	do {                                                               \
		int saved_ = errno;                                        \
		int e_ = sf_before(&(ci));                                 \
		if (e_) {                                                  \
			(ci).ret = (long)(failed_value);                   \
			(ci).err = e_;                                     \
		} else {                                                   \
			errno = saved_;                                    \
			(ci).ret = (long)(real_call);                      \
			(ci).err = (failed_test) ? errno : 0;              \
		}                                                          \
		sf_after(&(ci));                                           \
		errno = (ci).err ? (ci).err : saved_;                      \
	} while (0)

/* A call the engine has nothing to do for but count (sf_engine_plain):
 * counted, then the real call, errno as the real call leaves it. */
#define SF_PLAIN(c) (sf_engine_plain(&sf_run, (c)))
#define SF_RUN_PLAIN(c, result, real_call)                                 \
	do {                                                               \
		sf_engine_plain_before(&sf_run, (c));                      \
		(result) = (real_call);                                    \
	} while (0)

#endif
