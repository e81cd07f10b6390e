/* hpux.h: HP-UX's hooks (hpux.c), for the platform table (table.c). */
#ifndef SHMFAULT_ENGINE_HPUX_H
#define SHMFAULT_ENGINE_HPUX_H

#include "../persona.h"

int sf_hpux_screen(SF_CHECK_ARGS);
int sf_hpux_before(SF_CHECK_ARGS);
void sf_hpux_after(SF_CHECK_ARGS);

#endif
