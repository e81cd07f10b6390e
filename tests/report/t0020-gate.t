#!/bin/sh
test_description='shmfault gate --format json|html and shmfault report of gates: command x personality'
. "$(dirname "$0")/lib-report.sh"

# attach_many attaches one segment 12 times: linux allows it; aix refuses the
# 12th attach (rule AX1, EMFILE: 11 segments a process on AIX), hpux the 2nd
# of the same segment (HP1, EINVAL): docs/personalities.md, tests/sweep/t0030-gate.t.

test_expect_success SAMPLES,PERSONALITIES,PYTHON3 'gate --format json, then report: a cell per personality with its result and the rule that fired' '
	test_expect_code 1 "$SHMFAULT_BIN" gate -p linux,aix,hpux --format json -o g1.json -- "$W/attach_many" &&
	"$SHMFAULT_BIN" report g1.json -o gate.html &&
	python3 "$CHECK" gate gate.html g1.json >check.out &&
	grep "^# gate.html: 3 cells checked against 1 JSON document(s)$" check.out &&
	grep "<td class=\"g-passed\" data-result=\"passed\"><a href=\"#run-1-linux\">passed</a></td>" gate.html &&
	grep "<td class=\"g-failed bad\" data-result=\"failed\"><a href=\"#run-1-aix\">failed<br><small> AX1</small></a></td>" gate.html &&
	grep "<td class=\"g-failed bad\" data-result=\"failed\"><a href=\"#run-1-hpux\">failed<br><small> HP1</small></a></td>" gate.html &&
	grep "<dt>diagnostic</dt><dd>aix: rule AX1 refused the 12th attach at attach_many+0x[0-9a-f]* with EMFILE</dd>" gate.html &&
	grep "verdict v-bad\">1 of 3 runs passed<" gate.html
'

test_expect_success SAMPLES,PERSONALITIES,PYTHON3 'two gates merged: one row per command; gate --format html writes the same cells' '
	"$SHMFAULT_BIN" gate -p linux,aix --format json -o g2.json -- "$W/careful" &&
	"$SHMFAULT_BIN" report g1.json g2.json -o two.html &&
	python3 "$CHECK" gate two.html g1.json g2.json >check.out &&
	grep "^# two.html: 5 cells checked against 2 JSON document(s)$" check.out &&
	grep "<td class=\"na\" title=\"not run under this personality\"></td>" two.html &&
	test_expect_code 1 "$SHMFAULT_BIN" gate -p linux,aix,hpux --format html -- "$W/attach_many" >direct.html &&
	python3 "$CHECK" gate direct.html g1.json
'

test_expect_success SAMPLES,PERSONALITIES 'sweeps and gates do not mix in one report' '
	"$SHMFAULT_BIN" sweep --calls shmdt --format json -o sweep.json -- "$W/careful" &&
	test_expect_code 2 "$SHMFAULT_BIN" report g1.json sweep.json 2>err &&
	grep "sweep.json: a sweep among gate documents" err
'

test_expect_success SAMPLES,PERSONALITIES,PYTHON3,CHROMIUM 'headless Chromium renders the gates: a screenshot in the result colours, a DOM with every cell and command' '
	render "$PWD/two.html" shot.png dom.html &&
	python3 "$CHECK" png shot.png b7e1cd f6b26b &&
	python3 "$CHECK" gate dom.html g1.json g2.json >check.out &&
	grep "^# dom.html: 5 cells checked against 2 JSON document(s)$" check.out
'

test_done
