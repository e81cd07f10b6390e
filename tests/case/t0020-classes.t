#!/bin/sh
test_description='shmfault case: crashed and hung cases get their exact class; a case expecting hung or not-reached must show the program ran'
. "$(dirname "$0")/../lib/test-lib.sh"

S=$SHMFAULT_TOP/build/samples
test -x "$S/sweep/unchecked" && test -x "$S/sweep/retry_forever" && test_set_prereq SAMPLES

# mkcase NAME: the case file NAME.t from stdin, behind the shell header
# unchecked writes through shmat's (void *) -1: SIGSEGV (samples/sweep/unchecked.c)
test_expect_success SAMPLES,IPCNS 'a program killed by a signal is crashed, with the signal named' '
	mkcase crash <<-\EOF &&
	program: build/samples/sweep/unchecked
	rules: shmat:error=EACCES
	reached: true
	expect: crashed
	EOF
	./crash.t >out 2>err &&
	grep "^ok 1 - crash: crashed (SIGSEGV)$" out &&
	grep "^    got: crashed$" out
'

# retry_forever retries shmget on EEXIST without limit (samples/sweep/retry_forever.c)
test_expect_success SAMPLES,IPCNS 'a program that outlives its timeout is hung, and reached: true holds' '
	mkcase hang <<-\EOF &&
	program: build/samples/sweep/retry_forever
	rules: shmget:error=EEXIST
	timeout: 1
	reached: true
	expect: hung
	EOF
	./hang.t >out 2>err &&
	grep "^ok 1 - hang: hung (timed out after 1 s)$" out &&
	grep "^  reached: true$" out
'

test_expect_success SAMPLES,IPCNS 'crashed and hung are not interchangeable' '
	sed "s/^expect: crashed$/expect: hung/" crash.t >crash-as-hung.t &&
	sed "s/^expect: hung$/expect: crashed/" hang.t >hang-as-crashed.t &&
	test_expect_code 1 sh ./crash-as-hung.t >out1 2>err &&
	grep "^not ok 1 - crash-as-hung: crashed (SIGSEGV); expected hung$" out1 &&
	test_expect_code 1 sh ./hang-as-crashed.t >out2 2>err &&
	grep "^not ok 1 - hang-as-crashed: hung (timed out after 1 s); expected crashed$" out2
'

test_expect_success SAMPLES,IPCNS 'reached: true fails a case whose rule never fired' '
	mkcase idle <<-\EOF &&
	program: sleep 30
	rules: shmget:error=EEXIST
	timeout: 1
	reached: true
	expect: hung
	EOF
	test_expect_code 1 ./idle.t >out 2>err &&
	grep "^not ok 1 - idle: hung (timed out after 1 s); expected a rule to fire (reached: true)$" out &&
	grep "^  reached: false$" out
'

test_expect_success 'expect: hung with nothing to show the program ran is refused: one line, exit 2' '
	mkcase bare-hung <<-\EOF &&
	program: sleep 30
	rules: shmget:error=EEXIST
	expect: hung
	EOF
	test_expect_code 2 ./bare-hung.t >out 2>err &&
	grep "^1\.\.0 # SKIP not run: bad case file$" out &&
	test $(wc -l <err) = 1 &&
	grep "^shmfault: case: ./bare-hung.t: expects hung with nothing to show the program ran: add a stdout:/stderr: pattern or .reached: true.$" err
'

test_expect_success 'expect: not-reached with nothing to show the program ran is refused: one line, exit 2' '
	mkcase bare-nr <<-\EOF &&
	program: true
	rules: shmctl:error=EPERM
	expect: not-reached
	EOF
	test_expect_code 2 ./bare-nr.t >out 2>err &&
	grep "^1\.\.0 # SKIP not run: bad case file$" out &&
	test $(wc -l <err) = 1 &&
	grep "^shmfault: case: ./bare-nr.t: expects not-reached with nothing to show the program ran: add a stdout:/stderr: pattern$" err
'

test_expect_success 'reached: takes only true, and contradicts not-reached' '
	mkcase bad-reached <<-\EOF &&
	program: true
	reached: yes
	expect: recovered
	EOF
	test_expect_code 2 ./bad-reached.t >out 2>err &&
	grep "^shmfault: case: ./bad-reached.t: bad reached .yes. (only .true.)$" err &&
	mkcase nr-reached <<-\EOF &&
	program: true
	reached: true
	stdout: x
	expect: not-reached
	EOF
	test_expect_code 2 ./nr-reached.t >out 2>err &&
	grep "^shmfault: case: ./nr-reached.t: .reached: true. contradicts .expect: not-reached.$" err
'

test_done
