#!/bin/sh
test_description='system limits: shmmax (EINVAL), segment table (ENOSPC), total size (ENOSPC/ENOMEM/EINVAL), defaults and --limit'
. "$(dirname "$0")/../lib/test-lib.sh"

run() {
	pers=$1
	shift
	"$SHMFAULT_BIN" run -q ${pers:+-p "$pers"} "$@"
}

# results: "ok" or the errno, one word per call, on one line
results() {
	awk '{ printf "%s%s", (NR > 1 ? " " : ""), ($2 == "ok" ? "ok" : $3) } END { print "" }'
}

test_expect_success 'macos: create above 4 MiB -> EINVAL (MC2); linux creates it' '
	run macos -- "$PROBE" shmget:private:4194304:0600c shmget:private:4194305:0600c shmget:0x77:4194305:0600c | results >actual &&
	echo "ok EINVAL EINVAL" >expect && test_cmp expect actual &&
	run linux -- "$PROBE" shmget:private:4194304:0600c shmget:private:4194305:0600c shmget:0x77:4194305:0600c | results >actual &&
	echo "ok ok ok" >expect && test_cmp expect actual
'

test_expect_success 'hpux: above 1 GiB -> EINVAL (HP5); freebsd: above 512 MiB (FB2)' '
	run hpux -- "$PROBE" shmget:private:1073741825:0600c | results >actual &&
	echo EINVAL >expect && test_cmp expect actual &&
	run freebsd -- "$PROBE" shmget:private:536870913:0600c | results >actual &&
	test_cmp expect actual
'

test_expect_success 'shmmax is checked only when creating: an existing key is found with a larger size (PX1)' '
	run posix --limit shmmax=8k -- "$PROBE" shmget:0x77:8192:0600c shmget:0x77:0:0600c shmget:0x78:8193:0600c shmget:0x77:0:0600 | results >actual &&
	echo "ok ok EINVAL ok" >expect && test_cmp expect actual
'

test_expect_success '--limit shmmax=SIZE takes k/M/G on every personality (linux: LX2)' '
	run linux --limit shmmax=1M -- "$PROBE" shmget:private:1048576:0600c shmget:private:1048577:0600c | results >actual &&
	echo "ok EINVAL" >expect && test_cmp expect actual &&
	run aix --limit shmmax=4k -- "$PROBE" shmget:private:4097:0600c | results >actual &&
	echo EINVAL >expect && test_cmp expect actual
'

# table PERS N ERRNO [RUNOPTS]: N segments are created, the next one fails with ERRNO
table() {
	test_expect_success "$1 $4: segment $(($2 + 1)) -> $3 ($5)" "
		run $1 $4 -- \"\$PROBE\" repeat:$(($2 + 1)):shmget:private/1/0600c | results >actual &&
		printf '%${2}s' '' | sed 's/ /ok /g' >expect && echo $3 >>expect &&
		test_cmp expect actual
	"
}
table macos 32 ENOSPC "" MC2
table solaris 128 ENOSPC "" SO2
table freebsd 192 ENOSPC "" FB2
table linux 3 ENOSPC "--limit shmmni=3" LX3
table posix 2 ENOSPC "--limit shmmni=2" PX4
table hpux 2 ENOSPC "--limit shmmni=2" HP-shmmni

test_expect_success 'linux: no table limit below the kernel (200 segments)' '
	run linux -- "$PROBE" repeat:200:shmget:private/1/0600c | results | tr " " "\n" | sort -u >actual &&
	echo ok >expect && test_cmp expect actual
'

test_expect_success 'the table check counts the whole namespace, and only creating calls' '
	run linux --limit shmmni=1 -- "$PROBE" shmget:0x10:1:0600c shmget:0x10:1:0600c shmget:0x11:1:0600 shmget:0x11:1:0600c | results >actual &&
	echo "ok ok ENOENT ENOSPC" >expect && test_cmp expect actual &&
	run macos --limit shmmni=2 -- "$PROBE" shmget:private:1:0600c fork shmget:private:1:0600c shmget:private:1:0600c | results >actual &&
	echo "ok ok ENOSPC" >expect && test_cmp expect actual
'

test_expect_success 'total size: macos 1024 pages -> ENOMEM (MC2)' '
	run macos -- "$PROBE" shmget:private:4194304:0600c shmget:private:1:0600c | results >actual &&
	echo "ok ENOMEM" >expect && test_cmp expect actual
'

# total PERS ERRNO: with --limit shmall=2, 2 pages fit, one more byte does not
total() {
	test_expect_success "total size past --limit shmall: $1 -> $2 ($3)" "
		run $1 --limit shmall=2 -- \"\$PROBE\" shmget:private:8192:0600c shmget:private:1:0600c | results >actual &&
		echo 'ok $2' >expect && test_cmp expect actual
	"
}
total linux ENOSPC LX4
total freebsd ENOMEM FB2
total macos ENOMEM MC2
total solaris EINVAL SO3
total posix ENOMEM PX-shmall
total hpux ENOMEM HP-shmall

test_expect_success 'limits a platform has no documented default for: only with --limit (AX-shmmni AX-shmall AX-shmmax AY-shmmax AY-shmmni AY-shmall SO-shmmax SO-shmall)' '
	run aix --limit shmmni=1,shmall=1 -- "$PROBE" shmget:private:1:0600c shmget:private:1:0600c | results >actual &&
	echo "ok ENOSPC" >expect && test_cmp expect actual &&
	run aix --limit shmall=1 -- "$PROBE" shmget:private:4097:0600c | results >actual &&
	echo "ENOMEM" >expect && test_cmp expect actual &&
	run aix64 --limit shmmax=1k,shmmni=1 -- "$PROBE" shmget:private:1025:0600c shmget:private:1:0600c shmget:private:1:0600c | results >actual &&
	echo "EINVAL ok ENOSPC" >expect && test_cmp expect actual &&
	run aix64 --limit shmall=1 -- "$PROBE" shmget:private:4097:0600c | results >actual &&
	echo "ENOMEM" >expect && test_cmp expect actual &&
	run solaris --limit shmmax=1k -- "$PROBE" shmget:private:1025:0600c | results >actual &&
	echo "EINVAL" >expect && test_cmp expect actual &&
	for p in aix aix64 solaris hpux; do
		run $p -- "$PROBE" shmget:private:1073741824:0600c shmget:private:1:0600c | results >actual &&
		echo "ok ok" >expect && test_cmp expect actual || return 1
	done
'

test_expect_success 'solaris9: shmseg 6, shmmax 8 MiB, shmmni 100 (SO11); solaris (10+) has none of them' '
	run solaris9 -- "$PROBE" shmget:private:4096:0600c repeat:7:shmat | results >actual &&
	echo "ok ok ok ok ok ok ok EMFILE" >expect && test_cmp expect actual &&
	run solaris9 -- "$PROBE" shmget:private:8388608:0600c shmget:private:8388609:0600c | results >actual &&
	echo "ok EINVAL" >expect && test_cmp expect actual &&
	run solaris9 -- "$PROBE" repeat:101:shmget:private/1/0600c | results >actual &&
	printf "%100s" "" | sed "s/ /ok /g" >expect && echo ENOSPC >>expect && test_cmp expect actual &&
	run solaris9 --limit shmseg=8 -- "$PROBE" shmget:private:4096:0600c repeat:9:shmat | results >actual &&
	echo "ok ok ok ok ok ok ok ok ok EMFILE" >expect && test_cmp expect actual &&
	run solaris -- "$PROBE" shmget:private:4096:0600c repeat:7:shmat shmget:private:8388609:0600c | results >actual &&
	echo "ok ok ok ok ok ok ok ok ok" >expect && test_cmp expect actual &&
	run solaris9 --limit shmall=1 -- "$PROBE" shmget:private:4097:0600c | results >actual &&
	echo ENOMEM >expect && test_cmp expect actual
'

test_expect_success 'solaris9 keeps the Solaris rules: key order, post-IPC_RMID, IPC_STAT mode (SO4, SO5, SO6)' '
	run solaris9 -- "$PROBE" shmget:0x10:100:0600c shmget:0x10:0:0666 shmat shmctl:rmid shmat | results >actual &&
	echo "ok EACCES ok ok EINVAL" >expect && test_cmp expect actual
'

test_expect_success 'solaris: the default total is a quarter of RAM (SO3)' '
	pages=$(getconf _PHYS_PAGES) && psz=$(getconf PAGESIZE) &&
	big=$(( (pages / 4 + 1) * psz )) &&
	run solaris -- "$PROBE" shmget:private:$big:0600c | results >actual &&
	echo EINVAL >expect && test_cmp expect actual
'

test_expect_success 'SHMFAULT_LIMITS works as --limit, and --limit wins' '
	SHMFAULT_LIMITS=shmmni=1 run freebsd -- "$PROBE" shmget:private:1:0600c shmget:private:1:0600c | results >actual &&
	echo "ok ENOSPC" >expect && test_cmp expect actual &&
	SHMFAULT_LIMITS=shmmni=1 run freebsd --limit shmmni=2 -- "$PROBE" repeat:3:shmget:private/1/0600c | results >actual &&
	echo "ok ok ENOSPC" >expect && test_cmp expect actual
'

test_expect_success 'a bad --limit is refused before anything runs' '
	test_expect_code 2 "$SHMFAULT_BIN" run -p aix --limit shmseg=lots -- "$PROBE" shmget:private:1:0600c >out 2>err &&
	test_must_be_empty out && grep "bad limit .shmseg=lots." err &&
	test_expect_code 125 env SHMFAULT_PERSONALITY=aix SHMFAULT_LIMITS=shmfoo=1 LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" shmget:private:1:0600c 2>err &&
	grep "^shmfault: bad limit .shmfoo=1." err
'

test_done
