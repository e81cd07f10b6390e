#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# AIX: corrected test02
program: sh -c 'touch "$CASE_DIR/mykeyfile" && exec build/samples/fixed/test02 "$CASE_DIR/mykeyfile"'
personality: aix
expect: failed-cleanly
stderr: EMFILE
