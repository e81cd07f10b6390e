#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EEXIST for real: a stale 16-byte segment left by a crashed run holds shmwrite's key (1234)
description: fixed shmwrite meets a stale, too small segment on its key
program: env SAMPLE_SLEEP=0 build/samples/fixed/shmwrite
setup: build/samples/mkseg 1234 16 0600
expect: failed-cleanly
stderr: shmwrite: .*Invalid argument \(EINVAL\)
