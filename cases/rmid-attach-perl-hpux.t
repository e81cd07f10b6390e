#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# post-RMID attach under hpux: a first process (the reader as written) is attached and has marked the segment removed; perl attaches it by id
requires: perl
program: sh -c 'exec perlshm readid $(cat "$CASE_DIR/id")'
setup: hold-removed
personality: hpux
options: rmid-stat
expected: expected/cases/rmid-attach-perl-hpux.expected
