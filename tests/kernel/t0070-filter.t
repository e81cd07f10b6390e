#!/bin/sh
test_description='kernel backend: the filter and the decoder on every architecture path (x86-64, x32, i386 direct and ipc(2))'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/lib/kernel.sh"

tsv="$SHMFAULT_TOP/expected/kernel-filter.tsv"

test_expect_success 'each made-up call gets the expected verdict and arguments' '
	grep -v "^#" "$tsv" | cut -f1 >in &&
	grep -v "^#" "$tsv" | cut -f2 >expect &&
	test $(wc -l <expect) -ge 38 &&
	"$BUILD/kernel/kfcheck" <in >got &&
	test_cmp expect got
'

test_expect_success 'the table agrees with this machine headers (syscall numbers, ipc call numbers)' '
	printf "#include <asm/unistd_32.h>\n#include <linux/ipc.h>\nA __NR_shmget __NR_shmctl __NR_shmat __NR_shmdt __NR_ipc SHMAT SHMDT SHMGET SHMCTL IPC_64\n" >h32.c &&
	printf "#include <asm/unistd_64.h>\nB __NR_shmget __NR_shmat __NR_shmctl __NR_shmdt\n" >h64.c &&
	cc -E -P h32.c | grep "^A " >nums &&
	cc -E -P h64.c | grep "^B " >>nums &&
	printf "A 395 396 397 398 117 21 22 23 24 0x0100\nB 29 30 31 67\n" >expect &&
	test_cmp expect nums
'

test_done
