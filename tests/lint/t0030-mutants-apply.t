#!/bin/sh
test_description='mutants/list still applies: each snippet occurs exactly once, each killing test exists'
. "$(dirname "$0")/../lib/test-lib.sh"
# Code moves: whoever moves it retargets mutants/list (make mutants-check).

test_expect_success 'mutants/run.pl --check: every mutant applies to this tree' '
	perl "$SHMFAULT_TOP/mutants/run.pl" --check
'

test_expect_success 'at least 25 mutants (issue 17 item 5)' '
	grep -c "^id: " "$SHMFAULT_TOP/mutants/list" >n &&
	test "$(cat n)" -ge 25
'

test_expect_success 'the check fails, naming the mutant, when a snippet is not found or found twice' '
	sed "s/^from: .*/from: no such text anywhere/" "$SHMFAULT_TOP/mutants/list" >bad.list &&
	test_expect_code 1 perl "$SHMFAULT_TOP/mutants/run.pl" --check --list bad.list >out &&
	grep "mutant wrap-call-after-inject: its snippet occurs 0 times in preload/wrap.h" out &&
	printf "id: twice\ndesc: d\nfile: common/rules.c\nfrom: return NULL;\nto: return 0;\nkill: tests/preload\n" >twice.list &&
	test_expect_code 1 perl "$SHMFAULT_TOP/mutants/run.pl" --check --list twice.list >out &&
	grep "mutant twice: its snippet occurs [0-9]* times in common/rules.c (must be exactly once)" out
'

test_done
