#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# aix personality: PostgreSQL server start, shared_memory_type=sysv (one attach per process; children inherit it by fork)
requires: /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/psql perl
program: pg-run server -c shared_memory_type=sysv
setup: pg-init
personality: aix
user: postgres
expected: expected/cases/aix-postgres-sysv.expected
