#!/bin/sh
test_description='personalities under the kernel backend: rows decided at syscall entry run, rows that need the result are refused'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/lib/kernel.sh"

AM="$REACH/attach_many-static"
test -x "$AM" || error "build first: make progs (missing $AM)"

# Expected from reference/platforms.md AX1: AIX (32-bit) refuses the 12th
# attachment of a process with EMFILE; Linux has no such limit (shmat(2)).
test_expect_success USER_NOTIF 'aix, static program, --backend seccomp: AX1 refuses the 12th attach with EMFILE' '
	test_expect_code 1 "$SHMFAULT_BIN" run --backend seccomp -p aix -- "$AM" 2>err &&
	grep "^attach_many: shmat #12 of 12: .*(EMFILE)\$" err &&
	grep "^shmfault: aix rule AX1 (12th attach refused, EMFILE) fired x1 at attach_many-static+0x" err &&
	grep "; 1 failed by the supervisor\$" err
'

test_expect_success USER_NOTIF 'aix, 11 attachments: nothing fires (the count comes from /proc/PID/maps)' '
	"$SHMFAULT_BIN" run --backend seccomp -p aix -- "$AM" 11 >out 2>err &&
	grep "^attach_many: attached 11 times\$" out &&
	test_must_fail grep "rule AX1" err
'

test_expect_success USER_NOTIF 'linux: the 12 attachments succeed (control)' '
	"$SHMFAULT_BIN" run --backend seccomp -p linux -- "$AM" >out 2>err &&
	grep "^attach_many: attached 12 times\$" out
'

test_expect_success USER_NOTIF 'hpux: HP2 moves a shmat, which the kernel cannot: refused with one line, the run is an error' '
	test_expect_code 125 "$SHMFAULT_BIN" run --backend seccomp -p hpux -- "$AM" >out 2>err &&
	grep "^shmfault: personality hpux rule HP2 (.*) cannot run under the kernel backend: it needs the result of shmat at attach_many-static+0x" err &&
	test $(grep -c "^shmfault: personality" err) = 1
'

test_done
