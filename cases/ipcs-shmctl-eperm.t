#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# shmctl faults do not reach ipcs: it reads /proc/sysvipc/shm
program: ipcs -m
setup: build/samples/mkseg 0x5eed 4096 0600
rules: shmctl:error=EPERM
expected: expected/cases/ipcs-shmctl-eperm.expected
