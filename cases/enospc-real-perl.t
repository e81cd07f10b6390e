#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# ENOSPC for real: perl shmget with the segment table full
requires: perl
program: perlshm create 0x5eed
setup: echo 0 >/proc/sys/kernel/shmmni
expected: expected/cases/enospc-real-perl.expected
