#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# post-RMID attach under hpux: the unchecked second attach
program: build/samples/sweep/attach_after_rmid_buggy
personality: hpux
expect: crashed
