#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# IPC_RMID refused (EPERM, injected): postgres --single says so and the segment stays
requires: /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/psql perl
program: pg-run single -c shared_memory_type=sysv
setup: pg-init
rules: shmctl:error=EPERM:cmd=IPC_RMID
user: postgres
expected: expected/cases/rmid-eperm-postgres-sysv.expected
