#!/bin/sh
test_description='claims of the seed blog posts about POSIX shm and mmap, decided on Linux (docs/seed-claims.md)'
. "$(dirname "$0")/../lib/test-lib.sh"

F="$BUILD/samples/posix/fixed"
N="/shmfault-seedclaim-$$"
export F N SAMPLE_SLEEP=0
test -d /dev/shm && test -w /dev/shm && test_set_prereq DEVSHM

test_expect_success DEVSHM 'seed 001 ("shared memory has no file"): on Linux a POSIX shm object is the file /dev/shm/NAME (posix-shm.md PM-LX1; macOS keeps it out of any file system, PM-MC1)' '
	test_when_finished "rm -f /dev/shm$N" &&
	"$F/pshm_writer" "$N" &&
	test -f "/dev/shm$N" &&
	test "$(wc -c <"/dev/shm$N")" = 4096 &&
	"$F/pshm_reader" "$N" >out &&
	echo ABCDEFGHIJKLMNOPQRSTUVWXYZ >expect &&
	test_cmp expect out &&
	test ! -e "/dev/shm$N"
'

test_expect_success 'seed 004: a file mapped MAP_SHARED by one process shows the other its updates after close (map_write/map_read)' '
	"$F/map_write" rec 3 &&
	"$F/map_read" rec 1 >out &&
	echo "ip = 127.0.0.1 ,count: 3" >expect &&
	test_cmp expect out
'

test_done
