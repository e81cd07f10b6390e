#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EIDRM by injection on shmat: perl shmwrite
requires: perl
program: perlshm create 0x5eed
rules: shmat:error=EIDRM
expected: expected/cases/eidrm-inject-perl.expected
