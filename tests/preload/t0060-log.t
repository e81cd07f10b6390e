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
# Under `shmfault run` the records go through the CLI's spool (a shared
# mapping), appended to the log when the run is over.
test_expect_success IPCNS 'run --log: concurrent processes, every record whole, each call once' '
	"$SHMFAULT_BIN" run -q --log run-many.log -- env PROBE="$PROBE" sh many.sh &&
	json_check run-many.log >/dev/null &&
	test $(grep -c "\"call\":\"shmdt\"" run-many.log) = 2400 &&
	test $(grep -c "\"call\":\"shmat\"" run-many.log) = 2400 &&
	sed -n "s/^{\"seq\":\([0-9]*\),.*/\1/p" run-many.log >seqs &&
	test $(wc -l <seqs) = 4810 &&
	test $(sort -u seqs | wc -l) = 4810
'

test_expect_success 'run --log appends to what the log had' '
	echo "{\"kept\":1}" >app.log &&
	"$SHMFAULT_BIN" run -q --log app.log -- "$PROBE" -q shmget:private:4096:0600c shmctl:rmid &&
	head -n 1 app.log | grep -q "^{\"kept\":1}\$" &&
	test "$(json_check app.log)" = 4
'

test_expect_success 'run --log: no spool left behind' '
	mkdir -m 700 spooltmp &&
	TMPDIR="$PWD/spooltmp" "$SHMFAULT_BIN" run -q --log s.log -- "$PROBE" -q shmget:private:4096:0600c shmctl:rmid &&
	test -z "$(ls -A spooltmp)"
'

# A full disk under the spool: records are lost (and counted), the program
# is not (a shared mapping the disk cannot back raises SIGBUS).
if test "$(id -u)" = 0 && unshare -m true 2>/dev/null; then
	test_set_prereq MOUNTNS
fi
test_expect_success IPCNS,MOUNTNS 'run --log with TMPDIR on a full 1 MiB tmpfs: the program runs to the end, lost records are counted' '
	mkdir tiny &&
	unshare -m sh -c "mount -t tmpfs -o size=1m tmpfs tiny &&
		TMPDIR=\"\$PWD/tiny\" \"\$1\" run --log full.log -- \"\$2\" -q shmget:private:4096:0600c repeat:5000:shmat repeat:5000:shmdt shmctl:rmid" \
		sh "$SHMFAULT_BIN" "$PROBE" 2>full.err &&
	kept=$(json_check full.log) &&
	lost=$(sed -n "s/^shmfault: \([0-9]*\) log records lost (the log.s spool or its disk was full, or a process died writing one)\$/\1/p" full.err) &&
	test -n "$lost" && test "$kept" -gt 100 &&
	test $((kept + lost)) = 10004
'

test_done
