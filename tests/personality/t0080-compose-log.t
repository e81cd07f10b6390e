#!/bin/sh
test_description='personalities and fault rules compose; every rule that fires is logged with personality, rule id and site, and counted in the summary'
. "$(dirname "$0")/../lib/test-lib.sh"

test_expect_success 'a SHMFAULT rule fires on top of a personality; its failure takes no slot' '
	"$SHMFAULT_BIN" run -q -p aix -e shmat:error=EACCES:when=3 -- "$PROBE" shmget:private:4096:0600c repeat:13:shmat >out &&
	sed 1d out | cut -d" " -f3 | xargs >actual &&
	echo "ENOTTY ENOTTY EACCES ENOTTY ENOTTY ENOTTY ENOTTY ENOTTY ENOTTY ENOTTY ENOTTY ENOTTY EMFILE" >expect &&
	test_cmp expect actual
'

test_expect_success 'when both refuse, the personality wins, and the rule still counts the call' '
	"$SHMFAULT_BIN" run -p aix -e shmat:error=ENOMEM:when=12+ --log "$PWD/log" -- "$PROBE" shmget:private:4096:0600c repeat:14:shmat >out 2>err &&
	sed 1d out | cut -d" " -f3 | xargs >actual &&
	echo "ENOTTY ENOTTY ENOTTY ENOTTY ENOTTY ENOTTY ENOTTY ENOTTY ENOTTY ENOTTY ENOTTY EMFILE EMFILE EMFILE" >expect &&
	test_cmp expect actual &&
	grep "^shmfault: aix rule AX1 (12th attach refused, EMFILE) fired x3 at probe+0x" err &&
	! grep "^shmfault: injected .*(rule 1 " err &&
	grep -x "shmfault: rule 1 .shmat:error=ENOMEM:when=12+. never fired (14 matching calls; the personality refused 3 of those calls first)" err
'

test_expect_success 'the log record names the personality, the rule id and the call site' '
	grep "\"errno\":\"EMFILE\"" log >refused &&
	test $(wc -l <refused) = 3 &&
	test_expect_code 1 grep -v "\"by\":\"personality\",\"personality\":\"aix\",\"rule\":\"AX1\"" refused &&
	test_expect_code 1 grep -v "\"site\":\"probe+0x" refused &&
	grep "\"personality\":\"aix\"" log | head -1 | grep "\"event\":\"start\""
'

test_expect_success 'a rule fires where the personality does not refuse (linux: the rule alone)' '
	"$SHMFAULT_BIN" run -q -p linux -e shmat:error=ENOMEM:when=12 -- "$PROBE" shmget:private:4096:0600c repeat:12:shmat >out &&
	tail -1 out | grep "^shmat -1 ENOMEM$"
'

test_expect_success 'composition with a key= rule and post-IPC_RMID refusal' '
	"$SHMFAULT_BIN" run -q -p posix -e shmctl:error=EACCES:cmd=IPC_STAT -- "$PROBE" shmget:0x5eed:4096:0600c shmat shmctl:stat shmctl:rmid shmctl:stat >out &&
	cut -d" " -f2,3 out | xargs >actual &&
	echo "ok ENOTTY ok ENOTTY -1 EACCES ok ENOTTY -1 EINVAL" >expect &&
	test_cmp expect actual
'

test_expect_success 'the summary counts per rule id, with the first site, across the process tree' '
	"$SHMFAULT_BIN" run -p macos -- "$PROBE" shmget:private:4096:0600c repeat:9:shmat fork repeat:2:shmat exec shmget:private:4096:0600c repeat:9:shmat >out 2>err &&
	grep "^shmfault: macos rule MC1 (9th attach refused, EMFILE) fired x4 at probe+0x[0-9a-f]*" err &&
	test $(grep -c " rule MC1 " err) = 1
'

test_expect_success 'a personality modification is logged too (freebsd IPC_STAT: FB4)' '
	rm -f log &&
	"$SHMFAULT_BIN" run -q -p freebsd --log "$PWD/log" -- "$PROBE" shmget:private:100:0600c shmctl:stat >out &&
	grep "\"call\":\"shmctl\"" log | grep "\"by\":\"personality\",\"personality\":\"freebsd\",\"rule\":\"FB4\""
'

test_expect_success 'FB10 (opt-in): every call in a jail without sysvshm gets ENOSYS' '
	SHMFAULT_OPTIONS=jail "$SHMFAULT_BIN" run -q -p freebsd -- "$PROBE" shmget:private:4096:0600c shmat:0 shmctl:stat:0 shmdt:bad ftok:/:1 >out &&
	cut -d" " -f2,3 out | sort -u >actual && echo "-1 ENOSYS" >expect && test_cmp expect actual &&
	"$SHMFAULT_BIN" run -q -p freebsd -- "$PROBE" shmget:private:4096:0600c >out &&
	grep "^shmget ok" out
'

test_expect_success 'options alone (no personality) act on linux: GT1' '
	: >kf &&
	SHMFAULT_OPTIONS=ftok-inode-reuse "$SHMFAULT_BIN" run -p linux -- "$PROBE" ftok:kf:1 >out 2>err &&
	grep "^shmfault: linux rule GT1 " err
'

test -x "$BUILD/samples/test02" && test_set_prereq SEED_TEST02

test_expect_success SEED_TEST02 'the seed test02 (15 attaches of one segment) trips AX1, MC1 and HP1 where it attaches' '
	: >/tmp/mykeyfile &&
	"$SHMFAULT_BIN" run -p linux -- "$BUILD/samples/test02" >out 2>err &&
	test $(grep -c "^Successfully attached" out) = 15 &&
	"$SHMFAULT_BIN" run -p aix -- "$BUILD/samples/test02" >out 2>err &&
	test $(grep -c "^Successfully attached" out) = 11 &&
	grep "^shmfault: aix rule AX1 (12th attach refused, EMFILE) fired x4 at test02+0x" err &&
	"$SHMFAULT_BIN" run -p macos -- "$BUILD/samples/test02" >out 2>err &&
	grep "^shmfault: macos rule MC1 (9th attach refused, EMFILE) fired x7 at test02+0x" err &&
	"$SHMFAULT_BIN" run -p hpux -- "$BUILD/samples/test02" >out 2>err &&
	test $(grep -c "^Successfully attached" out) = 1 &&
	grep "^shmfault: hpux rule HP1 (second attach of the same segment refused, EINVAL) fired x14 at test02+0x" err
'

test_done
