#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# HP-UX: test02 as written attaches one segment 15 times: attaches 2..15 fail, said on stdout only, exit 0
description: the class cannot see failures reported on stdout with exit 0 (recovered); the stdout pattern shows them
program: sh -c 'touch "$CASE_DIR/mykeyfile" && exec build/samples/test02 "$CASE_DIR/mykeyfile"'
personality: hpux
expect: recovered
stdout: times \[02\], errno:22
