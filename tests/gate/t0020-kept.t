#!/bin/sh
test_description='gate: a native run is the baseline; what it leaves is the intended state; background rules that never fired (issue 14)'
. "$(dirname "$0")/../lib/lib-sweep.sh"

# keeper (tests/helpers/keeper.c) keeps key 0x5eed4b01, 4096 bytes, 0640.
K="$BUILD/tests/keeper"
test -x "$K" && test_set_prereq KEEPER
command -v ipcmk >/dev/null 2>&1 && test_set_prereq IPCMK

test_expect_success KEEPER 'the header names what the native run left; no personality lists it as leaked' '
	"$SHMFAULT_BIN" gate -p linux,posix -- "$K" >out 2>err &&
	grep "^# baseline (native run, no personality) left 1 segment (key=0x5eed4b01 size=4096 mode=0640): taken as the program.s intended state" out &&
	test $(grep -c "^  leaked: \[\]$" out) = 2 &&
	test $(grep -c "^  intended_left: 1$" out) = 2
'

test_expect_success KEEPER '--strict-leaks: no baseline, the segment is listed as leaked' '
	"$SHMFAULT_BIN" gate --strict-leaks -p linux -- "$K" >out 2>err &&
	! grep "^# baseline" out && ! grep "intended_left" out &&
	grep "^    - \"key=0x5eed4b01 .*size=4096 " out
'

# ipcmk(1) draws a random key for each segment; its mode defaults to 0644.
test_expect_success IPCMK 'ipcmk -M 4096: the kept segment is matched though its key changes' '
	"$SHMFAULT_BIN" gate -p linux -- ipcmk -M 4096 >out 2>err &&
	grep "^# baseline (native run, no personality) left 1 segment (key=0x[0-9a-f]* size=4096 mode=0644; its key is new at every run)" out &&
	grep "^  leaked: \[\]$" out && grep "^  intended_left: 1$" out
'

test_expect_success KEEPER 'a background rule that never fired is listed in the YAML' '
	SHMFAULT="shmdt:error=EINVAL:when=9" "$SHMFAULT_BIN" gate -p linux -- "$K" >out 2>err &&
	grep -x "  never_fired:" out &&
	grep -x "    - rule 1 '\''shmdt:error=EINVAL:when=9'\'' never fired (1 matching call)" out
'

test_done
