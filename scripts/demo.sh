#!/bin/sh
# make demo: a newcomer's first minute. Installs what a fresh Debian machine
# lacks, builds, then shows shmfault at work on a bundled sample program:
# one injected fault, a sweep of the buggy sample that catches its crash,
# and the corrected sample passing the same sweep.
set -eu
cd "$(dirname "$0")/.."

scripts/install-deps.sh
make -s -j"$(nproc 2>/dev/null || echo 2)" progs

sf=build/shmfault
# The writer sleeps a second per letter; libsleepgate makes sleep() return at
# once so the demo takes seconds, not minutes.
gate=build/samples/libsleepgate.so
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
top=$PWD

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "1. One fault: the seed program 'writer' when shmat fails with EACCES"
echo "\$ shmfault run -e 'shmat:error=EACCES' -- samples/writer"
(cd "$work" && LD_PRELOAD="$top/$gate" "$top/$sf" run -e 'shmat:error=EACCES' -- "$top/build/samples/writer") || echo "(exit status $?)"
echo "It compares shmat's result with NULL instead of (void *) -1, writes through"
echo "(void *) -1 and dies; the harness names the fault, kills the rest, and"
echo "removes the segment the crash left behind."

say "2. A sweep of the buggy writer: every documented errno of every shm call it makes"
echo "\$ shmfault sweep -- samples/writer"
(cd "$work" && LD_PRELOAD="$top/$gate" "$top/$sf" sweep -j2 --timeout 5 -- "$top/build/samples/writer" >buggy.tap) || :
grep -E '^(not ok|ok) ' "$work/buggy.tap" | sed -n '6,8p;14,15p;20,21p'
echo "..."
grep '^# classes' "$work/buggy.tap"

say "3. The corrected writer under the same sweep"
echo "\$ shmfault sweep -- samples/fixed/writer"
if (cd "$work" && SAMPLE_SLEEP=0 "$top/$sf" sweep -j2 --timeout 5 -- "$top/build/samples/fixed/writer" >fixed.tap); then
	grep -E '^(not ok|ok) ' "$work/fixed.tap" | sed -n '6,8p;14,15p;20,21p'
	echo "..."
	grep '^# classes' "$work/fixed.tap"
	echo "every case ok: the sweep exits 0, so CI can gate on it (prove reads the TAP)."
else
	echo "the corrected writer did not pass its sweep:" >&2
	grep '^not ok' "$work/fixed.tap" >&2
	exit 1
fi
say "4. POSIX shm: a program that grows its object, gated on Linux and macOS"
echo "\$ shmfault gate -p linux,macos -- samples/posix/pshm_resize"
(cd "$work" && "$top/$sf" gate -p linux,macos -- "$top/build/samples/posix/pshm_resize" >gate.tap) || :
grep -E '^(not ok|ok) ' "$work/gate.tap"
echo "macOS sizes a POSIX shm object once (PM-MC4): the second ftruncate fails."
printf '\nNext: README.md (rules, personalities, sweep, gate), make check.\n'
