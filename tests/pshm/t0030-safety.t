#!/bin/sh
test_description='the interposer stays safe with the POSIX wrappers: many mmaps and ftruncates on ordinary files and objects, threads and fork, configured or not; errno untouched; nothing on stdout'
. "$(dirname "$0")/../lib/test-lib.sh"

ST="$BUILD/tests/pshm_stress"
test -x "$ST" && test_set_prereq STRESS

test_expect_success STRESS 'unconfigured library: pshm_stress passes' '
	mkdir -p d0 &&
	LD_PRELOAD="$SHMFAULT_LIB" "$ST" "$PWD/d0" 4 300 >out &&
	echo "pshm_stress: ok" >expect && test_cmp expect out
'

test_expect_success STRESS 'configured (a POSIX rule that never fires, a log): pshm_stress passes, stdout is the program'"'"'s only' '
	mkdir -p d1 &&
	SHMFAULT="shm_open,ftruncate,mmap,munmap:error=EIO:name=never-made" SHMFAULT_LOG="$PWD/log" \
		LD_PRELOAD="$SHMFAULT_LIB" "$ST" "$PWD/d1" 4 300 >out &&
	echo "pshm_stress: ok" >expect && test_cmp expect out &&
	grep -q "\"call\":\"shm_open\"" log &&
	test_expect_code 1 grep -q "\"injected\":true" log
'

test_expect_success STRESS 'the log records no ftruncate or mmap of a regular file (they are not ours)' '
	test_expect_code 1 grep -q "file-" log &&
	grep "\"call\":\"ftruncate\"" log >tr &&
	test_expect_code 1 grep -v "\"name\":\"/sfstress-" tr
'

test_expect_success STRESS 'under shmfault run -p macos: every object is sized once, so pshm_stress passes' '
	mkdir -p d2 &&
	"$SHMFAULT_BIN" run -q -p macos -- "$ST" "$PWD/d2" 4 200 >out &&
	echo "pshm_stress: ok" >expect && test_cmp expect out
'

test_expect_success STRESS 'the audit module also binds the POSIX calls (LD_AUDIT with the CLI): pshm_stress passes' '
	mkdir -p d3 &&
	"$SHMFAULT_BIN" run -q -e "ftruncate:error=EIO:name=never-made" -- "$ST" "$PWD/d3" 2 100 >out &&
	echo "pshm_stress: ok" >expect && test_cmp expect out
'

test_done
