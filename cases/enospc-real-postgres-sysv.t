#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# ENOSPC for real: PostgreSQL server start, shared_memory_type=sysv, segment table full
requires: /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/psql perl
program: pg-run server -c shared_memory_type=sysv
setup: pg-init && echo 0 >/proc/sys/kernel/shmmni
user: postgres
expected: expected/cases/enospc-real-postgres-sysv.expected
