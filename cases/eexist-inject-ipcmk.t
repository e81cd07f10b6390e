#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EEXIST by injection: util-linux ipcmk
program: ipcmk -M 4096
rules: shmget:error=EEXIST
expected: expected/cases/eexist-inject-ipcmk.expected
