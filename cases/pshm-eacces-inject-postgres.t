#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EACCES by injection on shm_open: PostgreSQL server start, dynamic_shared_memory_type = posix (the DSM control segment)
requires: /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/psql perl
program: pg-run server -c dynamic_shared_memory_type=posix
setup: pg-init
rules: shm_open:error=EACCES
user: postgres
timeout: 60
expected: expected/cases/pshm-eacces-inject-postgres.expected
