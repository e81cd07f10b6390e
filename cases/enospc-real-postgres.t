#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# ENOSPC for real: PostgreSQL server start (default: mmap + a small SysV interlock segment) with the segment table full
requires: /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/psql perl
program: pg-run server
setup: pg-init && echo 0 >/proc/sys/kernel/shmmni
user: postgres
expected: expected/cases/enospc-real-postgres.expected
