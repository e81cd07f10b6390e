#!/bin/sh
test_description='when= counts across the process tree (fork, exec) under shmfault run; scope=process per process'
. "$(dirname "$0")/../lib/test-lib.sh"

run() {
	"$SHMFAULT_BIN" run -q "$@"
}

test_expect_success 'tree-wide: the child of a fork continues the parent count' '
	run -e "shmat:error=EACCES:when=2" -- "$PROBE" shmget:private:4096:0600c shmat fork shmat shmat >actual &&
	sed 1d actual | pattern >p && echo oxo >expect && test_cmp expect p
'

test_expect_success 'tree-wide: an exec continues the count' '
	run -e "shmat:error=EACCES:when=2..3" -- "$PROBE" shmget:private:4096:0600c shmat exec shmat:0 shmat:0 exec shmat:0 >actual &&
	sed 1d actual | pattern >p && echo oxxo >expect && test_cmp expect p
'

test_expect_success 'tree-wide: fork then exec in the child' '
	run -e "shmget:error=ENOSPC:when=3" -- "$PROBE" shmget:private:4096:0600c fork shmget:private:4096:0600c \
		exec shmget:private:4096:0600c shmget:private:4096:0600c >actual &&
	pattern <actual >p && echo ooxo >expect && test_cmp expect p
'

test_expect_success 'scope=process: each process counts from zero (fork and exec)' '
	run -e "shmat:error=EACCES:when=2:scope=process" -- "$PROBE" shmget:private:4096:0600c \
		shmat fork shmat shmat exec shmat:0 shmat:0 >actual &&
	sed 1d actual | pattern >p && echo ooxox >expect && test_cmp expect p
'

test_expect_success 'library alone: counts are shared across fork' '
	in_ns env SHMFAULT="shmat:error=EACCES:when=2" LD_PRELOAD="$SHMFAULT_LIB" \
		"$PROBE" shmget:private:4096:0600c shmat fork shmat >actual &&
	sed 1d actual | pattern >p && echo ox >expect && test_cmp expect p
'

test_expect_success 'the summary counts the faults of the whole tree' '
	"$SHMFAULT_BIN" run -e "shmat:error=EACCES:when=2+" -- "$PROBE" -q shmget:private:4096:0600c \
		shmat fork shmat exec shmat:0 2>err &&
	grep "^shmfault: injected shmat EACCES x2 (rule 1 .shmat:error=EACCES:when=2+.)\$" err
'
test_done
