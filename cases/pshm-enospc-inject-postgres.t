#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# ENOSPC by injection on the POSIX DSM control segment's ftruncate: PostgreSQL server start, dynamic_shared_memory_type = posix
requires: /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/psql perl
program: pg-run server -c dynamic_shared_memory_type=posix
setup: pg-init
rules: ftruncate:error=ENOSPC
user: postgres
timeout: 60
expected: expected/cases/pshm-enospc-inject-postgres.expected
