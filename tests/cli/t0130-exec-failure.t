#!/bin/sh
test_description='a program that cannot be executed is an error, never a class (issue 14 item 5): case, sweep, gate'
. "$(dirname "$0")/../lib/test-lib.sh"

# 127: command not found, 126: found but not executable, as a POSIX shell
# reports them (XCU 2.8.2 "Command Search and Execution").
MISSING=/nonexistent/shmfault-no-such-program

test_expect_success 'case: a missing program path is an error, not ok, with the reason' '
	printf "program: $MISSING\nexpect: failed-cleanly\n" >missing.t &&
	test_expect_code 1 "$SHMFAULT_BIN" case missing.t >out &&
	grep "^not ok 1 - missing: error (the command could not be executed (exit 127: not found)" out &&
	grep "^  error: \"the command could not be executed (exit 127: not found).*$MISSING" out &&
	test_must_fail grep "failed-cleanly (exit 127)" out
'

test_expect_success 'case: a program that is not executable (126) is an error' '
	test -f /etc/passwd && test ! -x /etc/passwd &&
	printf "program: /etc/passwd\nexpect: recovered\n" >noexec.t &&
	test_expect_code 1 "$SHMFAULT_BIN" case noexec.t >out &&
	grep "^not ok 1 - noexec: error (the command could not be executed (exit 126: not executable)" out
'

test_expect_success 'case: expect: error is then ok (the class the run had)' '
	printf "program: $MISSING\nexpect: error\n" >want-error.t &&
	"$SHMFAULT_BIN" case want-error.t >out &&
	grep "^ok 1 - want-error: error (" out
'

test_expect_success 'sweep: a missing program path is refused before any run, with the reason' '
	test_expect_code 2 "$SHMFAULT_BIN" sweep -- $MISSING >out 2>err &&
	grep "^shmfault: cannot run .$MISSING.: No such file or directory" err
'

test_expect_success 'sweep: sh -c missing (127) in the baseline: Bail out with the reason, exit 1' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -- sh -c "$MISSING" >out 2>err &&
	grep "^Bail out! the baseline could not run: the command could not be executed (exit 127: not found)" out
'

test_expect_success IPCNS 'sweep: a case whose run ends in 127 is an error, never failed-cleanly' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep --calls shmget --errnos EACCES -- \
		sh -c "\"$PROBE\" shmget:0x5eed0301:4096:0600c shmctl:rmid | grep -q \"^shmget ok\" || exec $MISSING" \
		>out 2>err &&
	grep "^not ok 1 - shmget#1 EACCES: error (the command could not be executed (exit 127: not found)" out &&
	grep "^  error: " out &&
	test_must_fail grep "^ok " out &&
	grep "^# classes: .* error 1\$" out
'

test_expect_success 'gate: a missing program path is refused before any run, with the reason' '
	test_expect_code 2 "$SHMFAULT_BIN" gate -p aix -- $MISSING >out 2>err &&
	grep "^shmfault: cannot run .$MISSING.: No such file or directory" err
'

test_expect_success 'gate: sh -c missing (127) is not ok with the reason, under each personality' '
	test_expect_code 1 "$SHMFAULT_BIN" gate -p aix,hpux -- sh -c "$MISSING" >out 2>err &&
	grep "^not ok 1 - aix: the command could not be executed (exit 127: not found)" out &&
	grep "^not ok 2 - hpux: the command could not be executed (exit 127: not found)" out &&
	grep "^  error: \"the command could not be executed (exit 127" out &&
	test_must_fail grep "^  exit: 127" out
'

test_done
