#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EIDRM by injection on shmat, corrected writer
program: env SAMPLE_SLEEP=0 build/samples/fixed/writer
rules: shmat:error=EIDRM
expect: failed-cleanly
stderr: Identifier removed \(EIDRM\)
