#!/bin/sh
test_description='samples/posix: seed 004 map_write/map_read and the POSIX-shm writer/reader, buggy and fixed, run natively

Writer then reader see the data (SAMPLE_SLEEP=0: no pacing). Failures are
forced without injection: a name taken (O_EXCL gives EEXIST, posix-shm.md
PM-PX2), an object uid 65534 may not open (EACCES, PM-PX2), an object or
file with no size (reads past the end raise SIGBUS, PM-PX8/PM-LX11),
/dev/null as the mapped file (ftruncate EINVAL, mmap ENODEV). The buggy
programs die of a signal there; the fixed ones exit 1 with a diagnostic
that names the call and the errno, and leave nothing behind.
'
. "$(dirname "$0")/lib-samples.sh"

P="$SAMPLES/posix"
F="$SAMPLES/posix/fixed"
export P F SAMPLE_SLEEP=0
# names in the host's /dev/shm (no private mount namespace): unique per run
N="/shmfault-sample-t-$$"
export N
command -v setpriv >/dev/null 2>&1 && test "$(id -u)" = 0 && test_set_prereq SETPRIV
test -d /dev/shm && test -w /dev/shm && test_set_prereq DEVSHM

# status of a command as a word: exit N, or the signal name
status_of() {
	"$@"
	st=$?
	case $st in
	135) echo SIGBUS ;;
	139) echo SIGSEGV ;;
	*) echo "exit $st" ;;
	esac
}

test_expect_success 'map_write then map_read (as written): the reader sees the record' '
	"$P/map_write" rec 5 &&
	"$P/map_read" rec 2 >out &&
	printf "ip = 127.0.0.1 ,count: 5\nip = 127.0.0.1 ,count: 5\n" >expect &&
	test_cmp expect out
'

test_expect_success 'map_write then map_read (fixed): the reader sees the record' '
	"$F/map_write" rec2 7 &&
	"$F/map_read" rec2 1 >out &&
	echo "ip = 127.0.0.1 ,count: 7" >expect &&
	test_cmp expect out
'

test_expect_success 'map_read of an empty file: as written SIGBUS, fixed exit 1 with the sizes' '
	: >empty &&
	status_of "$P/map_read" empty 1 >st.bug 2>/dev/null &&
	echo SIGBUS >expect && test_cmp expect st.bug &&
	test_expect_code 1 "$F/map_read" empty 1 2>err &&
	grep "^map_read: empty: 0 bytes, a record needs 68" err
'

test_expect_success 'map_write on /dev/null: as written SIGSEGV (ftruncate and mmap unchecked), fixed exit 1 naming ftruncate EINVAL' '
	status_of "$P/map_write" /dev/null 1 >st.bug 2>/dev/null &&
	echo SIGSEGV >expect && test_cmp expect st.bug &&
	test_expect_code 1 "$F/map_write" /dev/null 1 2>err &&
	grep "^map_write: ftruncate: Invalid argument (EINVAL)$" err
'

test_expect_success DEVSHM 'pshm_writer then pshm_reader (as written): A..Z, the object removed' '
	"$P/pshm_writer" "$N" &&
	"$P/pshm_reader" "$N" >out &&
	echo ABCDEFGHIJKLMNOPQRSTUVWXYZ >expect &&
	test_cmp expect out &&
	test ! -e "/dev/shm$N"
'

test_expect_success DEVSHM 'pshm_writer then pshm_reader (fixed): A..Z, the object removed' '
	"$F/pshm_writer" "$N" &&
	"$F/pshm_reader" "$N" 2 >out &&
	printf "ABCDEFGHIJKLMNOPQRSTUVWXYZ\nABCDEFGHIJKLMNOPQRSTUVWXYZ\n" >expect &&
	test_cmp expect out &&
	test ! -e "/dev/shm$N"
'

test_expect_success DEVSHM 'name taken (O_EXCL: EEXIST): as written SIGSEGV, fixed exit 1 naming shm_open EEXIST' '
	test_when_finished "rm -f /dev/shm$N" &&
	"$F/pshm_writer" "$N" &&
	status_of "$P/pshm_writer" "$N" >st.bug 2>/dev/null &&
	echo SIGSEGV >expect && test_cmp expect st.bug &&
	test_expect_code 1 "$F/pshm_writer" "$N" 2>err &&
	grep "^pshm_writer: shm_open $N: File exists (EEXIST)$" err &&
	echo ABCDEFGHIJKLMNOPQRSTUVWXYZ >expect &&
	"$F/pshm_reader" "$N" >out && test_cmp expect out
'

test_expect_success DEVSHM 'reader before any writer: as written SIGBUS (it creates an empty object), fixed exit 1 naming ENOENT' '
	test_when_finished "rm -f /dev/shm$N" &&
	test_expect_code 1 "$F/pshm_reader" "$N" 2>err &&
	grep "^pshm_reader: shm_open $N: No such file or directory (ENOENT)$" err &&
	status_of "$P/pshm_reader" "$N" >st.bug 2>/dev/null &&
	echo SIGBUS >expect && test_cmp expect st.bug &&
	test_expect_code 1 "$F/pshm_reader" "$N" 2>err &&
	grep "^pshm_reader: $N has 0 bytes, not 4096" err
'

test_expect_success DEVSHM,SETPRIV 'reader as uid 65534 on a 0600 object (EACCES): as written SIGSEGV, fixed exit 1 naming EACCES' '
	test_when_finished "rm -f /dev/shm$N" &&
	"$F/pshm_writer" "$N" &&
	nobody="setpriv --reuid=65534 --regid=65534 --clear-groups" &&
	status_of $nobody "$P/pshm_reader" "$N" >st.bug 2>/dev/null &&
	echo SIGSEGV >expect && test_cmp expect st.bug &&
	test_expect_code 1 $nobody "$F/pshm_reader" "$N" 2>err &&
	grep "^pshm_reader: shm_open $N: Permission denied (EACCES)$" err &&
	test -f "/dev/shm$N"
'

test_done
