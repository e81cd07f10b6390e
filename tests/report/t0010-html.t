#!/bin/sh
test_description='shmfault report and sweep --format html: one self-contained page of a sweep'
. "$(dirname "$0")/lib-report.sh"

# unchecked (samples/sweep/unchecked.c) uses shmat's result unchecked: every
# shmat case crashes (SIGSEGV); every other call is checked (failed-cleanly).
# 21 cases: shmget 8, shmat 5, shmdt 1, shmctl 7 (the documented errnos of
# shmfault list); three shards: 1..7, 8..14 (the crashes), 15..21.

test_expect_success SAMPLES,PYTHON3 'three shards merged: every case a cell with its class, details and reproduce command' '
	"$SHMFAULT_BIN" sweep -j2 --format json --shard 1/3 -o s1.json -- "$W/unchecked" &&
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j2 --format json --shard 2/3 -o s2.json -- "$W/unchecked" &&
	"$SHMFAULT_BIN" sweep -j2 --format json --shard 3/3 -o s3.json -- "$W/unchecked" &&
	"$SHMFAULT_BIN" report s3.json s1.json s2.json -o report.html &&
	python3 "$CHECK" sweep report.html s1.json s2.json s3.json >check.out &&
	grep "^# report.html: 21 cells checked against 3 JSON document(s)$" check.out &&
	test "$(grep -o "data-class=\"crashed\"" report.html | wc -l)" = "$(documented shmat | wc -l)" &&
	grep "<tr><th scope=\"row\">shmat #1 at <code>unchecked+0x[0-9a-f]*</code></th>" report.html &&
	grep "<h1>shmfault sweep <span class=\"verdict v-bad\">not ok: 5 of 21 cases</span></h1>" report.html &&
	grep "<tr><th>baseline</th><td>exit 0 with no fault, 4 shm calls</td></tr>" report.html &&
	grep "<tr><th>cases</th><td>21 in this report, of 21 in the sweep (3 shards)</td></tr>" report.html &&
	grep "<p class=\"seen\">Every case of the sweep is in this report" report.html
'

test_expect_success SAMPLES,PYTHON3 'the legend counts each class as the sweep did' '
	for k in recovered failed-cleanly silent-failure crashed hung leaked not-reached error
	do
		n=$(json_count $k s1.json s2.json s3.json) &&
		grep "<td>$k</td><td>$n</td>" report.html || return 1
	done
'

test_expect_success SAMPLES,PYTHON3 'sweep --format html: the page of the JSON the same sweep writes' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j2 --format json -o all.json -- "$W/unchecked" &&
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j2 --format html -- "$W/unchecked" >all.html &&
	python3 "$CHECK" sweep all.html all.json >check.out &&
	grep "^# all.html: 21 cells checked" check.out
'

test_expect_success SAMPLES 'a shard left out is said, and the page is not ok' '
	"$SHMFAULT_BIN" report s1.json s3.json -o part.html &&
	grep "<li>cases 8..14 of 21 are in no document given (a shard missing or interrupted)</li>" part.html &&
	grep "verdict v-bad\">incomplete<" part.html
'

test_expect_success 'a failed baseline: the page says Bail out! and why' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep --format html -o bail.html -- sh -c "echo broken >&2; exit 3" &&
	grep "<li>--format html: Bail out! the baseline (no fault) failed: exit 3: broken</li>" bail.html &&
	grep "failed: no case ran" bail.html &&
	grep "verdict v-bad\">Bail out!<" bail.html
'

test_expect_success SAMPLES,PYTHON3 'what the program prints is escaped: markup shown as text, a byte that is not UTF-8 as U+FFFD' '
	cat >evil.sh <<-\EOS &&
	"$W/unchecked" && exit 0
	printf "<script>alert(1)</script> & \377 \033[31m\n" >&2
	exit 1
	EOS
	"$SHMFAULT_BIN" sweep --calls shmget --errnos EACCES --format json -o evil.json -- sh evil.sh &&
	"$SHMFAULT_BIN" report evil.json -o evil.html &&
	python3 "$CHECK" sweep evil.html evil.json &&
	grep "^&lt;script&gt;alert(1)&lt;/script&gt; &amp; $(printf "\357\277\275") \\\\x1b\[31m$" evil.html
'

test_expect_success SAMPLES 'report: bad input fails closed, exit 2, one line naming it' '
	test_expect_code 2 "$SHMFAULT_BIN" report 2>err && grep "no JSON document given" err &&
	echo "not json" >bad.json &&
	test_expect_code 2 "$SHMFAULT_BIN" report s1.json bad.json -o x.html 2>err &&
	grep "^shmfault: report: bad.json: not a JSON document" err && test ! -e x.html &&
	test_expect_code 2 "$SHMFAULT_BIN" report s1.json s1.json 2>err &&
	grep "case 1 is in two documents (a shard given twice?)" err &&
	test_expect_code 2 "$SHMFAULT_BIN" report s1.json evil.json 2>err &&
	grep "evil.json: the sweep of another command" err &&
	test_expect_code 2 "$SHMFAULT_BIN" report nosuch.json 2>err && grep "cannot read .nosuch.json." err &&
	test_expect_code 2 "$SHMFAULT_BIN" sweep --format xml -- "$W/unchecked" 2>err &&
	grep "bad --format .xml.: expected tap, json or html" err
'

test_expect_success SAMPLES,PYTHON3,CHROMIUM 'headless Chromium renders the merged page: a screenshot in the class colours, a DOM with every cell and command' '
	render "$PWD/report.html" shot.png dom.html &&
	python3 "$CHECK" png shot.png e06666 cfe2f3 &&
	python3 "$CHECK" sweep dom.html s1.json s2.json s3.json >check.out &&
	grep "^# dom.html: 21 cells checked against 3 JSON document(s)$" check.out
'

test_done
