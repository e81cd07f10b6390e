#!/bin/sh
test_description='POSIX shm rows of the personalities (posix-shm.md PM-*): macOS one ftruncate per object tree-wide across fork and exec, 31-byte names, O_TRUNC, mappings; FreeBSD and illumos leading slash; gate names PM-MC4'
. "$(dirname "$0")/../lib/test-lib.sh"

PP="$BUILD/tests/pshm_probe"
N=/shmfault-t-pers-$$
test -x "$PP" && test_set_prereq PPROBE
test -x "$BUILD/samples/posix/pshm_resize" && test_set_prereq RESIZE

# under P OPS...: the probe under shmfault run -p P (the state file: tree-wide across exec)
under() {
	p=$1
	shift
	"$SHMFAULT_BIN" run -q -p "$p" -- "$PP" "$@"
}

test_expect_success PPROBE 'macos PM-MC4: the second ftruncate of an object gives EINVAL (linux: ok)' '
	under macos open:$N:cx trunc:4096 trunc:8192 unlink:$N >mac &&
	under linux open:$N:cx trunc:4096 trunc:8192 unlink:$N >lin &&
	sed -n 3p mac >got && echo "ftruncate -1 EINVAL" >expect && test_cmp expect got &&
	sed -n 3p lin >got && echo "ftruncate ok ENOTTY" >expect && test_cmp expect got
'

test_expect_success PPROBE 'macos PM-MC4: a first ftruncate to 0 sizes the object; a child after exec gets EINVAL (state file)' '
	under macos open:$N:cx trunc:0 exec open:$N trunc:4096 unlink:$N >out &&
	printf "shm_open ok ENOTTY\nftruncate ok ENOTTY\nshm_open ok ENOTTY\nftruncate -1 EINVAL\nshm_unlink ok ENOTTY\n" >expect &&
	test_cmp expect out
'

test_expect_success PPROBE 'macos PM-MC4: tree-wide across fork: the child cannot size what the parent sized' '
	under macos open:$N:cx trunc:0 fork trunc:4096 unlink:$N >out &&
	sed -n 3p out >got && echo "ftruncate -1 EINVAL" >expect && test_cmp expect got
'

test_expect_success PPROBE 'macos PM-MC2/MC3: 31 bytes ok, 32 bytes ENAMETOOLONG from shm_open and EINVAL from shm_unlink; "" EINVAL' '
	n31=/$(printf "%030d" 7) && n32=/$(printf "%031d" 7) &&
	under macos open:$n31:cx unlink:$n31 open:$n32:cx unlink:$n32 unlink: >out &&
	printf "shm_open ok ENOTTY\nshm_unlink ok ENOTTY\nshm_open -1 ENAMETOOLONG\nshm_unlink -1 EINVAL\nshm_unlink -1 EINVAL\n" >expect &&
	test_cmp expect out
'

test_expect_success PPROBE 'macos PM-MC7: O_TRUNC on a sized object gives EINVAL, on a new one it is accepted' '
	under macos open:$N:cxt trunc:4096 open:$N:t unlink:$N >out &&
	printf "shm_open ok ENOTTY\nftruncate ok ENOTTY\nshm_open -1 EINVAL\nshm_unlink ok ENOTTY\n" >expect &&
	test_cmp expect out
'

test_expect_success PPROBE 'macos PM-MC15: unsized, beyond the page-rounded size and MAP_PRIVATE give EINVAL; PROT_WRITE on O_RDONLY EPERM' '
	under macos open:$N:cx map:4096 trunc:100 map:4096 map:8192 map:4096:0:p open:$N:r map:4096 mapro:4096 unlink:$N >out &&
	printf "shm_open ok ENOTTY\nmmap -1 EINVAL\nftruncate ok ENOTTY\nmmap ok ENOTTY\nmmap -1 EINVAL\nmmap -1 EINVAL\nshm_open ok ENOTTY\nmmap -1 EPERM\nmmap ok ENOTTY\nshm_unlink ok ENOTTY\n" >expect &&
	test_cmp expect out
'

test_expect_success PPROBE 'freebsd PM-FB1, PM-FB3: no leading / and O_WRONLY give EINVAL; /x opens' '
	under freebsd open:shmfault-t-noslash-$$:cx open:$N:cx open:$N:w unlink:$N >out &&
	printf "shm_open -1 EINVAL\nshm_open ok ENOTTY\nshm_open -1 EINVAL\nshm_unlink ok ENOTTY\n" >expect &&
	test_cmp expect out
'

# The object left in the run's private /dev/shm is listed with its size.
test_expect_success PPROBE 'freebsd PM-FB7: O_RDONLY|O_TRUNC keeps the size (linux truncates)' '
	"$SHMFAULT_BIN" run -p freebsd -- "$PP" open:$N:cx trunc:8192 open:$N:rt >/dev/null 2>err &&
	grep -x "shmfault: leaked POSIX shm object $N size=8192 mode=0600 (removed)" err &&
	"$SHMFAULT_BIN" run -p linux -- "$PP" open:$N:cx trunc:8192 open:$N:rt >/dev/null 2>err &&
	grep -x "shmfault: leaked POSIX shm object $N size=0 mode=0600 (removed)" err &&
	test ! -e /dev/shm$N
'

test_expect_success PPROBE 'solaris PM-SO1: a second / and more than 255 bytes after the / are refused' '
	long=/$(printf "%0256d" 7) &&
	under solaris open:$N/x:cx open:$long:cx unlink:$long >out &&
	printf "shm_open -1 EINVAL\nshm_open -1 ENAMETOOLONG\nshm_unlink -1 ENAMETOOLONG\n" >expect &&
	test_cmp expect out
'

test_expect_success 'list --personality lists the PM rows simulated, with their source' '
	"$SHMFAULT_BIN" list --personality macos >mac &&
	grep "^PM-MC4	ftruncate	simulated	EINVAL	High	posix-shm.md PM-MC4" mac &&
	grep "^PM-MC17	mmap	not simulated	" mac &&
	"$SHMFAULT_BIN" list --personality freebsd >fb && grep "^PM-FB1	shm_open	simulated	EINVAL" fb &&
	"$SHMFAULT_BIN" list --personality solaris >so && grep "^PM-SO1	shm_unlink	simulated	ENAMETOOLONG" so
'

test_expect_success RESIZE 'gate -p linux,macos: pshm_resize passes on linux and gate names PM-MC4 on macos' '
	test_expect_code 1 "$SHMFAULT_BIN" gate -p linux,macos -- "$BUILD/samples/posix/pshm_resize" >out &&
	grep "^ok 1 - linux: exit 0$" out &&
	grep "^not ok 2 - macos: exit 1; rule PM-MC4 refused the 2nd ftruncate at pshm_resize+0x[0-9a-f]* with EINVAL$" out &&
	grep "^    - rule: PM-MC4$" out
'

test_done
