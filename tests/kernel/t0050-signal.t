#!/bin/sh
test_description='kernel backend: a signal while a call waits for the supervisor (backends.md §3)'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/lib/kernel.sh"

usr1=$(perl -MPOSIX -e "print POSIX::SIGUSR1()")

# WAIT_KILLABLE_RECV (5.19): once received, the call waits for the answer;
# the signal stays pending and is handled after the call returns.
if "$KERNSUP" -- true 2>/dev/null | grep -q "killable=1"; then
	test_set_prereq KILLABLE
fi

test_expect_success USER_NOTIF,KILLABLE 'killable wait: the signal waits, the injection is delivered and counted once' '
	test_expect_code 1 kns "$KERNSUP" --signal-at 1:$usr1 --fail shmget:1:EACCES -- "$REACH/reach-raw" >out 2>err &&
	grep "^kernsup: signal $usr1 sent; the call still waits, signal pending\$" out &&
	grep "^reach: shmget#1 failed errno=$(errno_of EACCES)\$" err &&
	grep "^kernsup: notified=1 injected=1 interrupted=0 " out
'

test_expect_success USER_NOTIF 'without WAIT_KILLABLE_RECV: the signal interrupts, SEND gets ENOENT, not counted as injected' '
	test_expect_code 1 kns "$KERNSUP" --no-killable --signal-at 1:$usr1 --fail shmget:1:EACCES -- "$REACH/reach-raw" >out 2>err &&
	grep "^kernsup: signal $usr1 sent; the call was interrupted\$" out &&
	grep "^kernsup: call=shmget .* state=interrupted verdict=EACCES " out &&
	grep "^kernsup: call=shmget .* state=injected verdict=EACCES " out &&
	grep "^kernsup: notified=1 injected=1 interrupted=1 vanished=0 killable=0\$" out &&
	grep "^reach: shmget#1 failed errno=$(errno_of EACCES)\$" err
'

test_expect_success USER_NOTIF 'SA_RESTART: the interrupted call comes again and the program goes on (signals=1)' '
	kns "$KERNSUP" --no-killable --signal-at 3:$usr1 -- "$REACH/reach-raw" >out 2>err &&
	grep "^reach: ok signals=1\$" err &&
	grep "^kernsup: notified=8 injected=0 interrupted=1 " out &&
	grep "; 1 interrupted by a signal (not injected)\$" out
'

test_done
