#!/bin/sh
test_description='the decision engine as a library (engine/ + common/, no interposer): rules, seeds, personalities through a fake process view'
. "$(dirname "$0")/../lib/test-lib.sh"

ENGINE_PROBE="$BUILD/tests/engine_probe"
test -x "$ENGINE_PROBE" && test_set_prereq ENGINE_PROBE

# The expected lines come from the grammar (when=N: only the Nth call the
# rule matches; docs/architecture.md "Rule grammar") and from the platform
# tables of expected/*.tsv, never from a run of the product.

test_expect_success ENGINE_PROBE 'when=2 on shmdt: only the second shmdt fails; a shmat in between is not counted' '
	"$ENGINE_PROBE" rules "shmdt:error=EINVAL:when=2" 0 shmdt shmat shmdt shmdt >out &&
	cat >expect <<-\EOT &&
	shmdt go
	shmat go
	shmdt EINVAL by=rule 1 '"'"'shmdt:error=EINVAL:when=2'"'"'
	shmdt go
	rule 1 match=3 fired=1
	EOT
	test_cmp expect out
'

test_expect_success ENGINE_PROBE 'scope=process counts in the view, not in the tree: the tree count stays 0' '
	"$ENGINE_PROBE" rules "shmdt:error=EINVAL:when=2:scope=process" 0 shmdt shmdt >out &&
	sed -n "2p;3p" out >got &&
	printf "shmdt EINVAL by=rule 1 '"'"'shmdt:error=EINVAL:when=2:scope=process'"'"'\nrule 1 match=0 fired=1\n" >expect &&
	test_cmp expect got
'

test_expect_success ENGINE_PROBE 'the first rule that fires wins; both count the call' '
	"$ENGINE_PROBE" rules "shmat:error=EACCES:when=2;shmat:error=ENOMEM" 0 shmat shmat >out &&
	cat >expect <<-\EOT &&
	shmat ENOMEM by=rule 2 '"'"'shmat:error=ENOMEM'"'"'
	shmat EACCES by=rule 1 '"'"'shmat:error=EACCES:when=2'"'"'
	rule 1 match=2 fired=1
	rule 2 match=2 fired=1
	EOT
	test_cmp expect out
'

# shmget(2) ERRORS: EACCES EEXIST EINVAL ENFILE ENOENT ENOMEM ENOSPC EPERM.
test_expect_success ENGINE_PROBE 'error=any with a seed: the same seed gives the same errnos, each one shmget(2) documents' '
	set -- shmget shmget shmget shmget shmget shmget shmget shmget shmget shmget shmget shmget &&
	"$ENGINE_PROBE" rules "shmget:error=any" 42 "$@" >a &&
	"$ENGINE_PROBE" rules "shmget:error=any" 42 "$@" >b &&
	"$ENGINE_PROBE" rules "shmget:error=any" 43 "$@" >c &&
	test_cmp a b &&
	test_must_fail test_cmp a c >/dev/null &&
	test $(grep -c "^shmget E[A-Z]* by=rule 1 " a) = 12 &&
	awk "/^shmget/ { print \$2 }" a c >errnos &&
	test_must_fail grep -v -x -e EACCES -e EEXIST -e EINVAL -e ENFILE -e ENOENT -e ENOMEM -e ENOSPC -e EPERM errnos
'

# expected/aix.tsv, row AX1: "EMFILE,limit=11".
ax1=$(awk -F "	" "\$1 == \"AX1\" { print \$4 }" "$SHMFAULT_TOP/expected/aix.tsv")
ax1_errno=${ax1%%,*}
ax1_limit=${ax1##*limit=}
test_expect_success ENGINE_PROBE "aix: attach number $((ax1_limit + 1)) fails with $ax1_errno (AX1), counted from the view" '
	"$ENGINE_PROBE" attach aix $((ax1_limit + 1)) >out &&
	test $(grep -c "^shmat go$" out) = $ax1_limit &&
	tail -1 out >last &&
	echo "shmat $ax1_errno by=personality aix AX1" >expect &&
	test_cmp expect last
'

# expected/aix.tsv, row AX5 on shmat: attach after IPC_RMID refused.
ax5=$(awk -F "	" "\$1 == \"AX5\" && \$2 == \"shmat\" { print \$4 }" "$SHMFAULT_TOP/expected/aix.tsv")
test_expect_success ENGINE_PROBE "aix: shmat of an id the view reports SHM_DEST fails with $ax5 (AX5); a live id goes" '
	"$ENGINE_PROBE" removed aix >out &&
	printf "shmat %s by=personality aix AX5\nshmat go\n" "$ax5" >expect &&
	test_cmp expect out
'

# platforms.md: Linux lets a removed segment be attached while it lives.
test_expect_success ENGINE_PROBE 'linux: the same attach after IPC_RMID goes' '
	"$ENGINE_PROBE" removed linux >out &&
	printf "shmat go\nshmat go\n" >expect &&
	test_cmp expect out
'

test_expect_success ENGINE_PROBE 'a bad rule is refused with one line naming the token' '
	test_expect_code 2 "$ENGINE_PROBE" rules "shmdt:error=EFOO" 0 shmdt 2>err &&
	grep "^engine_probe: bad rule .shmdt:error=EFOO.: unknown errno .EFOO." err
'

test_done
