/* solaris.h: illumos' hooks (solaris.c), for the platform table (table.c). */
#ifndef SHMFAULT_ENGINE_SOLARIS_H
#define SHMFAULT_ENGINE_SOLARIS_H

#include "../persona.h"

int sf_solaris_before(SF_CHECK_ARGS);

#endif
