#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# HP-UX: test02 as written
program: sh -c 'touch "$CASE_DIR/mykeyfile" && exec build/samples/test02 "$CASE_DIR/mykeyfile"'
personality: hpux
expect: recovered
