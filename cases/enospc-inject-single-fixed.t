#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# ENOSPC by injection, corrected single
program: build/samples/fixed/single
rules: shmget:error=ENOSPC
stdin: hello
expect: failed-cleanly
stderr: ENOSPC
