#!/bin/sh
test_description='the audit module: PHP 8.2'"'"'s shmop and sysvshm (loaded with RTLD_DEEPBIND): rules fire, sweeps agree with strace -e inject'
. "$(dirname "$0")/lib-audit.sh"

# php8.2-cli: SKIP when php or its shmop/sysvshm extensions are missing.
test_expect_success PHP 'shmop.php and sysvshm.php run natively' '
	: >keyfile &&
	in_ns php "$PHPDIR/shmop.php" "$PWD/keyfile" >out &&
	echo "shmop.php: ok" >expect && test_cmp expect out &&
	in_ns php "$PHPDIR/sysvshm.php" "$PWD/keyfile" >out &&
	echo "sysvshm.php: ok" >expect && test_cmp expect out
'

test_expect_success PHP,IPCNS 'the gap: the interposer alone never fails shmop_open'"'"'s shmget (shmop.so is a DEEPBIND module)' '
	in_ns env SHMFAULT="shmget:error=EACCES" LD_PRELOAD="$SHMFAULT_LIB" php "$PHPDIR/shmop.php" "$PWD/keyfile" >out 2>err &&
	echo "shmop.php: ok" >expect && test_cmp expect out
'

# The warning text is PHP's (ext/shmop/shmop.c: "Unable to attach or create
# shared memory segment \"%s\"" with strerror(errno)); the message is
# strerror(EACCES) from the C library.
test_expect_success PHP 'shmfault run: shmop_open refused with EACCES, PHP warns with strerror(EACCES)' '
	msg=$(perl -e "\$! = 13; print \"\$!\"") &&
	test_expect_code 1 "$SHMFAULT_BIN" run -e "shmget:error=EACCES" -- php "$PHPDIR/shmop.php" "$PWD/keyfile" >out 2>err &&
	grep -q "^PHP Warning:  shmop_open(): Unable to attach or create shared memory segment \"$msg\"" err &&
	grep -q "^shmop.php: shmop_open failed$" err &&
	grep -q "^shmfault: injected shmget EACCES x1 " err
'

test_expect_success PHP 'shmfault run: each of shmop'"'"'s shm calls reached (shmat ENOMEM, shmctl EPERM on IPC_RMID, shmdt EINVAL logged)' '
	msg=$(perl -e "\$! = 12; print \"\$!\"") &&
	test_expect_code 1 "$SHMFAULT_BIN" run -e "shmat:error=ENOMEM" -- php "$PHPDIR/shmop.php" "$PWD/keyfile" >out 2>err &&
	grep -q "^PHP Warning:  shmop_open(): Unable to attach to shared memory segment \"$msg\"" err &&
	"$SHMFAULT_BIN" run --log "$PWD/php.jsonl" -e "shmdt:error=EINVAL" -- php "$PHPDIR/shmop.php" "$PWD/keyfile" >out 2>err &&
	grep "\"call\":\"shmdt\"" php.jsonl | grep -q "\"injected\":true.*\"site\":\"shmop\.so+0x" &&
	grep "\"call\":\"shmctl\"" php.jsonl | grep "\"cmd\":\"IPC_RMID\"" | grep -q "\"site\":\"shmop\.so+0x"
'

test_expect_success PHP 'shmfault run: shm_attach refused with ENOSPC, PHP warns with strerror(ENOSPC)' '
	msg=$(perl -e "\$! = 28; print \"\$!\"") &&
	test_expect_code 1 "$SHMFAULT_BIN" run -e "shmget:error=ENOSPC:when=2" -- php "$PHPDIR/sysvshm.php" "$PWD/keyfile" >out 2>err &&
	grep -q "^PHP Warning:  shm_attach(): .*$msg" err &&
	grep -q "^sysvshm.php: shm_attach failed$" err
'

test_expect_success PHP 'shmfault run --log: sysvshm'"'"'s calls are logged at sites in sysvshm.so' '
	"$SHMFAULT_BIN" run --log "$PWD/sysv.jsonl" -- php "$PHPDIR/sysvshm.php" "$PWD/keyfile" >out 2>err &&
	grep "\"call\":\"shm" sysv.jsonl >calls &&
	test $(grep -c "" calls) -ge 4 &&
	test $(grep -c "\"site\":\"sysvshm\.so+0x" calls) = $(grep -c "" calls)
'

for script in shmop sysvshm
do
	test_expect_success PHP,STRACE,IPCNS "$script: sweep, every case as strace -e inject (exit, PHP's warning line, class)" "
		sweep_to sweep.tap php \"\$PHPDIR/$script.php\" \"\$PWD/keyfile\" &&
		! grep -q ': not-reached' sweep.tap &&
		grep -q '^1\\.\\.[1-9]' sweep.tap &&
		compare_sweep sweep.tap php \"\$PHPDIR/$script.php\" \"\$PWD/keyfile\" >compared &&
		test \$(grep -c '' compared) = \$(grep -c '^\\(not \\)\\{0,1\\}ok [0-9]* - ' sweep.tap) &&
		grep -q '^shmget#1 ' compared && grep -q '^shmat#1 ' compared &&
		grep -q '^shmdt#1 ' compared && grep -q '^shmctl#1 ' compared
	"
done

test_done
