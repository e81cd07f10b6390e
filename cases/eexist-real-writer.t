#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EEXIST for real: a crashed run left a segment on the writer's key (ftok(".", 0x7777)); the writer as written goes on with shmid -1 and dies
program: build/samples/writer
setup: plant . 0x7777 4096 0600
expect: crashed
