#!/bin/sh
test_description='samples/seeds/fixed: the corrected seed programs, run natively

Each program runs in a private IPC namespace; it must exit 0, print what
samples/README.md documents, and leave no segment behind.  Programs that
pace themselves with sleep() run with SAMPLE_SLEEP=0 or under
libsleepgate.so, which turns each sleep into a handshake over two fifos.
'
. "$(dirname "$0")/lib-samples.sh"

F="$SAMPLES/fixed"
export F

test_expect_success IPCNS,IPCS 'fixed writer + reader: the reader sees A..Z, nothing left' '
	cat >s.sh <<-\EOF &&
	. "$SAMPLES_T_HELPERS"
	gate_open w 7 8 || exit 1
	gate_open r 5 6 || exit 1
	SLEEPGATE=7,8 LD_PRELOAD="$SLEEPGATE_LIB" "$F/writer" >w.out 2>w.err &
	wpid=$!
	gate_wait 8 || exit 1           # segment made, writer in its 1st sleep
	SLEEPGATE=5,6 LD_PRELOAD="$SLEEPGATE_LIB" "$F/reader" 1 >r.out 2>r.err &
	rpid=$!
	gate_wait 6 || exit 1           # reader attached, in its 1st sleep
	gate_release 7 26               # writer: 26 letters, detach, IPC_RMID
	wait $wpid; echo $? >w.rc
	gate_release 5                  # reader: one print, detach, exit
	wait $rpid; echo $? >r.rc
	segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect w.rc && test_cmp expect r.rc &&
	echo ABCDEFGHIJKLMNOPQRSTUVWXYZ >expect && test_cmp expect r.out &&
	test_must_be_empty w.out && test_must_be_empty w.err && test_must_be_empty r.err &&
	test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'fixed writer alone (SAMPLE_SLEEP=0): exit 0, nothing left' '
	cat >s.sh <<-\EOF &&
	SAMPLE_SLEEP=0 "$F/writer" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect rc &&
	test_must_be_empty out && test_must_be_empty err && test_must_be_empty segs
'

test_expect_success IPCNS 'fixed reader without a writer: ENOENT reported, exit 1' '
	cat >s.sh <<-\EOF &&
	SAMPLE_SLEEP=0 "$F/reader" 1 >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	echo 1 >expect && test_cmp expect rc &&
	test_must_be_empty out && grep "^reader: shmget.*(ENOENT)$" err &&
	test_must_be_empty segs
'

test_expect_success IPCNS 'fixed writer refuses a taken key (EEXIST), leaves the other segment alone' '
	cat >s.sh <<-\EOF &&
	. "$SAMPLES_T_HELPERS"
	# the as-written reader creates the key with mode 0 and leaves it
	LD_PRELOAD="$SLEEPGATE_LIB" "$SAMPLES/reader" | head -n 1 >/dev/null
	segments before
	SAMPLE_SLEEP=0 "$F/writer" >out 2>err; echo $? >rc
	segments after
	EOF
	in_ipcns s.sh &&
	echo 1 >expect && test_cmp expect rc &&
	grep "^writer: shmget(IPC_CREAT|IPC_EXCL): File exists (EEXIST)$" err &&
	test_line_count = 1 before && test_cmp before after
'

test_expect_success IPCNS,IPCS 'fixed single: echoes one word through the segment' '
	cat >s.sh <<-\EOF &&
	echo hello | "$F/single" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	printf "%s\n" "write data to share memory:" "read data from share memory:" hello >expect &&
	test_cmp expect out && test_must_be_empty err &&
	echo 0 >expect && test_cmp expect rc && test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'fixed single: empty stdin is an error, segment removed' '
	cat >s.sh <<-\EOF &&
	"$F/single" </dev/null >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	echo 1 >expect && test_cmp expect rc &&
	echo "single: no word on stdin" >expect && test_cmp expect err &&
	test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'fixed single: a word longer than 99 bytes is cut, not overflowed' '
	cat >s.sh <<-\EOF &&
	printf "%0200d\n" 0 | "$F/single" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect rc &&
	printf "%099d\n" 0 >expect && tail -n 1 out >last && test_cmp expect last &&
	test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'fixed st_setting: record, ipcs with nattch 1 then 0, removed' '
	cat >s.sh <<-\EOF &&
	"$F/st_setting" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect rc && test_must_be_empty err &&
	head -n 2 out >first && printf "%s\n" agen:jinyh file_no:1 >expect && test_cmp expect first &&
	grep "^0x00366378 " out | awk "{print \$4, \$5, \$6}" >listed &&
	printf "%s\n" "640 1028 1" "640 1028 0" >expect && test_cmp expect listed &&
	test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'fixed st_setting: removes a too-small leftover (the original cannot)' '
	cat >s.sh <<-\EOF &&
	"$MKSEG" 0x366378 512 0640 >/dev/null &&
	"$F/st_setting" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect rc && test_must_be_empty err &&
	test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'fixed test02: 15 attaches, all detached, removed' '
	: >keyfile &&
	cat >s.sh <<-\EOF &&
	"$F/test02" "$PWD/keyfile" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect rc && test_must_be_empty err &&
	test_line_count = 15 out &&
	test "$(grep -c "^Successfully attached shared memory, times \[[01][0-9]\]$" out)" = 15 &&
	tail -n 1 out | grep -F "times [15]" &&
	test_must_be_empty segs
'

test_expect_success IPCNS,MNTNS 'fixed test02: a missing key file is reported, exit 1, nothing created' '
	cat >s.sh <<-\EOF &&
	"$F/test02" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns_tmp s.sh &&
	echo 1 >expect && test_cmp expect rc && test_must_be_empty out &&
	grep "^test02: ftok(\"/tmp/mykeyfile\", 1): No such file or directory (ENOENT)$" err &&
	test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'fixed shmA + shmB: 100..119 handed over, both exit 0, removed' '
	cat >s.sh <<-\EOF &&
	. "$SAMPLES_T_HELPERS"
	gate_open a 7 8 || exit 1
	SLEEPGATE=7,8 LD_PRELOAD="$SLEEPGATE_LIB" "$F/shmA" >a.out 2>a.err &
	apid=$!
	gate_wait 8 || exit 1   # created, 100 posted, shmA in its 1st sleep
	gate_release 7 20       # every sleep shmA will make
	"$F/shmB" >b.out 2>b.err; echo $? >b.rc
	wait $apid; echo $? >a.rc
	segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect a.rc && test_cmp expect b.rc &&
	test_must_be_empty a.err && test_must_be_empty b.err &&
	sed -n "1s/=.*//p;2p;3p;4s/=.*//p;5s/=.*//p" a.out >a.head &&
	printf "%s\n" uid mode=600 size=12 cpid lpid >expect && test_cmp expect a.head &&
	sed -n 2,3p b.out >b.head && printf "%s\n" mode=600 size=12 >expect && test_cmp expect b.head &&
	seq -s " " 100 119 | sed "s/\$/ /" >expect && sed -n 6p b.out >b.values && test_cmp expect b.values &&
	test_line_count = 6 b.out &&
	test_must_be_empty segs
'

test_expect_success IPCNS 'fixed shmB without shmA: ENOENT reported, exit 1' '
	cat >s.sh <<-\EOF &&
	"$F/shmB" >out 2>err; echo $? >rc
	EOF
	in_ipcns s.sh &&
	echo 1 >expect && test_cmp expect rc && test_must_be_empty out &&
	grep "^shmB: shmget.*(ENOENT)$" err
'

test_expect_success IPCNS,IPCS 'fixed shmwrite + shmread: reader sees count 1, both remove, nothing left' '
	cat >s.sh <<-\EOF &&
	. "$SAMPLES_T_HELPERS"
	gate_open w 7 8 || exit 1
	SLEEPGATE=7,8 LD_PRELOAD="$SLEEPGATE_LIB" "$F/shmwrite" >w.out 2>w.err &
	wpid=$!
	gate_wait 8 || exit 1                   # count is 1, shmwrite in its 1st sleep
	SAMPLE_SLEEP=0 "$F/shmread" >r.out 2>r.err; echo $? >r.rc
	segments mid                            # removed by shmread, still attached by shmwrite
	gate_release 7 50
	wait $wpid; echo $? >w.rc
	segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect w.rc && test_cmp expect r.rc &&
	test_must_be_empty w.err && test_must_be_empty r.err &&
	grep "^Memory attached at 0x" w.out &&
	test "$(grep -c "^ip = 127.0.0.1 ,count: 1	" r.out)" = 10 &&
	awk "{print \$1, \$6}" mid >mid.k && echo "0x00000000 1" >expect && test_cmp expect mid.k &&
	test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'fixed shmwrite alone, then shmread alone: each exits 0, nothing left' '
	cat >s.sh <<-\EOF &&
	. "$SAMPLES_T_HELPERS"
	SAMPLE_SLEEP=0 "$F/shmwrite" >w.out 2>w.err; echo $? >w.rc
	segments segs1
	SAMPLE_SLEEP=0 "$F/shmread" >r.out 2>r.err; echo $? >r.rc
	segments segs2
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect w.rc && test_cmp expect r.rc &&
	test_must_be_empty w.err && test_must_be_empty r.err &&
	test "$(grep -c "^ip =  ,count: 0	" r.out)" = 10 &&
	test_must_be_empty segs1 && test_must_be_empty segs2
'

test_expect_success IPCNS 'fixed programs reject a bad SAMPLE_SLEEP before touching shm' '
	cat >s.sh <<-\EOF &&
	SAMPLE_SLEEP=soon "$F/writer" 2>err; echo $? >rc
	EOF
	in_ipcns s.sh &&
	echo 2 >expect && test_cmp expect rc && grep "bad SAMPLE_SLEEP" err
'

test_done
