#!/bin/sh
test_description='rule options: when= forms, prob=, key=, cmd=, several rules, scope=process'
. "$(dirname "$0")/../lib/test-lib.sh"

# ten shmat calls on one segment; prints o/x per shmat (shmget first)
ten_attaches() {
	in_ns env SHMFAULT="$1" ${2:+SHMFAULT_SEED=$2} LD_PRELOAD="$SHMFAULT_LIB" \
		"$PROBE" shmget:private:4096:0600c repeat:10:shmat | sed 1d | pattern
}

check_when() {
	test_expect_success IPCNS "when=$1 fails calls $2" "
		echo '$2' >expect &&
		ten_attaches 'shmat:error=EACCES:when=$1' >actual &&
		test_cmp expect actual
	"
}
check_when 3 ooxooooooo
check_when 8+ oooooooxxx
check_when 2+3 oxooxooxoo
check_when 4..6 oooxxxoooo
check_when 2..9+3 oxooxooxoo
check_when 1..10+4 xoooxoooxo
check_when 10 ooooooooox
check_when 11 oooooooooo

test_expect_success IPCNS 'no when=: every call fails' '
	echo xxxxxxxxxx >expect &&
	ten_attaches "shmat:error=ENOMEM" >actual &&
	test_cmp expect actual
'

test_expect_success IPCNS 'prob= is reproducible under a fixed seed' '
	in_ns env SHMFAULT="shmat:error=EACCES:prob=0.5" SHMFAULT_SEED=42 LD_PRELOAD="$SHMFAULT_LIB" \
		"$PROBE" shmget:private:4096:0600c repeat:64:shmat | sed 1d | pattern >a &&
	in_ns env SHMFAULT="shmat:error=EACCES:prob=0.5" SHMFAULT_SEED=42 LD_PRELOAD="$SHMFAULT_LIB" \
		"$PROBE" shmget:private:4096:0600c repeat:64:shmat | sed 1d | pattern >b &&
	test_cmp a b &&
	grep -q x a && grep -q o a
'

test_expect_success IPCNS 'prob= differs under another seed, and prob=1 always fails' '
	in_ns env SHMFAULT="shmat:error=EACCES:prob=0.5" SHMFAULT_SEED=43 LD_PRELOAD="$SHMFAULT_LIB" \
		"$PROBE" shmget:private:4096:0600c repeat:64:shmat | sed 1d | pattern >c &&
	! test_cmp a c &&
	echo xxxxxxxxxx >expect &&
	ten_attaches "shmat:error=EACCES:prob=1" >actual &&
	test_cmp expect actual
'

test_expect_success IPCNS 'when= and prob= together: only selected calls may fail' '
	in_ns env SHMFAULT="shmat:error=EACCES:when=5+:prob=0.5" SHMFAULT_SEED=7 LD_PRELOAD="$SHMFAULT_LIB" \
		"$PROBE" shmget:private:4096:0600c repeat:64:shmat | sed 1d | pattern >p &&
	cut -c1-4 p >head && echo oooo >expect && test_cmp expect head &&
	cut -c5- p | grep -q x
'

test_expect_success IPCNS 'key= selects shmget by key, and shmat/shmdt/shmctl by the key of their segment' '
	in_ns env SHMFAULT="all:error=EACCES:key=0x5eed" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" \
		shmget:0x1111:4096:0600c shmat shmdt shmctl:stat shmctl:rmid \
		shmget:0x5eed:4096:0600c >actual &&
	cat >expect <<-\EOT &&
	shmget ok ENOTTY
	shmat ok ENOTTY
	shmdt ok ENOTTY
	shmctl ok ENOTTY
	shmctl ok ENOTTY
	shmget -1 EACCES
	EOT
	test_cmp expect actual &&
	in_ns env SHMFAULT="shmat,shmdt,shmctl:error=EINVAL:key=0x5eed" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" \
		shmget:0x5eed:4096:0600c shmat shmctl:stat >actual &&
	printf "shmget ok ENOTTY\nshmat -1 EINVAL\nshmctl -1 EINVAL\n" >expect &&
	test_cmp expect actual
'

test_expect_success IPCNS 'key=IPC_PRIVATE selects private segments only' '
	in_ns env SHMFAULT="shmget:error=ENOSPC:key=IPC_PRIVATE" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" \
		shmget:0x77:4096:0600c shmget:private:4096:0600 >actual &&
	printf "shmget ok ENOTTY\nshmget -1 ENOSPC\n" >expect &&
	test_cmp expect actual
'

test_expect_success IPCNS 'shmdt key= uses the segment attached at the address' '
	in_ns env SHMFAULT="shmdt:error=EINVAL:key=0x42" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" \
		shmget:0x41:4096:0600c shmat shmdt shmget:0x42:4096:0600c shmat shmdt >actual &&
	awk "\$1 == \"shmdt\"" actual | pattern >p && echo ox >expect && test_cmp expect p
'

test_expect_success IPCNS 'cmd= selects one shmctl command' '
	in_ns env SHMFAULT="shmctl:error=EPERM:cmd=IPC_RMID" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" \
		shmget:private:4096:0600c shmctl:stat shmctl:rmid shmctl:stat >actual &&
	awk "\$1 == \"shmctl\"" actual | pattern >p && echo oxo >expect && test_cmp expect p
'

test_expect_success IPCNS 'several rules: each counts its own calls, the first that fires wins' '
	in_ns env SHMFAULT="shmat:error=EACCES:when=1;shmat:error=EINVAL:when=3;shmat:error=ENOMEM:when=3..4" \
		LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" shmget:private:4096:0600c repeat:5:shmat >actual &&
	sed 1d actual | awk "{print \$3}" >errs &&
	printf "EACCES\nENOTTY\nEINVAL\nENOMEM\nENOTTY\n" >expect &&
	test_cmp expect errs
'

test_expect_success IPCNS 'rules for one call do not count the others' '
	in_ns env SHMFAULT="shmctl:error=EIDRM:when=2" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" \
		shmget:private:4096:0600c shmat shmctl:stat shmat shmctl:stat >actual &&
	awk "\$1 == \"shmctl\"" actual | pattern >p && echo ox >expect && test_cmp expect p
'

test_expect_success IPCNS 'rules separated by ; with spaces' '
	in_ns env SHMFAULT="shmget:error=ENOSPC:when=2 ; ftok:error=ENOENT" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" \
		shmget:private:4096:0600c shmget:private:4096:0600c ftok:/:1 >actual &&
	pattern <actual >p && echo oxx >expect && test_cmp expect p
'
test_done
