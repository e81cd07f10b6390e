# lib-backend.sh: shared setup for tests/backend/ (sourced after test-lib.sh):
# the CLI with the kernel backend wired in (issue 13).
# shellcheck shell=sh
REACH="$BUILD/samples/reach"
KERNSUP="$BUILD/kernel/kernsup"
export REACH KERNSUP
test -x "$REACH/reach-raw" || error "build first: make progs (missing $REACH/reach-raw)"

# USER_NOTIF: this kernel can install the filter (the test driver says so,
# independently of the CLI).
if "$KERNSUP" -q -- true >/dev/null 2>&1; then
	test_set_prereq USER_NOTIF
fi
command -v strace >/dev/null 2>&1 && test_set_prereq STRACE

# errno_of NAME: the number from the C library's headers (Perl's POSIX).
errno_of() {
	perl -MPOSIX -e "print POSIX::$1()"
}

# site_of PROG: the offset of reach-raw's labelled syscall instruction (nm).
site_of() {
	nm "$1" | awk '$3 == "reach_syscall_site" { print $1 }' | sed 's/^0*//'
}
