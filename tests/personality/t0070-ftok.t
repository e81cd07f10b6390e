#!/bin/sh
test_description='ftok: the solaris formula (SO10), the opt-in inode-reuse trap (GT1, SHMFAULT_OPTIONS=ftok-inode-reuse), hpux (HP7)'
. "$(dirname "$0")/../lib/test-lib.sh"
PP="$BUILD/tests/pers-probe"

key_of() { sed -n "s/^ftok ok [A-Z]* key=\(0x[0-9a-f]*\) .*/\1/p"; }
glibc_of() { sed -n "s/^ftok ok [A-Z]* key=0x[0-9a-f]* glibc=\(0x[0-9a-f]*\) .*/\1/p"; }

test_expect_success 'setup: a key file' '
	: >keyfile &&
	dev=$(stat -c %d keyfile) && ino=$(stat -c %i keyfile) &&
	printf "0x%08x\n" $(( (65 << 24) | ((dev & 0xfff) << 12) | (ino & 0xfff) )) >solaris.expect &&
	printf "0x%08x\n" $(( (65 << 24) | ((dev & 0xff) << 16) | (ino & 0xffff) )) >glibc.expect
'

test_expect_success 'linux and the BSDs: the glibc formula (LX17, MC9, PX10)' '
	for p in linux posix freebsd macos aix; do
		"$SHMFAULT_BIN" run -q -p $p -- "$PP" ftok:keyfile:65 | key_of >actual &&
		test_cmp glibc.expect actual || return 1
	done
'

test_expect_success 'solaris: id<<24 | (dev&0xfff)<<12 | (ino&0xfff) (SO10)' '
	"$SHMFAULT_BIN" run -q -p solaris -- "$PP" ftok:keyfile:65 | key_of >actual &&
	test_cmp solaris.expect actual
'

test_expect_success 'solaris: only the low 8 bits of id count (0x141 = 0x41)' '
	"$SHMFAULT_BIN" run -q -p solaris -- "$PP" ftok:keyfile:321 | key_of >actual &&
	test_cmp solaris.expect actual
'

test_expect_success 'solaris: two files whose inodes agree in the low 12 bits collide' '
	# among 4200 fresh files, two whose inodes agree in the low 12 bits
	mkdir many && seq 0 4199 | sed "s|^|many/f|" | xargs touch &&
	found=$(stat -c "%i %n" many/* | awk "{ k = \$1 % 4096; if (k in seen) { print seen[k], \$2; exit } seen[k] = \$2 }") &&
	if test -z "$found"
	then
		say "no inode pair found" &&
		return 0
	fi &&
	set -- $found &&
	"$SHMFAULT_BIN" run -q -p solaris -- "$PP" ftok:$1:1 ftok:$2:1 | key_of | sort -u >keys &&
	test $(wc -l <keys) = 1 &&
	"$SHMFAULT_BIN" run -q -p linux -- "$PP" ftok:$1:1 ftok:$2:1 | key_of | sort -u >keys &&
	test $(wc -l <keys) = 2
'

test_expect_success 'a missing key file: ftok fails on every personality' '
	"$SHMFAULT_BIN" run -q -p solaris -- "$PP" ftok:nosuchfile:1 >out &&
	grep "^ftok -1 ENOENT" out &&
	"$SHMFAULT_BIN" run -q -p hpux -- "$PP" ftok:nosuchfile:1 >out &&
	grep "^ftok -1 ENOENT" out
'

# reuse PERS [ENV]: ftok twice, delete and recreate the file, ftok again;
# prints the three keys and whether the inode was reused
reuse() {
	pers=$1
	shift
	rm -f kf &&
	env "$@" "$SHMFAULT_BIN" run -q -p "$pers" -- "$PP" touch:kf ftok:kf:7 ftok:kf:7 rm:kf touch:kf ftok:kf:7 >out &&
	key_of <out
}

test_expect_success 'GT1 off (default): the same file gives the glibc key' '
	reuse linux >keys &&
	test $(sed -n 1p keys) = $(sed -n 2p keys) &&
	grep "^ftok" out | head -1 | glibc_of >g &&
	sed -n 1p keys >k1 && test_cmp g k1
'

test_expect_success 'GT1 on: the same file keeps its key; a recreated file gets another one' '
	reuse linux SHMFAULT_OPTIONS=ftok-inode-reuse >keys &&
	test $(sed -n 1p keys) = $(sed -n 2p keys) &&
	test $(sed -n 1p keys) != $(sed -n 3p keys) &&
	# the program cannot tell: the inode was reused or not, the id byte stays
	cut -c1-4 keys | sort -u >idbyte && echo 0x07 >expect && test_cmp expect idbyte
'

test_expect_success 'GT1 on: when the file system reuses the inode, the plain key would have stayed' '
	reuse linux >plain &&
	ino1=$(grep "^ftok" out | head -1 | sed "s/.*ino=//") && ino2=$(grep "^ftok" out | tail -1 | sed "s/.*ino=//") &&
	if test "$ino1" = "$ino2"; then
		test $(sed -n 1p plain) = $(sed -n 3p plain)
	else
		say "inode not reused here: the plain keys differ anyway"
	fi
'

test_expect_success 'hpux: the recreated file gets another key without any option (HP7)' '
	reuse hpux >keys &&
	test $(sed -n 1p keys) = $(sed -n 2p keys) &&
	test $(sed -n 1p keys) != $(sed -n 3p keys)
'

test_expect_success 'GT1 with solaris: 12-bit formula and the trap together' '
	reuse solaris SHMFAULT_OPTIONS=ftok-inode-reuse >keys &&
	test $(sed -n 1p keys) = $(sed -n 2p keys) &&
	test $(sed -n 1p keys) != $(sed -n 3p keys)
'

test_expect_success 'the summary names the ftok rules and where they fired' '
	"$SHMFAULT_BIN" run -p hpux -- "$PP" ftok:keyfile:65 >out 2>err &&
	grep "^shmfault: hpux rule HP7 (key follows the file, not its inode number, another key) fired x1 at pers-probe+0x" err &&
	"$SHMFAULT_BIN" run -p solaris -- "$PP" ftok:keyfile:65 >out 2>err &&
	grep "^shmfault: solaris rule SO10 (ftok keeps 12 inode bits, key) fired x1 at pers-probe+0x" err
'

test_done
