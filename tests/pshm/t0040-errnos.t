#!/bin/sh
test_description='the documented errnos of the POSIX calls, written out from the man pages: list agrees, error=any draws only these'
. "$(dirname "$0")/../lib/test-lib.sh"

PP="$BUILD/tests/pshm_probe"
N=/shmfault-t-errno-$$
test -x "$PP" && test_set_prereq PPROBE

# From the ERRORS sections of Linux man-pages 6.03 shm_open(3) (shm_open,
# shm_unlink), truncate(2), mmap(2) (mmap, munmap) and POSIX.1 XSH
# shm_open (EINTR, ENOSPC), mmap (ENXIO); written here, not read from the product.
cat >table <<\EOF_TABLE
shm_open EACCES EEXIST EINTR EINVAL EMFILE ENAMETOOLONG ENFILE ENOENT ENOSPC
shm_unlink EACCES ENAMETOOLONG ENOENT
ftruncate EBADF EFBIG EINTR EINVAL EIO EPERM
mmap EACCES EAGAIN EBADF EINVAL ENFILE ENODEV ENOMEM ENXIO EOVERFLOW EPERM
munmap EINVAL
EOF_TABLE

for c in shm_open shm_unlink ftruncate mmap munmap
do
	test_expect_success "list: $c's errnos are those of its man page, with fault point posix/ipc/$c" "
		\"\$SHMFAULT_BIN\" list >out &&
		grep -q '^$c  (fault point posix/ipc/$c)\$' out &&
		sed -n '/^$c  /,/^[a-z]/p' out | awk '/^  E/ { print \$1 }' | sort >listed &&
		awk -v c=$c '\$1 == c { for (i = 2; i <= NF; i++) print \$i }' table | sort >expect &&
		test_cmp expect listed
	"
done

test_expect_success PPROBE 'error=any on ftruncate of an object draws only its documented errnos, and several of them' '
	ops="open:$N:cx" &&
	for i in $(seq 60)
	do
		ops="$ops trunc:4096"
	done &&
	SHMFAULT="ftruncate:error=any" SHMFAULT_SEED=5 LD_PRELOAD="$SHMFAULT_LIB" "$PP" $ops unlink:$N >out &&
	awk "\$1 == \"ftruncate\" { print \$3 }" out | sort -u >drawn &&
	awk "\$1 == \"ftruncate\" { for (i = 2; i <= NF; i++) print \$i }" table | sort >doc &&
	comm -23 drawn doc >extra && test_must_be_empty extra &&
	test $(wc -l <drawn) -ge 4
'

test_done
