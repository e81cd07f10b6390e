#!/bin/sh
test_description='gate and case say which shm calls bypassed the interposer; under --backend preload a gate never passes a personality that did not see them'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/lib/kernel.sh"

RAW="$REACH/reach-raw"
# reach-raw makes its 8 shm calls with syscall(2): the interposer sees none.
BYPASS='8 shm system calls bypassed the interposer (shmget x2 at reach-raw+0x'

test_expect_success USER_NOTIF 'gate --backend preload: not ok, the reason names the calls, exit 1' '
	test_expect_code 1 "$SHMFAULT_BIN" gate -p aix --backend preload -- "$RAW" >out 2>err &&
	grep "^not ok 1 - aix: exit 0; $BYPASS" out &&
	grep "; the preload backend cannot fault them\$" out &&
	grep "^  bypass:\$" out &&
	grep "^    - \"$BYPASS" out &&
	grep "^  reproduce: \".*shmfault run -p aix --backend preload -- " out &&
	grep "^# gate: 0 of 1 personalities passed; failed: aix\$" out
'

test_expect_success USER_NOTIF 'gate, default backend: the kernel backend applies the personality, ok, and the YAML lists the calls' '
	"$SHMFAULT_BIN" gate -p aix -- "$RAW" >out 2>err &&
	grep "^ok 1 - aix: exit 0\$" out &&
	grep "^  shm_calls: 8\$" out &&
	grep "^    - \"$BYPASS" out
'

test_expect_success USER_NOTIF 'gate --format json --backend preload: result unseen, not ok, the count and the reason' '
	test_expect_code 1 "$SHMFAULT_BIN" gate -p aix --backend preload --format json -- "$RAW" >out.json &&
	perl -MJSON::PP -e "
		my \$d = decode_json(do { local \$/; <STDIN> });
		my \$p = \$d->{personalities}[0];
		exit !(\$p->{result} eq q(unseen) && !\$p->{ok} && \$p->{bypassed} == 8 &&
			\$p->{unseen} =~ /the preload backend cannot fault them\$/ && !\$d->{ok});
	" <out.json
'

test_expect_success 'gate of a program the interposer sees: no bypass key (control)' '
	"$SHMFAULT_BIN" gate -p aix -- "$PROBE" shmget:private:4096:0600c shmctl:rmid >out 2>err &&
	grep "^ok 1 - aix: exit 0" out &&
	test_must_fail grep "bypass" out
'

test_expect_success USER_NOTIF 'case: the YAML lists the calls that bypassed the interposer' '
	cat >raw.t <<-EOF &&
	#!/bin/sh
	exec "\$SHMFAULT_BIN" case "\$0" "\$@"
	description: a program whose shm calls are raw system calls
	program: $RAW
	expect: recovered
	EOF
	chmod +x raw.t &&
	./raw.t >out 2>err &&
	grep "^ok 1 - raw: recovered (exit 0)\$" out &&
	grep "^  bypass:\$" out &&
	grep "^    - \"$BYPASS" out
'

test_done
