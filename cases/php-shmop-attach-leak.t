#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# ENOMEM by injection on shmop_open's shmat: PHP 8.2 shmop leaves the segment it has just created
requires: php
setup: : >"$CASE_DIR/key"
program: php samples/php/shmop.php "$CASE_DIR/key"
rules: shmat:error=ENOMEM
expected: expected/cases/php-shmop-attach-leak.expected
