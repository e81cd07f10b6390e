#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# ENOSPC by injection: ipcmk
program: ipcmk -M 4096
rules: shmget:error=ENOSPC
expected: expected/cases/enospc-inject-ipcmk.expected
