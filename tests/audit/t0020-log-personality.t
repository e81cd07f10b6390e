#!/bin/sh
test_description='the audit module: the log records a DEEPBIND module'"'"'s calls with their site in it; personalities apply to them'
. "$(dirname "$0")/lib-audit.sh"

# range SYMBOL: "START END" of SYMBOL in libdeepmod.so, from its symbol table.
range() {
	set -- $(nm -S --defined-only "$D/libdeepmod.so" | awk -v s="$1" '$4 == s { print $1, $2 }')
	test $# = 2 && echo $((0x$1)) $((0x$1 + 0x$2))
}

test_expect_success DEEPBIND 'run --log: the 6 calls in order, each with its site in libdeepmod.so inside deepmod_run' '
	"$SHMFAULT_BIN" run --log "$PWD/calls.jsonl" -- "$HOST" -l >out 2>err &&
	grep "\"call\":" calls.jsonl >calls &&
	sed "s/.*\"call\":\"\([a-z]*\)\".*/\1/" calls >order &&
	printf "ftok\nshmget\nshmat\nshmctl\nshmdt\nshmctl\n" >expect && test_cmp expect order &&
	sed -n "s/.*\"site\":\"libdeepmod\.so+0x\([0-9a-f]*\) (deepmod_run+0x[0-9a-f]*)\".*/\1/p" calls >offsets &&
	test $(wc -l <offsets) = 6 &&
	set -- $(range deepmod_run) && test -n "$2" &&
	while read -r off
	do
		o=$(printf "%d" "0x$off") &&
		test "$o" -ge "$1" && test "$o" -lt "$2" || return 1
	done <offsets
'

test_expect_success DEEPBIND 'run --log: an injected call is logged as injected, at its site in the module' '
	test_expect_code 1 "$SHMFAULT_BIN" run --log "$PWD/inj.jsonl" -e "shmdt:error=EINVAL:when=1" -- "$HOST" >out 2>err &&
	grep "\"call\":\"shmdt\"" inj.jsonl | head -n 1 >first &&
	grep -q "\"injected\":true" first &&
	grep -q "\"errno\":\"EINVAL\"" first &&
	grep -q "\"site\":\"libdeepmod\.so+0x[0-9a-f]* (deepmod_run+0x[0-9a-f]*)\"" first
'

# docs/personalities.md: AX1, 11 attachments per 32-bit AIX process, the
# 12th refused with EMFILE (reference/platforms.md §10).
test_expect_success DEEPBIND 'aix: 11 attachments from the module pass, the 12th is refused with EMFILE (AX1), at its site in the module' '
	"$SHMFAULT_BIN" run -p aix -- "$HOST" -a 11 >out 2>err &&
	echo "deephost: ok" >expect && test_cmp expect out &&
	test_expect_code 1 "$SHMFAULT_BIN" run -p aix -- "$HOST" -a 12 >out 2>err &&
	test "$(failing_line err)" = "deepmod: shmat: Too many open files (EMFILE)" &&
	test $(grep -c "^deepmod: shmat: ok$" err) = 11 &&
	grep -q "^shmfault: aix rule AX1 (12th attach refused, EMFILE) fired x1 at libdeepmod\.so+0x" err
'

test_expect_success DEEPBIND,IPCNS 'aix without the audit module: the module attaches 12 times (the gap the module closes)' '
	in_ns env SHMFAULT_PERSONALITY=aix LD_PRELOAD="$SHMFAULT_LIB" "$HOST" -a 12 >out 2>err &&
	echo "deephost: ok" >expect && test_cmp expect out
'

test_expect_success DEEPBIND 'posix with --limit shmseg=2: the 3rd attachment from the module is refused with EMFILE (PX6), dlsym and lazy' '
	test_expect_code 1 "$SHMFAULT_BIN" run -p posix --limit shmseg=2 -- "$HOST" -l -d -a 3 >out 2>err &&
	test "$(failing_line err)" = "deepmod: shmat: Too many open files (EMFILE)" &&
	grep -q "^shmfault: posix rule PX6 .* fired x1 at libdeepmod\.so+0x" err
'

test_done
