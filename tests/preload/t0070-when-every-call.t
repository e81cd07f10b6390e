#!/bin/sh
test_description='when= forms (N, N+, N+S, N..M, N..M+S) on every call: shmget, shmat, shmdt, shmctl, ftok'
. "$(dirname "$0")/../lib/test-lib.sh"

# The expected pattern comes from the grammar (docs/architecture.md, strace's
# when=): call i of the rule's matches fails when first <= i <= last and
# (i - first) % step == 0; N is N..N, N+ is N..inf+1, N+S is N..inf+S.
# selected FORM COUNT -> one letter per call, x = must fail, o = must not.
selected() {
	awk -v f="$1" -v n="$2" 'BEGIN {
		step = 1; last = -1
		if (index(f, "..")) {
			split(f, a, /\.\./); first = a[1]; rest = a[2]
			if (index(rest, "+")) { split(rest, b, "+"); last = b[1]; step = b[2] } else last = rest
		} else if (index(f, "+")) {
			split(f, a, "+"); first = a[1]; if (a[2] != "") step = a[2]
		} else { first = f; last = f }
		for (i = 1; i <= n; i++)
			printf "%s", (i >= first + 0 && (last < 0 || i <= last + 0) && (i - first) % step == 0) ? "x" : "o"
		print ""
	}'
}

# ten CALL: probe arguments making exactly ten calls of CALL, in a fresh namespace.
ten() {
	case $1 in
	shmget) echo "repeat:10:shmget/private/4096/0600c" ;;
	shmat) echo "shmget:private:4096:0600c repeat:10:shmat" ;;
	shmdt) echo "shmget:private:4096:0600c shmat shmdt shmat shmdt shmat shmdt shmat shmdt shmat shmdt" \
		"shmat shmdt shmat shmdt shmat shmdt shmat shmdt shmat shmdt" ;;
	shmctl) echo "shmget:private:4096:0600c repeat:10:shmctl/stat" ;;
	ftok) echo "repeat:10:ftok/./1" ;;
	esac
}

# The errno each rule injects: one the call does not fail with here.
inject() {
	case $1 in
	shmget) echo ENOSPC ;; shmat) echo EACCES ;; shmdt) echo EINVAL ;;
	shmctl) echo EIDRM ;; ftok) echo ENOENT ;;
	esac
}

# observed CALL FORM: o = ok, x = failed with the injected errno, ? = anything else.
observed() {
	# shellcheck disable=SC2046
	in_ns env SHMFAULT="$1:error=$(inject "$1"):when=$2" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" $(ten "$1") |
		awk -v c="$1" -v e="$(inject "$1")" '$1 == c { printf "%s", $2 == "ok" ? "o" : $3 == e ? "x" : "?" }
			END { print "" }'
}

test_expect_success 'the grammar helper agrees with the worked examples of t0020 and docs' '
	test "$(selected 3 10)" = ooxooooooo &&
	test "$(selected 8+ 10)" = oooooooxxx &&
	test "$(selected 2+3 10)" = oxooxooxoo &&
	test "$(selected 4..6 10)" = oooxxxoooo &&
	test "$(selected 2..9+3 10)" = oxooxooxoo &&
	test "$(selected 1..10+4 10)" = xoooxoooxo &&
	test "$(selected 11 10)" = oooooooooo
'

for call in shmget shmat shmdt shmctl ftok; do
	for form in 1 4 10 1+ 7+ 2+3 1+4 3..5 1..1 6..10 2..9+3 1..10+4 11 11+; do
		test_expect_success IPCNS "$call when=$form fails calls $(selected $form 10)" "
			selected '$form' 10 >expect &&
			observed $call '$form' >actual &&
			test_cmp expect actual
		"
	done
done

test_expect_success IPCNS 'without a rule every call of each kind succeeds (the ten calls are real calls)' '
	for call in shmget shmat shmdt shmctl ftok
	do
		in_ns env LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" $(ten $call) | awk -v c=$call "\$1 == c" | pattern >p &&
		echo oooooooooo >expect && test_cmp expect p || return 1
	done
'

test_done
