# lib-kernel.sh: shared setup for tests/kernel/ (sourced after test-lib.sh).
# shellcheck shell=sh
KERNSUP="$BUILD/kernel/kernsup"
REACH="$BUILD/samples/reach"
export KERNSUP REACH
test -x "$KERNSUP" || error "build first: make progs (missing $KERNSUP)"

# USER_NOTIF: this kernel can install the filter (a kernel without seccomp
# user notification, or a nested supervisor, skips the suite's tests).
if "$KERNSUP" -q -- true >/dev/null 2>&1; then
	test_set_prereq USER_NOTIF
fi
command -v strace >/dev/null 2>&1 && test_set_prereq STRACE

# errno_of NAME: the number from the C library's headers (via Perl's POSIX),
# not from shmfault.
errno_of() {
	perl -MPOSIX -e "print POSIX::$1()"
}

# kns CMD...: CMD in a private IPC namespace when possible (the targets'
# segments are IPC_PRIVATE and removed, so the host's namespace also works).
kns() {
	if test_have_prereq IPCNS; then in_ns "$@"; else "$@"; fi
}
