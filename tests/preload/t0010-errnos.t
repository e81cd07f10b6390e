#!/bin/sh
test_description='each call fails with each of its documented errnos, without side effect'
. "$(dirname "$0")/../lib/test-lib.sh"

# The operations that reach each call; the call under test is the last
# (for shmat, followed by "mapped": the probe counts its own attaches in
# /proc/self/maps while it lives, where ipcs after exit always sees nattch 0).
ops_for() {
	case $1 in
	shmget) echo "shmget:private:4096:0600c" ;;
	shmat) echo "shmget:private:4096:0600c shmat mapped" ;;
	shmdt) echo "shmget:private:4096:0600c shmat shmdt shmdt" ;;   # the 2nd, real, still detaches
	shmctl) echo "shmget:private:4096:0600c shmctl:rmid" ;;
	ftok) echo "ftok:/:1" ;;
	esac
}

for call in shmget shmat shmdt shmctl ftok; do
	errnos=$(documented $call | xargs)
	test_expect_success "tests/lib/errnos.tsv lists errnos for $call" "
		test -n '$errnos'
	"
	test_expect_success "shmfault list agrees with tests/lib/errnos.tsv for $call" "
		\"\$SHMFAULT_BIN\" list | awk -v c=$call '/^[a-z]/ { cur = \$1 } /^  E/ && cur == c { print \$1 }' >listed &&
		printf '%s\\n' $errnos >expect &&
		test_cmp expect listed
	"
	for e in $errnos; do
		test_expect_success IPCNS "$call fails with $e and sets errno, the call never made" "
			in_ns sh -c 'SHMFAULT=\"$call:error=$e:when=1\" LD_PRELOAD=\"\$0\" \"\$1\" $(ops_for $call) && ipcs -m' \
				\"\$SHMFAULT_LIB\" \"\$PROBE\" >out &&
			tail -n 1 out >actual_line &&
			grep -q '^------ Shared Memory Segments' out &&
			case $call in
			shmget|ftok) ! grep -q '^0x' out ;;        # nothing created
			shmat) grep -q '^mapped 0\$' out ;;        # never attached
			shmdt) grep -q '^shmdt ok ENOTTY\$' out ;; # was still attached
			shmctl) grep -q '^0x' out ;;               # not removed
			esac &&
			grep -q '^$call -1 $e\$' out
		"
	done
done

test_expect_success IPCNS 'error=any picks only documented errnos, replayably from the seed' '
	for s in 1 2 3 4 5 6 7 8; do
		in_ns env SHMFAULT="shmget:error=any" SHMFAULT_SEED=$s LD_PRELOAD="$SHMFAULT_LIB" \
			"$PROBE" shmget:private:4096:0600c || return 1
	done >any1 &&
	for s in 1 2 3 4 5 6 7 8; do
		in_ns env SHMFAULT="shmget:error=any" SHMFAULT_SEED=$s LD_PRELOAD="$SHMFAULT_LIB" \
			"$PROBE" shmget:private:4096:0600c || return 1
	done >any2 &&
	test_cmp any1 any2 &&
	awk "{print \$3}" any1 | sort -u >seen &&
	documented shmget | sort >allowed &&
	comm -23 seen allowed >outside &&
	test_must_be_empty outside &&
	test $(wc -l <seen) -ge 2
'

test_expect_success 'numeric errno accepted' '
	SHMFAULT="ftok:error=13" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" ftok:/:1 >out &&
	echo "ftok -1 EACCES" >expect &&
	test_cmp expect out
'

test_done
