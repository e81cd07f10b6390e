#!/bin/sh
test_description='POSIX objects a run leaves in its private /dev/shm are listed and removed, never on the host; a refused shm_unlink is leaked; kept: objects are not; the host /dev/shm (--host-ipc, no private mount) is listed, not cleaned (issue 16)'
. "$(dirname "$0")/../lib/test-lib.sh"

PP="$BUILD/tests/pshm_probe"
N=/sf-t0060-$$
test -x "$PP" && test_set_prereq PPROBE

# PRIVSHM: a run here gets a tmpfs of its own on /dev/shm (private
# namespaces, and the mount works); otherwise the tests that need it SKIP.
if test -d /dev/shm && "$SHMFAULT_BIN" run -- true 2>privshm.err &&
	! grep -q "/dev/shm" privshm.err; then
	test_set_prereq PRIVSHM
fi
# NOMNTNS: a user namespace of ours in which no mount namespace can be made
# (max_mnt_namespaces 0): a sandbox there has no private /dev/shm.
unshare -Ur sh -c 'echo 0 >/proc/sys/user/max_mnt_namespaces' 2>/dev/null && test_set_prereq NOMNTNS
# SETPRIV: root can run shmfault as uid 65534 (the user-namespace mode),
# which can reach the build tree (not in a 0700 scratch copy)
command -v setpriv >/dev/null 2>&1 && test "$(id -u)" = 0 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$SHMFAULT_BIN" -a -x "$PP" 2>/dev/null &&
	test_set_prereq SETPRIV

test_expect_success PPROBE,PRIVSHM 'run: an object and a named semaphore left are listed and removed; the run never sees the host /dev/shm' '
	test_when_finished "rm -f /dev/shm/sf-t0060-host-$$" &&
	: >/dev/shm/sf-t0060-host-$$ &&
	"$SHMFAULT_BIN" run -- sh -c "test ! -e /dev/shm/sf-t0060-host-$$ && exec \"\$0\" open:$N:cx trunc:4096 sem:$N-sem" "$PP" >out 2>err &&
	grep -x "shmfault: leaked POSIX shm object $N size=4096 mode=0600 (removed)" err &&
	grep -x "shmfault: leaked POSIX semaphore $N-sem size=32 mode=0600 (removed)" err &&
	test $(grep -c "^shmfault: leaked" err) = 2 &&
	test ! -e /dev/shm$N && test ! -e /dev/shm/sem.${N#/}-sem
'

test_expect_success PPROBE,PRIVSHM,SETPRIV 'run as uid 65534 (user namespace): the object left is listed and removed, never on the host' '
	setpriv --reuid=65534 --regid=65534 --clear-groups "$SHMFAULT_BIN" run -- "$PP" open:$N:cx trunc:4096 >out 2>err &&
	grep -x "shmfault: leaked POSIX shm object $N size=4096 mode=0600 (removed)" err &&
	test $(grep -c "^shmfault: " err) = 1 &&
	test ! -e /dev/shm$N
'

# One slot runs the cases one after another (-j1): each must start with an
# empty /dev/shm (the object is made with O_EXCL; a directory, which the scan
# does not list, must be gone too: the tmpfs is renewed between runs).
test_expect_success PPROBE,PRIVSHM 'sweep: a refused shm_unlink is leaked, in every case; each case starts with an empty /dev/shm' '
	test_when_finished "rm -rf /dev/shm/sf-t0060-dir-$$" &&
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j1 --calls shm_unlink -- sh -c "mkdir /dev/shm/sf-t0060-dir-$$ && exec \"\$0\" open:$N:cx trunc:4096 unlink:$N" "$PP" >out.tap 2>err &&
	n=$(sed -n "s/^1\.\.//p" out.tap) && test "$n" -ge 3 &&
	test $(grep -c "^not ok [0-9]* - shm_unlink#1 E[A-Z]*: leaked (exit 0, 1 POSIX object)$" out.tap) = "$n" &&
	test $(grep -c "^    - \"POSIX shm object $N size=4096 mode=0600\"$" out.tap) = "$n" &&
	test ! -e /dev/shm$N && test ! -e /dev/shm/sf-t0060-dir-$$
'

test_expect_success PPROBE,PRIVSHM 'sweep --format json: a leaked object has kind, name, size, mode and removed' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j2 --format json --calls shm_unlink -- "$PP" open:$N:cx trunc:4096 unlink:$N >out.json 2>err &&
	N=$N python3 -c "
import json, os
d = json.load(open(\"out.json\"))
assert d[\"cases\"], d
for c in d[\"cases\"]:
    assert c[\"class\"] == \"leaked\", c
    assert c[\"leaked\"] == [{\"kind\": \"pshm\", \"name\": os.environ[\"N\"], \"size\": 4096, \"mode\": \"0600\", \"removed\": True}], c
    assert \"dev_shm\" not in c, c
"
'

# The program leaves its object on purpose: the baseline leaves it too.
test_expect_success PPROBE,PRIVSHM 'sweep: an object the baseline leaves is the intended state: named in the header, no case leaked' '
	"$SHMFAULT_BIN" sweep -j2 --calls shm_open -- "$PP" open:$N:cx trunc:4096 >kept.tap 2>err &&
	grep "^# baseline left 1 POSIX object ($N size=4096 mode=0600): taken as the program.s intended state" kept.tap &&
	test $(grep -c "^ok " kept.tap) = $(sed -n "s/^1\.\.//p" kept.tap) &&
	test $(grep -c "^  intended_left: 0$" kept.tap) = $(sed -n "s/^1\.\.//p" kept.tap)
'

# A name drawn anew at every run (CMD is PID 2 in every sandbox: not $$)
test_expect_success PPROBE,PRIVSHM 'sweep: an object left under a new name at every run is matched by size and mode' '
	"$SHMFAULT_BIN" sweep -j2 --calls shm_open -- sh -c "exec \"\$0\" open:/sf-t0060-\$(od -An -N4 -tx4 /dev/urandom | tr -d \" \"):cx trunc:4096" "$PP" >drawn.tap 2>err &&
	grep "^# baseline left 1 POSIX object (/sf-t0060-[0-9a-f]* size=4096 mode=0600; its name is new at every run): taken as" drawn.tap &&
	test $(grep -c "^ok " drawn.tap) = $(sed -n "s/^1\.\.//p" drawn.tap)
'

test_expect_success PPROBE,PRIVSHM 'sweep --strict-leaks: the object the baseline leaves is a leak (bail out)' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep --strict-leaks -- "$PP" open:$N:cx trunc:4096 >strict.tap 2>err &&
	grep "^Bail out! the baseline (no fault) leaked 1 POSIX object (POSIX shm object $N size=4096 mode=0600) (--strict-leaks)$" strict.tap
'

# docs/performance.md runs with TMPDIR=/dev/shm: the harness's own files
# (state, log) must stay visible to the run inside the private /dev/shm.
test_expect_success PPROBE,PRIVSHM 'TMPDIR=/dev/shm: the run finds the harness files, a rule fires, the leak is still listed' '
	TMPDIR=/dev/shm "$SHMFAULT_BIN" run -e "ftruncate:error=EIO" -- "$PP" open:$N:cx trunc:4096 >out 2>err &&
	grep -x "ftruncate -1 EIO" out &&
	grep -x "shmfault: injected ftruncate EIO x1 (rule 1 .ftruncate:error=EIO.)" err &&
	grep -x "shmfault: leaked POSIX shm object $N size=0 mode=0600 (removed)" err &&
	test $(grep -c "^shmfault: leaked" err) = 1
'

test_expect_success PPROBE,PRIVSHM 'case: kept: /NAME SIZE MODE is not leaked; without it, or with another size, it is' '
	mkcase pkept <<-\EOF &&
	program: build/tests/pshm_probe open:/sf-t0060-kept:cx trunc:4096 sem:/sf-t0060-sem
	kept: /sf-t0060-kept 4096 0600, sem:/sf-t0060-sem 32 0600
	expect: recovered
	EOF
	./pkept.t >out 2>err &&
	grep "^ok 1 - pkept: recovered (exit 0)$" out &&
	grep "^  intended_left: 2$" out && grep "^  leaked: \[\]$" out &&
	mkcase pplain <<-\EOF &&
	program: build/tests/pshm_probe open:/sf-t0060-kept:cx trunc:4096
	expect: leaked
	EOF
	./pplain.t >out 2>err &&
	grep "^ok 1 - pplain: leaked (exit 0)$" out &&
	grep "^    - \"POSIX shm object /sf-t0060-kept size=4096 mode=0600\"$" out &&
	mkcase psize <<-\EOF &&
	program: build/tests/pshm_probe open:/sf-t0060-kept:cx trunc:8192
	kept: /sf-t0060-kept 4096 0600
	expect: leaked
	EOF
	./psize.t >out 2>err &&
	grep "^ok 1 - psize: leaked (exit 0)$" out && grep "^  intended_left: 0$" out &&
	test ! -e /dev/shm/sf-t0060-kept
'

test_expect_success PPROBE,PRIVSHM 'case: objects the setup made are planted, not the program'\''s leaks; one the program adds is' '
	mkcase pplant <<-\EOF &&
	setup: build/tests/pshm_probe open:/sf-t0060-planted:cx trunc:4096 sem:/sf-t0060-psem
	program: build/tests/pshm_probe
	expect: recovered
	EOF
	./pplant.t >out 2>err &&
	grep "^ok 1 - pplant: recovered (exit 0)$" out &&
	grep "^  leaked: \[\]$" out &&
	sed -n "/^  planted:$/,/^  [a-z]/p" out >planted &&
	grep "^    - \"POSIX shm object /sf-t0060-planted size=4096 mode=0600\"$" planted &&
	grep "^    - \"POSIX semaphore /sf-t0060-psem " planted &&
	mkcase padd <<-\EOF &&
	setup: build/tests/pshm_probe open:/sf-t0060-planted:cx trunc:4096
	program: build/tests/pshm_probe open:/sf-t0060-added:cx trunc:8192
	expect: leaked
	EOF
	./padd.t >out 2>err &&
	grep "^ok 1 - padd: leaked (exit 0)$" out &&
	sed -n "/^  leaked:$/,/^  [a-z]/p" out >leaked &&
	grep "^    - \"POSIX shm object /sf-t0060-added size=8192 mode=0600\"$" leaked &&
	test_must_fail grep "sf-t0060-planted" leaked
'

test_expect_success 'a bad POSIX kept: is refused, naming the token' '
	mkcase pbad <<-\EOF &&
	program: build/tests/pshm_probe
	kept: /a/b 4096 0600
	expect: recovered
	EOF
	test_expect_code 2 ./pbad.t >out 2>err &&
	grep "bad kept segment ./a/b 4096 0600." err
'

# Another process may add a file to the host's /dev/shm during the run:
# a new file there is listed, never removed nor counted as the run's leak.
test_expect_success PPROBE '--host-ipc: a new object of the host /dev/shm is listed and left in place; one that was there before is not listed' '
	test_when_finished "rm -f /dev/shm$N /dev/shm$N-before" &&
	: >/dev/shm$N-before &&
	"$SHMFAULT_BIN" run --host-ipc -- "$PP" open:$N:cx trunc:4096 >out 2>err &&
	grep -x "shmfault: POSIX shm object $N size=4096 mode=0600 (new in the host.s /dev/shm: left in place; maybe not the run.s, so not counted as a leak)" err &&
	test_must_fail grep "$N-before" err &&
	test -e /dev/shm$N && test -e /dev/shm$N-before
'

test_expect_success PPROBE,NOMNTNS 'no private mount: the run says so, uses the host /dev/shm, lists what it added and leaves it' '
	test_when_finished "rm -f /dev/shm$N" &&
	unshare -Ur sh -c "echo 0 >/proc/sys/user/max_mnt_namespaces && exec \"\$0\" run -- \"\$1\" open:$N:cx trunc:4096" "$SHMFAULT_BIN" "$PP" >out 2>err &&
	grep -x "shmfault: no private /dev/shm (cannot mount a tmpfs on it: .*): the run used the host.s /dev/shm; files new there are listed, not removed nor counted as leaks" err &&
	grep -x "shmfault: POSIX shm object $N size=4096 mode=0600 (new in the host.s /dev/shm: left in place; maybe not the run.s, so not counted as a leak)" err &&
	test -e /dev/shm$N
'

test_expect_success PPROBE,NOMNTNS 'no private mount: the sweep says so in its TAP header and each case in dev_shm' '
	unshare -Ur sh -c "echo 0 >/proc/sys/user/max_mnt_namespaces && exec \"\$0\" sweep -j1 --calls ftruncate -- \"\$1\" open:$N:cx trunc:4096 unlink:$N" "$SHMFAULT_BIN" "$PP" >fb.tap 2>err &&
	grep "^# no private /dev/shm (cannot mount a tmpfs on it: .*): the run used the host.s /dev/shm; files new there are listed, not removed nor counted as leaks$" fb.tap &&
	n=$(sed -n "s/^1\.\.//p" fb.tap) && test "$n" -gt 0 &&
	test $(grep -c "^  dev_shm: \"no private /dev/shm (cannot mount a tmpfs on it: " fb.tap) = "$n" &&
	test ! -e /dev/shm$N
'

test_expect_success PPROBE,NOMNTNS 'no private mount: an object a refused shm_unlink leaves on the host is listed, kept, and not counted as a leak' '
	test_when_finished "rm -f /dev/shm$N" &&
	unshare -Ur sh -c "echo 0 >/proc/sys/user/max_mnt_namespaces && exec \"\$0\" sweep -j1 --calls shm_unlink -- \"\$1\" open:$N:c trunc:4096 unlink:$N" "$SHMFAULT_BIN" "$PP" >host.tap 2>err &&
	grep "^ok 1 - shm_unlink#1 E[A-Z]*: recovered (exit 0)$" host.tap &&
	grep -x "    - \"POSIX shm object $N size=4096 mode=0600 (new in the host.s /dev/shm: left in place; maybe not the run.s, so not counted as a leak)\"" host.tap &&
	grep "^# classes: .* leaked 0, " host.tap &&
	test -e /dev/shm$N
'

test_done
