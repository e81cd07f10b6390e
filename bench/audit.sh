#!/bin/sh
# bench/audit.sh: what the audit module (LD_AUDIT) costs a program that
# `shmfault run` starts, in one run of this script so both sides share the
# machine's state: ROUNDS alternating rounds of the shmat loop
# (build/bench/shmloop shmat N) under `shmfault run`, with the CLI's LD_AUDIT
# and with it removed (env -u LD_AUDIT: both sides exec env, so start-up
# differs only by the module). Reports per side the median over rounds of
# shmloop's own median ns per iteration and of the whole process wall time,
# their ratio, and strace -c's system calls per iteration (and in total).
# Not a test: nothing asserts a time.  docs/backends.md quotes its output.
#   bench/audit.sh [N [ROUNDS]]     (default 20000 iterations, 7 rounds)
set -eu
cd "$(dirname "$0")/.."
N=${1:-20000}
ROUNDS=${2:-7}
CLI=build/shmfault
LOOP=build/bench/shmloop
test -x "$CLI" && test -x "$LOOP" && test -f build/libshmfault-audit.so ||
	{ echo "bench/audit.sh: build first: make all build/bench/shmloop" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# side NAME ENVARGS...: one round; appends "per_iter_ns wall_ms" to $tmp/NAME.
side() {
	name=$1
	shift
	t0=$(date +%s%N)
	line=$("$CLI" run -q -- env "$@" "$LOOP" shmat "$N")
	t1=$(date +%s%N)
	echo "$line" | awk -v w=$(( (t1 - t0) / 1000000 )) '{ print $5, w }' >>"$tmp/$name"
}

i=0
while [ $i -lt "$ROUNDS" ]; do
	side audit
	side plain -u LD_AUDIT
	i=$((i + 1))
done

med() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for s in audit plain; do
	eval "${s}_iter=\$(cut -d' ' -f1 <\"\$tmp/$s\" | med)"
	eval "${s}_wall=\$(cut -d' ' -f2 <\"\$tmp/$s\" | med)"
done
calls() {
	"$CLI" run -q -- env "$@" strace -f -qq -c -o "$tmp/c" "$LOOP" shmat "$N" >/dev/null
	awk '/^[ 0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+ / && $NF != "total" { n += $4 } END { print n }' "$tmp/c"
}
audit_calls=$(calls)
plain_calls=$(calls -u LD_AUDIT)
echo "shmat loop, N=$N, $ROUNDS rounds each, alternating, under shmfault run ($(nproc) CPUs, $(uname -r))"
printf '%-22s %14s %14s %8s\n' "" "LD_AUDIT" "without" "ratio"
printf '%-22s %14s %14s %8s\n' "ns per shmat+shmdt" "$audit_iter" "$plain_iter" \
	"$(awk -v a="$audit_iter" -v b="$plain_iter" 'BEGIN { printf "%.3f", a / b }')"
printf '%-22s %14s %14s %8s\n' "whole process, ms" "$audit_wall" "$plain_wall" \
	"$(awk -v a="$audit_wall" -v b="$plain_wall" 'BEGIN { printf "%.3f", a / b }')"
printf '%-22s %14s %14s\n' "system calls (strace)" "$audit_calls" "$plain_calls"
printf '%-22s %14s %14s\n' "  per iteration" \
	"$(awk -v a="$audit_calls" -v n="$N" 'BEGIN { printf "%.4f", a / (n + n / 10) }')" \
	"$(awk -v a="$plain_calls" -v n="$N" 'BEGIN { printf "%.4f", a / (n + n / 10) }')"
