#!/bin/sh
test_description='the common path: a personality adds no system call to a shmat+shmdt loop, nor to IPC_STAT (strace counts, no timing)'
. "$(dirname "$0")/../lib/test-lib.sh"
PP="$BUILD/tests/pers-probe"

# LeakSanitizer cannot run under ptrace (SANITIZE=address builds)
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
export ASAN_OPTIONS

command -v strace >/dev/null 2>&1 && strace -f -qq -c -e trace=shmat true >/dev/null 2>&1 && test_set_prereq STRACE

# calls PERS OPS...: "shmget=N shmat=N shmdt=N shmctl=N" made by the probe under the run
calls() {
	pers=$1
	shift
	"$SHMFAULT_BIN" run -q -p "$pers" -- strace -f -qq -c -o counts -e trace=shmget,shmat,shmdt,shmctl "$PP" "$@" >/dev/null &&
	for c in shmget shmat shmdt shmctl; do
		printf "%s=%s " $c $(awk -v c=$c '$NF == c { print $4; f = 1 } END { if (!f) print 0 }' counts)
	done && echo
}

for p in linux posix aix aix64 hpux hpux32 solaris solaris9 freebsd freebsd-strict macos; do
	test_expect_success STRACE "$p: 200 shmat+shmdt and 200 IPC_STAT make 200 of each call, nothing more" "
		calls $p get:private:4096:0600c repeat:200:atdt repeat:200:stat >actual &&
		# one shmget, plus at most one lookup and SHM_INFO for the creating shmget
		sed 's/shmctl=20[0-2]/shmctl=OK/' actual >a2 &&
		echo 'shmget=1 shmat=200 shmdt=200 shmctl=OK ' >expect &&
		test_cmp expect a2
	"
done

test_expect_success STRACE,IPCNS 'the library alone (no state file) asks the kernel once per shmat for post-IPC_RMID personalities' '
	in_ns env SHMFAULT_PERSONALITY=posix LD_PRELOAD="$SHMFAULT_LIB" strace -f -qq -c -o counts -e trace=shmctl "$PP" get:private:4096:0600c repeat:50:atdt >/dev/null &&
	awk "\$NF == \"shmctl\" { print \$4 }" counts >n && echo 50 >expect && test_cmp expect n
'

test_done
