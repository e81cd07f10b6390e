#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# the segment is removed while the corrected reader is attached, for real: Linux keeps it working until the last detach
program: env SAMPLE_SLEEP=1 build/samples/fixed/reader 2
setup: plant . 0x7777 4096 0600 >/dev/null; (while ! awk 'NR>1 && $7>=1 {f=1} END {exit !f}' /proc/sysvipc/shm; do sleep 0.01; done; ipcrm -M $(awk 'NR>1 {print "0x"$1; exit}' /proc/sysvipc/shm)) >/dev/null 2>&1 &
timeout: 8
expect: recovered
