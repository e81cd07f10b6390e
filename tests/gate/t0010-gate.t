#!/bin/sh
test_description='shmfault gate: CMD under each personality, the platform rules that fired'
. "$(dirname "$0")/../lib/lib-sweep.sh"

test_expect_success SAMPLES 'linux: ok, no rule fired, exit 0' '
	"$SHMFAULT_BIN" gate -p linux -- "$W/attach_many" >out &&
	grep "^1\.\.1$" out && grep "^ok 1 - linux: exit 0$" out &&
	grep "^  fired: \[\]$" out &&
	grep "^# gate: 1 of 1 personalities passed$" out
'

test_expect_success SAMPLES,PERSONALITIES 'attach_many fails under aix (AX1, 12th attach, EMFILE), macos (9th) and hpux (2nd)' '
	test_expect_code 1 "$SHMFAULT_BIN" gate -p linux,aix,macos,hpux -- "$W/attach_many" >out &&
	grep "^ok 1 - linux: exit 0$" out &&
	grep "^not ok 2 - aix: exit 1; rule AX1 refused the 12th attach at attach_many+0x[0-9a-f]* with EMFILE$" out &&
	grep "^not ok 3 - macos: exit 1; rule MC1 refused the 9th attach at attach_many+0x[0-9a-f]* with EMFILE$" out &&
	grep "^not ok 4 - hpux: exit 1; rule HP1 refused the 2nd attach at attach_many+0x[0-9a-f]* with EINVAL$" out &&
	sed -n "/^not ok 2 /,/^  \.\.\.$/p" out >aix &&
	grep "^  diagnostic: \"aix: rule AX1 refused the 12th attach at attach_many+0x[0-9a-f]* with EMFILE\"$" aix &&
	grep "^    - rule: AX1$" aix && grep "^      call: shmat$" aix && grep "^      occurrence: 12$" aix &&
	grep "^      errno: EMFILE$" aix && grep "^      site: \"attach_many+0x[0-9a-f]*\"$" aix &&
	grep "^  output_tail: \"attach_many: shmat #12 of 12: Too many open files (EMFILE)\\\\n\"$" aix &&
	grep "^  reproduce: \".*shmfault run -p aix -- .*attach_many\"$" aix &&
	grep "^# gate: 1 of 4 personalities passed; failed: aix, macos, hpux$" out
'

test_expect_success SAMPLES,PERSONALITIES 'careful passes under the platforms that allow a segment attached twice' '
	"$SHMFAULT_BIN" gate -p linux,posix,aix,aix64,solaris,freebsd,freebsd-strict,macos -- "$W/careful" >out &&
	test $(grep -c "^ok " out) = 8 && ! grep "^not ok" out
'

test_expect_success SAMPLES,PERSONALITIES 'careful under hpux: HP1 refuses the second attach of a segment' '
	test_expect_code 1 "$SHMFAULT_BIN" gate -p hpux -- "$W/careful" >out &&
	grep "^not ok 1 - hpux: exit 1; rule HP1 refused the 2nd attach at careful+0x[0-9a-f]* with EINVAL$" out
'

test_expect_success SAMPLES,PERSONALITIES 'attach_after_rmid: ok on linux and freebsd, refused (EINVAL) on macos, solaris, hpux' '
	test_expect_code 1 "$SHMFAULT_BIN" gate -p linux,freebsd,macos,solaris,hpux -- "$W/attach_after_rmid" >out &&
	grep "^ok 1 - linux: exit 0$" out && grep "^ok 2 - freebsd: exit 0$" out &&
	grep "^not ok 3 - macos: exit 1; rule [A-Z]*[0-9]* refused the 2nd attach at .* with EINVAL$" out &&
	grep "^not ok 4 - solaris: exit 1; rule [A-Z]*[0-9]* refused the 2nd attach at .* with EINVAL$" out &&
	grep "^not ok 5 - hpux: exit 1; rule [A-Z]*[0-9]* refused the 2nd attach at .* with EINVAL$" out
'

test_expect_success SAMPLES,PERSONALITIES 'attach_after_rmid_buggy: killed by SIGSEGV under macos' '
	test_expect_code 1 "$SHMFAULT_BIN" gate -p linux,macos -- "$W/attach_after_rmid_buggy" >out &&
	grep "^ok 1 - linux: exit 0$" out &&
	grep "^not ok 2 - macos: killed by SIGSEGV; rule [A-Z]*[0-9]* refused the 2nd attach at .* with EINVAL$" out &&
	grep "^  signal: SIGSEGV$" out
'

test_expect_success SAMPLES '-p all: one test per known personality, in the order of shmfault list' '
	test_expect_code 1 "$SHMFAULT_BIN" gate -p all -j2 -- "$W/attach_after_rmid" >out &&
	"$SHMFAULT_BIN" list | sed -n "s/^personalities: //p" | tr -d " " | tr "," "\n" >expect &&
	sed -n "s/^\(not \)\{0,1\}ok [0-9]* - \([a-z0-9-]*\): .*/\2/p" out >actual &&
	test_cmp expect actual &&
	grep "^1\.\.$(wc -l <expect)$" out
'

test_expect_success SAMPLES 'same TAP with -j1 and -j4; prove reads it' '
	test_expect_code 1 "$SHMFAULT_BIN" gate -p all -j1 -- "$W/attach_many" >j1 &&
	test_expect_code 1 "$SHMFAULT_BIN" gate -p all -j4 -- "$W/attach_many" >j4 &&
	test_cmp j1 j4 &&
	test_expect_code 1 prove --exec cat j1 >prove.out 2>&1 &&
	grep "^Files=1, Tests=$(sed -n "s/^1\.\.//p" j1)," prove.out
'

test_expect_success 'a command that fails: not ok with its exit status and output tail' '
	test_expect_code 1 "$SHMFAULT_BIN" gate -p linux -- sh -c "echo on stdout; echo on stderr >&2; exit 4" >out &&
	grep "^not ok 1 - linux: exit 4$" out &&
	grep "^  output_tail: \"on stdout\\\\non stderr\\\\n\"$" out
'

test_expect_success 'usage errors: exit 2' '
	test_expect_code 2 "$SHMFAULT_BIN" gate -- sh -c "touch ran" 2>err && grep "no personality given" err &&
	test_expect_code 2 "$SHMFAULT_BIN" gate -p linux,nosuch -- sh -c "touch ran" 2>err &&
	grep "unknown personality .nosuch." err &&
	test_expect_code 2 "$SHMFAULT_BIN" gate -p linux 2>err && grep "no command given" err &&
	! test -e ran
'

test_done
