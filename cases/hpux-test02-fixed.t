#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# HP-UX: corrected test02
program: sh -c 'touch "$CASE_DIR/mykeyfile" && exec build/samples/fixed/test02 "$CASE_DIR/mykeyfile"'
personality: hpux
expect: failed-cleanly
stderr: EINVAL
