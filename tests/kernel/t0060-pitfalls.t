#!/bin/sh
test_description='kernel backend: own seccomp filters, unprivileged runs, kernels without user notification, nesting'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/lib/kernel.sh"

test_expect_success USER_NOTIF 'a program with its own filter: its ERRNO outranks USER_NOTIF (man 2 seccomp), the rest is notified' '
	test_expect_code 1 kns "$KERNSUP" -- "$REACH/ownfilter" "$REACH/reach-raw" >out 2>err &&
	grep "^reach: shmctl#1 failed errno=$(errno_of EPERM)\$" err &&
	grep "^kernsup: notified=6 " out &&
	! grep "^kernsup: call=shmctl" out
'

test_expect_success USER_NOTIF 'a program that adds its own filter after ours: still notified, rules still fire' '
	test_expect_code 1 kns "$KERNSUP" --fail shmat:2:EACCES -- "$REACH/ownfilter" "$REACH/reach-raw" >out 2>err &&
	grep "^reach: shmat#2 failed errno=$(errno_of EACCES)\$" err
'

# The filter needs no privilege: the child sets no_new_privs first.
test_expect_success USER_NOTIF,ROOT 'unprivileged (uid 65534, no capabilities): the filter installs, calls are seen' '
	test_expect_code 1 setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all \
		"$KERNSUP" --fail shmget:1:EACCES -- "$REACH/reach-raw" >out 2>err &&
	grep "^reach: shmget#1 failed errno=$(errno_of EACCES)\$" err
'

test_expect_success USER_NOTIF 'the target runs with no_new_privs (so a setuid program under the filter gains no privilege)' '
	kns "$KERNSUP" -- sh -c "grep ^NoNewPrivs: /proc/self/status" >out 2>err &&
	grep "^NoNewPrivs:[[:space:]]*1\$" out
'

test_expect_success USER_NOTIF 'a kernel without user notification (seccomp: EINVAL): one clear line, exit 126' '
	test_expect_code 126 "$REACH/ownfilter" --deny-seccomp $(errno_of EINVAL) "$KERNSUP" -- "$REACH/reach-raw" >out 2>err &&
	grep "^kernsup: cannot install the seccomp filter: this kernel has no seccomp user notification (needs Linux 5.0, CONTINUE 5.5)" err &&
	test_must_be_empty out
'

test_expect_success USER_NOTIF 'a kernel without seccomp filters (ENOSYS): one clear line, exit 126, the program never ran' '
	test_expect_code 126 "$REACH/ownfilter" --deny-seccomp $(errno_of ENOSYS) "$KERNSUP" -- "$REACH/reach-raw" >out 2>err &&
	grep "^kernsup: cannot install the seccomp filter: this kernel has no seccomp filters" err &&
	! grep "^reach:" err
'

test_expect_success USER_NOTIF 'nested under another supervisor (EBUSY): said, not silently unsupervised' '
	test_expect_code 126 "$KERNSUP" -q -- "$KERNSUP" -- "$REACH/reach-raw" >out 2>err &&
	grep "^kernsup: cannot install the seccomp filter: a seccomp listener is already installed above this process" err
'

test_done
