#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# post-RMID attach under macos: attach_after_rmid attaches again after IPC_RMID
program: build/samples/sweep/attach_after_rmid
personality: macos
expect: failed-cleanly
stderr: shmat after IPC_RMID: Invalid argument \(EINVAL\)|EIDRM|EINVAL
