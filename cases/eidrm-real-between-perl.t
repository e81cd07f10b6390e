#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# the segment disappears between shmget and shmat, for real (a second process removes it): Linux gives EINVAL, not EIDRM
requires: perl
program: perlshm get-wait-read 0x5eed
setup: build/samples/mkseg 0x5eed 4096 0600 >/dev/null; (while [ ! -e "$CASE_DIR/got" ]; do sleep 0.01; done; ipcrm -M 0x5eed; touch "$CASE_DIR/go") >/dev/null 2>&1 &
expected: expected/cases/eidrm-real-between-perl.expected
