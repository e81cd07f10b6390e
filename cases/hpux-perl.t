#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# hpux personality: perl shmwrite then shmread (each builtin attaches and detaches)
requires: perl
program: perlshm create 0x5eed
personality: hpux
expected: expected/cases/hpux-perl.expected
