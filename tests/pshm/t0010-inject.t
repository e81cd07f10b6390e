#!/bin/sh
test_description='POSIX shm calls in the rule grammar: shm_open, shm_unlink, ftruncate, mmap, munmap fire (when=, name=); ftruncate and mmap of other files are untouched; errno untouched on success'
. "$(dirname "$0")/../lib/test-lib.sh"

PP="$BUILD/tests/pshm_probe"
N=/shmfault-t-pshm-$$
test -x "$PP" && test_set_prereq PPROBE

# pp RULES OPS...: the probe under the interposer alone, output "CALL RESULT ERRNO"
pp() {
	rules=$1
	shift
	SHMFAULT="$rules" LD_PRELOAD="$SHMFAULT_LIB" "$PP" "$@"
}

test_expect_success PPROBE 'shm_open:error=EACCES fails shm_open with EACCES; no object is made' '
	pp "shm_open:error=EACCES" open:$N:cx >out &&
	echo "shm_open -1 EACCES" >expect &&
	test_cmp expect out &&
	test ! -e /dev/shm${N}
'

test_expect_success PPROBE 'shm_unlink:error=EACCES keeps the object; the next unlink removes it' '
	pp "shm_unlink:error=EACCES:when=1" open:$N:cx unlink:$N unlink:$N >out &&
	printf "shm_open ok ENOTTY\nshm_unlink -1 EACCES\nshm_unlink ok ENOTTY\n" >expect &&
	test_cmp expect out &&
	test ! -e /dev/shm${N}
'

test_expect_success PPROBE 'ftruncate:error=EIO:when=2 fails only the second ftruncate of an object' '
	pp "ftruncate:error=EIO:when=2" open:$N:cx trunc:4096 trunc:8192 trunc:100 unlink:$N >out &&
	printf "shm_open ok ENOTTY\nftruncate ok ENOTTY\nftruncate -1 EIO\nftruncate ok ENOTTY\nshm_unlink ok ENOTTY\n" >expect &&
	test_cmp expect out
'

test_expect_success PPROBE 'mmap:error=ENOMEM and munmap:error=EINVAL fire on an object mapping' '
	pp "mmap:error=ENOMEM:when=1;munmap:error=EINVAL:when=1" open:$N:cx trunc:4096 map:4096 map:4096 unmap unmap unlink:$N >out &&
	printf "shm_open ok ENOTTY\nftruncate ok ENOTTY\nmmap -1 ENOMEM\nmmap ok ENOTTY\nmunmap -1 EINVAL\nmunmap ok ENOTTY\nshm_unlink ok ENOTTY\n" >expect &&
	test_cmp expect out
'

test_expect_success PPROBE 'name= selects the object (leading / optional): the other object is untouched' '
	pp "ftruncate,mmap:error=EIO:name=shmfault-t-pshm-$$-a" open:$N-b:cx trunc:4096 map:4096 open:$N-a:cx trunc:4096 map:4096 unlink:$N-a unlink:$N-b >out &&
	printf "shm_open ok ENOTTY\nftruncate ok ENOTTY\nmmap ok ENOTTY\nshm_open ok ENOTTY\nftruncate -1 EIO\nmmap -1 EIO\nshm_unlink ok ENOTTY\nshm_unlink ok ENOTTY\n" >expect &&
	test_cmp expect out
'

test_expect_success PPROBE 'ftruncate and mmap of a regular file are not ours: untouched by rules on every call' '
	pp "all:error=EIO" file:regular trunc:4096 map:4096 unmap trunc:10 >out &&
	printf "open ok ENOTTY\nftruncate ok ENOTTY\nmmap ok ENOTTY\nmunmap ok ENOTTY\nftruncate ok ENOTTY\n" >expect &&
	test_cmp expect out &&
	test $(wc -c <regular) = 10
'

test_expect_success PPROBE 'a shm descriptor closed and its number reused by a regular file is no longer ours' '
	pp "ftruncate:error=EIO:when=2+" open:$N:cx trunc:4096 close unlink:$N file:reused trunc:8192 >out &&
	printf "shm_open ok ENOTTY\nftruncate ok ENOTTY\nshm_unlink ok ENOTTY\nopen ok ENOTTY\nftruncate ok ENOTTY\n" >expect &&
	test_cmp expect out
'

test_expect_success PPROBE 'a memfd_create descriptor is an object: ftruncate rules fire on it (name= memfd.NAME)' '
	pp "ftruncate:error=EFBIG:name=memfd.buf" memfd:other trunc:4096 memfd:buf trunc:4096 >out &&
	printf "memfd_create ok ENOTTY\nftruncate ok ENOTTY\nmemfd_create ok ENOTTY\nftruncate -1 EFBIG\n" >expect &&
	test_cmp expect out
'

test_expect_success PPROBE 'when= counts across fork (tree-wide): the child makes the 2nd ftruncate' '
	pp "ftruncate:error=EIO:when=2" open:$N:cx trunc:4096 fork trunc:8192 unlink:$N >out &&
	printf "shm_open ok ENOTTY\nftruncate ok ENOTTY\nftruncate -1 EIO\nshm_unlink ok ENOTTY\n" >expect &&
	test_cmp expect out
'

test_expect_success 'key= on shm_open and name= on shmget are refused in one line naming the rule' '
	test_expect_code 2 "$SHMFAULT_BIN" run -e "shm_open:error=EIO:key=5" -- true 2>err1 &&
	test_expect_code 2 "$SHMFAULT_BIN" run -e "shmget:error=EIO:name=/x" -- true 2>err2 &&
	test $(wc -l <err1) = 1 && grep "shm_open:error=EIO:key=5" err1 && grep "name= to the POSIX calls" err1 &&
	test $(wc -l <err2) = 1 && grep "name= applies to shm_open" err2
'

test_expect_success 'name= with a / after the leading ones is refused (PM-LX1)' '
	test_expect_code 2 "$SHMFAULT_BIN" run -e "shm_open:error=EIO:name=/a/b" -- true 2>err &&
	grep "name: a ./. after the leading ones" err
'

test_expect_success PPROBE 'under shmfault run the log names the object of each call' '
	"$SHMFAULT_BIN" run -q --log log.jsonl -e "ftruncate:error=EIO" -- "$PP" open:$N:cx trunc:4096 unlink:$N >out &&
	grep "\"call\":\"ftruncate\",\"args\":{\"name\":\"$N\",\"fd\":[0-9]*,\"length\":4096}" log.jsonl &&
	grep "\"call\":\"shm_open\",\"args\":{\"name\":\"$N\"" log.jsonl
'

test_done
