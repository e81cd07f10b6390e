#!/bin/sh
test_description='an injected fault replaces the real call: the kernel sees nothing of it (shmget, shmat, shmdt, shmctl)'
. "$(dirname "$0")/../lib/test-lib.sh"
# Each check looks at the kernel's state after the injected call, from the
# same process or namespace, where a real call would have left a trace.
# ftok has no effect on the kernel to look at: not tested here.
NATTCH="$BUILD/tests/nattch"

test_expect_success IPCNS 'shmget: an injected IPC_CREAT creates nothing (a later lookup gets ENOENT, shmget(2))' '
	in_ns env SHMFAULT="shmget:error=ENOSPC:when=1" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" \
		shmget:0x5eed7001:4096:0600c shmget:0x5eed7001:4096:0600 >actual &&
	printf "shmget -1 ENOSPC\nshmget -1 ENOENT\n" >expect &&
	test_cmp expect actual
'

test_expect_success IPCNS 'shmat: an injected shmat attaches nothing (nattch 0 while the process lives)' '
	in_ns env SHMFAULT="shmat:error=EACCES" LD_PRELOAD="$SHMFAULT_LIB" "$NATTCH" >actual &&
	echo "shmat -1 nattch 0" >expect &&
	test_cmp expect actual
'

test_expect_success IPCNS 'shmat: the same program without the fault counts one attach (the check can fail)' '
	in_ns env LD_PRELOAD="$SHMFAULT_LIB" "$NATTCH" >actual &&
	echo "shmat ok nattch 1" >expect &&
	test_cmp expect actual
'

test_expect_success IPCNS 'shmdt: an injected shmdt leaves the segment attached (the next shmdt succeeds)' '
	in_ns env SHMFAULT="shmdt:error=EINVAL:when=1" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" \
		shmget:private:4096:0600c shmat shmdt shmdt >actual &&
	printf "shmget ok ENOTTY\nshmat ok ENOTTY\nshmdt -1 EINVAL\nshmdt ok ENOTTY\n" >expect &&
	test_cmp expect actual
'

test_expect_success IPCNS 'shmctl: an injected IPC_RMID removes nothing (IPC_STAT still succeeds)' '
	in_ns env SHMFAULT="shmctl:error=EPERM:cmd=IPC_RMID" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" \
		shmget:private:4096:0600c shmctl:rmid shmctl:stat >actual &&
	printf "shmget ok ENOTTY\nshmctl -1 EPERM\nshmctl ok ENOTTY\n" >expect &&
	test_cmp expect actual
'

test_done
