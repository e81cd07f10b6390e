#!/bin/sh
# bench/kernel.sh: what the kernel backend costs per call (make bench-kernel).
# One run, every configuration on the same loop (bench/kloop.c), ROUNDS
# rounds each in turn, the median ns per shmat+shmdt iteration reported with
# its ratio to native.  Not a test: nothing here asserts a time.
#   bench/kernel.sh [N] [ROUNDS]      (defaults 20000 iterations, 5 rounds)
set -eu
cd "$(dirname "$0")/.."
N=${1:-20000}
ROUNDS=${2:-5}
B=build
K="$B/kernel/kernsup -q"
L="$B/bench/kloop"
LIB="$PWD/$B/libshmfault.so"
ST="strace -f -qq -o /dev/null"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# name|command (the loop's own line is the last line of stdout that starts with its mode)
cat >"$tmp/configs" <<EOC
native (libc, no filter)|$L libc $N
marked calls, no filter|$L marked $N
filter, marked calls (passed in BPF)|$K -- $L marked $N
filter, preloaded interposer (marked)|$K -- env LD_PRELOAD=$LIB SHMFAULT= $L libc $N
preloaded interposer, no filter|env LD_PRELOAD=$LIB SHMFAULT= $L libc $N
filter, both calls notified, CONTINUE|$K -- $L libc $N
filter, no WAIT_KILLABLE_RECV, CONTINUE|$K --no-killable -- $L libc $N
filter, shmat injected EACCES (1 notification)|$K --fail shmat:0:EACCES -- $L libc $N
strace -e inject=shmat:error=EACCES|$ST -e trace=shmat -e inject=shmat:error=EACCES $L libc $N
strace -e trace=shmat,shmdt (both stopped, let through)|$ST -e trace=shmat,shmdt $L libc $N
strace --seccomp-bpf -e inject=shmat:error=EACCES|$ST --seccomp-bpf -e trace=shmat -e inject=shmat:error=EACCES $L libc $N
EOC

r=0
while [ $r -lt "$ROUNDS" ]; do
	i=0
	while IFS='|' read -r name cmd; do
		i=$((i + 1))
		# shellcheck disable=SC2086
		unshare -i $cmd 2>/dev/null | awk '$1 == "libc" || $1 == "marked" { print $3 }' >>"$tmp/c$i"
	done <"$tmp/configs"
	r=$((r + 1))
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
base=$(median "$tmp/c1")
printf '%-58s %10s %8s\n' "configuration ($N iterations, median of $ROUNDS)" "ns/iter" "x native"
i=0
while IFS='|' read -r name cmd; do
	i=$((i + 1))
	m=$(median "$tmp/c$i")
	printf '%-58s %10s %8.2f\n' "$name" "$m" "$(echo "$m $base" | awk '{ print $1 / $2 }')"
done <"$tmp/configs"
