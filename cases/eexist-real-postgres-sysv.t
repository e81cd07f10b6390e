#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EEXIST for real: a stale segment on the key PostgreSQL tries first (the data directory's inode); server start with shared_memory_type=sysv
requires: /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/psql perl
program: pg-run server -c shared_memory_type=sysv
setup: pg-init && build/samples/mkseg $(stat -c %i "$CASE_DIR/pg") 4096 0600
user: postgres
expected: expected/cases/eexist-real-postgres-sysv.expected
