#!/bin/sh
test_description='what IPC_STAT reports: page-rounded segsz (FB4), extra mode bits (FB4, MC8, SO6, FB5), shm_lpid (FB9)'
. "$(dirname "$0")/../lib/test-lib.sh"
PP="$BUILD/tests/pers-probe"

stat_of() {
	"$SHMFAULT_BIN" run -q -p "$1" -- "$PP" get:0x5eed:100:0600c at stat ctl:rmid stat | grep "^stat ok" | cut -d" " -f4-6
}

test_expect_success 'linux: mode 0600, segsz 100; removed: mode 01600, key 0 (LX8)' '
	stat_of linux >actual &&
	printf "mode=0600 segsz=100 key=0x5eed\nmode=01600 segsz=100 key=0x0\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'freebsd: segsz 4096, mode|0x0800; removed: 0x0400 instead of SHM_DEST (FB4, FB5)' '
	stat_of freebsd >actual &&
	printf "mode=04600 segsz=4096 key=0x5eed\nmode=06600 segsz=4096 key=0x0\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'macos: mode|0x0800, segsz as created (MC8); removed: refused' '
	stat_of macos >actual &&
	printf "mode=04600 segsz=100 key=0x5eed\n" >expect && test_cmp expect actual
'

test_expect_success 'solaris: mode|0100000 (SO6)' '
	stat_of solaris >actual &&
	printf "mode=0100600 segsz=100 key=0x5eed\n" >expect && test_cmp expect actual
'

# The extra mode bits are stat_mode_extra_bits of expected/: FB4 and MC8
# mode|=0x0800 (0600 -> 04600), SO6 mode|=0100000 (0600 -> 0100600).
test_expect_success 'a program that compares the mode without masking breaks on freebsd, macos and solaris' '
	for p in linux posix aix hpux; do
		"$SHMFAULT_BIN" run -q -p $p -- "$PP" get:private:100:0600c stat >out &&
		grep -q "^stat ok ENOTTY mode=0600 " out || return 1
	done &&
	for pm in freebsd:04600 freebsd-strict:04600 macos:04600 solaris:0100600; do
		"$SHMFAULT_BIN" run -q -p ${pm%:*} -- "$PP" get:private:100:0600c stat >out &&
		grep -q "^stat ok ENOTTY mode=${pm#*:} " out || return 1
	done
'

test_expect_success 'a page-sized segment keeps its size on freebsd' '
	"$SHMFAULT_BIN" run -q -p freebsd -- "$PP" get:private:8192:0600c stat | grep "segsz=8192 "
'

test_expect_success 'freebsd: shmdt does not update shm_lpid (FB9); linux does' '
	# the parent attaches; its forked child (which inherits the attach) detaches and asks
	"$SHMFAULT_BIN" run -q -p freebsd -- "$PP" get:0x5eed:100:0600c at fork dt stat >out &&
	tail -1 out | grep "lpid=other$" &&
	"$SHMFAULT_BIN" run -q -p linux -- "$PP" get:0x5eed:100:0600c at fork dt stat >out &&
	tail -1 out | grep "lpid=self$"
'

test_expect_success 'the run summary names the rules that changed IPC_STAT' '
	"$SHMFAULT_BIN" run -p freebsd -- "$PP" get:private:100:0600c stat stat >out 2>err &&
	grep "^shmfault: freebsd rule FB4 (IPC_STAT segsz page-rounded, segsz rounded) fired x4 at pers-probe+0x" err
'

test_done
