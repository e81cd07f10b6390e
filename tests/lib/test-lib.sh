# test-lib.sh: common setup for shmfault's shell tests (sharness, TAP).
# A test sets test_description, sources this file, then uses sharness's
# test_expect_success / test_done. Paths below point into the build tree.
# shellcheck shell=sh

SHMFAULT_TOP=$(cd "$(dirname "$0")/../.." && pwd)
export SHMFAULT_TOP
BUILD="$SHMFAULT_TOP/build"
SHMFAULT_BIN="$BUILD/shmfault"
SHMFAULT_LIB="$BUILD/libshmfault.so"
PROBE="$BUILD/tests/probe"
export BUILD SHMFAULT_BIN SHMFAULT_LIB PROBE

# Trash directories live outside the source tree so parallel runs and
# read-only checkouts work.
: "${SHMFAULT_TEST_ROOT:=${TMPDIR:-/tmp}/shmfault-tests}"
# One root per test process: two runs of the suite at once never share a
# trash directory.
root=$SHMFAULT_TEST_ROOT/$$
mkdir -p "$root"
# run_all.sh archives each test's TAP; a prove run inside a test (on a
# sweep's TAP) must not add its own files to that archive.
unset PERL_TEST_HARNESS_DUMP_TAP

if ! test -f /usr/share/sharness/sharness.sh; then
	echo "1..0 # SKIP sharness is not installed (apt-get install sharness)"
	exit 0
fi
# sharness reads its options from "$@"; keep ours out of its way.
set -- --root="$root" "$@"
. /usr/share/sharness/sharness.sh

test -x "$SHMFAULT_BIN" && test -f "$SHMFAULT_LIB" ||
	error "build first: make (missing $SHMFAULT_BIN or $SHMFAULT_LIB)"

# Prerequisites: named capabilities, checked once.
if unshare -i true 2>/dev/null || unshare -r -i true 2>/dev/null; then
	test_set_prereq IPCNS
fi
test "$(id -u)" = 0 && test_set_prereq ROOT
command -v fiu-run >/dev/null 2>&1 && test_set_prereq FIU_UTILS

# run_probe RULES ARGS...: the probe program under the interposer alone
# (no CLI), in a private IPC namespace where possible.
run_probe() {
	rules=$1
	shift
	SHMFAULT="$rules" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" "$@"
}

# in_ns CMD...: run CMD in a private IPC namespace (root, or a user
# namespace); tests that need it carry the IPCNS prerequisite.
in_ns() {
	if test "$(id -u)" = 0; then unshare -i "$@"; else unshare -r -i "$@"; fi
}

# mkcase NAME: a scenario file NAME.t (shmfault case), its fields on stdin.
mkcase() {
	{
		echo '#!/bin/sh'
		echo 'exec "$SHMFAULT_BIN" case "$0" "$@"'
		cat
	} >"$1.t" && chmod +x "$1.t"
}

# pattern: probe output -> one letter per call, o = ok, x = failed.
pattern() {
	awk '{ printf "%s", ($2 == "ok") ? "o" : "x" } END { print "" }'
}

# documented CALL: the documented errnos of CALL, from tests/lib/errnos.tsv
# (kept by hand from the man pages and POSIX; never from `shmfault list`,
# the code under test).
ERRNO_TABLE="$SHMFAULT_TOP/tests/lib/errnos.tsv"
documented() {
	awk -F '\t' -v c="$1" '!/^#/ && $1 == c { print $2 }' "$ERRNO_TABLE"
}
