#!/bin/sh
test_description='run: rules and libfiu points that never fired are said; --require-fire fails (issue 14 item 2)'
. "$(dirname "$0")/../lib/test-lib.sh"

# The probe (tests/helpers/probe.c) makes exactly the calls on its command
# line: what each rule matches is known from the arguments alone. 122 is
# the status shmfault(1) EXIT STATUS documents for --require-fire.
MAN="$SHMFAULT_TOP/docs/shmfault.1"

test_expect_success 'a rule for a call never made: never fired (0 matching calls)' '
	"$SHMFAULT_BIN" run -e "shmdt:error=EINVAL" -- "$PROBE" shmget:private:4096:0600c shmctl:rmid >out 2>err &&
	echo "shmfault: rule 1 '\''shmdt:error=EINVAL'\'' never fired (0 matching calls)" >expect &&
	test_cmp expect err
'

test_expect_success 'a rule that matched but when= never selected: N matching calls' '
	"$SHMFAULT_BIN" run -e "shmget:error=ENOSPC:when=5" -e "shmctl:error=EPERM" -- "$PROBE" \
		shmget:private:4096:0600c shmget:private:4096:0600c shmctl:rmid >out 2>err &&
	grep -x "shmfault: rule 1 '\''shmget:error=ENOSPC:when=5'\'' never fired (2 matching calls)" err &&
	grep "^shmfault: injected shmctl EPERM x1 (rule 2 " err &&
	! grep "rule 2 .*never fired" err
'

test_expect_success 'the exit status for --require-fire is documented in shmfault(1)' '
	sed -n "/^\.SH EXIT STATUS/,/^\.SH /p" "$MAN" >exit-status &&
	grep -x "122" exit-status && grep -- "require\\\\-fire" exit-status
'

test_expect_success '--require-fire: a rule that never fired exits 122, the command status is said' '
	test_expect_code 122 "$SHMFAULT_BIN" run --require-fire -e "shmdt:error=EINVAL" -- "$PROBE" \
		shmget:private:4096:0600c shmctl:rmid >out 2>err &&
	grep -x "shmfault: rule 1 '\''shmdt:error=EINVAL'\'' never fired (0 matching calls)" err &&
	grep -x "shmfault: exit 122 (--require-fire): 1 fault never fired; the command.s status was 0" err
'

test_expect_success '--require-fire: every rule fired, the command status stands' '
	"$SHMFAULT_BIN" run --require-fire -e "shmget:error=ENOSPC" -- "$PROBE" shmget:private:4096:0600c >out 2>err &&
	! grep "never fired" err &&
	test_expect_code 3 "$SHMFAULT_BIN" run --require-fire -e "shmget:error=ENOSPC" -- sh -c "\"\$0\" shmget:private:4096:0600c && exit 3" "$PROBE"
'

test_expect_success '--help lists --require-fire' '
	"$SHMFAULT_BIN" run --help >help && grep -- "--require-fire" help
'

test_expect_success FIU_UTILS 'an enabled libfiu point that never failed is said, and fails --require-fire' '
	fiu-run -f "" -c "enable name=posix/ipc/shm/shmdt,failinfo=22" \
		"$SHMFAULT_BIN" run -- "$PROBE" shmget:private:4096:0600c shmctl:rmid >out 2>err &&
	grep -x "shmfault: libfiu point '\''posix/ipc/shm/shmdt'\'' (FIU_ENABLE) never failed (0 shmdt calls)" err &&
	test_expect_code 122 fiu-run -f "" -c "enable name=posix/ipc/shm/shmdt,failinfo=22" \
		"$SHMFAULT_BIN" run --require-fire -- "$PROBE" shmget:private:4096:0600c shmctl:rmid >out 2>err &&
	grep "^shmfault: exit 122 (--require-fire)" err
'

test_expect_success FIU_UTILS 'a libfiu point that failed is not listed; a wildcard names only the points it covers' '
	fiu-run -f "" -c "enable name=posix/ipc/shm/shmget,failinfo=28" \
		"$SHMFAULT_BIN" run --require-fire -- "$PROBE" shmget:private:4096:0600c >out 2>err &&
	! grep "never failed" err &&
	fiu-run -f "" -c "enable name=posix/ipc/shm/*,failinfo=22" \
		"$SHMFAULT_BIN" run -- "$PROBE" shmget:private:4096:0600c >out 2>err &&
	! grep "posix/ipc/shm/shmget.*never failed" err && ! grep "posix/ipc/ftok" err &&
	grep -x "shmfault: libfiu point '\''posix/ipc/shm/shmat'\'' (FIU_ENABLE) never failed (0 shmat calls)" err
'

test_done
