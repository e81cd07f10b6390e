# lib-portability.sh: sourced by tests/portability/*.t after test-lib.sh.
# Builds conformance/*.c with a given compiler and flags into the trash
# directory, and runs a build's native checks as conformance/t/lib.sh does.
# shellcheck shell=sh

CONF_SRC="$SHMFAULT_TOP/conformance"
# every conformance program, SysV and POSIX shm
CONF_ALL=$(cd "$CONF_SRC" && ls ./*.c | sed 's|^\./||; s|\.c$||')
# the Makefile's warnings, as errors
PORT_WARN="-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes"

# port_build CC OUTDIR PROG [FLAGS...]: one program, stderr kept in OUTDIR/PROG.err
port_build() {
	cc=$1 out=$2 prog=$3
	shift 3
	mkdir -p "$out" &&
	# shellcheck disable=SC2086
	"$cc" -std=c11 -O2 $PORT_WARN -I"$SHMFAULT_TOP/common" "-DCONF_EXPECTED_DIR=\"$SHMFAULT_TOP/expected\"" \
		"-DCONF_LIBSHMFAULT=\"$SHMFAULT_LIB\"" "$@" -o "$out/$prog" "$CONF_SRC/$prog.c" 2>"$out/$prog.err" || {
		cat "$out/$prog.err" >&2
		return 1
	}
}

# port_macros CC PROG [FLAGS...]: the predefined macros of a build, one a line
port_macros() {
	cc=$1 prog=$2
	shift 2
	"$cc" -std=c11 -I"$SHMFAULT_TOP/common" "$@" -E -dM "$CONF_SRC/$prog.c"
}

# The command prefix for a private IPC namespace (as conformance/t/lib.sh).
port_ns() {
	if test "$(id -u)" = 0 && unshare -i true 2>/dev/null; then
		echo "unshare -i"
	elif unshare -r -i true 2>/dev/null; then
		echo "unshare -r -i"
	fi
}

# port_native BIN OUT: run BIN's native checks against expected/linux.tsv;
# fails on a 'not ok', a missing plan, or a status other than 0.
port_native() {
	bin=$1 out=$2
	ns=$(port_ns)
	# shellcheck disable=SC2086
	env -u LD_PRELOAD -u SHMFAULT -u SHMFAULT_PERSONALITY -u SHMFAULT_LIMITS -u SHMFAULT_STATE \
		SHMFAULT_CONFORMANCE_PLATFORM=linux SHMFAULT_CONFORMANCE_NS=private \
		SHMFAULT_EXPECTED_DIR="$SHMFAULT_TOP/expected" $ns "$bin" >"$out" 2>"$out.err"
	st=$?
	nok=$(grep -c '^not ok' "$out")
	plan=$(grep -c '^1\.\.[1-9]' "$out")
	if test "$st" != 0 || test "$nok" != 0 || test "$plan" != 1; then
		echo "$bin: status $st, $nok not ok, plan lines $plan" >&2
		grep -A8 '^not ok' "$out" >&2
		cat "$out.err" >&2
		return 1
	fi
}
