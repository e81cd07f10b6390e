#!/bin/sh
test_description='SHMFAULT_LOG: one JSON object per call, whole lines only'
. "$(dirname "$0")/../lib/test-lib.sh"

# json_check FILE: every line is a JSON object; prints the number of lines.
json_check() {
	perl -MJSON::PP -ne 'eval { decode_json($_); 1 } or die "line $.: $@"; END { print "$.\n" }' "$1"
}

test_expect_success 'a record per call with its fields' '
	"$SHMFAULT_BIN" run -q --log log -e "shmat:error=EACCES:when=2" -- "$PROBE" \
		shmget:0x5eed:4096:0600c shmat shmat shmdt shmctl:rmid ftok:/:1 >/dev/null &&
	test "$(json_check log)" = 7 &&
	perl -MJSON::PP -ne "
		my \$r = decode_json(\$_);
		next if \$r->{event};
		for my \$k (qw(seq pid prog call args ret errno injected site)) {
			exists \$r->{\$k} or die qq(no \$k in \$_);
		}
		print join(q( ), \$r->{seq}, \$r->{call}, \$r->{errno} // q(-),
			\$r->{injected} ? q(injected) : q(real)), qq(\n);
	" log >actual &&
	cat >expect <<-\EOT &&
	1 shmget - real
	2 shmat - real
	3 shmat EACCES injected
	4 shmdt - real
	5 shmctl - real
	6 ftok - real
	EOT
	test_cmp expect actual
'

test_expect_success 'an injected record names the rule and the call site' '
	grep "\"injected\":true" log >inj &&
	grep -q "\"by\":\"rule\",\"rule\":1,\"rule_text\":\"shmat:error=EACCES:when=2\"" inj &&
	grep -q "\"site\":\"probe+0x[0-9a-f]*\"" inj &&
	grep -q "\"args\":{\"shmid\":[0-9]*,\"shmaddr\":\"(nil)\",\"shmflg\":\"00\"}" inj
'

test_expect_success 'the start record gives the seed and personality' '
	head -n 1 log | grep -q "^{\"event\":\"start\",\"pid\":[0-9]*,\"prog\":\"probe\",\"seed\":[0-9]*,\"personality\":\"linux\"}\$"
'

test_expect_success IPCNS 'concurrent processes never interleave records' '
	cat >many.sh <<-\EOT &&
	"$PROBE" -q shmget:private:65536:0600c shmctl:rmid || exit 1
	for i in 1 2 3 4 5 6 7 8; do
		"$PROBE" -q shmget:0x77:4096:0600c repeat:300:shmat repeat:300:shmdt &
	done
	wait
	EOT
	in_ns env SHMFAULT_LOG="$PWD/many.log" LD_PRELOAD="$SHMFAULT_LIB" PROBE="$PROBE" sh many.sh &&
	json_check many.log >/dev/null &&
	test $(grep -c "\"call\":\"shmdt\"" many.log) = 2400 &&
	test $(grep -c "\"call\":\"shmat\"" many.log) = 2400
'

test_expect_success 'the log never follows a symlink' '
	ln -s target link &&
	test_expect_code 125 env SHMFAULT_LOG="$PWD/link" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" 2>err &&
	grep -q "^shmfault: cannot open log .*link.: " err &&
	! test -e target
'

test_expect_success 'a program closing all its descriptors keeps logging' '
	cat >closer.c <<-\EOT &&
	#include <sys/ipc.h>
	#include <sys/shm.h>
	#include <unistd.h>
	int main(void) {
		for (int fd = 3; fd < 1024; fd++) close(fd);
		return shmget(IPC_PRIVATE, 1, 0600) < 0;
	}
	EOT
	cc -o closer closer.c &&
	"$SHMFAULT_BIN" run -q --log closer.log -- ./closer &&
	grep -q "\"call\":\"shmget\"" closer.log
'
test_done
