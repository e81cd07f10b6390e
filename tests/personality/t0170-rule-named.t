#!/bin/sh
test_description='the refusal is the personality rule'"'"'s, not the kernel'"'"'s by chance: HP1 is named as fired'
. "$(dirname "$0")/../lib/test-lib.sh"
PP="$BUILD/tests/pers-probe"
# On hpux a second shmat of an attached segment would also fail in the
# kernel (HP2 asks for the segment's one address, already mapped), with the
# same EINVAL: only the summary tells that HP1 (platforms.md HP1, HP-shmop)
# refused it, as the user must be told which rule fired.

test_expect_success 'hpux: the second attach of the same segment is refused by HP1, named once in the summary' '
	"$SHMFAULT_BIN" run -p hpux -- "$PP" get:private:4096:0600c at at dt at >out 2>err &&
	grep -c "^shmfault: hpux rule HP1 (second attach of the same segment refused, EINVAL) fired x1 at pers-probe+0x[0-9a-f]*\$" err >n &&
	echo 1 >expect && test_cmp expect n
'

test_expect_success 'hpux: no second attach, no HP1' '
	"$SHMFAULT_BIN" run -p hpux -- "$PP" get:private:4096:0600c at dt at >out 2>err &&
	test_must_fail grep "rule HP1" err
'

test_done
