#!/bin/sh
test_description='the reaper supervises the run: its death makes the run an error, never a result'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/lib/kernel.sh"

command -v pgrep >/dev/null 2>&1 && test_set_prereq PGREP

# The CLI forks a helper, whose child is the reaper (PID 1 of the run, and
# the seccomp supervisor). The target opens the FIFO and waits: the test's
# open for writing returns once it runs, so the reaper is known to be busy.
test_expect_success 'setup: the FIFO' '
	mkfifo fifo
'

test_expect_success USER_NOTIF,PGREP 'the supervisor (reaper) killed while the run waits: exit 125 and one error line' '
	"$SHMFAULT_BIN" run --backend seccomp -- sh -c "exec 3<\"$PWD/fifo\" && read x <&3" >out 2>err &
	cli=$! &&
	exec 7>fifo &&
	helper=$(pgrep -P "$cli") &&
	reaper=$(pgrep -P "$helper") &&
	test -n "$reaper" &&
	kill -9 "$reaper" &&
	exec 7>&- &&
	test_expect_code 125 wait "$cli" &&
	grep "^shmfault: the sandbox ended without a report" err &&
	test_must_fail grep "bypassed" err
'

test_done
