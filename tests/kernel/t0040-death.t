#!/bin/sh
test_description='kernel backend: a supervisor that dies makes the run an error; the target sees ENOSYS (backends.md §3)'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/lib/kernel.sh"

test_expect_success USER_NOTIF 'supervisor killed on the 3rd notification: the pending call fails with ENOSYS' '
	test_expect_code 125 kns "$KERNSUP" --die-at 3 -- "$REACH/reach-raw" >out 2>err &&
	grep "^reach: shmget#2 failed errno=$(errno_of ENOSYS)\$" err &&
	grep "^kernsup: the supervisor died (signal 9): this run is an error, not a result\$" err
'

test_expect_success USER_NOTIF 'the same on a static program and on threads + fork: an error, never a result' '
	test_expect_code 125 kns "$KERNSUP" --die-at 1 -- "$REACH/reach-static" >out 2>err &&
	grep "^reach: shmget#1 failed errno=$(errno_of ENOSYS)\$" err &&
	test_expect_code 125 kns "$KERNSUP" --die-at 2 -- "$REACH/reach-mt" >out 2>err &&
	grep "^mt: failed=[1-3]\$" out &&
	grep "^kernsup: the supervisor died" err
'

test_expect_success USER_NOTIF 'a target that exits normally before any notification: not an error' '
	kns "$KERNSUP" --die-at 1 -- true >out 2>err &&
	grep "^kernsup: notified=0 " out &&
	test_must_be_empty err
'

test_done
