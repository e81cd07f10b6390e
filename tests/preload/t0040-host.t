#!/bin/sh
test_description='the interposer never breaks its host: errno, stdout, exports, passthrough'
. "$(dirname "$0")/../lib/test-lib.sh"

test_expect_success IPCNS 'errno untouched by successful calls (with rules, log, libfiu on)' '
	in_ns env SHMFAULT="shmat:error=EACCES:when=100" SHMFAULT_LOG="$PWD/log" FIU_ENABLE="" SHMFAULT_FIU=1 \
		LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" shmget:0x99:4096:0600c shmget:0x99:0:0600 shmat shmat:0:ro \
		shmctl:stat shmdt shmctl:rmid ftok:/:1 >actual &&
	! grep -v " ok ENOTTY\$" actual &&
	test $(wc -l <actual) = 8
'

test_expect_success IPCNS 'errno untouched without any configuration' '
	in_ns env LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" shmget:private:4096:0600c shmat shmdt shmctl:rmid ftok:/:1 >actual &&
	! grep -v " ok ENOTTY\$" actual
'

test_expect_success IPCNS 'a real failure keeps the real errno' '
	in_ns env SHMFAULT="shmat:error=EACCES:when=100" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" \
		shmget:0x12:4096:0600 shmctl:stat:99999 shmdt:bad ftok:/nonexistent/x:1 >actual &&
	printf "shmget -1 ENOENT\nshmctl -1 EINVAL\nshmdt -1 EINVAL\nftok -1 ENOENT\n" >expect &&
	test_cmp expect actual
'

test_expect_success IPCNS 'nothing written to stdout by the library' '
	in_ns env SHMFAULT="all:error=any:prob=0.5" SHMFAULT_LOG="$PWD/log2" SHMFAULT_SEED=1 \
		LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" -q shmget:private:4096:0600c shmat shmdt ftok:/:1 >out &&
	test_must_be_empty out &&
	test_expect_code 125 in_ns env SHMFAULT="shmat:error=EBOGUS" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" -q >out2 2>err &&
	test_must_be_empty out2 && test $(wc -l <err) = 1
'

test_expect_success 'only the wrapped symbols are exported (System V five, POSIX shm eight, memfd_create)' '
	nm -D --defined-only "$SHMFAULT_LIB" | awk "{print \$3}" | sort >actual &&
	printf "%s\n" ftok ftruncate ftruncate64 memfd_create mmap mmap64 munmap shm_open shm_unlink shmat shmctl shmdt shmget | sort >expect &&
	test_cmp expect actual
'

test_expect_success 'libfiu is linked dynamically (one instance serves fiu-run and us)' '
	readelf -d "$SHMFAULT_LIB" | grep -q "NEEDED.*libfiu\.so" &&
	nm "$SHMFAULT_LIB" >syms &&
	test_expect_code 1 grep -q " T fiu_fail" syms
'

test_expect_success 'the library leaves other IPC alone (fakeroot-sysv uses msgget)' '
	nm -D "$SHMFAULT_LIB" >dsyms &&
	test_expect_code 1 grep -E " T (msg|sem)" dsyms
'
test_done
