#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# the segment is removed while the corrected reader is attached, for real: Linux keeps it working until the last detach (no EIDRM)
description: a second process (the setup's) runs ipcrm on the writer's segment while the corrected reader is attached
setup: plant . 0x7777 4096 0600 >/dev/null; (while ! awk 'NR>1 && $7>=1 {f=1} END {exit !f}' /proc/sysvipc/shm; do sleep 0.01; done; ipcrm -m $(awk 'NR>1 {print $2; exit}' /proc/sysvipc/shm) && touch "$CASE_DIR/removed") >/dev/null 2>&1 &
program: sh -c 'env SAMPLE_SLEEP=1 build/samples/fixed/reader 2 || exit; test -e "$CASE_DIR/removed" || { echo "case: the segment was not removed while attached" >&2; exit 3; }'
timeout: 8
expect: recovered
