#!/bin/sh
# safety.t: what the library and the CLI refuse to do on a shared machine.
#  - setuid/setgid programs ignore every SHMFAULT_* variable (secure_getenv);
#    and ld.so itself ignores an LD_PRELOAD path with a '/' for them, so the
#    library reaches a setuid program only when it is installed setuid in a
#    trusted directory: both cases are tested (the second as root only).
#  - the log never follows a symlink, through the library or the CLI;
#  - the CLI's state lives in a fresh mkdtemp directory (0700; the file 0600,
#    created O_EXCL|O_NOFOLLOW) under $TMPDIR, removed after the run.
test_description='setuid programs ignore SHMFAULT; no symlinks followed; private temporary files'
. "$(dirname "$0")/../lib/test-lib.sh"

nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

# Setuid binaries in the trash directory, run by nobody: possible only as
# root, with setpriv, on a filesystem mounted without nosuid.
if test_have_prereq ROOT && command -v setpriv >/dev/null 2>&1; then
	chmod 755 . ..
	# Built here without sanitizers: LeakSanitizer cannot run in a setuid
	# or setgid process, and ignores ASAN_OPTIONS there.
	${CC:-cc} -std=c11 -D_GNU_SOURCE -o probe-plain "$SHMFAULT_TOP/tests/helpers/probe.c" &&
	cp probe-plain probe-suid && chmod 4755 probe-suid &&
	cp probe-plain probe-sgid && chgrp root probe-sgid && chmod 2755 probe-sgid &&
	cp /bin/cat cat-suid && chmod 4755 cat-suid &&
	cp /bin/cat cat-sgid && chgrp root cat-sgid && chmod 2755 cat-sgid &&
	cp "$(command -v id)" id-suid && chmod 4755 id-suid &&
	test "$(nobody ./id-suid -u)" = 0 && test_set_prereq SUID
fi

test_expect_success SUID 'control: a plain program run by nobody gets the rule' '
	nobody env SHMFAULT=shmget:error=ENOSPC LD_PRELOAD="$SHMFAULT_LIB" \
		./probe-plain shmget:private:4096:0600c >out &&
	echo "shmget -1 ENOSPC" >expect && test_cmp expect out
'

test_expect_success SUID 'setuid program, library by path: ld.so does not load it, nothing injected' '
	nobody env SHMFAULT=shmget:error=ENOSPC LD_PRELOAD="$SHMFAULT_LIB" \
		./probe-suid shmget:private:4096:0600c shmctl:rmid >out 2>err &&
	printf "shmget ok ENOTTY\nshmctl ok ENOTTY\n" >expect && test_cmp expect out &&
	nobody env LD_PRELOAD="$SHMFAULT_LIB" ./cat-suid /proc/self/maps >maps &&
	! grep -q libshmfault maps
'

# ld.so in secure mode preloads a bare name from the standard directories
# when the file is setuid: then the library is in the program, and only
# secure_getenv keeps SHMFAULT out.
libdir=
for d in /usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu /usr/lib64 /lib64; do
	if test -d "$d" && test -f "$d/libc.so.6"; then libdir=$d; break; fi
done
trusted=libshmfault-safety-test-$$.so
test -n "$libdir" && test -w "$libdir" && test_have_prereq SUID && test_set_prereq TRUSTED_DIR

test_expect_success TRUSTED_DIR 'setuid program, library setuid in a trusted dir: loaded, SHMFAULT ignored' '
	test_when_finished "rm -f \"$libdir/$trusted\"" &&
	install -m 4755 "$SHMFAULT_LIB" "$libdir/$trusted" &&
	nobody env LD_PRELOAD="$trusted" ./cat-suid /proc/self/maps >maps &&
	grep -q "$trusted" maps &&
	nobody env SHMFAULT=shmget:error=ENOSPC LD_PRELOAD="$trusted" \
		./probe-suid shmget:private:4096:0600c shmctl:rmid >out 2>err &&
	printf "shmget ok ENOTTY\nshmctl ok ENOTTY\n" >expect && test_cmp expect out &&
	test_must_be_empty err
'

test_expect_success TRUSTED_DIR 'setuid program: bad values are ignored too (no exit 125), no log written' '
	test_when_finished "rm -f \"$libdir/$trusted\"" &&
	install -m 4755 "$SHMFAULT_LIB" "$libdir/$trusted" &&
	nobody env SHMFAULT=garbage SHMFAULT_SEED=x SHMFAULT_LIMITS=x SHMFAULT_PERSONALITY=x \
		SHMFAULT_STATE=/nonexistent SHMFAULT_LOG="$PWD/suid.log" LD_PRELOAD="$trusted" \
		./probe-suid shmget:private:4096:0600c shmctl:rmid >out 2>err &&
	printf "shmget ok ENOTTY\nshmctl ok ENOTTY\n" >expect && test_cmp expect out &&
	test_must_be_empty err &&
	! test -e suid.log &&
	# the same library, the same values, a plain program: refused at once
	test_expect_code 125 nobody env SHMFAULT=garbage LD_PRELOAD="$trusted" ./probe-plain >out 2>err &&
	test_must_be_empty out && grep -q "^shmfault: bad rule" err
'

test_expect_success TRUSTED_DIR 'setgid program, library setuid in a trusted dir: SHMFAULT ignored too' '
	test_when_finished "rm -f \"$libdir/$trusted\"" &&
	install -m 4755 "$SHMFAULT_LIB" "$libdir/$trusted" &&
	nobody env LD_PRELOAD="$trusted" ./cat-sgid /proc/self/maps >maps &&
	grep -q "$trusted" maps &&
	nobody env SHMFAULT=shmget:error=ENOSPC LD_PRELOAD="$trusted" \
		./probe-sgid shmget:private:4096:0600c shmctl:rmid >out 2>err &&
	printf "shmget ok ENOTTY\nshmctl ok ENOTTY\n" >expect && test_cmp expect out &&
	test_must_be_empty err
'

# Logs: O_NOFOLLOW, the library refuses, the CLI's child refuses.
test_expect_success 'library: SHMFAULT_LOG symlink refused with one line, exit 125, target untouched' '
	echo keep >real.log && ln -sf real.log link.log &&
	test_expect_code 125 env SHMFAULT=shmat:error=EACCES SHMFAULT_LOG="$PWD/link.log" \
		LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" ftok:/:1 >out 2>err &&
	test_must_be_empty out &&
	echo "shmfault: cannot open log '"'$PWD/link.log'"': Too many levels of symbolic links" >expect &&
	test_cmp expect err &&
	echo keep >expect && test_cmp expect real.log
'

test_expect_success 'cli: --log through a symlink: refused with one line, exit 125, target untouched' '
	echo keep >real2.log && ln -sf real2.log link2.log &&
	test_expect_code 125 "$SHMFAULT_BIN" run --log link2.log -- "$PROBE" ftok:/:1 >out 2>err &&
	test_must_be_empty out &&
	echo "shmfault: cannot open log '"'$PWD/link2.log'"': Too many levels of symbolic links" >expect &&
	test_cmp expect err &&
	echo keep >expect && test_cmp expect real2.log
'

test_expect_success 'a log created by the library is 0600' '
	env SHMFAULT_LOG="$PWD/new.log" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" ftok:/:1 >/dev/null &&
	test "$(stat -c %a new.log)" = 600
'

# The CLI's state: mkdtemp under TMPDIR, private, gone afterwards.
test_expect_success 'cli: the state file is in a fresh 0700 directory under TMPDIR, 0600, removed after' '
	mkdir -p tmp && chmod 1777 tmp &&
	TMPDIR="$PWD/tmp" "$SHMFAULT_BIN" run -q -- \
		sh -c "stat -c \"%a %U %F %h\" \"\${SHMFAULT_STATE%/*}\" \"\$SHMFAULT_STATE\"; echo \"\$SHMFAULT_STATE\"" >out &&
	sed -n 1p out >dir && sed -n 2p out >file && sed -n 3p out >path &&
	echo "700 $(id -un) directory 2" >expect && test_cmp expect dir &&
	echo "600 $(id -un) regular file 1" >expect && test_cmp expect file &&
	grep -q "^$PWD/tmp/shmfault\.[A-Za-z0-9]\{6\}/state$" path &&
	! test -e "$(cat path)" &&
	test -z "$(ls -A tmp)"
'

test_expect_success 'cli: two runs at once get two directories' '
	TMPDIR="$PWD/tmp" "$SHMFAULT_BIN" run -q -- sh -c "echo \$SHMFAULT_STATE" >a &
	TMPDIR="$PWD/tmp" "$SHMFAULT_BIN" run -q -- sh -c "echo \$SHMFAULT_STATE" >b &&
	wait &&
	! test_cmp a b >/dev/null &&
	test -z "$(ls -A tmp)"
'

test_expect_success 'cli: an unusable TMPDIR: exit 2, one line, nothing run' '
	test_expect_code 2 env TMPDIR="$PWD/no-such-dir" "$SHMFAULT_BIN" run -- sh -c "echo ran" >out 2>err &&
	test_must_be_empty out &&
	echo "shmfault: cannot create a private directory in $PWD/no-such-dir: No such file or directory" >expect &&
	test_cmp expect err
'
test_done
