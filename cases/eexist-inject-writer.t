#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EEXIST by injection: the writer as written crashes
program: build/samples/writer
rules: shmget:error=EEXIST
expect: crashed
