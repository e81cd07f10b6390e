#!/bin/sh
test_description='shmfault sweep of programs the interposer cannot see: every class equals what strace -e inject gives, case by case'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/lib/kernel.sh"

# strace_class PROG CALL N ERRNO: the class of the same fault under strace,
# from its exit status and the segments left in a private IPC namespace
# (reach.c prints a verdict line on every path, so never silent):
# exit 0 and none left: recovered; else a segment left: leaked; else
# failed-cleanly. A segment whose IPC_RMID the fault failed is kept by the
# fault, not leaked by the program (the classification rule of every
# sweep: "kept segment ... not a leak"; every shmctl of
# reach.c is an IPC_RMID): one fewer when the faulted call is shmctl.
strace_class() {
	in_ns sh -c '
		strace -f -qq -o /dev/null -e "trace=$2" -e "inject=$2:error=$4:when=$3" "$1" 2>/dev/null
		rc=$?
		left=$(ipcs -m | grep -c "^0x")
		if test "$2" = shmctl && test "$left" -gt 0; then left=$((left - 1)); fi
		if test "$left" -gt 0; then echo leaked
		elif test "$rc" = 0; then echo recovered
		else echo failed-cleanly
		fi' sh "$@"
}

# classes_of TAP: "call#n ERRNO: class" per case, as shmfault sweep says.
classes_of() {
	sed -n "s/^\(not \)*ok [0-9]* - \([a-z]*#[0-9]* [A-Z0-9]*\): \([a-z-]*\).*/\2: \3/p" "$1"
}

# expected_of CLASSES PROG: the same cases, classed by strace.
expected_of() {
	while read -r case cls; do
		call=${case%%#*} rest=${case#*#}
		n=${rest%% *}
		err=${cls%:}
		echo "$call#$n $err: $(strace_class "$2" "$call" "$n" "$err")"
	done <"$1"
}

for prog in reach-static reach-raw; do
	test_expect_success USER_NOTIF,STRACE,IPCNS "$prog: sweep classes equal strace's, case by case" "
		test_expect_code 1 \"\$SHMFAULT_BIN\" sweep -- \"\$REACH/$prog\" >$prog.tap 2>$prog.err &&
		grep '^# shmfault: 8 shm system calls bypassed the interposer' $prog.tap &&
		classes_of $prog.tap >$prog.ours &&
		test \$(wc -l <$prog.ours) -gt 20 &&
		sed 's/: [a-z-]*\$//' $prog.ours | sed 's/ / /' >$prog.cases &&
		expected_of $prog.cases \"\$REACH/$prog\" >$prog.strace &&
		test_cmp $prog.strace $prog.ours
	"
done

test_done
