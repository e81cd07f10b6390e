#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EEXIST by injection on the first shmget: PostgreSQL (default, mmap + SysV interlock) single-user mode
requires: /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/psql perl
program: pg-run single
setup: pg-init
rules: shmget:error=EEXIST:when=1
user: postgres
expected: expected/cases/eexist-inject-postgres.expected
