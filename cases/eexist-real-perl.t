#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EEXIST for real: perl shmget(IPC_CREAT|IPC_EXCL) on a key a crashed run left
requires: perl
program: perlshm create 0x5eed
setup: build/samples/mkseg 0x5eed 4096 0600
expected: expected/cases/eexist-real-perl.expected
