#!/bin/sh
test_description='sweep: what the baseline leaves is the program intended state (issue 14 item 1)'
. "$(dirname "$0")/../lib/lib-sweep.sh"

K="$BUILD/tests/keeper"
test -x "$K" && test_set_prereq KEEPER
command -v ipcmk >/dev/null 2>&1 && test_set_prereq IPCMK
# The errnos shmat documents, from the man pages (tests/lib/errnos.tsv).
ERRNOS_TSV="$SHMFAULT_TOP/tests/lib/errnos.tsv"

# keeper (tests/helpers/keeper.c) creates key 0x5eed4b01, 4096 bytes, mode
# 0640 and keeps it; its scratch segment is removed on every path.
test_expect_success KEEPER 'keeper: the header names the kept segment, no case is leaked' '
	"$SHMFAULT_BIN" sweep -j2 -- "$K" >out 2>err &&
	grep "^# baseline left 1 segment (key=0x5eed4b01 size=4096 mode=0640): taken as the program.s intended state" out &&
	n=$(sed -n "s/^1\.\.//p" out) && test "$n" -gt 0 &&
	test $(classes_of out | wc -l) = "$n" &&
	classes_of out >cls && ! grep "^not ok" out && ! grep " leaked$" cls
'

# keeper --leaky returns without removing the scratch segment when its
# shmat fails: those cases (one per errno shmat documents) and only those
# are leaked.
test_expect_success KEEPER 'keeper --leaky: only the failed shmat cases are leaked' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j2 -- "$K" --leaky >out 2>err &&
	classes_of out | grep " leaked$" | awk "{print \$1, \$2}" >got &&
	awk -F "\t" "\$1 == \"shmat\" {print \"shmat#1\", \$2}" "$ERRNOS_TSV" | sort >expect &&
	sort got >got.sorted && test_cmp expect got.sorted &&
	grep "^not ok .* - shmat#1 [A-Z]*: leaked (exit 1, 1 segment)$" out >nok &&
	sed -n "/^not ok /,/^  \.\.\.$/p" out >nok.yaml &&
	test $(grep -c "^  intended_left: 1$" nok.yaml) = $(wc -l <expect) &&
	test $(grep -c "^    - \"key=0x00000000 .*size=8192 " nok.yaml) = $(wc -l <expect) &&
	test $(grep -c "^not ok" out) = $(wc -l <expect)
'

test_expect_success KEEPER 'JSON: the baseline left, and each case how many of them it left' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j2 --format json -- "$K" --leaky >out.json 2>err &&
	python3 -c "
import json, sys
d = json.load(open(\"out.json\"))
left = d[\"baseline\"][\"left\"]
assert len(left) == 1 and left[0][\"key\"] == \"0x5eed4b01\" and left[0][\"size\"] == 4096 and left[0][\"mode\"] == \"0640\", left
assert d[\"strict_leaks\"] is False and d[\"baseline\"][\"left_key_new_each_run\"] == [False]
for c in d[\"cases\"]:
    leaked = c[\"class\"] == \"leaked\"
    assert leaked == (c[\"call\"] == \"shmat\"), c
    if leaked:
        assert [s[\"size\"] for s in c[\"leaked\"]] == [8192], c
"
'

test_expect_success KEEPER '--strict-leaks brings back the bail-out' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep --strict-leaks -- "$K" >out 2>err &&
	grep "^Bail out! the baseline (no fault) leaked 1 segment (key=0x5eed4b01 .*size=4096 .*(--strict-leaks)$" out &&
	"$SHMFAULT_BIN" sweep --help >help &&
	grep -- "--strict-leaks" help
'

# ipcmk(1) -M SIZE creates a segment and leaves it: that is its job.
test_expect_success IPCMK 'ipcmk -M 4096: every case classified, the header names the kept segment' '
	"$SHMFAULT_BIN" sweep -j2 -- ipcmk -M 4096 >out 2>err &&
	grep "^# baseline left 1 segment (key=0x[0-9a-f]* size=4096 mode=0644; its key is new at every run): taken as the program.s intended state" out &&
	n=$(sed -n "s/^1\.\.//p" out) && test "$n" -gt 0 &&
	test $(classes_of out | wc -l) = "$n" &&
	! grep "^Bail out" out
'

test_done
