# lib-samples.sh: setup shared by tests/samples/*.t (sourced after the test
# sets test_description).  These tests run the sample programs natively: they
# use neither the interposer nor the CLI.
# shellcheck shell=sh

SHMFAULT_TOP=$(cd "$(dirname "$0")/../.." && pwd)
if test -z "${SAMPLES_T_OWN_SETUP:-}" &&
	test -x "$SHMFAULT_TOP/build/shmfault" && test -f "$SHMFAULT_TOP/build/libshmfault.so"; then
	. "$SHMFAULT_TOP/tests/lib/test-lib.sh"
else
	# tests/lib/test-lib.sh stops when build/shmfault or
	# build/libshmfault.so is missing; the samples need neither, so do the
	# same setup (same trash root, same prerequisites) without that check.
	export SHMFAULT_TOP
	BUILD="$SHMFAULT_TOP/build"
	export BUILD
	: "${SHMFAULT_TEST_ROOT:=${TMPDIR:-/tmp}/shmfault-tests}"
	mkdir -p "$SHMFAULT_TEST_ROOT"
	if ! test -f /usr/share/sharness/sharness.sh; then
		echo "1..0 # SKIP sharness is not installed (apt-get install sharness)"
		exit 0
	fi
	set -- "$@" --root="$SHMFAULT_TEST_ROOT"
	. /usr/share/sharness/sharness.sh
	if unshare -i true 2>/dev/null || unshare -r -i true 2>/dev/null; then
		test_set_prereq IPCNS
	fi
	test "$(id -u)" = 0 && test_set_prereq ROOT
fi

SAMPLES="$BUILD/samples"
SLEEPGATE_LIB="$SAMPLES/libsleepgate.so"
MKSEG="$SAMPLES/mkseg"
export SAMPLES SLEEPGATE_LIB MKSEG
for p in writer fixed/writer sweep/careful sweep/attach_after_rmid_buggy mkseg libsleepgate.so; do
	test -e "$SAMPLES/$p" || error "build first: make samples (missing $SAMPLES/$p)"
done

# A private IPC namespace (and, for in_ipcns_tmp, a private /tmp): as root
# plain unshare, otherwise inside a user namespace.
if test "$(id -u)" = 0; then
	NS_IPC="unshare -i"
	NS_IPC_MNT="unshare -i -m --propagation private"
else
	NS_IPC="unshare -r -i"
	NS_IPC_MNT="unshare -r -i -m --propagation private"
fi
if $NS_IPC_MNT sh -c 'mount -t tmpfs tmpfs /tmp' 2>/dev/null; then
	test_set_prereq MNTNS
fi
command -v setpriv >/dev/null 2>&1 && test_set_prereq SETPRIV
command -v ipcs >/dev/null 2>&1 && test_set_prereq IPCS

# in_ipcns SCRIPT: run the sh script SCRIPT in a new IPC namespace.  The
# timeout is only a safety net against a hung test (never an assertion):
# the scenarios synchronise through pipes, not time.
in_ipcns() {
	timeout 300 $NS_IPC sh "$@"
}

# in_ipcns_tmp SCRIPT: the same with an empty private /tmp (tmpfs). The
# checkout itself may live under /tmp (a CI clone): it stays reachable
# through a descriptor opened before the mount, and the sample paths the
# scripts use are pointed there.
in_ipcns_tmp() {
	timeout 300 $NS_IPC_MNT sh -c '
		exec 9<"$SHMFAULT_TOP" && mount -t tmpfs tmpfs /tmp || exit 1
		top=/proc/$$/fd/9
		SAMPLES=$top/build/samples
		S=$SAMPLES F=$SAMPLES/fixed SLEEPGATE_LIB=$SAMPLES/libsleepgate.so MKSEG=$SAMPLES/mkseg
		SAMPLES_T_HELPERS=$top/tests/samples/scenario-lib.sh
		export SAMPLES S F SLEEPGATE_LIB MKSEG SAMPLES_T_HELPERS
		exec sh "$@"' sh "$@"
}

# Helpers for the scenario scripts, which source "$SAMPLES_T_HELPERS".
SAMPLES_T_HELPERS="$SHMFAULT_TOP/tests/samples/scenario-lib.sh"
export SAMPLES_T_HELPERS

# test_line_count OP N FILE (as in git's test suite; sharness lacks it).
test_line_count() {
	if test $# != 3; then
		error "bug in the test script: test_line_count needs 3 arguments"
	fi
	if ! test "$(wc -l <"$3")" "$1" "$2"; then
		echo "test_line_count: line count for $3 !$1 $2"
		cat "$3"
		return 1
	fi
}
