/* case_run.h: run one scenario of `shmfault case` and print its tests. */
#ifndef SHMFAULT_CASE_RUN_H
#define SHMFAULT_CASE_RUN_H

#include <stdio.h>

#include "case_file.h"

/* Its tests, numbered from *testno + 1 (updated). Returns whether all are ok. */
int sf_scenario_run(const struct sf_scenario *c, int *testno, FILE *out);

#endif
