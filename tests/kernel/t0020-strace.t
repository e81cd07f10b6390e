#!/bin/sh
test_description='kernel backend: a fault injected by the supervisor gives what strace -e inject gives, case by case'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/lib/kernel.sh"

# both PROG CALL N ERRNO: the same fault through kernsup and through
# strace; the exit status and the program's verdict line must agree, and
# the supervisor must count exactly one injection.
both() {
	kns "$KERNSUP" --fail "$2:$3:$4" -- "$1" >k.out 2>k.err
	echo $? >k.status
	kns strace -f -qq -o /dev/null -e "trace=$2" -e "inject=$2:error=$4:when=$3" "$1" 2>s.err
	echo $? >s.status
	test_cmp s.status k.status &&
	tail -n 1 s.err >s.line &&
	tail -n 1 k.err >k.line &&
	test_cmp s.line k.line &&
	grep "^kernsup: notified=[0-9]* injected=1 interrupted=0 " k.out
}

cases="shmget:1:EACCES shmget:2:ENOMEM shmat:1:EINVAL shmat:2:EACCES shmdt:2:EINVAL shmdt:1:EINVAL shmctl:1:EPERM shmctl:2:EIDRM"
for prog in reach-raw reach-static; do
	for c in $cases; do
		call=${c%%:*} rest=${c#*:}
		n=${rest%%:*} err=${rest#*:}
		test_expect_success USER_NOTIF,STRACE "$prog: $call occurrence $n fails with $err as under strace" "
			both \"\$REACH/$prog\" $call $n $err
		"
	done
done

test_expect_success USER_NOTIF 'the verdict line names the errno of the C headers (not only agreement)' '
	test_expect_code 1 kns "$KERNSUP" --fail shmat:2:EACCES -- "$REACH/reach-raw" >out 2>err &&
	grep "^reach: shmat#2 failed errno=$(errno_of EACCES)\$" err &&
	grep "^kernsup: call=shmat .* state=injected verdict=EACCES who=rule 1 " out
'

test_expect_success USER_NOTIF,STRACE 'an occurrence past the last call fires nowhere, under both (exit 0, reach: ok)' '
	kns "$KERNSUP" --fail shmget:3:EACCES -- "$REACH/reach-raw" >out 2>err &&
	grep "^reach: ok" err &&
	grep "^kernsup: notified=8 injected=0 " out &&
	kns strace -f -qq -o /dev/null -e trace=shmget -e inject=shmget:error=EACCES:when=3 "$REACH/reach-raw" 2>s.err &&
	grep "^reach: ok" s.err
'

test_done
