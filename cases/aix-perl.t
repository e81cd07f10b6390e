#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# aix personality: perl shmwrite then shmread (each builtin attaches and detaches)
requires: perl
program: perlshm create 0x5eed
personality: aix
expected: expected/cases/aix-perl.expected
