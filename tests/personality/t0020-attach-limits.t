#!/bin/sh
test_description='per-process attach limits (AX1, AX2, AY1, MC1, FB1, HP4, PX6, LX6, SO-shmseg): fork, exec, shmdt, failed shmat, EXTSHM'
. "$(dirname "$0")/../lib/test-lib.sh"
PP="$BUILD/tests/pers-probe"

# attaches PERS N [ENV...]: one shmget then N shmat in one process; prints
# o/x per shmat, then the errno of the first failure (or "none").
attaches() {
	pers=$1 n=$2
	shift 2
	env "$@" "$SHMFAULT_BIN" run -q ${pers:+-p "$pers"} -- "$PROBE" shmget:private:4096:0600c repeat:$n:shmat >out &&
	sed 1d out | pattern &&
	{ awk '$2 == "-1" { print $3; found = 1; exit } END { if (!found) print "none" }' out; }
}

# limit_case PERS LIMIT ERRNO RULE [RUNOPTS]: LIMIT attaches ok, the next one fails with ERRNO
limit_case() {
	test_expect_success "$1: attach $(($2 + 1)) fails with $3 ($4)" "
		printf '%0${2}d' 0 | tr 0 o >expect && echo x >>expect && echo $3 >>expect &&
		attaches '$1' $(($2 + 1)) $5 >actual &&
		test_cmp expect actual
	"
}
limit_case aix 11 EMFILE AX1
limit_case macos 8 EMFILE MC1
limit_case freebsd 128 EMFILE FB1
limit_case freebsd-strict 128 EMFILE FB1

test_expect_success 'hpux: attach 301 (of 301 segments) fails with EMFILE (HP4)' '
	"$SHMFAULT_BIN" run -q -p hpux -- "$PP" repeat:301:new >out &&
	printf "%0300d" 0 | tr 0 o >expect && echo x >>expect &&
	pattern <out >actual && test_cmp expect actual &&
	tail -1 out | grep "^new -1 EMFILE$" &&
	"$SHMFAULT_BIN" run -q -p hpux --limit shmseg=120 -- "$PP" repeat:121:new | pattern >actual &&
	printf "%0120d" 0 | tr 0 o >expect && echo x >>expect && test_cmp expect actual
'

test_expect_success 'linux: no attach limit (20 attaches)' '
	printf "%020d" 0 | tr 0 o >expect && echo >>expect && echo none >>expect &&
	attaches linux 20 >actual && test_cmp expect actual &&
	attaches "" 20 >actual && test_cmp expect actual
'

test_expect_success 'solaris and posix: no attach limit by default; aix64 268435456 (SO1, PX6, AY1)' '
	printf "%0130d" 0 | tr 0 o >expect && echo >>expect && echo none >>expect &&
	attaches solaris 130 >actual && test_cmp expect actual &&
	attaches posix 130 >actual && test_cmp expect actual &&
	attaches aix64 130 >actual && test_cmp expect actual
'

test_expect_success '--limit shmseg=N sets the limit; the errno is the platform one' '
	printf "ooox\nEMFILE\n" >expect &&
	attaches posix 4 SHMFAULT_LIMITS=shmseg=3 >actual && test_cmp expect actual &&
	attaches solaris 4 SHMFAULT_LIMITS=shmseg=3 >actual && test_cmp expect actual &&
	attaches aix64 4 SHMFAULT_LIMITS=shmseg=3 >actual && test_cmp expect actual &&
	"$SHMFAULT_BIN" run -q -p macos --limit shmseg=3 -- "$PROBE" shmget:private:4096:0600c repeat:4:shmat | sed 1d | pattern >p &&
	echo ooox >e && test_cmp e p &&
	printf "ooox\nENOMEM\n" >expect &&
	attaches linux 4 SHMFAULT_LIMITS=shmseg=3 >actual && test_cmp expect actual
'

test_expect_success 'aix: EXTSHM=ON in the environment at start lifts the limit (AX2)' '
	printf "%020d" 0 | tr 0 o >expect && echo >>expect && echo none >>expect &&
	attaches aix 20 EXTSHM=ON >actual && test_cmp expect actual &&
	attaches aix 20 EXTSHM=MSEG >actual && test_cmp expect actual
'

test_expect_success 'aix: EXTSHM=OFF or another value keeps the limit' '
	printf "oooooooooooox\nEMFILE\n" | sed "s/^o//" >expect &&
	attaches aix 12 EXTSHM=OFF >actual && test_cmp expect actual
'

test_expect_success 'aix: setenv("EXTSHM","ON") inside the program does not lift it' '
	"$SHMFAULT_BIN" run -q -p aix -- "$PP" setenv:EXTSHM:ON get:private:4096:0600c repeat:12:at >out &&
	sed 1,2d out | pattern >actual &&
	echo oooooooooooox | sed "s/^o//" >expect && test_cmp expect actual &&
	tail -1 out | grep "^at -1 EMFILE$"
'

test_expect_success 'aix: setenv then exec: the new program starts with EXTSHM=ON, as on AIX' '
	"$SHMFAULT_BIN" run -q -p aix -- "$PP" setenv:EXTSHM:ON exec get:private:4096:0600c repeat:12:at >out &&
	sed 1,2d out | pattern >actual &&
	echo oooooooooooo >expect && test_cmp expect actual
'

test_expect_success 'aix: a forked child inherits its parent attachments' '
	"$SHMFAULT_BIN" run -q -p aix -- "$PROBE" shmget:private:4096:0600c repeat:10:shmat fork repeat:2:shmat >out &&
	sed 1d out | pattern >actual &&
	echo ooooooooooox >expect && test_cmp expect actual
'

test_expect_success 'aix: the parent keeps its count after its child attaches and exits' '
	"$SHMFAULT_BIN" run -q -p aix -- "$PP" get:private:4096:0600c repeat:5:at fork repeat:6:at >out &&
	sed 1d out | pattern >actual &&
	echo ooooooooooo >expect && test_cmp expect actual &&
	"$SHMFAULT_BIN" run -q -p aix -- "$PROBE" shmget:private:4096:0600c repeat:5:shmat fork repeat:7:shmat >out &&
	sed 1d out | pattern >actual &&
	echo ooooooooooox >expect && test_cmp expect actual
'

test_expect_success 'aix: exec drops the attachments (11 more after exec)' '
	"$SHMFAULT_BIN" run -q -p aix -- "$PROBE" shmget:private:4096:0600c repeat:11:shmat exec shmget:private:4096:0600c repeat:12:shmat >out &&
	sed "1d;13d" out | pattern >actual &&
	echo ooooooooooo-ooooooooooox | tr -d - >expect && test_cmp expect actual
'

test_expect_success 'aix: shmdt frees a slot' '
	"$SHMFAULT_BIN" run -q -p aix -- "$PROBE" shmget:private:4096:0600c repeat:11:shmat shmat shmdt shmat shmat >out &&
	sed 1d out | pattern >actual &&
	echo ooooooooooooxoox | sed "s/^o//" >expect &&
	test_cmp expect actual
'

test_expect_success 'aix: a failed shmat takes no slot' '
	"$SHMFAULT_BIN" run -q -p aix -- "$PROBE" shmget:private:4096:0600c repeat:5:shmat:99999 repeat:12:shmat >out &&
	sed 1d out | pattern >actual &&
	echo xxxxxooooooooooox >expect &&
	test_cmp expect actual &&
	sed -n 2p out | grep "^shmat -1 EINVAL$"
'

test_expect_success 'macos: a refused shmat (EMFILE) takes no slot either' '
	"$SHMFAULT_BIN" run -q -p macos -- "$PROBE" shmget:private:4096:0600c repeat:10:shmat shmdt shmat shmat >out &&
	sed 1d out | pattern >actual &&
	echo ooooooooxxoox >expect && test_cmp expect actual
'

test_expect_success 'the library alone (no CLI) keeps the same counts across fork' '
	in_ns env SHMFAULT_PERSONALITY=aix LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" shmget:private:4096:0600c repeat:10:shmat fork repeat:2:shmat >out &&
	sed 1d out | pattern >actual &&
	echo ooooooooooox >expect && test_cmp expect actual
'

test_done
