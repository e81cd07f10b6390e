#!/bin/sh
test_description='personality names: every one accepted, a wrong one refused with the list; list --personality prints the rule table'
. "$(dirname "$0")/../lib/test-lib.sh"

NAMES="linux posix aix aix64 hpux hpux32 solaris solaris9 freebsd freebsd-strict macos"

for p in $NAMES; do
	test_expect_success "shmfault run -p $p runs the program" "
		\"\$SHMFAULT_BIN\" run -q -p $p -- \"\$PROBE\" shmget:private:4096:0600c shmat shmdt shmctl:rmid >out &&
		printf 'shmget ok ENOTTY\nshmat ok ENOTTY\nshmdt ok ENOTTY\nshmctl ok ENOTTY\n' >expect &&
		test_cmp expect out
	"
	test_expect_success IPCNS "SHMFAULT_PERSONALITY=$p with the library alone" "
		in_ns env SHMFAULT_PERSONALITY=$p LD_PRELOAD=\"\$SHMFAULT_LIB\" \"\$PROBE\" shmget:private:4096:0600c shmat >out &&
		printf 'shmget ok ENOTTY\nshmat ok ENOTTY\n' >expect &&
		test_cmp expect out
	"
	test_expect_success "list --personality $p prints its rule table" "
		\"\$SHMFAULT_BIN\" list --personality $p >table &&
		head -1 table | grep '^# $p: ' &&
		grep -q '^rule	call	how	expect	confidence	source	condition\$' table &&
		# every row: an id, a call, how, and a source citing platforms.md or a manual
		sed '1,3d' table | awk -F '\t' 'NF != 7 || \$1 == \"\" || \$6 == \"\" { bad = 1; print } END { exit bad }' &&
		test \$(sed '1,3d' table | wc -l) -gt 3
	"
done

test_expect_success 'the table of the run names every personality' '
	"$SHMFAULT_BIN" list | grep "^personalities: linux, posix, aix, aix64, hpux, hpux32, solaris, solaris9, freebsd, freebsd-strict, macos$"
'

test_expect_success 'an unknown name is refused with the known ones (run)' '
	test_expect_code 2 "$SHMFAULT_BIN" run -p plan9 -- "$PROBE" shmget:private:4096:0600c >out 2>err &&
	test_must_be_empty out &&
	grep "unknown personality .plan9. (known: linux, posix, aix, aix64, hpux, hpux32, solaris, solaris9, freebsd, freebsd-strict, macos)" err
'

test_expect_success 'an unknown name is refused with the known ones (list)' '
	test_expect_code 2 "$SHMFAULT_BIN" list --personality aix32 2>err &&
	grep "unknown personality .aix32. (known: .*aix64" err
'

test_expect_success 'an unknown name in SHMFAULT_PERSONALITY stops the program before main' '
	test_expect_code 125 env SHMFAULT_PERSONALITY=vms LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" shmget:private:4096:0600c >out 2>err &&
	test_must_be_empty out &&
	grep "^shmfault: unknown personality .vms. (known: linux, " err
'

test_expect_success 'a bad SHMFAULT_OPTIONS word stops the program before main' '
	test_expect_code 125 env SHMFAULT_OPTIONS=ftok-reuse LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" shmget:private:4096:0600c >out 2>err &&
	test_must_be_empty out &&
	grep "^shmfault: bad SHMFAULT_OPTIONS word .ftok-reuse. (known: ftok-inode-reuse, jail, rmid-stat)" err
'

test_expect_success 'linux changes nothing: not even a lookup (same output as no personality)' '
	"$SHMFAULT_BIN" run -q -- "$PROBE" shmget:0x5eed:100:0600c shmget:0x5eed:4096:0600 shmget:0x5eed:0:0600cx repeat:20:shmat shmctl:info >a &&
	"$SHMFAULT_BIN" run -q -p linux -- "$PROBE" shmget:0x5eed:100:0600c shmget:0x5eed:4096:0600 shmget:0x5eed:0:0600cx repeat:20:shmat shmctl:info >b &&
	test_cmp a b
'

test_done
