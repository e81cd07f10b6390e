#!/bin/sh
test_description='the audit module: a sweep of a DEEPBIND host classifies every call the module makes, case by case as strace -e inject does'
. "$(dirname "$0")/lib-audit.sh"

# The module's calls, from its own source (samples/deepbind/deepmod.c, one
# attach): ftok, shmget, shmat, shmctl(IPC_STAT), shmdt, shmctl(IPC_RMID).
MODULE_CALLS="ftok#1 shmat#1 shmctl#1 shmctl#2 shmdt#1 shmget#1"

for mode in now lazy
do
	args=
	test $mode = lazy && args=-l
	test_expect_success DEEPBIND "sweep ($mode): a case for every call of the module, each classified" "
		\"\$SHMFAULT_BIN\" sweep -j2 -- \"\$HOST\" $args >sweep-$mode.tap &&
		grep -q '^# baseline: exit 0, 6 shm calls (shmget 1, shmat 1, shmdt 1, shmctl 2, ftok 1)$' sweep-$mode.tap &&
		grep -q '^1\\.\\.[1-9]' sweep-$mode.tap &&
		sed -n 's/^\\(not \\)\\{0,1\\}ok [0-9]* - \\([a-z]*#[0-9]*\\) [A-Z0-9]*: .*/\\2/p' sweep-$mode.tap | sort -u | xargs echo >cases &&
		echo \"\$MODULE_CALLS\" >expect && test_cmp expect cases &&
		! grep -q ': not-reached' sweep-$mode.tap &&
		! grep -q '^# classes: .*not-reached [1-9]' sweep-$mode.tap
	"
done

test_expect_success DEEPBIND,IPCNS 'the module makes those calls: strace counts the shm system calls of one native run' '
	in_ns strace -f -qq -o trace -e trace=shmget,shmat,shmdt,shmctl "$HOST" >/dev/null 2>&1 &&
	sed -n "s/^[0-9]* *\(shm[a-z]*\)(.*/\1/p" trace | sort | uniq -c | awk "{ print \$2, \$1 }" >counts &&
	printf "shmat 1\nshmctl 2\nshmdt 1\nshmget 1\n" >expect && test_cmp expect counts
'

test_expect_success DEEPBIND,STRACE,IPCNS 'each case: the same exit status, failing line and class as strace -e inject on the same (call, occurrence, errno)' '
	compare_sweep sweep-now.tap "$HOST" >compared &&
	test $(grep -c "" compared) = $(grep -c "^\(not \)\{0,1\}ok [0-9]* - " sweep-now.tap) &&
	grep -q "^shmctl#2 EPERM failed-cleanly (exit 1: deepmod: shmctl(IPC_RMID): Operation not permitted (EPERM))$" compared
'

test_expect_success DEEPBIND,STRACE,IPCNS 'lazy binding: the same comparison' '
	compare_sweep sweep-lazy.tap "$HOST" -l >compared &&
	test $(grep -c "" compared) = $(grep -c "^\(not \)\{0,1\}ok [0-9]* - " sweep-lazy.tap)
'

test_done
