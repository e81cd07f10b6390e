#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# IPC_RMID refused (EPERM, injected): ipcrm -m on a planted segment
program: sh -c 'exec ipcrm -m $(cat "$CASE_DIR/id")'
setup: build/samples/mkseg 0x5eed 4096 0600 >"$CASE_DIR/id"
rules: shmctl:error=EPERM:cmd=IPC_RMID
expected: expected/cases/rmid-eperm-ipcrm.expected
