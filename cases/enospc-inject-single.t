#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# ENOSPC by injection: single as written (stdout only, status 255)
program: build/samples/single
rules: shmget:error=ENOSPC
stdin: hello
expect: silent-failure
