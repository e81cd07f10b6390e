#!/bin/sh
test_description='shmfault case: kept: (segments the program leaves on purpose), never_fired in the YAML (issue 14)'
. "$(dirname "$0")/../lib/test-lib.sh"

# keeper (tests/helpers/keeper.c) keeps key 0x5eed4b01 (4096 bytes, 0640)
# on purpose; with --leaky, a failed shmat also leaves its 8192-byte scratch.
test -x "$BUILD/tests/keeper" && test_set_prereq KEEPER

test_expect_success KEEPER,IPCNS 'without kept: the kept segment is a leak' '
	mkcase plain <<-\EOF &&
	program: build/tests/keeper
	expect: recovered
	EOF
	test_expect_code 1 ./plain.t >out 2>err &&
	grep "^not ok 1 - plain: leaked (exit 0); expected recovered$" out
'

test_expect_success KEEPER,IPCNS 'kept: names it: recovered, intended_left 1' '
	mkcase kept <<-\EOF &&
	program: build/tests/keeper
	kept: 0x5eed4b01 4096 0640
	expect: recovered
	EOF
	./kept.t >out 2>err &&
	grep "^ok 1 - kept: recovered (exit 0)$" out &&
	grep "^  intended_left: 1$" out && grep "^  leaked: \[\]$" out
'

test_expect_success KEEPER,IPCNS 'kept: with another mode does not match' '
	mkcase mode <<-\EOF &&
	program: build/tests/keeper
	kept: 0x5eed4b01 4096 0600
	expect: leaked
	EOF
	./mode.t >out 2>err &&
	grep "^ok 1 - mode: leaked (exit 0)$" out && grep "^  intended_left: 0$" out
'

test_expect_success KEEPER,IPCNS 'a leak beyond kept: is leaked; a rule that never fired is in the YAML' '
	mkcase beyond <<-\EOF &&
	program: build/tests/keeper --leaky
	kept: 0x5eed4b01 4096 0640
	rules: shmat:error=EACCES;shmdt:error=EINVAL
	expect: leaked
	EOF
	./beyond.t >out 2>err &&
	grep "^ok 1 - beyond: leaked (exit 1)$" out &&
	grep "^    - \"key=0x00000000 .*size=8192 " out &&
	sed -n "/^  never_fired:$/,/^  [a-z]/p" out >nf &&
	grep -x "    - rule 2 '\''shmdt:error=EINVAL'\'' never fired (0 matching calls)" nf &&
	test $(grep -c "^    - rule" nf) = 1
'

test_expect_success 'a bad kept: is refused, naming the token' '
	mkcase bad <<-\EOF &&
	program: build/tests/keeper
	kept: 0x5eed4b01 4096 rw
	expect: recovered
	EOF
	test_expect_code 2 ./bad.t >out 2>err &&
	grep "bad kept segment .0x5eed4b01 4096 rw." err
'

test_done
