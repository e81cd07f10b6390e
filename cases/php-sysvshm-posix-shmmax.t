#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# shm_attach past a lowered SHMMAX under posix: PHP 8.2 sysvshm gets EINVAL (shmget(2): size greater than SHMMAX)
requires: php
setup: : >"$CASE_DIR/key"
program: php samples/php/sysvshm.php "$CASE_DIR/key"
personality: posix
limits: shmmax=1024
expected: expected/cases/php-sysvshm-posix-shmmax.expected
