#!/bin/sh
test_description='the CLI under the seccomp filter: calls that bypass the interposer are never missed in silence'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/lib/kernel.sh"

test_expect_success USER_NOTIF 'run: raw syscall(2) calls are reported with call, count and the labelled site' '
	off=$(site_of "$REACH/reach-raw") &&
	test -n "$off" &&
	"$SHMFAULT_BIN" run -- "$REACH/reach-raw" 2>err &&
	grep "^reach: ok signals=0\$" err &&
	grep "^shmfault: 8 shm system calls bypassed the interposer (shmget x2 at reach-raw+0x$off, shmat x2 at reach-raw+0x$off, shmdt x2 at reach-raw+0x$off, shmctl x2 at reach-raw+0x$off)\$" err
'

test_expect_success USER_NOTIF 'run: calls through the interposer are marked, none is reported' '
	"$SHMFAULT_BIN" run -- "$PROBE" shmget:private:4096:0600c shmat shmdt shmctl:rmid >out 2>err &&
	test $(grep -c " ok " out) = 4 &&
	test_must_fail grep "bypassed" err
'

test_expect_success USER_NOTIF 'run: a rule fires through the interposer with the filter on, nothing bypasses' '
	test_expect_code 0 "$SHMFAULT_BIN" run -e shmat:error=EACCES -- "$PROBE" shmget:private:4096:0600c shmat shmctl:rmid >out 2>err &&
	grep "^shmat -1 EACCES\$" out &&
	grep "^shmfault: injected shmat EACCES x1 " err &&
	test_must_fail grep "bypassed" err
'

# reach exits at the failed shmat without removing its segment (reach.c)
test_expect_success USER_NOTIF '--host-ipc: a segment made by a call the interposer did not see is still found and removed' '
	test_expect_code 1 "$SHMFAULT_BIN" run --host-ipc -e shmat:error=EINVAL -- "$REACH/reach-raw" 2>err &&
	grep "^reach: shmat#1 failed errno=$(errno_of EINVAL)\$" err &&
	grep "^shmfault: leaked segment key=0x00000000 shmid=[0-9]* size=4096 creator pid=[0-9]* nattch=0 (removed)\$" err
'

test_expect_success USER_NOTIF 'sweep (auto): the header names the bypassed calls, and they are swept through the kernel backend' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -- "$REACH/reach-raw" >tap 2>err &&
	grep "^# shmfault: 8 shm system calls bypassed the interposer (shmget x2 at reach-raw+0x.*): swept through the kernel backend\$" tap &&
	grep "^# baseline: exit 0, 8 shm calls (shmget 2, shmat 2, shmdt 2, shmctl 2)\$" tap &&
	grep "^1\.\.[1-9]" tap
'

test_expect_success USER_NOTIF 'sweep --backend preload: a baseline with bypassed calls is a Bail out! naming them, exit 1' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep --backend preload -- "$REACH/reach-raw" >tap 2>err &&
	grep "^Bail out! the baseline.s 8 shm system calls bypassed the interposer (shmget x2 at reach-raw+0x.*the preload backend cannot fault them, so a sweep would miss them" tap &&
	test_must_fail grep "^1\.\." tap
'

# exit 1: the probe does not retry a failed IPC_RMID, so those cases leak
test_expect_success USER_NOTIF 'sweep: a program whose calls all go through the interposer sweeps as before' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -- "$PROBE" shmget:private:4096:0600c shmctl:rmid >tap 2>err &&
	grep "^1\.\.[1-9]" tap &&
	test_must_fail grep "bypassed" tap
'

test_done
