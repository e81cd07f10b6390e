#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# ENOSPC for real, corrected writer
program: env SAMPLE_SLEEP=0 build/samples/fixed/writer
setup: echo 0 >/proc/sys/kernel/shmmni
expect: failed-cleanly
stderr: No space left on device \(ENOSPC\)
