#!/bin/sh
# t0020-robust.t: the runner survives the programs it runs. tests/helpers/hostile.c
# leaves forked children behind (own sessions, SIGTERM ignored), ignores
# SIGTERM, closes stdout and stderr, writes 2 GiB to stderr, hangs, or fills
# the segment table until ENOSPC. With -f it misbehaves only when a shm
# call failed, so a sweep's baseline is clean and every injected fault sets
# it off. For each: `shmfault sweep` and `shmfault run` end (bounded by
# --timeout), report the right class, and afterwards no process of the
# program is left (pgrep on the full path of a uniquely named copy) and no
# segment of its keys exists on the host (ipcs -m).
test_description='stress: the runner survives hostile programs'
. "$(dirname "$0")/../lib/test-lib.sh"

test -x "$BUILD/tests/hostile" && test_set_prereq HOSTILE

# A copy under a unique path (the trash directory holds this test's pid):
# pgrep -f on it finds only this test's processes.
HX="$PWD/hostile-robust-$$"
cp "$BUILD/tests/hostile" "$HX" 2>/dev/null

# sweep_hostile OUT TIMEOUT MODE ARGS...: sweep shmat EACCES and EINVAL (2
# cases). TIMEOUT is 2 s where the case must hang, and a margin (30 s) where
# it must end on its own: CI under load once took over 2 s to fill the
# segment table, and the case was hung, not leaked.
sweep_hostile() {
	out=$1
	t=$2
	shift 2
	"$SHMFAULT_BIN" sweep -j2 --timeout "$t" --calls shmat --errnos EACCES,EINVAL -- "$HX" -f "$@" >"$out"
}

# none_left: no process of the copy survives, no segment with key 0x5f11....
none_left() {
	if pgrep -f "$HX" >procs; then
		{ echo "still running:" && ps -o pid,ppid,stat,args -p "$(tr "\n" , <procs)0"; } | sed "s/^/# /" >&5
		return 1
	fi
	if ipcs -m | grep -i "^0x5f11" >segs; then
		{ echo "segments left on the host:" && cat segs; } | sed "s/^/# /" >&5
		return 1
	fi
}

# cases OUT: "CASE CLASS" per test line
cases() {
	sed -n 's/^\(not \)\{0,1\}ok [0-9]* - \([a-z]*#[0-9]* [A-Z]*\): \([a-z-]*\).*/\1ok \2 \3/p' "$1"
}

test_expect_success HOSTILE 'orphans: children left behind (own session, SIGTERM ignored) are killed; failed-cleanly' '
	sweep_hostile out 30 orphans 3 &&
	printf "ok shmat#1 EACCES failed-cleanly\nok shmat#1 EINVAL failed-cleanly\n" >expect &&
	cases out >got && test_cmp expect got &&
	none_left &&
	"$SHMFAULT_BIN" run --timeout 30 -- "$HX" orphans 5 2>err &&
	grep "^shmfault: processes still running after the command ended were killed$" err &&
	none_left
'

test_expect_success HOSTILE 'noterm: SIGTERM ignored, the case is hung and killed' '
	test_expect_code 1 sweep_hostile out 2 noterm &&
	printf "not ok shmat#1 EACCES hung\nnot ok shmat#1 EINVAL hung\n" >expect &&
	cases out >got && test_cmp expect got &&
	grep "^not ok 1 - shmat#1 EACCES: hung (timed out after 2 s, killed)$" out &&
	none_left &&
	test_expect_code 137 "$SHMFAULT_BIN" run --timeout 2 -- "$HX" noterm 2>err &&
	grep "^shmfault: timed out: every process of the run was killed$" err &&
	none_left
'

test_expect_success HOSTILE 'hang: the case is hung and killed' '
	test_expect_code 1 sweep_hostile out 2 hang &&
	printf "not ok shmat#1 EACCES hung\nnot ok shmat#1 EINVAL hung\n" >expect &&
	cases out >got && test_cmp expect got &&
	none_left &&
	test_expect_code 137 "$SHMFAULT_BIN" run --timeout 2 -- "$HX" hang 2>err &&
	grep "^shmfault: timed out: every process of the run was killed$" err &&
	none_left
'

test_expect_success HOSTILE 'a baseline that hangs: Bail out, nothing left' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep --timeout 2 -- "$HX" noterm >out &&
	grep "^Bail out! the baseline (no fault) timed out after 2 s$" out &&
	none_left
'

test_expect_success HOSTILE 'nostdout: stdout and stderr closed; the stderr tail is what came before' '
	sweep_hostile out 30 nostdout &&
	printf "ok shmat#1 EACCES failed-cleanly\nok shmat#1 EINVAL failed-cleanly\n" >expect &&
	cases out >got && test_cmp expect got &&
	grep "^  stderr_tail: \"hostile: shmat: Permission denied\\\\n\"$" out &&
	none_left &&
	"$SHMFAULT_BIN" run --timeout 30 -- "$HX" nostdout &&
	none_left
'

test_expect_success HOSTILE 'flood: 2 GiB on stderr, every byte counted, only the tail kept' '
	"$SHMFAULT_BIN" sweep --timeout 20 --calls shmat --errnos EACCES -- "$HX" -f flood 2147483648 >out &&
	grep "^ok 1 - shmat#1 EACCES: failed-cleanly (exit 1)$" out &&
	# 2 GiB and perror'"'"'s line "hostile: shmat: Permission denied\n" (34 bytes)
	grep "^  stderr_bytes: 2147483682$" out &&
	grep "^  stderr_tail: \"xxx" out &&
	test "$(wc -c <out)" -lt 20000 &&
	none_left
'

test_expect_success HOSTILE 'fill: the segment table filled until ENOSPC (4096 segments), leaked, all removed' '
	test "$(cat /proc/sys/kernel/shmmni)" -le 32768 &&
	test_expect_code 1 sweep_hostile out 30 fill 0x5f110000 &&
	printf "not ok shmat#1 EACCES leaked\nnot ok shmat#1 EINVAL leaked\n" >expect &&
	cases out >got && test_cmp expect got &&
	grep "^not ok 1 - shmat#1 EACCES: leaked (exit 0, [0-9]* segments)$" out &&
	none_left &&
	"$SHMFAULT_BIN" run --timeout 30 -- "$HX" fill 0x5f110000 >fout 2>err &&
	grep "^filled [0-9]* ENOSPC$" fout &&
	n=$(sed -n "s/^filled \([0-9]*\) ENOSPC$/\1/p" fout) &&
	test "$(grep -c "^shmfault: leaked segment key=0x5f11" err)" = 64 &&
	grep "^shmfault: \.\.\. and $((n - 64)) more leaked segments (removed)$" err &&
	none_left
'

test_expect_success HOSTILE 'after all of it, a plain sweep of the copy still works' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j2 --timeout 2 --calls shmat --errnos EACCES -- "$HX" -f hang >out &&
	grep "^not ok 1 - shmat#1 EACCES: hung (timed out after 2 s, killed)$" out &&
	grep -c "^\(not \)\{0,1\}ok " out >n && echo 1 >expect && test_cmp expect n &&
	none_left
'

rm -f "$HX"
test_done
