#!/bin/sh
test_description='after IPC_RMID: refused where the platform refuses (PX5, AX5, HP6, SO5, MC4, FS1), allowed on linux and freebsd (LX8, FB5)'
. "$(dirname "$0")/../lib/test-lib.sh"
PP="$BUILD/tests/pers-probe"

# removed PERS: attach, IPC_RMID while attached, then shmat, IPC_STAT,
# IPC_SET, a second IPC_RMID by id; then a new segment works again.
removed() {
	"$SHMFAULT_BIN" run -q ${1:+-p "$1"} -- "$PROBE" shmget:0x5eed:4096:0600c shmat shmctl:rmid \
		shmat shmctl:stat shmctl:set shmctl:rmid shmget:0x5eed:4096:0600c shmat >out &&
	cut -d" " -f1,2,3 out
}

refuses() {
	cat >expect <<-\EOT
	shmget ok ENOTTY
	shmat ok ENOTTY
	shmctl ok ENOTTY
	shmat -1 EINVAL
	shmctl -1 EINVAL
	shmctl -1 EINVAL
	shmctl -1 EINVAL
	shmget ok ENOTTY
	shmat ok ENOTTY
	EOT
}

allows() {
	cat >expect <<-\EOT
	shmget ok ENOTTY
	shmat ok ENOTTY
	shmctl ok ENOTTY
	shmat ok ENOTTY
	shmctl ok ENOTTY
	shmctl ok ENOTTY
	shmctl ok ENOTTY
	shmget ok ENOTTY
	shmat ok ENOTTY
	EOT
}

for p in posix:PX5 aix:AX5 aix64:AX5 hpux:HP6 hpux32:HP6 solaris:SO5 solaris9:SO5 macos:MC4 freebsd-strict:FS1; do
	name=${p%:*} rule=${p#*:}
	test_expect_success "$name refuses shmat and shmctl after IPC_RMID with EINVAL ($rule)" "
		refuses && removed $name >actual && test_cmp expect actual
	"
	test_expect_success "$name: the summary names $rule and the call site" "
		\"\$SHMFAULT_BIN\" run -p $name -- \"\$PROBE\" shmget:0x5eed:4096:0600c shmat shmctl:rmid shmat shmctl:stat >out 2>err &&
		grep '^shmfault: $name rule $rule (attach after IPC_RMID refused, EINVAL) fired x2 at probe+0x[0-9a-f]*' err
	"
done

for p in linux freebsd ""; do
	test_expect_success "${p:-no personality} allows shmat and shmctl after IPC_RMID" "
		allows && removed '$p' >actual && test_cmp expect actual
	"
done

test_expect_success 'the IPC_RMID of another process of the tree is seen (fork, then exec)' '
	# the child removes; after exec it attaches by id; the parent still holds the segment
	"$SHMFAULT_BIN" run -q -p macos -- "$PROBE" shmget:0x5eed:4096:0600c shmat fork shmctl:rmid exec shmat:0 shmctl:stat:0 >out &&
	tail -2 out >actual &&
	printf "shmat -1 EINVAL\nshmctl -1 EINVAL\n" >expect && test_cmp expect actual &&
	"$SHMFAULT_BIN" run -q -p linux -- "$PROBE" shmget:0x5eed:4096:0600c shmat fork shmctl:rmid exec shmat:0 shmctl:stat:0 >out &&
	tail -2 out >actual &&
	printf "shmat ok ENOTTY\nshmctl ok ENOTTY\n" >expect && test_cmp expect actual
'

test_expect_success IPCNS 'the library alone (no state file) asks the kernel: still refused across exec' '
	in_ns env SHMFAULT_PERSONALITY=solaris LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" \
		shmget:0x5eed:4096:0600c shmat fork shmctl:rmid exec shmat:0 shmctl:stat:0 >out &&
	tail -2 out >actual &&
	printf "shmat -1 EINVAL\nshmctl -1 EINVAL\n" >expect && test_cmp expect actual
'

# outside OPTIONS: in the host namespace, a probe attaches a segment made
# by ipcmk; ipcrm (not under the interposer) removes it between the probe's
# second and third shmat. Prints the probe's three lines. FIFOs pace it.
outside() {
	id=$(ipcmk -M 4096 -p 0600 | sed -n "s/.*id: *//p") &&
	test -n "$id" &&
	rm -f go res && mkfifo go res &&
	{ env $1 "$SHMFAULT_BIN" run -q --host-ipc -p posix -- "$PROBE" shmat:$id stdin <go >res & } &&
	exec 8>go 9<res &&
	read l1 <&9 &&
	echo shmat:$id >&8 && read l2 <&9 &&
	ipcrm -m $id &&
	echo shmat:$id >&8 && read l3 <&9 &&
	exec 8>&- 9<&- &&
	wait &&
	printf "%s\n%s\n%s\n" "$l1" "$l2" "$l3"
}

test_expect_success ROOT 'a removal outside the tree is seen with SHMFAULT_OPTIONS=rmid-stat' '
	outside SHMFAULT_OPTIONS=rmid-stat >actual &&
	printf "shmat ok ENOTTY\nshmat ok ENOTTY\nshmat -1 EINVAL\n" >expect &&
	test_cmp expect actual
'

test_expect_success ROOT 'under --host-ipc it is seen without it too: the tree is not alone there, the kernel is asked' '
	outside SHMFAULT_OPTIONS= >actual &&
	printf "shmat ok ENOTTY\nshmat ok ENOTTY\nshmat -1 EINVAL\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a refused shmat after IPC_RMID composes with the attach count (the refusal takes no slot)' '
	"$SHMFAULT_BIN" run -q -p aix -- "$PROBE" shmget:private:4096:0600c repeat:10:shmat shmctl:rmid shmat shmget:private:4096:0600c shmat shmat >out &&
	cut -d" " -f1,2,3 out | sed -n "13,16p" >actual &&
	printf "shmat -1 EINVAL\nshmget ok ENOTTY\nshmat ok ENOTTY\nshmat -1 EMFILE\n" >expect &&
	test_cmp expect actual
'

test_done
