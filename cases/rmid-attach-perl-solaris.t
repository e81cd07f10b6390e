#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# post-RMID attach under solaris: a first process (the reader as written) is attached and has marked the segment removed; perl attaches it by id
requires: perl
program: sh -c 'exec perlshm readid $(cat "$CASE_DIR/id")'
setup: hold-removed
personality: solaris
options: rmid-stat
expected: expected/cases/rmid-attach-perl-solaris.expected
