#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# AIX: the 12th attach of a 32-bit process fails (EMFILE)
program: build/samples/sweep/attach_many 12
personality: aix
expect: failed-cleanly
stderr: shmat #12 of 12: .*EMFILE
