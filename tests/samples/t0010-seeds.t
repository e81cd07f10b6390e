#!/bin/sh
test_description='samples/seeds: the seed programs as written, run natively

What each program really does without fault injection, in a private IPC
namespace: the bugs of samples/README.md that show natively are proven here
(segments left behind, crashes, wrong exit statuses, lost output).
Programs that sleep run under libsleepgate.so (no real waiting); where two
programs must meet, each sleep is a handshake over fifos.
'
. "$(dirname "$0")/lib-samples.sh"

S="$SAMPLES"
export S

test_expect_success IPCNS,IPCS 'writer alone: exit 0, segment removed (its shmdt(shmid) fails unseen)' '
	cat >s.sh <<-\EOF &&
	LD_PRELOAD="$SLEEPGATE_LIB" "$S/writer" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect rc &&
	test_must_be_empty out && test_must_be_empty err && test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'reader alone: creates a mode-0 segment with IPC_CREAT and leaves it' '
	cat >s.sh <<-\EOF &&
	LD_PRELOAD="$SLEEPGATE_LIB" "$S/reader" | head -n 2 >out
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	printf "\n\n" >expect && test_cmp expect out &&
	test_line_count = 1 segs &&
	awk "{print \$4, \$5, \$6}" segs >perms && echo "0 4096 0" >expect && test_cmp expect perms
'

test_expect_success IPCNS,IPCS 'reader first, then writer: EEXIST, shmat(-1) unchecked, SIGSEGV, message lost' '
	cat >s.sh <<-\EOF &&
	LD_PRELOAD="$SLEEPGATE_LIB" "$S/reader" | head -n 1 >/dev/null
	LD_PRELOAD="$SLEEPGATE_LIB" "$S/writer" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	. "$SAMPLES_T_HELPERS" && test "$(signame "$(cat rc)")" = SEGV &&
	test_must_be_empty out &&
	test_line_count = 1 segs
'

test_expect_success IPCNS,IPCS 'writer + reader as the blog runs them: the reader prints A..Z' '
	cat >s.sh <<-\EOF &&
	. "$SAMPLES_T_HELPERS"
	gate_open w 7 8 || exit 1
	gate_open r 5 6 || exit 1
	SLEEPGATE=7,8 LD_PRELOAD="$SLEEPGATE_LIB" "$S/writer" >w.out 2>w.err &
	wpid=$!
	gate_wait 8 || exit 1        # segment made, writer in its 1st sleep
	SLEEPGATE=5,6 LD_PRELOAD="$SLEEPGATE_LIB" "$S/reader" >r.out 2>r.err &
	rpid=$!
	gate_wait 6 || exit 1        # reader attached, in its 1st sleep
	gate_release 7 26            # writer: 26 letters, shmdt(shmid), IPC_RMID
	wait $wpid; echo $? >w.rc
	gate_release 5               # reader: one line
	gate_wait 6 || exit 1        # reader in its 2nd sleep: it never ends by itself
	gate_release 5 1 q           # make it exit(0) there (libsleepgate)
	wait $rpid; echo $? >r.rc
	segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect w.rc && test_cmp expect r.rc &&
	echo ABCDEFGHIJKLMNOPQRSTUVWXYZ >expect && test_cmp expect r.out &&
	test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'single: echoes one word, exit 0, nothing left' '
	cat >s.sh <<-\EOF &&
	echo hello | "$S/single" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	printf "%s\n" "write data to share memory:" "read data from share memory:" hello >expect &&
	test_cmp expect out && test_must_be_empty err &&
	echo 0 >expect && test_cmp expect rc && test_must_be_empty segs
'

test_expect_success IPCNS 'single: empty stdin goes unnoticed (scanf unchecked), exit 0' '
	cat >s.sh <<-\EOF &&
	"$S/single" </dev/null >out 2>err; echo $? >rc
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect rc && test_must_be_empty err &&
	sed -n 2p out >second && echo "read data from share memory:" >expect && test_cmp expect second
'

test_expect_success IPCNS,IPCS 'st_setting: works, but its printf lines come after ipcs output in a pipe' '
	cat >s.sh <<-\EOF &&
	"$S/st_setting" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect rc && test_must_be_empty err &&
	grep "^0x00366378 " out | awk "{print \$4, \$5, \$6}" >listed &&
	printf "%s\n" "640 1028 1" "640 1028 0" >expect && test_cmp expect listed &&
	tail -n 2 out >last && printf "%s\n" agen:jinyh file_no:1 >expect && test_cmp expect last &&
	test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'st_setting: a too-small leftover defeats it: "shmget error", exit 255, leftover stays' '
	cat >s.sh <<-\EOF &&
	"$MKSEG" 0x366378 512 0640 >/dev/null
	. "$SAMPLES_T_HELPERS"; segments before
	"$S/st_setting" >out 2>err; echo $? >rc
	segments after
	EOF
	in_ipcns s.sh &&
	echo 255 >expect && test_cmp expect rc &&
	echo "shmget error" >expect && test_cmp expect out && test_must_be_empty err &&
	test_line_count = 1 before && test_cmp before after
'

test_expect_success IPCNS,MNTNS,IPCS 'test02 with /tmp/mykeyfile: 15 attaches on Linux, removed' '
	cat >s.sh <<-\EOF &&
	: >/tmp/mykeyfile
	"$S/test02" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns_tmp s.sh &&
	test_must_be_empty err &&
	test "$(grep -c "^Successfully attached shared memory, times \[[01][0-9]\]$" out)" = 15 &&
	test_line_count = 15 out &&
	test_must_be_empty segs
'

test_expect_success IPCNS,MNTNS,IPCS,ROOT,SETPRIV 'test02 as an ordinary user: IPC_CREAT without mode bits, every shmat EACCES, exit 0' '
	cat >s.sh <<-\EOF &&
	: >/tmp/mykeyfile
	setpriv --reuid=65534 --regid=65534 --clear-groups "$S/test02" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns_tmp s.sh &&
	echo 0 >expect && test_cmp expect rc && test_must_be_empty err &&
	test "$(grep -c "^Failed to attach shared memory, times \[[01][0-9]\], errno:13$" out)" = 15 &&
	test_must_be_empty segs
'

test_expect_success IPCNS,MNTNS,IPCS 'test02 without the key file: ERRNO=2 on stdout, nothing created' '
	cat >s.sh <<-\EOF &&
	"$S/test02" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns_tmp s.sh &&
	echo "Failed to generate shared memory access key, ERRNO=2" >expect && test_cmp expect out &&
	test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'shmA + shmB: 100..119 handed over, then shmB spins forever' '
	cat >s.sh <<-\EOF &&
	. "$SAMPLES_T_HELPERS"
	gate_open a 7 8 || exit 1
	rm -f b.fifo && mkfifo b.fifo && exec 9<>b.fifo || exit 1
	SLEEPGATE=7,8 LD_PRELOAD="$SLEEPGATE_LIB" "$S/shmA" >a.out 2>a.err &
	apid=$!
	gate_wait 8 || exit 1        # created, 100 posted, shmA in its 1st sleep
	"$S/shmB" >&9 2>b.err &
	bpid=$!
	for l in 1 2 3 4 5; do read -r line <&9 && echo "$line" >>b.head; done
	gate_release 7 20            # every sleep shmA will make
	wait $apid; echo $? >a.rc
	dd bs=1 count=80 <&9 2>/dev/null >b.values   # "100 101 ... 119 "
	kill -0 $bpid && echo running >b.state       # it cannot end by itself
	kill $bpid; wait $bpid; echo $? >b.rc
	segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect a.rc &&
	test_must_be_empty a.err && test_must_be_empty b.err &&
	sed -n 2,3p a.out >a.mode && printf "%s\n" mode=600 size=12 >expect && test_cmp expect a.mode &&
	sed -n 2,3p b.head >b.mode && test_cmp expect b.mode &&
	seq -s " " 100 119 | sed "s/\$/ /" | tr -d "\n" >expect && test_cmp expect b.values &&
	echo running >expect && test_cmp expect b.state &&
	. "$SAMPLES_T_HELPERS" && test "$(signame "$(cat b.rc)")" = TERM &&
	test_must_be_empty segs
'

test_expect_success IPCNS 'shmB alone: perror, exit(-1) = status 255' '
	cat >s.sh <<-\EOF &&
	"$S/shmB" >out 2>err; echo $? >rc
	EOF
	in_ipcns s.sh &&
	echo 255 >expect && test_cmp expect rc && test_must_be_empty out &&
	echo "error: No such file or directory" >expect && test_cmp expect err
'

test_expect_success IPCNS,IPCS 'shmwrite alone: exit 0 but the segment (key 1234) is left behind' '
	cat >s.sh <<-\EOF &&
	LD_PRELOAD="$SLEEPGATE_LIB" "$S/shmwrite" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect rc && test_must_be_empty err &&
	grep "^Memory attached at 0x" out &&
	awk "{print \$1, \$4, \$5, \$6}" segs >listed && echo "0x000004d2 666 68 0" >expect && test_cmp expect listed
'

test_expect_success IPCNS,IPCS 'shmwrite then shmread: the reader sees count 50 and removes the leftover' '
	cat >s.sh <<-\EOF &&
	LD_PRELOAD="$SLEEPGATE_LIB" "$S/shmwrite" >w.out 2>w.err
	LD_PRELOAD="$SLEEPGATE_LIB" "$S/shmread" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect rc && test_must_be_empty err &&
	test "$(grep -c "^ip = 127.0.0.1 ,count: 50	" out)" = 10 &&
	test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'shmread alone: creates the segment itself, reads zeros, removes it' '
	cat >s.sh <<-\EOF &&
	LD_PRELOAD="$SLEEPGATE_LIB" "$S/shmread" >out 2>err; echo $? >rc
	. "$SAMPLES_T_HELPERS"; segments segs
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect rc && test_must_be_empty err &&
	test "$(grep -c "^ip =  ,count: 0	" out)" = 10 &&
	test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'shmread on a too-small segment: "shmget failed" but exit(0)' '
	cat >s.sh <<-\EOF &&
	"$MKSEG" 1234 16 0666 >/dev/null
	LD_PRELOAD="$SLEEPGATE_LIB" "$S/shmread" >out 2>err; echo $? >rc
	EOF
	in_ipcns s.sh &&
	echo 0 >expect && test_cmp expect rc && test_must_be_empty out &&
	echo "shmget failed" >expect && test_cmp expect err
'

test_done
