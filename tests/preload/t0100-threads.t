#!/bin/sh
# t0070-threads.t: the interposer under concurrent threads. build/tests/threads
# runs 8 threads released by a barrier, each calling shmat then shmdt 1000
# times; a rule shmat:error=EACCES:when=N..M must fail exactly M-N+1 of the
# 8000 shmat calls whatever the interleaving (the counters are atomic), and
# the log must hold exactly one record per call. Then the same program and a
# ThreadSanitizer build of the library (clang -fsanitize=thread), linked
# together, under several rule shapes: no report, the same exact counts.
test_description='threads: exact injection counts, one log record per call, ThreadSanitizer clean'
. "$(dirname "$0")/../lib/test-lib.sh"

THREADS="$BUILD/tests/threads"
test -x "$THREADS" && test_set_prereq THREADS_PROG

# counts RULES [ARGS]: run the thread test under RULES in a private IPC
# namespace with a log; prints "injected=K other=E".
counts() {
	rules=$1
	shift
	rm -f log.jsonl &&
	# exit status 1 when a call failed otherwise than by EACCES: other= says
	in_ns env SHMFAULT="$rules" SHMFAULT_LOG="$PWD/log.jsonl" LD_PRELOAD="$SHMFAULT_LIB" \
		"$THREADS" "$@" >out
	sed -n 's/.*\(injected=[0-9]* other=[0-9]*\).*/\1/p' out
}

# check RULES INJECTED OTHER [ARGS]
check() {
	rules=$1 want=$2 other=$3
	shift 3
	args="$*"
	test_expect_success IPCNS,THREADS_PROG "$rules ${args:+($args) }: injected=$want other=$other, 5 runs" '
		for i in 1 2 3 4 5; do
			counts "$rules" $args >got &&
			echo "injected=$want other=$other" >expect &&
			test_cmp expect got || return 1
		done
	'
}
check 'shmat:error=EACCES:when=1000..1999' 1000 0
check 'shmat:error=EACCES:when=1..8000' 8000 0
check 'shmat:error=EACCES:when=7001+' 1000 0
check 'shmat:error=EACCES:when=5..7004+7' 1000 0
check 'shmat:error=EACCES:when=4000' 1 0
check 'shmat:error=EACCES:when=1000..1999:scope=process' 1000 0
check 'shmat:error=EACCES:key=0x7e57:when=100..599' 500 0 -k 0x7e57
check 'shmdt:error=EINVAL:when=1..100;shmat:error=EACCES:when=2000..2499' 500 100
check 'shmat:error=EACCES:when=1000..1999' 1000 0 -t 16 -n 500

test_expect_success IPCNS,THREADS_PROG 'the log holds one record per call, injected ones counted exactly' '
	counts "shmat:error=EACCES:when=1000..1999" >got &&
	echo "injected=1000 other=0" >expect && test_cmp expect got &&
	# start + shmget + 8000 shmat + 7000 shmdt + shmctl
	test "$(wc -l <log.jsonl)" = 15003 &&
	test "$(grep -c "\"call\":\"shmat\"" log.jsonl)" = 8000 &&
	test "$(grep -c "\"injected\":true" log.jsonl)" = 1000 &&
	test "$(grep "\"call\":\"shmat\"" log.jsonl | grep -c "\"errno\":\"EACCES\"")" = 1000 &&
	# every record is one complete JSON object on its line
	! grep -v "^{.*}$" log.jsonl
'

test_expect_success THREADS_PROG 'under shmfault run: the same exact count, reported in the summary' '
	"$SHMFAULT_BIN" run -e "shmat:error=EACCES:when=1000..1999" -- "$THREADS" >out 2>err &&
	grep "injected=1000 other=0" out &&
	grep "shmat EACCES x1000" err
'

# ThreadSanitizer: the library's sources built with clang -fsanitize=thread
# into a shared library that the (instrumented) thread test links, so the
# wrappers interpose libc's as under LD_PRELOAD while the TSan runtime sits
# in the executable (it cannot be preloaded into an uninstrumented host).
: "${TSAN_CC:=clang}"
if command -v "$TSAN_CC" >/dev/null 2>&1 && test -x "$THREADS"; then
	src=$SHMFAULT_TOP
	mkdir -p tsan
	if "$TSAN_CC" -std=c11 -D_GNU_SOURCE -fPIC -g -O1 -I"$src/common" -I"$src/engine" -fsanitize=thread \
		-fvisibility=hidden -shared -Wl,--version-script="$src/preload/exports.map" \
		-o tsan/libshmfault.so $(ls "$src"/preload/*.c "$src"/engine/*.c "$src"/engine/personality/*.c 2>/dev/null) \
		"$src"/common/*.c -lfiu -ldl -pthread 2>tsan/build.log &&
	   "$TSAN_CC" -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=thread -o tsan/threads \
		"$src/tests/helpers/threads.c" -L"$PWD/tsan" -Wl,--no-as-needed -lshmfault \
		-Wl,-rpath,"$PWD/tsan" -pthread 2>>tsan/build.log &&
	   in_ns env SHMFAULT=shmat:error=EACCES:when=1 tsan/threads -t 2 -n 2 >/dev/null 2>>tsan/build.log
	then
		test_set_prereq TSAN
	else
		say "# no ThreadSanitizer build: $(head -3 tsan/build.log | tr '\n' ' ')"
	fi
fi

tsan_check() {
	rules=$1 want=$2
	shift 2
	args="$*"
	test_expect_success IPCNS,TSAN "TSan: $rules: no report, injected=$want" '
		rm -f log.jsonl &&
		in_ns env TSAN_OPTIONS="halt_on_error=1 exitcode=66" SHMFAULT="$rules" \
			SHMFAULT_LOG="$PWD/log.jsonl" tsan/threads $args >out 2>err &&
		! grep -q ThreadSanitizer err &&
		grep "injected=$want other=0" out
	'
}
tsan_check 'shmat:error=EACCES:when=1000..1999' 1000
tsan_check 'shmat:error=EACCES:when=1000..1999:scope=process' 1000
tsan_check 'shmat:error=EACCES:key=0x7e57:when=100..599' 500 -k 0x7e57
tsan_check 'shmat:error=EACCES:when=2+2' 4000
# threads exits 0, or 1 when a call failed otherwise than by EACCES (it
# will, under error=any); TSan's report exits 66, a crash 128+N: neither passes.
test_expect_success IPCNS,TSAN 'TSan: error=any with prob=: no report, no crash' '
	{ in_ns env TSAN_OPTIONS="halt_on_error=1 exitcode=66" SHMFAULT="all:error=any:prob=0.3" SHMFAULT_SEED=7 \
		SHMFAULT_LOG="$PWD/any.jsonl" tsan/threads >out 2>err && rc=0 || rc=$?
	} &&
	test_expect_code 1 grep -q ThreadSanitizer err &&
	test "$rc" -le 1 &&
	grep "injected=[0-9]* other=[0-9]*" out
'
test_done
