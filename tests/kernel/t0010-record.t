#!/bin/sh
test_description='kernel backend: bypassing calls are recorded with call, thread and site; marked calls are not'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/lib/kernel.sh"

test_expect_success USER_NOTIF 'raw syscall(2): the 8 calls of the script, each at the labelled syscall instruction' '
	off=$(nm "$REACH/reach-raw" | awk "\$3 == \"reach_syscall_site\" { print \$1 }" | sed "s/^0*//") &&
	test -n "$off" &&
	kns "$KERNSUP" -- "$REACH/reach-raw" >out 2>err &&
	grep "^reach: ok signals=0\$" err &&
	grep "^kernsup: call=" out | awk "{ print \$2, \$3 }" >calls &&
	printf "call=%s site=reach-raw+0x$off\n" shmget shmat shmget shmat shmdt shmdt shmctl shmctl >expect &&
	test_cmp expect calls &&
	grep "^kernsup: 8 shm system calls bypassed the interposer (shmget x2 at reach-raw+0x$off, shmat x2 at reach-raw+0x$off, shmdt x2 at reach-raw+0x$off, shmctl x2 at reach-raw+0x$off)\$" out
'

test_expect_success USER_NOTIF 'shmat, shmdt and shmctl carry the shmid and key of the segment (IPC_STAT, /proc/TID/maps)' '
	kns "$KERNSUP" -- "$REACH/reach-raw" >out 2>err &&
	grep "call=shmat .* key=0x00000000 shmid=[0-9]" out &&
	grep "call=shmdt .* key=0x00000000 shmid=[0-9]" out &&
	test $(grep -c "call=shmctl .* key=0x00000000 shmid=[0-9]" out) = 2
'

test_expect_success USER_NOTIF 'a static C program: every libc shm call is seen, inside the program itself' '
	kns "$KERNSUP" -- "$REACH/reach-static" >out 2>err &&
	grep "^reach: ok" err &&
	test $(grep -c "^kernsup: call=.* site=reach-static+0x" out) = 8 &&
	grep "^kernsup: notified=8 injected=0 " out
'

test_expect_success USER_NOTIF 'a static program with threads and a fork: every thread and the child are under the filter' '
	kns "$KERNSUP" -- "$REACH/reach-mt" >out 2>err &&
	grep "^mt: failed=0\$" out &&
	test $(grep -c "^kernsup: call=shmget " out) = 3 &&
	test $(grep -c "^kernsup: call=shmctl " out) = 3 &&
	sed -n "s/^kernsup: call=shmget .* tid=\([0-9]*\) pid=\([0-9]*\).*/\1 \2/p" out >ids &&
	test $(cut -d" " -f1 ids | sort -u | wc -l) = 3 &&
	test $(cut -d" " -f2 ids | sort -u | wc -l) = 2
'

test_expect_success USER_NOTIF 'a preloaded program: the interposer marks its calls and none is notified' '
	kns "$KERNSUP" -- env LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" shmget:private:4096:0600c shmat shmdt shmctl:stat shmctl:rmid >out 2>err &&
	test $(grep -c " ok ENOTTY\$" out) = 5 &&
	grep "^kernsup: notified=0 " out &&
	! grep "bypassed" out
'

test_expect_success USER_NOTIF 'the same program without the interposer: its 5 libc calls are notified (the control)' '
	kns "$KERNSUP" -- "$PROBE" shmget:private:4096:0600c shmat shmdt shmctl:stat shmctl:rmid >out 2>err &&
	grep "^kernsup: notified=5 " out &&
	grep "^kernsup: 5 shm system calls bypassed the interposer (shmget x1 at libc.so.6+0x" out
'

test_expect_success USER_NOTIF 'a rule through the interposer still fires with the filter on (marked calls are real calls)' '
	kns "$KERNSUP" -- env LD_PRELOAD="$SHMFAULT_LIB" SHMFAULT="shmat:error=EACCES" "$PROBE" shmget:private:4096:0600c shmat shmctl:rmid >out 2>err &&
	grep "^shmat -1 EACCES\$" out &&
	grep "^kernsup: notified=0 " out
'

# Expected by hand from shmat(2)/shmctl(2): each shmat adds an attachment,
# shmdt removes one; IPC_RMID on an attached segment sets SHM_DEST and Linux
# still allows shmat on it.  Facts are taken at entry, before the call runs.
test_expect_success USER_NOTIF 'process view at syscall entry: attachments from /proc/PID/maps, SHM_DEST from IPC_STAT' '
	kns "$KERNSUP" -q --facts -- "$PROBE" -q shmget:private:4096:0600c shmat shmat shmdt shmctl:rmid shmat shmctl:stat >out 2>err &&
	grep "^kernsup: facts " out | sed "s/^kernsup: facts //" >got &&
	cat >expect <<-\EOF &&
	call=shmget attached=0 this=-1 dest=-1
	call=shmat attached=0 this=0 dest=0
	call=shmat attached=1 this=1 dest=0
	call=shmdt attached=2 this=1 dest=0
	call=shmctl attached=1 this=1 dest=0
	call=shmat attached=1 this=1 dest=1
	call=shmctl attached=2 this=1 dest=1
	EOF
	test_cmp expect got
'

test_done
