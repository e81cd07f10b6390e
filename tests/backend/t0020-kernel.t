#!/bin/sh
test_description='shmfault run --backend seccomp|auto: a rule on calls the interposer cannot see fires as strace -e inject does'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/lib/kernel.sh"

command -v go >/dev/null 2>&1 && test_set_prereq GO

# both BACKEND PROG CALL N ERRNO: the same fault through shmfault run and
# through strace; exit status and the program's verdict line must agree,
# and the summary must count exactly one injection by rule 1.
both() {
	"$SHMFAULT_BIN" run --backend "$1" -e "$3:error=$5:when=$4" -- "$2" >k.out 2>k.err
	echo $? >k.status
	strace -f -qq -o /dev/null -e "trace=$3" -e "inject=$3:error=$5:when=$4" "$2" 2>s.err
	echo $? >s.status
	test_cmp s.status k.status &&
	grep "^reach: " s.err >s.line &&
	grep "^reach: " k.err >k.line &&
	test_cmp s.line k.line &&
	grep "^shmfault: injected $3 $5 x1 (rule 1 " k.err &&
	grep "; 1 failed by the supervisor\$" k.err
}

cases="shmget:1:EACCES shmget:2:ENOMEM shmat:1:EINVAL shmat:2:EACCES shmdt:2:EINVAL shmctl:1:EPERM shmctl:2:EIDRM"
for prog in reach-raw reach-static; do
	for c in $cases; do
		call=${c%%:*} rest=${c#*:}
		n=${rest%%:*} err=${rest#*:}
		test_expect_success USER_NOTIF,STRACE "$prog: $call#$n $err as under strace (--backend seccomp)" "
			both seccomp \"\$REACH/$prog\" $call $n $err
		"
	done
done

test_expect_success USER_NOTIF 'the verdict line names the errno of the C headers (auto, the default)' '
	test_expect_code 1 "$SHMFAULT_BIN" run -e shmat:error=EACCES:when=2 -- "$REACH/reach-static" 2>err &&
	grep "^reach: shmat#2 failed errno=$(errno_of EACCES)\$" err
'

test_expect_success USER_NOTIF 'key= works on a notified shmctl (the key from IPC_STAT)' '
	test_expect_code 1 "$SHMFAULT_BIN" run --backend seccomp -e shmctl:error=EPERM:key=0 -- "$REACH/reach-raw" 2>err &&
	grep "^reach: shmctl#1 failed errno=$(errno_of EPERM)\$" err &&
	"$SHMFAULT_BIN" run --backend seccomp -e shmctl:error=EPERM:key=0x1234 -- "$REACH/reach-raw" 2>err &&
	grep "^reach: ok" err
'

test_expect_success USER_NOTIF 'a process that dropped SHMFAULT from its environment is not decided (as the interposer would not)' '
	"$SHMFAULT_BIN" run --backend seccomp -e shmget:error=EACCES -- env -u SHMFAULT "$REACH/reach-raw" 2>err &&
	grep "^reach: ok" err &&
	grep "^shmfault: 8 shm system calls bypassed the interposer" err &&
	test_must_fail grep "failed by the supervisor" err
'

test_expect_success USER_NOTIF '--backend preload: the bypassing calls are reported and not faulted' '
	"$SHMFAULT_BIN" run --backend preload -e shmget:error=EACCES -- "$REACH/reach-raw" 2>err &&
	grep "^reach: ok" err &&
	grep "^shmfault: 8 shm system calls bypassed the interposer" err &&
	test_must_fail grep "failed by the supervisor" err
'

test_expect_success USER_NOTIF 'a nested supervisor: --backend seccomp fails with one line, auto falls back and says so' '
	test_expect_code 125 "$KERNSUP" -q -- "$SHMFAULT_BIN" run --backend seccomp -- "$REACH/reach-raw" >out 2>err &&
	grep "^shmfault: --backend seccomp: cannot install the seccomp filter: " err &&
	test_must_fail grep "^reach:" err &&
	"$KERNSUP" -q -- "$SHMFAULT_BIN" run -- "$REACH/reach-raw" >out 2>err &&
	grep "^reach: ok" err &&
	grep "^shmfault: bypass detection off: cannot install the seccomp filter: " err
'

test_expect_success GO 'build samples/reach/goshm.go (CGO_ENABLED=0: static)' '
	mkdir -p "$BUILD/go-cache" gopath &&
	GOCACHE="$BUILD/go-cache" GOPATH="$PWD/gopath" GOPROXY=off GOFLAGS= CGO_ENABLED=0 \
		go build -o goshm "$SHMFAULT_TOP/samples/reach/goshm.go" &&
	test_set_prereq GOSHM
'

for c in shmget:2:EACCES shmat:1:EINVAL shmdt:1:EINVAL shmctl:2:EPERM; do
	call=${c%%:*} rest=${c#*:}
	n=${rest%%:*} err=${rest#*:}
	test_expect_success USER_NOTIF,STRACE,GOSHM "goshm (RawSyscall): $call#$n $err as under strace (auto)" "
		both auto ./goshm $call $n $err
	"
done

test_done
