#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EIDRM by injection on shmat: PostgreSQL server start, shared_memory_type=sysv
requires: /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/psql perl
program: pg-run server -c shared_memory_type=sysv
setup: pg-init
rules: shmat:error=EIDRM
user: postgres
expected: expected/cases/eidrm-inject-postgres-sysv.expected
