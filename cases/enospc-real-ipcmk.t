#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# ENOSPC for real: ipcmk with the segment table full
program: ipcmk -M 4096
setup: echo 0 >/proc/sys/kernel/shmmni
expected: expected/cases/enospc-real-ipcmk.expected
