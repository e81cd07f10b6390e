# lib-sweep.sh: setup shared by tests/sweep/*.t and tests/gate/*.t (sourced after test_description).
# shellcheck shell=sh
. "$(dirname "$0")/../lib/test-lib.sh"

W="$BUILD/samples/sweep"
export W
if test -x "$W/careful" && test -x "$W/unchecked" && test -x "$W/leaky" && test -x "$W/silent" &&
	test -x "$W/retry_forever" && test -x "$W/attach_many" && test -x "$W/attach_after_rmid"; then
	test_set_prereq SAMPLES
fi

# The personalities the gate tests need (SKIP until they exist).
if "$SHMFAULT_BIN" list 2>/dev/null | grep "^personalities:" | grep -q "aix.*hpux.*macos\|aix.*macos.*hpux"; then
	test_set_prereq PERSONALITIES
fi

perl -MTAP::Formatter::JUnit -e 1 2>/dev/null && test_set_prereq JUNIT

# tests FILE: the test lines of a TAP file without their numbers.
tests_of() {
	sed -n 's/^\(not \)\{0,1\}ok [0-9]* - /&/p' "$1" | sed 's/^\(not \)\{0,1\}ok [0-9]* - /\1ok - /'
}

# classes FILE: "CASE CLASS" per test ("shmat#1 EACCES failed-cleanly").
classes_of() {
	sed -n 's/^\(not \)\{0,1\}ok [0-9]* - \([a-z]*#[0-9]* [A-Z0-9]*\): \([a-z-]*\).*/\2 \3/p' "$1"
}
