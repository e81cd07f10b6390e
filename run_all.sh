#!/bin/sh
# run_all.sh: run shmfault's TAP suites through prove.
#   ./run_all.sh                      every suite
#   ./run_all.sh preload cli          only these suites
#   ./run_all.sh --junit out.xml      also write JUnit XML (TAP::Formatter::JUnit)
#   ./run_all.sh --list               the suite names
#   ./run_all.sh --no-build ...       do not run make first (SHMFAULT_NO_BUILD=1 too)
# Suites: tests/<name>/*.t, conformance (conformance/t/*.t), cases (cases/*.t).
# First it runs 'make -s progs' (CC, SANITIZE, CFLAGS from the environment), so
# the suites run on what they need, built with the current flags: after a
# plain 'make', or a 'make check SANITIZE=...' (build/.flags rebuilds all).
# 'make check' has just built them and sets SHMFAULT_NO_BUILD=1.
# Exits non-zero when any test fails, 2 when the build fails.
set -eu
cd "$(dirname "$0")"

junit=
jobs=${SHMFAULT_JOBS:-$(nproc 2>/dev/null || echo 2)}
suites=
while [ $# -gt 0 ]; do
	case $1 in
	--junit) junit=$2; shift 2 ;;
	--junit=*) junit=${1#--junit=}; shift ;;
	-j) jobs=$2; shift 2 ;;
	--list) list=1; shift ;;
	--no-build) SHMFAULT_NO_BUILD=1; shift ;;
	-h|--help) sed -n '2,15p' "$0"; exit 0 ;;
	-*) echo "run_all.sh: unknown option '$1'" >&2; exit 2 ;;
	*) suites="$suites $1"; shift ;;
	esac
done

files_of() {
	case $1 in
	conformance) ls conformance/t/*.t 2>/dev/null || : ;;
	cases) ls cases/*.t 2>/dev/null || : ;;
	*) ls "tests/$1"/*.t 2>/dev/null || : ;;
	esac
}

all_suites() {
	for d in tests/*/; do
		d=${d%/}; d=${d#tests/}
		case $d in lib|helpers) ;; *) echo "$d" ;; esac
	done
	echo conformance
	echo cases
}

if [ "${list:-}" ]; then all_suites; exit 0; fi
[ -n "$suites" ] || suites=$(all_suites)

files=
for s in $suites; do
	f=$(files_of "$s")
	if [ -z "$f" ]; then
		case " $(all_suites | tr '\n' ' ') " in
		*" $s "*) continue ;;   # a known suite with no tests yet
		esac
		echo "run_all.sh: unknown suite '$s' (known: $(all_suites | tr '\n' ' '))" >&2
		exit 2
	fi
	files="$files $f"
done
[ -n "$files" ] || { echo "run_all.sh: no tests found" >&2; exit 2; }

# Build what the suites need (make's output on stderr: stdout is the TAP summary).
if [ "${SHMFAULT_NO_BUILD:-}" != 1 ]; then
	make -s -j"$jobs" progs >&2 || { echo "run_all.sh: the build failed (make progs)" >&2; exit 2; }
fi

# Tests marked serial (a line '# shmfault: serial' in the file) touch global
# state such as the host's IPC namespace: they run alone, after the others.
par=
seq=
for f in $files; do
	if grep -q '^# shmfault: serial' "$f" 2>/dev/null; then seq="$seq $f"; else par="$par $f"; fi
done

# The TAP of every test is kept: for JUnit XML (TAP::Formatter::JUnit) and
# for the digest of failures printed last, where a CI log's tail shows it.
archive=$(mktemp -d)
trap 'rm -rf "$archive"' EXIT
PERL_TEST_HARNESS_DUMP_TAP=$archive
export PERL_TEST_HARNESS_DUMP_TAP

# digest: each failed test with the diagnostics around it (30 lines a file).
digest() {
	echo "run_all.sh: failures, with their diagnostics:"
	# only this run's test files: a test that runs prove itself (on a
	# sweep's TAP) may dump its own, expected not-ok lines here too
	for f in $files; do
		[ -f "$archive/$f" ] && grep -q '^not ok' "$archive/$f" || continue
		echo "== $f"
		awk '/^not ok/ && !/# TODO/ { printf "%s", pre; print; pre = ""; on = 1; next }
		     /^(ok|not ok) / { pre = ""; on = 0; next }
		     /^#/ { if (on) print; else pre = pre $0 "\n" }' "$archive/$f" | head -30
	done
}

status=0
# shellcheck disable=SC2086
[ -z "$par" ] || prove -j"$jobs" --timer $par || status=1
# shellcheck disable=SC2086
[ -z "$seq" ] || prove --timer $seq || status=1

unset PERL_TEST_HARNESS_DUMP_TAP
[ "$status" = 0 ] || digest
if [ -n "$junit" ]; then
	# shellcheck disable=SC2046
	(cd "$archive" && for f in $files; do [ -f "$f" ] && echo "$f"; done | xargs prove --formatter TAP::Formatter::JUnit --exec cat) >"$junit" 2>/dev/null || :
fi
exit $status
