#!/bin/sh
# fuzz/run.sh SECONDS TARGET...: run each built libFuzzer target
# (build/fuzz/TARGET) for SECONDS over its seed corpus, with ASan (leak
# checking on) and UBSan; one summary line per target; exit 1 when any
# target crashed, leaked, hit undefined behaviour or timed out.
#   FUZZ_BUILD=dir   where the binaries are (default build/fuzz)
#   FUZZ_WORK=dir    where the found corpus, crashes and logs go (default
#                    FUZZ_BUILD): tests use their own, so that two runs at
#                    once do not share logs
set -u
cd "$(dirname "$0")/.."
secs=$1
shift
b=${FUZZ_BUILD:-build/fuzz}
w=${FUZZ_WORK:-$b}
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS
status=0
total=0
for t in "$@"; do
	bin=$b/$t
	test -x "$bin" || { echo "fuzz: $t: $bin not built (make fuzz-build)" >&2; status=1; continue; }
	mkdir -p "$w/corpus/$t" "$w/artifacts"
	dict=
	test -f "fuzz/$t.dict" && dict=-dict=fuzz/$t.dict
	log=$w/$t.log
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
		-print_final_stats=1 -artifact_prefix="$w/artifacts/$t-" $dict \
		"$w/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	units=$(ls "$w/corpus/$t" | wc -l)
	if [ "$rc" -ne 0 ]; then
		echo "fuzz: $t: FAILED (exit $rc) after ${execs:-?} executions; see $log:" >&2
		grep -E 'ERROR|SUMMARY|check failed|runtime error|Test unit written' "$log" | head -20 >&2
		status=1
	else
		echo "fuzz: $t: ${execs:-0} executions in ${secs}s, work corpus $units units, 0 crashes, 0 leaks"
		total=$((total + ${execs:-0}))
	fi
done
echo "fuzz: total ${total} executions"
exit $status
