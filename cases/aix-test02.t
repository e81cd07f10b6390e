#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# AIX: test02 as written (the blog's 15 attaches): attaches 12..15 fail with errno 24, said on stdout only, exit 0
description: the class cannot see failures reported on stdout with exit 0 (recovered); the stdout pattern shows them
program: sh -c 'touch "$CASE_DIR/mykeyfile" && exec build/samples/test02 "$CASE_DIR/mykeyfile"'
personality: aix
expect: recovered
stdout: errno:24
