# lib-audit.sh: setup shared by tests/audit/*.t (sourced after test_description).
# The audit module (build/libshmfault-audit.so) and the RTLD_DEEPBIND samples.
# shellcheck shell=sh
. "$(dirname "$0")/../lib/test-lib.sh"

AUDIT_LIB="$BUILD/libshmfault-audit.so"
D="$BUILD/samples/deepbind"
HOST="$D/deephost"
PHPDIR="$SHMFAULT_TOP/samples/php"
export AUDIT_LIB D HOST PHPDIR

test -f "$AUDIT_LIB" && test -x "$HOST" && test -f "$D/libdeepmod.so" && test -f "$D/libdeepmod-now.so" &&
	test_set_prereq DEEPBIND
command -v strace >/dev/null 2>&1 && strace -f -qq -o /dev/null -e inject=shmget:error=EACCES:when=1 true 2>/dev/null &&
	test_set_prereq STRACE
# PHP 8.2 with shmop and sysvshm (php8.2-cli); both are loaded with RTLD_DEEPBIND.
if command -v php >/dev/null 2>&1 && php -r 'exit(function_exists("shmop_open") && function_exists("shm_attach") ? 0 : 1);' 2>/dev/null; then
	test_set_prereq PHP
fi

# failing_line FILE: the first line of a run's stderr that is neither a
# sample's "CALL: ok" progress line nor the CLI's own "shmfault:" summary.
# Decimal numbers of 10 digits or more become N: PHP's shm_remove() warning
# prints an address as its "id", which ASLR moves from run to run.
failing_line() {
	grep -v -e ': ok$' -e '^shmfault: ' "$1" | head -n 1 | sed 's/[0-9]\{10,\}/N/g'
}

# strace_case CALL N ERRNO OUT CMD...: CMD under strace's injection of ERRNO
# into the Nth CALL system call, in a private IPC namespace. Writes OUT.rc
# (exit status), OUT.err (stderr), OUT.ipcs (segments left, one key a line),
# OUT.trace (strace's trace of the shm calls, the injected one marked).
strace_case() {
	c=$1 n=$2 e=$3 out=$4
	shift 4
	in_ns sh -c '
		o=$1; shift
		strace -f -qq -o "$o.trace" -e trace=shmget,shmat,shmdt,shmctl -e inject="$0" "$@" >/dev/null 2>"$o.err"
		echo $? >"$o.rc"
		ipcs -m | awk "/^0x/ { print \$1 }" >"$o.ipcs"' \
		"$c:error=$e:when=$n" "$out" "$@"
}

# shmfault_case CALL N ERRNO OUT CMD...: the same case through `shmfault run`.
shmfault_case() {
	c=$1 n=$2 e=$3 out=$4
	shift 4
	"$SHMFAULT_BIN" run -q -e "$c:error=$e:when=$n" -- "$@" >/dev/null 2>"$out.err"
	echo $? >"$out.rc"
}

# class_of OUT: the class strace's run gets by the definitions of
# docs/sweep.md (cli/classify.h), computed here from its exit status,
# stderr and the segments left: crashed (a signal: 128+N), leaked, recovered
# (exit 0), failed-cleanly (non-zero exit with a diagnostic), silent-failure.
# When strace failed an IPC_RMID (its trace says INJECTED), the segment it
# kept is not the program's leak if the program reported it (classify.h).
class_of() {
	rc=$(cat "$1.rc")
	kept=
	grep -q "IPC_RMID.*(INJECTED)" "$1.trace" && test "$rc" != 0 && test -s "$1.err" && kept=1
	if test "$rc" -gt 128; then echo crashed
	elif test -s "$1.ipcs" && test -z "$kept"; then echo leaked
	elif test "$rc" = 0; then echo recovered
	elif test -s "$1.err"; then echo failed-cleanly
	else echo silent-failure
	fi
}

# compare_sweep SWEEP_TAP CMD...: every case of the sweep ("CALL#N ERRNO
# CLASS"), run again through `shmfault run` and under strace -e inject with
# the same (call, occurrence, errno): the same exit status, the same failing
# line, and strace's class equal to the sweep's. ftok is libc over stat(2):
# strace cannot single it out, so its cases are compared with the run alone.
# Prints one line per case compared; returns 1 at the first difference.
compare_sweep() {
	tap=$1
	shift
	sed -n 's/^\(not \)\{0,1\}ok [0-9]* - \([a-z]*\)#\([0-9]*\) \([A-Z0-9]*\): \([a-z-]*\) (exit \([0-9]*\).*/\2 \3 \4 \5 \6/p' "$tap" >cases.list
	test "$(grep -c '' cases.list)" = "$(grep -c '^\(not \)\{0,1\}ok [0-9]* - ' "$tap")" || return 1
	while read -r call n e class rc; do
		shmfault_case "$call" "$n" "$e" run "$@"
		if ! test "$(cat run.rc)" = "$rc"; then
			echo "$call#$n $e: exit $rc in the sweep, $(cat run.rc) in its run" >&2
			return 1
		fi
		if test "$call" = ftok; then
			echo "$call#$n $e $class (exit $rc, strace cannot inject ftok)"
			continue
		fi
		strace_case "$call" "$n" "$e" st "$@"
		if ! test "$(cat run.rc)" = "$(cat st.rc)"; then
			echo "$call#$n $e: exit $(cat run.rc) under shmfault, $(cat st.rc) under strace" >&2
			return 1
		fi
		if ! test "$(failing_line run.err)" = "$(failing_line st.err)"; then
			echo "$call#$n $e: '$(failing_line run.err)' under shmfault, '$(failing_line st.err)' under strace" >&2
			return 1
		fi
		if ! test "$(class_of st)" = "$class"; then
			echo "$call#$n $e: $class in the sweep, $(class_of st) under strace" >&2
			return 1
		fi
		echo "$call#$n $e $class (exit $(cat st.rc): $(failing_line st.err))"
	done <cases.list
}

# sweep_to FILE CMD...: shmfault sweep -j2 of CMD into FILE; its own exit
# status (0: every case ok, 1: some not ok) is a result here, 2 and up not.
sweep_to() {
	out=$1
	shift
	"$SHMFAULT_BIN" sweep -j2 -- "$@" >"$out"
	test $? -le 1
}
