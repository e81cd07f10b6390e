# conformance/t/lib.sh: sourced by the .t wrappers (POSIX sh).
#   native PROG          run build/conformance/PROG in a private IPC namespace
#   personality NAME     run every program under 'shmfault run -p NAME'
# Both print one TAP 13 stream on stdout.

TOP=$(cd "$(dirname "$0")/../.." && pwd)
B=$TOP/build/conformance
CLI=$TOP/build/shmfault
PROGS="shmget shmat shmctl rmid ftok lifecycle limits pshm_open pshm_map"
export SHMFAULT_EXPECTED_DIR="$TOP/expected"

skip_all() {
	echo "TAP version 13"
	echo "1..0 # SKIP $1"
	exit 0
}

# Build the programs when they are missing (prove run straight after a
# checkout); concurrent wrappers wait for one another.
ensure_built() {
	missing=
	for p in $PROGS inject pshm_open pshm_map; do [ -x "$B/$p" ] || missing=1; done
	[ -z "$missing" ] && return 0
	mkdir -p "$B"
	if command -v flock >/dev/null 2>&1; then
		flock "$B/.build-lock" make -s -C "$TOP/conformance" OUT="$B" \
			EXPECTED="$TOP/expected" LIB="$TOP/build/libshmfault.so" all >&2
	else
		make -s -C "$TOP/conformance" OUT="$B" EXPECTED="$TOP/expected" \
			LIB="$TOP/build/libshmfault.so" all >&2
	fi
}

# The command prefix that gives a private IPC namespace, or nothing.
ns_prefix() {
	if [ "$(id -u)" = 0 ] && unshare -i true 2>/dev/null; then
		echo "unshare -i"
	elif unshare -r -i true 2>/dev/null; then
		echo "unshare -r -i"
	fi
}

native() {
	ensure_built || skip_all "cannot build build/conformance/$1"
	ns=$(ns_prefix)
	[ -n "$ns" ] || skip_all "no private IPC namespace (unshare -i as root, or unshare -r -i) available"
	SHMFAULT_CONFORMANCE_PLATFORM=linux SHMFAULT_CONFORMANCE_NS=private
	export SHMFAULT_CONFORMANCE_PLATFORM SHMFAULT_CONFORMANCE_NS
	unset SHMFAULT SHMFAULT_PERSONALITY SHMFAULT_LIMITS SHMFAULT_STATE LD_PRELOAD
	# shellcheck disable=SC2086
	exec $ns "$B/$1"
}

# Merge the TAP of several programs into one stream: renumber the points,
# drop their plans, turn a skipped program into one SKIP point, and add a
# failing point for a program that crashed or printed no plan.
merge() { # name status file
	awk -v prog="$1" -v st="$2" -v n="$n" '
		/^TAP version/ { next }
		/^1\.\.0/ { r = $0; sub(/^1\.\.0 *# *[Ss][Kk][Ii][Pp] */, "", r); n++; print "ok " n " - " prog " # SKIP " r; plan = 1; next }
		/^1\.\.[0-9]+/ { plan = 1; next }
		/^(not )?ok [0-9]+/ {
			n++; neg = /^not /; sub(/^(not )?ok [0-9]+/, ""); print (neg ? "not ok " : "ok ") n $0; next }
		{ print }
		END {
			if (!plan || (st != 0 && st != 1)) { n++; print "not ok " n " - " prog " ended with status " st (plan ? "" : " and no plan") }
			print n > "/dev/stderr"
		}' "$3" 2>"$3.n"
	n=$(cat "$3.n")
}

personality() {
	name=$1
	[ -x "$CLI" ] || skip_all "build/shmfault not built"
	"$CLI" list --personality "$name" >/dev/null 2>&1 ||
		skip_all "personality '$name' not available ('shmfault list --personality $name' failed)"
	ensure_built || skip_all "cannot build build/conformance"
	[ -f "$TOP/expected/$name.tsv" ] || skip_all "no expected/$name.tsv"
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/shmfault-conf.XXXXXX") || exit 1
	trap 'rm -rf "$tmp"' EXIT
	limits=
	# POSIX leaves the attach limit to the implementation: give one.
	[ "$name" = posix ] && limits="--limit shmseg=16"
	echo "TAP version 13"
	n=0
	for p in $PROGS; do
		echo "# $p under shmfault run -p $name"
		# shellcheck disable=SC2086
		SHMFAULT_CONFORMANCE_PLATFORM=$name SHMFAULT_CONFORMANCE_NS=private \
			"$CLI" run -q -p "$name" $limits -- "$B/$p" >"$tmp/out" 2>"$tmp/err"
		st=$?
		merge "$p" "$st" "$tmp/out"
		[ "$st" = 0 ] || sed 's/^/# stderr: /' "$tmp/err"
	done
	echo "1..$n"
}
