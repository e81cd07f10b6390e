#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# ENOSPC by injection: postgres --single, shared_memory_type=sysv
requires: /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/psql perl
program: pg-run single -c shared_memory_type=sysv
setup: pg-init
rules: shmget:error=ENOSPC
user: postgres
expected: expected/cases/enospc-inject-postgres-sysv.expected
