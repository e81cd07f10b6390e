#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# post-RMID attach under posix: attach_after_rmid attaches again after IPC_RMID
program: build/samples/sweep/attach_after_rmid
personality: posix
expect: failed-cleanly
stderr: shmat after IPC_RMID: Invalid argument \(EINVAL\)|EIDRM|EINVAL
