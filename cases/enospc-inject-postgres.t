#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# ENOSPC by injection: PostgreSQL server start, default (the interlock segment)
requires: /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/psql perl
program: pg-run server
setup: pg-init
rules: shmget:error=ENOSPC
user: postgres
expected: expected/cases/enospc-inject-postgres.expected
