#!/bin/sh
# bench/icount.sh: user-space instructions per iteration of bench/shmloop,
# counted by valgrind --tool=callgrind (a count, not a time: the same on a
# loaded machine).  Each variant runs with N and 2N iterations; the
# difference over the iterations added (warm-up included) cancels start-up
# and exit.  "extra" is the variant's count minus native's: what the
# library (and nothing in the kernel) adds per iteration; per call is half
# of it (two calls per iteration).  Not a test: it asserts nothing.
#   bench/icount.sh [shmat|shmget] [N] [PERSONALITY...]
#   (defaults: shmget, 2000, every personality of `shmfault list`)
set -eu
cd "$(dirname "$0")/.."
MODE=${1:-shmget}
N=${2:-2000}
[ $# -ge 2 ] && shift 2 || shift $#
B=$PWD/build
LIB=$B/libshmfault.so
PERS=${*:-$(sed -n 's/^[[:space:]]*P("\([a-z0-9-]*\)".*/\1/p' common/personalities.c)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
VG="valgrind --tool=callgrind --callgrind-out-file=$tmp/cg.%p -q"

# the summary line of every callgrind file written by one command, summed
count() {
	rm -f "$tmp"/cg.*
	"$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; echo "icount: failed: $*" >&2; exit 1; }
	cat "$tmp"/cg.* | awk '/^summary:/ { s += $2 } END { print s }'
}
# iterations added between N and 2N: N + (2N/10 - N/10)
added=$((N + (2 * N / 10) - (N / 10)))
per_iter() { # name, then the command with @N@ for the count
	name=$1; shift
	# the command's words, split on purpose (no argument holds a space)
	# shellcheck disable=SC2046
	a=$(count $(echo "$@" | sed "s/@N@/$N/"))
	# shellcheck disable=SC2046
	b=$(count $(echo "$@" | sed "s/@N@/$((2 * N))/"))
	echo "$name $(( (b - a) / added ))"
}
nat=$(per_iter native unshare -i $VG $B/bench/shmloop $MODE @N@ | awk '{ print $2 }')
printf '%-34s %12s %12s %10s\n' "variant ($MODE loop)" "instr/iter" "extra/iter" "extra/call"
line() { printf '%-34s %12d %12d %10d\n' "$1" "$2" "$(($2 - nat))" "$((($2 - nat) / 2))"; }
line native "$nat"
line "preload, no rules" "$(per_iter x unshare -i env LD_PRELOAD=$LIB SHMFAULT= $VG $B/bench/shmloop $MODE @N@ | awk '{ print $2 }')"
line "preload alone, aix" "$(per_iter x unshare -i env LD_PRELOAD=$LIB SHMFAULT_PERSONALITY=aix $VG $B/bench/shmloop $MODE @N@ | awk '{ print $2 }')"
for p in $PERS; do
	line "run -p $p" "$(per_iter x $B/shmfault run -q --backend preload -p $p -- $VG $B/bench/shmloop $MODE @N@ | awk '{ print $2 }')"
done
