#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# PostgreSQL 15 server start and stop, shared_memory_type=sysv, no fault
requires: /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/psql perl
program: pg-run server -c shared_memory_type=sysv
setup: pg-init
user: postgres
expected: expected/cases/start-postgres-sysv.expected
