#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EIDRM by injection on shmat: shmwrite as written exits 2 and leaks its segment
program: build/samples/shmwrite
rules: shmat:error=EIDRM
expect: leaked
