#!/bin/sh
test_description='shmfault sweep: baseline, matrix, TAP, determinism, shards, JSON'
. "$(dirname "$0")/../lib/lib-sweep.sh"

test_expect_success SAMPLES 'careful: every case ok, failed-cleanly or recovered, exit 0' '
	"$SHMFAULT_BIN" sweep -j2 -- "$W/careful" >out 2>err &&
	head -n 1 out >first && echo "TAP version 13" >expect && test_cmp expect first &&
	grep "^# baseline: exit 0, 25 shm calls (shmget 3, shmat 6, shmdt 6, shmctl 7, ftok 3)$" out &&
	n=$(sed -n "s/^1\.\.//p" out) && test "$n" -gt 100 &&
	test $(grep -c "^ok " out) = "$n" && ! grep "^not ok" out &&
	classes_of out | awk "{print \$3}" | sort -u >cls &&
	printf "failed-cleanly\nrecovered\n" >expect && test_cmp expect cls &&
	classes_of out | grep " recovered$" >rec &&
	printf "shmctl#7 EIDRM recovered\nshmctl#7 EINVAL recovered\n" >expect && test_cmp expect rec &&
	grep "^# classes: recovered 2, failed-cleanly $((n - 2)), silent-failure 0, crashed 0, hung 0, leaked 0, not-reached 0$" out
'

test_expect_success SAMPLES 'each test: CALL#N ERRNO, the class, then a YAML block with the case' '
	sed -n "/^ok 1 - /,/^  \.\.\.$/p" out >t1 &&
	grep "^ok 1 - ftok#1 EACCES: failed-cleanly (exit 1)$" t1 &&
	grep "^  ---$" t1 && grep "^  call: ftok$" t1 && grep "^  occurrence: 1$" t1 &&
	grep "^  errno: EACCES$" t1 && grep "^  site: \"careful+0x[0-9a-f]*.*\"$" t1 &&
	grep "^  class: failed-cleanly$" t1 && grep "^  exit: 1$" t1 &&
	grep "^  stderr_tail: \"careful: .*(EACCES)\\\\n\"$" t1 &&
	grep "^  leaked: \[\]$" t1 &&
	grep "^  reproduce: \".*shmfault run -e '\''ftok:error=EACCES:when=1'\'' -- .*/careful\"$" t1
'

test_expect_success SAMPLES 'prove reads the TAP (YAML included)' '
	prove --exec cat out >prove.out 2>&1 && grep "^Result: PASS" prove.out
'

test_expect_success SAMPLES 'same TAP with -j1 and -j4' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j1 -- "$W/unchecked" >u1 &&
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j4 -- "$W/unchecked" >u4 &&
	test_cmp u1 u4 &&
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j1 -- "$W/leaky" >l1 &&
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j4 -- "$W/leaky" >l4 &&
	test_cmp l1 l4 &&
	# careful names its key (from a fresh key file inode) in its messages:
	# everything else is the same.
	"$SHMFAULT_BIN" sweep -j1 --calls shmget,shmat,shmctl -- "$W/careful" | grep -v "^  stderr_tail: " >c1 &&
	"$SHMFAULT_BIN" sweep -j4 --calls shmget,shmat,shmctl -- "$W/careful" | grep -v "^  stderr_tail: " >c4 &&
	test_cmp c1 c4
'

test_expect_success SAMPLES '--shard K/N: the slices together are the whole sweep; prove merges them' '
	"$SHMFAULT_BIN" sweep -j2 --calls shmat,shmdt -- "$W/careful" >whole &&
	for k in 1 2 3; do
		"$SHMFAULT_BIN" sweep -j2 --calls shmat,shmdt --shard $k/3 -- "$W/careful" >shard$k || return 1
	done &&
	tests_of whole >expect &&
	tests_of shard1 >actual && tests_of shard2 >>actual && tests_of shard3 >>actual &&
	test_cmp expect actual &&
	grep "^# shard 2/3: cases " shard2 &&
	prove --exec cat shard1 shard2 shard3 >prove.out 2>&1 && grep "^Result: PASS" prove.out &&
	grep "^Files=3, Tests=$(sed -n "s/^1\.\.//p" whole)," prove.out
'

test_expect_success SAMPLES '--shard with more slices than cases: empty slices are a SKIP plan' '
	"$SHMFAULT_BIN" sweep --calls shmdt --errnos EINVAL --shard 7/7 -- "$W/unchecked" >s7 &&
	grep "^1\.\.0 # SKIP" s7 || grep "^1\.\.1$" s7
'

test_expect_success SAMPLES 'a baseline that fails is a Bail out with the reason, exit 1' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -- sh -c "echo broken >&2; exit 3" >out &&
	grep "^Bail out! the baseline (no fault) failed: exit 3: broken$" out
'

test_expect_success SAMPLES 'a baseline that leaks is a Bail out under --strict-leaks (else the intended state: t0060-kept)' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep --strict-leaks -- "$PROBE" shmget:0x5eed0a01:4096:0600c >out &&
	grep "^Bail out! the baseline (no fault) leaked 1 segment (key=0x5eed0a01 " out
'

test_expect_success 'a baseline that makes no shm call: an empty plan (SKIP), exit 0' '
	"$SHMFAULT_BIN" sweep -- sh -c "exit 0" >out &&
	grep "^# baseline: exit 0, 0 shm calls$" out &&
	grep "^1\.\.0 # SKIP" out
'

test_expect_success SAMPLES 'a call the case never reaches is a SKIP (not-reached)' '
	"$SHMFAULT_BIN" sweep -j2 --calls ftok --errnos ENOENT -- \
		sh -c "test -e marker && exit 0; touch marker; exec \"\$0\"" "$W/careful" >out &&
	grep "^ok 1 - ftok#1 ENOENT: not-reached # SKIP the faulted call never happened$" out &&
	grep "^  class: not-reached$" out &&
	grep "not-reached 3$" out
'

test_expect_success SAMPLES 'a repeating call site is sampled, and the TAP says so; --max-nth' '
	"$SHMFAULT_BIN" sweep -j2 --calls shmat --errnos EMFILE -- "$W/attach_many" 40 >out &&
	classes_of out | awk "{print \$1}" | xargs echo >nths &&
	echo "shmat#1 shmat#2 shmat#3 shmat#4 shmat#5 shmat#6 shmat#7 shmat#8 shmat#16 shmat#32 shmat#40" >expect &&
	test_cmp expect nths &&
	grep "^# sampled: shmat at attach_many+0x[0-9a-f]*: 40 calls there, swept #1\.\.#8, #16, #32, #40 (11 of 40)$" out &&
	"$SHMFAULT_BIN" sweep -j2 --calls shmat --errnos EMFILE --max-nth 20 -- "$W/attach_many" 40 >out20 &&
	grep "^# not swept: shmat#21\.\.#40 (--max-nth 20)$" out20 &&
	classes_of out20 | awk "{print \$1}" | tail -n 2 | xargs echo >last &&
	echo "shmat#16 shmat#20" >expect && test_cmp expect last
'

test_expect_success SAMPLES '--errnos keeps the documented ones named; --calls selects calls' '
	"$SHMFAULT_BIN" sweep --calls shmdt,shmget --errnos EINVAL,EMFILE -- "$W/unchecked" >out &&
	classes_of out | awk "{print \$1, \$2}" >cases &&
	printf "shmget#1 EINVAL\nshmdt#1 EINVAL\n" >expect && test_cmp expect cases
'

test_expect_success SAMPLES '--format json: one JSON document with every case and the counts' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep --format json --calls shmat -- "$W/unchecked" >out.json &&
	perl -MJSON::PP -e "local \$/; my \$d = decode_json(<STDIN>);
		print scalar(@{\$d->{cases}}), \" \", \$d->{counts}{crashed}, \" \", (\$d->{ok} ? 1 : 0), \" \",
		\$d->{cases}[0]{signal}, \" \", scalar(@{\$d->{cases}[0]{leaked}}), \"\n\"" <out.json >actual &&
	echo "5 5 0 SIGSEGV 1" >expect && test_cmp expect actual
'

test_expect_success SAMPLES '-o FILE writes the report there' '
	"$SHMFAULT_BIN" sweep -o report.tap --calls shmdt -- "$W/careful" >stdout &&
	test_must_be_empty stdout && grep "^1\.\.6$" report.tap
'

test_expect_success SAMPLES 'the reproduce command reproduces the case' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep --calls shmat --errnos EINVAL -- "$W/unchecked" >out &&
	cmd=$(sed -n "s/^  reproduce: \"\(.*\)\"$/\1/p" out) &&
	test -n "$cmd" &&
	test_expect_code 139 eval "$cmd" 2>err &&
	grep "leaked segment" err
'

test_expect_success SAMPLES 'gigabytes on stderr are drained; only the tail is kept' '
	"$SHMFAULT_BIN" sweep --calls ftok --errnos ENOENT -- \
		sh -c "head -c 20000000 /dev/zero | tr \"\\\\000\" x >&2; echo >&2; exec \"\$0\"" "$W/careful" >out &&
	grep "^ok 1 - ftok#1 ENOENT: failed-cleanly (exit 1)$" out &&
	grep "^  stderr_bytes: 2000[0-9][0-9][0-9][0-9]$" out &&
	sed -n "s/^  stderr_tail: //p" out | head -n 1 | wc -c >len && test $(cat len) -lt 5000
'

# leaky leaks its segment 0x5eed0001 on any shmat failure (samples/sweep/leaky.c):
# one case per documented shmat errno (tests/lib/errnos.tsv), each leaked
# with its background sleep killed. The segments live in the case's private
# IPC namespace, which the host's ipcs cannot see: the YAML shows them.
test_expect_success SAMPLES 'nothing the program starts outlives the sweep; the leaked segment is reported' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j2 --calls shmat --timeout 2 -- \
		sh -c "sleep 7531 & exec \"\$0\"" "$W/leaky" >out &&
	n=$(documented shmat | wc -l) &&
	test $(grep -c "^not ok [0-9]* - shmat#1 E[A-Z]*: leaked (exit 1, 1 segment)$" out) = $n &&
	test $(grep -c "^\(not \)\{0,1\}ok " out) = $n &&
	test $(grep -c "^    - \"key=0x5eed0001 " out) = $n &&
	test $(grep -c "^  processes_killed: 1$" out) = $n &&
	test_expect_code 1 pgrep -f "sleep 7531"
'

test_expect_success SAMPLES,JUNIT 'JUnit: the command of docs/sweep.md' '
	test_must_fail prove --formatter TAP::Formatter::JUnit --exec "$SHMFAULT_BIN sweep -j2 --calls shmat --" "$W/unchecked" >out.xml &&
	test $(grep -c "<testcase name=\"[0-9]* - shmat#1 E[A-Z]*: crashed (SIGSEGV)\">" out.xml) = 5 &&
	grep "failures=\"5\"" out.xml &&
	grep -q "JUnit" "$SHMFAULT_TOP/docs/sweep.md" &&
	grep -q "prove --formatter TAP::Formatter::JUnit --exec .shmfault sweep" "$SHMFAULT_TOP/docs/sweep.md"
'

test_expect_success SAMPLES 'SIGTERM: the running cases are killed, their files removed, Bail out!, exit 143' '
	name=rfint$$ && cp "$W/retry_forever" ./$name && mkdir tmp &&
	{ SHMFAULT="shmget:error=EEXIST:when=2+" TMPDIR=$PWD/tmp "$SHMFAULT_BIN" sweep --timeout 60 \
		--calls shmget --errnos EEXIST -- ./$name >out & } &&
	pid=$! &&
	# the plan is printed once the baseline is over; then the case starts
	while ! grep -q "^1\.\.1$" out
	do
		kill -0 $pid || break
	done &&
	while ! pgrep -x $name >/dev/null
	do
		kill -0 $pid || break
	done &&
	kill -TERM $pid && wait $pid && rc=0 || rc=$? &&
	echo $rc >rc &&
	echo 143 >expect && test_cmp expect rc &&
	grep "^Bail out! interrupted by SIGTERM$" out &&
	! pgrep -x $name && test -z "$(ls tmp)"
'

test_expect_success SAMPLES,PERSONALITIES '-p NAME: the baseline and every case under the personality; in the reproduce command' '
	"$SHMFAULT_BIN" sweep -p aix --calls shmat --errnos EACCES -- "$W/attach_many" 3 >out &&
	grep "^# personality: aix$" out &&
	grep "^  reproduce: \".*shmfault run -e '\''shmat:error=EACCES:when=1'\'' -p aix -- .*attach_many 3\"$" out &&
	test_expect_code 1 "$SHMFAULT_BIN" sweep -p aix -- "$W/attach_many" 12 >out &&
	grep "^Bail out! the baseline (no fault) failed: exit 1: attach_many: shmat #12 of 12: Too many open files (EMFILE)$" out
'

test_expect_success SAMPLES 'progress: one line on stderr only when it is a terminal' '
	"$SHMFAULT_BIN" sweep -o r1.tap --calls shmdt -- "$W/careful" 2>err &&
	test_must_be_empty err &&
	if command -v script >/dev/null; then
		script -qec "\"$SHMFAULT_BIN\" sweep -o r2.tap --calls shmdt -- \"$W/careful\"" /dev/null >tty.out &&
		grep -a "shmfault sweep: 6/6 cases, last shmdt#[1-6] EINVAL" tty.out &&
		test "$(grep -c "^ok" r2.tap)" = 6
	fi
'

test_expect_success 'usage errors: exit 2 before anything runs' '
	test_expect_code 2 "$SHMFAULT_BIN" sweep --shard 3/2 -- sh -c "touch ran" &&
	test_expect_code 2 "$SHMFAULT_BIN" sweep --errnos EFOO -- sh -c "touch ran" &&
	test_expect_code 2 "$SHMFAULT_BIN" sweep --calls shmfoo -- sh -c "touch ran" &&
	test_expect_code 2 "$SHMFAULT_BIN" sweep --format xml -- sh -c "touch ran" &&
	test_expect_code 2 "$SHMFAULT_BIN" sweep -j 0 -- sh -c "touch ran" &&
	test_expect_code 2 "$SHMFAULT_BIN" sweep -p nosuch -- sh -c "touch ran" 2>err &&
	grep "unknown personality" err &&
	test_expect_code 2 "$SHMFAULT_BIN" sweep 2>err && grep "no command given" err &&
	! test -e ran
'

test_done
