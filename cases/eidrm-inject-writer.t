#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EIDRM by injection on shmat (Linux never returns EIDRM from shmat for a removed id: EINVAL): the writer as written crashes
program: build/samples/writer
rules: shmat:error=EIDRM
expect: crashed
