#!/bin/sh
test_description='shmfault sweep: each sample fixture classified as samples/README.md says'
. "$(dirname "$0")/../lib/lib-sweep.sh"

# class_set FILE CALL: the classes of CALL's cases, sorted, unique.
class_set() {
	classes_of "$1" | awk -v c="$2" 'index($1, c "#") == 1 { print $3 }' | sort -u | xargs echo
}

test_expect_success SAMPLES 'unchecked: shmget failed-cleanly, shmat crashed (segment listed), shmdt failed-cleanly, IPC_RMID failed-cleanly (it reports: the fault kept the segment)' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j2 -- "$W/unchecked" >out &&
	test "$(class_set out shmget)" = failed-cleanly &&
	test "$(class_set out shmat)" = crashed &&
	test "$(class_set out shmdt)" = failed-cleanly &&
	test "$(class_set out shmctl)" = failed-cleanly &&
	grep "^not ok 9 - shmat#1 EACCES: crashed (SIGSEGV)$" out &&
	sed -n "/^not ok 9 /,/^  \.\.\.$/p" out >t9 &&
	grep "^  signal: SIGSEGV$" t9 &&
	grep "^    - \"key=0x00000000 shmid=[0-9]* size=4096 creator pid=[0-9]* nattch=0\"$" t9 &&
	grep "^ok 15 - shmctl#1 EACCES: failed-cleanly (exit 1)$" out &&
	sed -n "/^ok 15 /,/^  \.\.\.$/p" out >t15 &&
	grep "^  rmid_failed_by_fault: 1$" t15
'

test_expect_success SAMPLES 'leaky: shmget failed-cleanly; shmat, shmdt leaked (key 0x5eed0001 listed); IPC_RMID reported, failed-cleanly' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j2 -- "$W/leaky" >out &&
	test "$(class_set out shmget)" = failed-cleanly &&
	test "$(class_set out shmat)" = leaked &&
	test "$(class_set out shmdt)" = leaked &&
	test "$(class_set out shmctl)" = failed-cleanly &&
	grep "^    - \"key=0x5eed0001 shmid=[0-9]* size=4096 " out &&
	sed -n "/^ok [0-9]* - shmctl#1 EPERM/,/^  \.\.\.$/p" out >rmid &&
	grep "^  class: failed-cleanly$" rmid && grep "^  rmid_failed_by_fault: 1$" rmid
'

test_expect_success SAMPLES 'silent: silent-failure is ok with a diagnostic; IPC_RMID leaked (a failure nobody reports)' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j2 -- "$W/silent" >out &&
	test "$(class_set out shmget)" = silent-failure &&
	test "$(class_set out shmat)" = silent-failure &&
	test "$(class_set out shmdt)" = silent-failure &&
	test "$(class_set out shmctl)" = leaked &&
	grep "^ok 1 - shmget#1 EACCES: silent-failure (exit 1, nothing on stderr)$" out &&
	grep "^# shmget#1 EACCES: silent-failure: exit 1 and nothing on stderr$" out
'

test_expect_success SAMPLES 'silent --strict: silent-failure is not ok' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep --strict --calls shmat --errnos EINVAL -- "$W/silent" >out &&
	grep "^not ok 1 - shmat#1 EINVAL: silent-failure (exit 1, nothing on stderr)$" out &&
	"$SHMFAULT_BIN" sweep --calls shmat --errnos EINVAL -- "$W/silent" >out2 &&
	grep "^ok 1 - shmat#1 EINVAL: silent-failure" out2
'

test_expect_success SAMPLES 'retry_forever: one EEXIST is recovered (it retries), other errnos failed-cleanly' '
	"$SHMFAULT_BIN" sweep -j2 -- "$W/retry_forever" >out &&
	classes_of out | grep "^shmget#1 EEXIST " >eexist &&
	echo "shmget#1 EEXIST recovered" >expect && test_cmp expect eexist &&
	classes_of out | grep "^shmget#1 " | grep -v EEXIST | awk "{print \$3}" | sort -u >other &&
	echo failed-cleanly >expect && test_cmp expect other &&
	test "$(class_set out shmat)" = failed-cleanly &&
	test "$(class_set out shmdt)" = failed-cleanly &&
	test "$(class_set out shmctl)" = failed-cleanly
'

test_expect_success SAMPLES 'retry_forever with EEXIST persisting (SHMFAULT in the environment): hung, killed after --timeout' '
	SHMFAULT="shmget:error=EEXIST:when=2+" test_expect_code 1 "$SHMFAULT_BIN" sweep --timeout 2 \
		--calls shmget --errnos EEXIST -- "$W/retry_forever" >out &&
	grep "^not ok 1 - shmget#1 EEXIST: hung (timed out after 2 s, killed)$" out &&
	grep "^  class: hung$" out && grep "^  timed_out: 2$" out &&
	grep "^  reproduce: \".*run -e '\''shmget:error=EEXIST:when=1'\'' -e '\''shmget:error=EEXIST:when=2+'\'' --timeout 2 -- .*retry_forever\"$" out &&
	! pgrep -x retry_forever
'

test_expect_success SAMPLES 'attach_after_rmid_buggy: a fault on the 2nd shmat crashes, nothing leaked' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep --calls shmat --errnos EINVAL -- "$W/attach_after_rmid_buggy" >out &&
	classes_of out >cls &&
	printf "shmat#1 EINVAL failed-cleanly\nshmat#2 EINVAL crashed\n" >expect && test_cmp expect cls &&
	sed -n "/^not ok 2 /,/^  \.\.\.$/p" out | grep "^  leaked: \[\]$"
'

test_expect_success SAMPLES 'attach_after_rmid: every fault failed-cleanly but a persistent IPC_RMID (not in a sweep)' '
	"$SHMFAULT_BIN" sweep -j2 --errnos EINVAL,EPERM -- "$W/attach_after_rmid" >out &&
	classes_of out | awk "{print \$3}" | sort -u >cls &&
	echo failed-cleanly >expect && test_cmp expect cls
'

test_expect_success SAMPLES 'attach_many: every fault on shmat or shmdt failed-cleanly' '
	"$SHMFAULT_BIN" sweep -j2 --calls shmat,shmdt -- "$W/attach_many" 3 >out &&
	classes_of out | awk "{print \$3}" | sort -u >cls &&
	echo failed-cleanly >expect && test_cmp expect cls
'

test_done
