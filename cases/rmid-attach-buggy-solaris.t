#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# post-RMID attach under solaris: the unchecked second attach
program: build/samples/sweep/attach_after_rmid_buggy
personality: solaris
expect: crashed
