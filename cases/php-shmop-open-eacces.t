#!/bin/sh
exec "$(dirname "$0")/../build/shmfault" case "$0" "$@"
# EACCES by injection on shmop_open's shmget: PHP 8.2 shmop (an RTLD_DEEPBIND extension, reached through LD_AUDIT)
requires: php
setup: : >"$CASE_DIR/key"
program: php samples/php/shmop.php "$CASE_DIR/key"
rules: shmget:error=EACCES
expected: expected/cases/php-shmop-open-eacces.expected
