#!/bin/sh
test_description='the sweep plan alone (cli/sweep_plan.c through build/tests/unit/plan-test): records in, cases out'
. "$(dirname "$0")/../lib/test-lib.sh"

# Expected plans are written from docs/sweep.md and shmfault(1) SWEEP: one
# case per (occurrence, errno); at one call site the first eight occurrences,
# then the powers of two and the last; occurrences beyond --max-nth not swept;
# --shard K/N the K-th slice. EINVAL and EACCES are documented for shmget and
# shmat, EINVAL for shmdt (shmget(2), shmat(2), shmdt(2)).
PLAN="$BUILD/tests/unit/plan-test"
test -x "$PLAN" && test_set_prereq PLAN

# records CALL SITE COUNT: COUNT lines "CALL SITE"
records() {
	i=0
	while test $i -lt "$3"; do
		echo "$1 $2"
		i=$((i + 1))
	done
}

test_expect_success PLAN 'one case per occurrence and errno, in the order of the calls' '
	{ records shmget 0 2 && records shmat 1 1; } >recs &&
	"$PLAN" --errnos EINVAL,EACCES <recs >got &&
	cat >want <<-\EOF &&
	total 6 first 0 cases 6
	shmget#1 EACCES site=0
	shmget#1 EINVAL site=0
	shmget#2 EACCES site=0
	shmget#2 EINVAL site=0
	shmat#1 EACCES site=1
	shmat#1 EINVAL site=1
	EOF
	test_cmp want got
'

test_expect_success PLAN 'a busy call site: the first eight, the powers of two, the last' '
	records shmat 3 20 >recs &&
	"$PLAN" --errnos EINVAL <recs >got &&
	cat >want <<-\EOF &&
	total 10 first 0 cases 10
	shmat#1 EINVAL site=3
	shmat#2 EINVAL site=3
	shmat#3 EINVAL site=3
	shmat#4 EINVAL site=3
	shmat#5 EINVAL site=3
	shmat#6 EINVAL site=3
	shmat#7 EINVAL site=3
	shmat#8 EINVAL site=3
	shmat#16 EINVAL site=3
	shmat#20 EINVAL site=3
	EOF
	test_cmp want got
'

test_expect_success PLAN 'sampling counts per site: two sites of one call each keep their first eight' '
	{ records shmdt 1 12 && records shmdt 2 12; } >recs &&
	"$PLAN" --errnos EINVAL <recs >got &&
	grep -c "site=1\$" got >n1 && echo 9 >want9 && test_cmp want9 n1 &&
	grep -c "site=2\$" got >n2 && test_cmp want9 n2 &&
	grep "^shmdt#12 EINVAL site=1\$" got &&
	grep "^shmdt#20 EINVAL site=2\$" got &&
	test_must_fail grep "^shmdt#21 " got &&
	grep "^shmdt#24 EINVAL site=2\$" got
'

test_expect_success PLAN '--max-nth: occurrences beyond it are not swept, and counted' '
	records shmget 0 8 >recs &&
	"$PLAN" --errnos EINVAL --max-nth 5 <recs >got &&
	head -n 2 got >head &&
	printf "total 5 first 0 cases 5\nbeyond shmget 3\n" >want &&
	test_cmp want head &&
	grep "^shmget#5 EINVAL" got &&
	test_must_fail grep "^shmget#6 " got
'

test_expect_success PLAN '--calls: only those calls, their occurrence numbers unchanged' '
	{ records shmget 0 1 && records shmdt 1 1 && records shmget 0 1 && records shmdt 1 1; } >recs &&
	"$PLAN" --errnos EINVAL --calls shmdt <recs >got &&
	printf "total 2 first 0 cases 2\nshmdt#1 EINVAL site=1\nshmdt#2 EINVAL site=1\n" >want &&
	test_cmp want got
'

test_expect_success PLAN '--shard 2/3 of 9 cases: cases 4..6' '
	records shmget 0 9 >recs &&
	"$PLAN" --errnos EINVAL --shard 2/3 <recs >got &&
	printf "total 9 first 3 cases 3\nshmget#4 EINVAL site=0\nshmget#5 EINVAL site=0\nshmget#6 EINVAL site=0\n" >want &&
	test_cmp want got
'

test_expect_success PLAN 'no record: no case' '
	"$PLAN" </dev/null >got &&
	echo "total 0 first 0 cases 0" >want &&
	test_cmp want got
'

test_done
