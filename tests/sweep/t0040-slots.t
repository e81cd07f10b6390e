#!/bin/sh
test_description='runner slots: each run of a sweep or gate starts as in a new sandbox'
. "$(dirname "$0")/../lib/lib-sweep.sh"

# build/tests/fresh exits 3 with "stale: ..." when it finds what an earlier
# run left (a semaphore set, a message queue, kernel.shmmni changed, a
# shmid other than 0, a PID other than 2), and leaves all of that, plus a
# child still running, for the next run. The slots reuse one helper and
# reaper for many runs: these tests fail if one run can see another's.
FRESH="$BUILD/tests/fresh"
test -x "$FRESH" && test_set_prereq FRESH

test_expect_success IPCNS,FRESH 'sweep -j1: 15 runs in one slot, none sees the one before' '
	"$SHMFAULT_BIN" sweep -j1 -- "$FRESH" -p >out 2>err &&
	grep "^# baseline: exit 0, 2 shm calls (shmget 1, shmctl 1)$" out &&
	! grep stale out &&
	grep "^# classes: recovered 0, failed-cleanly 15, silent-failure 0, crashed 0, hung 0, leaked 0, not-reached 0$" out
'

test_expect_success IPCNS,FRESH 'sweep -j2: the same TAP' '
	"$SHMFAULT_BIN" sweep -j2 -- "$FRESH" -p >out2 2>err2 &&
	test_cmp out out2
'

test_expect_success IPCNS,FRESH,PERSONALITIES 'gate -p all: every personality run fresh' '
	"$SHMFAULT_BIN" gate -p all -j1 -- "$FRESH" -p >gate.out &&
	! grep stale gate.out &&
	grep "^# gate: 11 of 11 personalities passed$" gate.out
'

test_expect_success IPCNS,SAMPLES 'a slot reports the leaks of each run alone, as a new namespace would' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j1 -- "$W/leaky" >leaky.out &&
	n=$(grep -c "^    - \"key=" leaky.out) && test "$n" -gt 5 &&
	test $(grep -c "^    - \"key=0x5eed0001 shmid=0 size=4096 creator pid=2 nattch=0\"$" leaky.out) = "$n"
'

STALL="$BUILD/tests/stall"
test -x "$STALL" && test_set_prereq STALL

# The reaper of a runner killed while a case runs and the next case is
# already queued on it: the running case is an error, the queued one runs
# on a new runner, every other case as usual. build/tests/stall opens
# $STALL_FIFO in one case (shmctl#1 EACCES) and waits: our open of the
# FIFO for writing returns when that case is running (or, should the sweep
# end first, when the sweep's shell opens it after it).
test_expect_success STALL 'setup: the FIFO' '
	mkfifo fifo && test -p fifo
'

test_expect_success IPCNS,STALL 'a runner killed under a case: that case is an error, the one queued on it still runs' '
	{
		STALL_FIFO="$PWD/fifo" "$SHMFAULT_BIN" sweep -j1 --timeout 300 -- "$STALL" >stall.out 2>stall.err &&
		echo 0 >stall.rc || echo $? >stall.rc
		: <>fifo
	} &
	exec 7>fifo &&
	find /proc/[0-9]*/fd -maxdepth 1 -lname "$PWD/fifo" 2>/dev/null |
		sed "s|^/proc/\([0-9]*\)/fd/.*|\1|" | sort -u >readers &&
	killed=0 &&
	for r in $(cat readers); do
		pp=$(awk "/^PPid:/{print \$2}" /proc/$r/status 2>/dev/null)
		if test -n "$pp" && test "$(cat /proc/$pp/comm 2>/dev/null)" = shmfault; then
			kill -9 "$pp" && killed=$((killed + 1)) || return 1
		fi
	done &&
	exec 7>&- &&
	wait &&
	test "$killed" = 1 &&
	test "$(cat stall.rc)" = 1 &&
	grep "^not ok 9 - shmctl#1 EACCES: error (the sandbox ended without a report" stall.out &&
	test $(grep -c "^ok " stall.out) = 14 &&
	grep "^ok 10 - shmctl#1 EFAULT: failed-cleanly (exit 1)$" stall.out &&
	grep "^# classes: .*failed-cleanly 14,.* error 1$" stall.out
'

if test "$(id -u)" = 0 && command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups unshare -r -i -p -f true 2>/dev/null; then
	test_set_prereq NOBODY_USERNS
fi

test_expect_success FRESH,NOBODY_USERNS 'as an unprivileged user (user namespace): the same' '
	mkdir -m 777 tmp &&
	TMPDIR="$PWD/tmp" setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SHMFAULT_BIN" sweep -j2 -- "$FRESH" -p >nobody.out &&
	! grep stale nobody.out &&
	grep "^# classes: recovered 0, failed-cleanly 15," nobody.out
'

test_done
