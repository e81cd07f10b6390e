#!/bin/sh
# bench/filter.sh: where the CLI's cost on the shmget loop comes from
# (issue 15; docs/performance-history.md "The filter").  Interleaved rounds of
# bench/shmloop under: no filter, the library alone; the library alone under
# our filter (kernel/kernsup: the filter and a supervisor, no CLI); and
# `shmfault run --backend preload` (the CLI: filter, state file, namespaces).
# Every round runs each configuration once, in an order that rotates; each
# ratio is to native *in the same round*.  Prints the median and the range
# of the in-process whole-loop mean and of the process's own CPU.
#   bench/filter.sh [shmget|shmat] [N] [ROUNDS] [PERSONALITY]
# Not a test: it asserts nothing.
set -eu
cd "$(dirname "$0")/.."
MODE=${1:-shmget}
N=${2:-100000}
ROUNDS=${3:-9}
P=${4:-aix}
B=$PWD/build
LIB=$B/libshmfault.so
L="$B/bench/shmloop $MODE $N"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/configs" <<EOC
native|unshare -i $L
library alone, -p $P|unshare -i env LD_PRELOAD=$LIB SHMFAULT_PERSONALITY=$P $L
library alone, -p $P, under our filter (kernsup)|unshare -i $B/kernel/kernsup -q -- env LD_PRELOAD=$LIB SHMFAULT_PERSONALITY=$P $L
shmfault run --backend preload -p $P|$B/shmfault run -q --backend preload -p $P -- $L
shmfault run --backend preload -p linux|$B/shmfault run -q --backend preload -p linux -- $L
EOC
nc=$(wc -l <"$tmp/configs")
r=0
while [ $r -lt "$ROUNDS" ]; do
	j=0
	while [ $j -lt "$nc" ]; do
		i=$(( (j + r) % nc + 1 ))
		cmd=$(sed -n "${i}p" "$tmp/configs" | cut -d'|' -f2)
		# shmloop: MODE N MEAN FAILED MEDIAN MIN CPU(us, whole process)
		# shellcheck disable=SC2086
		$cmd 2>/dev/null | awk -v r=$r '$1 == "shmat" || $1 == "shmget" { print r, $3, $7 }' >>"$tmp/c$i"
		j=$((j + 1))
	done
	r=$((r + 1))
done
printf '%-56s %9s  %-24s %-24s\n' "configuration ($MODE, $N iterations, $ROUNDS rounds)" "ns/iter" "in-process: med [min,max]" "CPU: med [min,max]"
i=0
while IFS='|' read -r name cmd; do
	i=$((i + 1))
	join "$tmp/c1" "$tmp/c$i" | awk -v name="$name" '
		{ m[NR] = $4; w[NR] = $4 / $2; c[NR] = $5 / $3 }
		function med(a, n,   i, j, t) {
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
			return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
		END { n = NR; mm = med(m, n); mw = med(w, n); mc = med(c, n)
		      printf "%-56s %9.0f  %.3f [%.3f, %.3f]    %.3f [%.3f, %.3f]\n", name, mm, mw, w[1], w[n], mc, c[1], c[n] }'
done <"$tmp/configs"
