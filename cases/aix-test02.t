#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# AIX: test02 as written (the blog's 15 attaches) reports the failures on stdout only
program: sh -c 'touch "$CASE_DIR/mykeyfile" && exec build/samples/test02 "$CASE_DIR/mykeyfile"'
personality: aix
expect: recovered
