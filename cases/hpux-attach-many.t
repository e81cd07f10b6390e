#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# HP-UX: a second attach of one segment fails (EINVAL)
program: build/samples/sweep/attach_many 2
personality: hpux
expect: failed-cleanly
stderr: shmat #2 of 2: .*EINVAL
