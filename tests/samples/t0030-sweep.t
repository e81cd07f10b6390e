#!/bin/sh
test_description='samples/sweep: the sweep fixtures without faults

Each fixture, run natively in a private IPC namespace, exits 0, prints its
one documented line and leaves no segment.  Native failure paths that need
no fault injection (a taken key, a bad argument) are checked too.
'
. "$(dirname "$0")/lib-samples.sh"

W="$SAMPLES/sweep"
export W

# run_fixture NAME ARGS...: scenario running one fixture; leaves out, err, rc, segs.
run_fixture() {
	{
		printf '"$W/%s"' "$1"
		shift
		for a in "$@"; do printf ' "%s"' "$a"; done
		printf ' >out 2>err; echo $? >rc\n'
		printf '. "$SAMPLES_T_HELPERS"; segments segs\n'
	} >s.sh &&
	in_ipcns s.sh
}

# ok_run EXPECTED_LINE: exit 0, that one line on stdout, empty stderr, no segment.
ok_run() {
	echo 0 >expect && test_cmp expect rc &&
	echo "$1" >expect && test_cmp expect out &&
	test_must_be_empty err && test_must_be_empty segs
}

test_expect_success IPCNS,IPCS 'careful: 25 calls, exit 0, nothing left' '
	run_fixture careful && ok_run "careful: ok: 25 shm calls"
'

test_expect_success IPCNS,IPCS 'careful DIR: uses DIR for its key file and removes the file' '
	mkdir keydir &&
	run_fixture careful "$PWD/keydir" && ok_run "careful: ok: 25 shm calls" &&
	test -z "$(ls keydir)"
'

test_expect_success IPCNS,IPCS 'careful: an unusable DIR is reported, exit 1, nothing created' '
	run_fixture careful "$PWD/no-such-dir" &&
	echo 1 >expect && test_cmp expect rc && test_must_be_empty out &&
	grep "^careful: creating the key file: No such file or directory (ENOENT)$" err &&
	test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'careful: same result on every run (deterministic)' '
	run_fixture careful && cp out out1 &&
	run_fixture careful && test_cmp out1 out
'

test_expect_success IPCNS,IPCS 'unchecked: exit 0, nothing left' '
	run_fixture unchecked && ok_run "unchecked: ok"
'

test_expect_success IPCNS,IPCS 'leaky: exit 0, nothing left (default key 0x5eed0001)' '
	run_fixture leaky && ok_run "leaky: ok"
'

test_expect_success IPCNS,IPCS 'leaky KEY: exit 0, nothing left' '
	run_fixture leaky 0x1234abcd && ok_run "leaky: ok"
'

test_expect_success IPCNS,IPCS 'leaky: a taken key is reported (EEXIST), exit 1, the other segment untouched' '
	cat >s.sh <<-\EOF &&
	. "$SAMPLES_T_HELPERS"
	"$MKSEG" 0x5eed0001 4096 0600 >/dev/null; segments before
	"$W/leaky" >out 2>err; echo $? >rc
	segments segs
	EOF
	in_ipcns s.sh &&
	echo 1 >expect && test_cmp expect rc && test_must_be_empty out &&
	echo "leaky: shmget(IPC_CREAT|IPC_EXCL): File exists (EEXIST)" >expect && test_cmp expect err &&
	test_line_count = 1 before && test_cmp before segs
'

test_expect_success IPCNS,IPCS 'leaky: a bad KEY is a usage error (2)' '
	run_fixture leaky nokey &&
	echo 2 >expect && test_cmp expect rc && test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'retry_forever: one attempt, exit 0, nothing left' '
	run_fixture retry_forever && ok_run "retry_forever: ok after 1 attempt(s)"
'

test_expect_success IPCNS,IPCS 'retry_forever: keeps retrying while the key is taken (gated), succeeds once it is free' '
	cat >s.sh <<-\EOF &&
	. "$SAMPLES_T_HELPERS"
	"$MKSEG" 0x5eed0002 4096 0600 >/dev/null || exit 1
	gate_open g 7 8 || exit 1
	SLEEPGATE=7,8 LD_PRELOAD="$SLEEPGATE_LIB" "$W/retry_forever" >out 2>err &
	pid=$!
	gate_wait 8 || exit 1; gate_release 7    # attempt 1: EEXIST
	gate_wait 8 || exit 1; gate_release 7    # attempt 2: EEXIST
	gate_wait 8 || exit 1                    # attempt 3: EEXIST
	ipcrm -M 0x5eed0002
	gate_release 7                           # attempt 4 succeeds
	wait $pid; echo $? >rc
	segments segs
	EOF
	in_ipcns s.sh &&
	ok_run "retry_forever: ok after 4 attempt(s)"
'

test_expect_success IPCNS,IPCS 'silent: exit 0, "silent: ok", nothing left' '
	run_fixture silent && ok_run "silent: ok"
'

test_expect_success IPCNS,IPCS 'attach_many: 12 attaches by default, nothing left' '
	run_fixture attach_many && ok_run "attach_many: attached 12 times"
'

test_expect_success IPCNS,IPCS 'attach_many 1 and 200' '
	run_fixture attach_many 1 && ok_run "attach_many: attached 1 times" &&
	run_fixture attach_many 200 && ok_run "attach_many: attached 200 times"
'

test_expect_success IPCNS,IPCS 'attach_many: N out of range is a usage error (2)' '
	run_fixture attach_many 0 &&
	echo 2 >expect && test_cmp expect rc && test_must_be_empty segs
'

test_expect_success IPCNS,IPCS 'attach_after_rmid: Linux allows the second attach, exit 0, nothing left' '
	run_fixture attach_after_rmid &&
	ok_run "attach_after_rmid: second attach after IPC_RMID succeeded"
'

test_expect_success IPCNS,IPCS 'attach_after_rmid_buggy: on Linux its assumption holds, exit 0' '
	run_fixture attach_after_rmid_buggy && ok_run "attach_after_rmid_buggy: ok"
'

test_expect_success 'silent never writes to stderr (no fprintf/perror/puts to stderr in its source)' '
	! grep -n "fprintf *(stderr\|perror *(\|fputs *(\|warn *(\|err *(" "$SHMFAULT_TOP/samples/sweep/silent.c"
'

test_done
