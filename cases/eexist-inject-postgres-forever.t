#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EEXIST by injection on every shmget: PostgreSQL single-user mode tries key after key, forever
requires: /usr/lib/postgresql/15/bin/postgres /usr/lib/postgresql/15/bin/psql perl
program: pg-run single
setup: pg-init
rules: shmget:error=EEXIST
timeout: 10
reached: true
user: postgres
expected: expected/cases/eexist-inject-postgres-forever.expected
