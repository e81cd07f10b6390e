#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EEXIST by injection, corrected writer
program: env SAMPLE_SLEEP=0 build/samples/fixed/writer
rules: shmget:error=EEXIST
expect: failed-cleanly
stderr: File exists \(EEXIST\)
