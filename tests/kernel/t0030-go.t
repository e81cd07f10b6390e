#!/bin/sh
test_description='kernel backend: a Go program using syscall.RawSyscall, built here'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/lib/kernel.sh"

command -v go >/dev/null 2>&1 && test_set_prereq GO

# No network and no writes outside the build tree: a cache of our own,
# reused across runs (the first build compiles Go's runtime).
test_expect_success GO 'build samples/reach/goshm.go (CGO_ENABLED=0: static)' '
	mkdir -p "$BUILD/go-cache" gopath &&
	GOCACHE="$BUILD/go-cache" GOPATH="$PWD/gopath" GOPROXY=off GOFLAGS= CGO_ENABLED=0 \
		go build -o goshm "$SHMFAULT_TOP/samples/reach/goshm.go" &&
	test_set_prereq GOSHM
'

test_expect_success USER_NOTIF,GOSHM 'every RawSyscall shm call is notified, at a site inside the Go binary' '
	kns "$KERNSUP" -- ./goshm >out 2>err &&
	grep "^reach: ok" err &&
	test $(grep -c "^kernsup: call=.* site=goshm+0x" out) = 8 &&
	grep "^kernsup: notified=8 injected=0 " out
'

# The same (call, occurrence, errno) through kernsup and strace.
both() {
	kns "$KERNSUP" --fail "$1:$2:$3" -- ./goshm >k.out 2>k.err
	echo $? >k.status
	kns strace -f -qq -o /dev/null -e "trace=$1" -e "inject=$1:error=$3:when=$2" ./goshm 2>s.err
	echo $? >s.status
	test_cmp s.status k.status &&
	tail -n 1 s.err >s.line &&
	tail -n 1 k.err >k.line &&
	test_cmp s.line k.line &&
	grep "^reach: $1#$2 failed errno=$(errno_of "$3")\$" k.line &&
	grep "^kernsup: notified=[0-9]* injected=1 interrupted=0 " k.out
}

for c in shmget:2:EACCES shmat:1:ENOMEM shmdt:2:EINVAL shmctl:1:EPERM; do
	call=${c%%:*} rest=${c#*:}
	n=${rest%%:*} err=${rest#*:}
	test_expect_success USER_NOTIF,GOSHM,STRACE "Go: $call occurrence $n fails with $err as under strace" "
		both $call $n $err
	"
done

test_done
