#!/bin/sh
# t0010-stress.t: the interposer and the CLI under load, with exact counts.
#  - 16 threads x 10,000 shmat/shmdt under -p aix with a seeded prob= rule;
#  - 200 forked children, each inheriting 3 attachments, each allowed
#    exactly 11-3 more under -p aix;
#  - an exec chain four levels deep, a tree-wide when= across the levels.
# Bounded in time by the CLI's --timeout; no timing assertions.
test_description='stress: threads, forks and an exec chain, exact counts'
. "$(dirname "$0")/../lib/test-lib.sh"

ST="$BUILD/tests/stress_threads"
SF="$BUILD/tests/stress_fork"
test -x "$ST" && test -x "$SF" && test_set_prereq STRESS_PROGS

# field NAME FILE: the value of NAME=VALUE in the program's one-line report.
field() {
	sed -n "s/.*\<$1=\([^ ]*\).*/\1/p" "$2"
}

test_expect_success STRESS_PROGS '16 threads x 10000 shmat/shmdt, aix, prob=0.01 seed 42, at most 11 holders: counts exact, log and summary agree' '
	rm -f log.jsonl &&
	"$SHMFAULT_BIN" run --timeout 60 -p aix -e "shmat:error=EACCES:prob=0.01" --seed 42 \
		--log "$PWD/log.jsonl" -- "$ST" -t 16 -n 10000 -l 11 >out 2>err &&
	cat out &&
	test "$(field attempts out)" = 160000 &&
	inj=$(field eacces out) && ok=$(field ok out) &&
	test "$inj" -gt 0 &&
	test "$(field emfile out)" = 0 && test "$(field other out)" = 0 &&
	test "$((ok + inj))" = 160000 &&
	test "$(field maxheld out)" -le 11 &&
	grep "^shmfault: injected shmat EACCES x$inj (rule 1 " err &&
	! grep "AX1" err &&
	test "$(grep -c "\"call\":\"shmat\"" log.jsonl)" = 160000 &&
	test "$(grep -c "\"injected\":true" log.jsonl)" = "$inj" &&
	test "$(grep "\"call\":\"shmdt\"" log.jsonl | grep -c "\"errno\":null")" = "$ok" &&
	! grep -v "^{.*}$" log.jsonl
'

test_expect_success STRESS_PROGS 'the same seed replays the same number of injections' '
	"$SHMFAULT_BIN" run --timeout 60 -p aix -e "shmat:error=EACCES:prob=0.01" --seed 42 \
		-- "$ST" -t 16 -n 10000 -l 11 >out2 2>err2 &&
	test "$(field eacces out2)" = "$(field eacces out)"
'

test_expect_success STRESS_PROGS '16 threads x 10000, aix, no holder limit: EMFILE refusals counted exactly, never more than 11 held' '
	"$SHMFAULT_BIN" run --timeout 60 -p aix -e "shmat:error=EACCES:prob=0.01" --seed 7 \
		-- "$ST" -t 16 -n 10000 >out 2>err &&
	cat out err &&
	inj=$(field eacces out) && mf=$(field emfile out) && ok=$(field ok out) &&
	test "$(field other out)" = 0 &&
	test "$((ok + inj + mf))" = 160000 &&
	test "$(field maxheld out)" -le 11 &&
	grep "^shmfault: injected shmat EACCES x$inj (rule 1 " err &&
	if test "$mf" -gt 0; then
		grep "^shmfault: aix rule AX1 (12th attach refused, EMFILE) fired x$mf at " err
	else
		! grep AX1 err
	fi
'

test_expect_success STRESS_PROGS '200 forked children under aix, the parent holding 3: each attaches exactly 8 more, then EMFILE' '
	rm -f log.jsonl &&
	"$SHMFAULT_BIN" run --timeout 60 -p aix --log "$PWD/log.jsonl" -- "$SF" -c 200 -k 3 >out 2>err &&
	echo "children=200 held=3 counts=8 errno=EMFILE" >expect &&
	test_cmp expect out &&
	grep "^shmfault: aix rule AX1 (12th attach refused, EMFILE) fired x200 at " err &&
	# per process in the log: the parent 3 attaches, each child 8 and one AX1
	grep "\"call\":\"shmat\"" log.jsonl |
		sed -n "s/.*\"pid\":\([0-9]*\),.*\"errno\":\([a-zA-Z\"]*\),.*/\1 \2/p" |
		awk "{ if (\$2 == \"null\") ok[\$1]++; else bad[\$1]++; seen[\$1] = 1 }
		     END { for (p in seen) print ok[p] + 0, bad[p] + 0 }" | sort | uniq -c |
		awk "{ print \$1, \$2, \$3 }" >got &&
	printf "1 3 0\n200 8 1\n" >expect &&
	test_cmp expect got &&
	test "$(grep -c "\"rule\":\"AX1\"" log.jsonl)" = 200
'

test_expect_success STRESS_PROGS '200 forked children, the parent holding 0 or 11: 11 or 0 more each' '
	"$SHMFAULT_BIN" run --timeout 60 -p aix -- "$SF" -c 200 -k 0 >out 2>/dev/null &&
	echo "children=200 held=0 counts=11 errno=EMFILE" >expect && test_cmp expect out &&
	"$SHMFAULT_BIN" run --timeout 60 -p aix -- "$SF" -c 200 -k 11 >out 2>/dev/null &&
	echo "children=200 held=11 counts=0 errno=EMFILE" >expect && test_cmp expect out
'

test_expect_success 'exec chain four levels deep: when=3..5 counts across every level' '
	"$SHMFAULT_BIN" run --timeout 30 -e "shmat:error=EACCES:when=3..5" -- "$PROBE" \
		shmget:0x5ee0:4096:c shmat shmdt shmat shmdt exec shmget:0x5ee0:4096:c \
		shmat shmdt shmat shmdt exec shmget:0x5ee0:4096:c \
		shmat shmdt shmat shmdt exec shmget:0x5ee0:4096:c \
		shmat shmdt shmat shmdt >out 2>err &&
	grep "^shmat" out | pattern >got &&
	echo oo >expect && echo xx >>expect && echo xo >>expect && echo oo >>expect &&
	tr -d "\n" <expect >e2 && echo >>e2 &&
	test_cmp e2 got &&
	test "$(grep -c "^shmat" out)" = 8 &&
	grep "^shmfault: injected shmat EACCES x3 (rule 1 " err
'

test_expect_success 'exec chain four levels deep under scope=process: when=2 fires once in each level' '
	"$SHMFAULT_BIN" run --timeout 30 -e "shmat:error=EACCES:when=2:scope=process" -- "$PROBE" \
		shmget:0x5ee0:4096:c shmat shmdt shmat shmdt exec shmget:0x5ee0:4096:c \
		shmat shmdt shmat shmdt exec shmget:0x5ee0:4096:c \
		shmat shmdt shmat shmdt exec shmget:0x5ee0:4096:c \
		shmat shmdt shmat shmdt >out 2>err &&
	echo oxoxoxox >expect &&
	grep "^shmat" out | pattern >got &&
	test_cmp expect got &&
	grep "^shmfault: injected shmat EACCES x4 (rule 1 " err
'

test_done
