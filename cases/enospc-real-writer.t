#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# ENOSPC for real: the segment table is full (shmmni 0 in the run's IPC namespace): the writer as written crashes
program: build/samples/writer
setup: echo 0 >/proc/sys/kernel/shmmni
expect: crashed
