# kernel.sh: shared setup for tests/kernel/ and tests/backend/ (sourced
# after test-lib.sh): the supervisor's test driver and the reach samples
# (issue 13).
# shellcheck shell=sh
KERNSUP="$BUILD/kernel/kernsup"
REACH="$BUILD/samples/reach"
export KERNSUP REACH
test -x "$KERNSUP" || error "build first: make progs (missing $KERNSUP)"
test -x "$REACH/reach-raw" || error "build first: make progs (missing $REACH/reach-raw)"

# USER_NOTIF: this kernel can install the filter, as the test driver says,
# independently of the CLI (a kernel without seccomp user notification, or
# a nested supervisor, skips the tests that need it).
if "$KERNSUP" -q -- true >/dev/null 2>&1; then
	test_set_prereq USER_NOTIF
fi
command -v strace >/dev/null 2>&1 && test_set_prereq STRACE

# errno_of NAME: the number from the C library's headers (via Perl's POSIX),
# not from shmfault.
errno_of() {
	perl -MPOSIX -e "print POSIX::$1()"
}

# site_of PROG: the offset of reach-raw's labelled syscall instruction (nm).
site_of() {
	nm "$1" | awk '$3 == "reach_syscall_site" { print $1 }' | sed 's/^0*//'
}

# kns CMD...: CMD in a private IPC namespace when possible (the targets'
# segments are IPC_PRIVATE and removed, so the host's namespace also works).
kns() {
	if test_have_prereq IPCNS; then in_ns "$@"; else "$@"; fi
}
