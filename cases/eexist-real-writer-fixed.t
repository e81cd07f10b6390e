#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EEXIST for real, corrected writer: reports it, exits 1
program: env SAMPLE_SLEEP=0 build/samples/fixed/writer
setup: plant . 0x7777 4096 0600
expect: failed-cleanly
stderr: writer: shmget\(IPC_CREAT\|IPC_EXCL\): File exists \(EEXIST\)
