# lib-report.sh: setup shared by tests/report/*.t (sourced after test_description).
# shellcheck shell=sh
. "$(dirname "$0")/../lib/test-lib.sh"

W="$BUILD/samples/sweep"
CHECK="$SHMFAULT_TOP/tests/report/htmlcheck.py"
export W CHECK
test -x "$W/unchecked" && test -x "$W/attach_many" && test_set_prereq SAMPLES
command -v python3 >/dev/null 2>&1 && test_set_prereq PYTHON3
# Debian's chromium; as root (CI) it needs --no-sandbox.
command -v chromium >/dev/null 2>&1 && test_set_prereq CHROMIUM
if "$SHMFAULT_BIN" list 2>/dev/null | grep "^personalities:" | grep -q "aix.*hpux"; then
	test_set_prereq PERSONALITIES
fi

# render PAGE PNG DOM: one headless Chromium run: a screenshot of PAGE and
# its DOM as the browser built it. No network: the page must need none.
render() {
	chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$PWD/chromium-profile" \
		--window-size=1280,1600 --screenshot="$2" --dump-dom "file://$1" >"$3" 2>chromium.err &&
		test -s "$2" && test -s "$3"
}

# json_count CLASS DOC.json...: the sweep's own count of CLASS, over its shards.
json_count() {
	python3 - "$@" <<-\EOF
	import json, sys
	print(sum(json.load(open(f))["counts"][sys.argv[1]] for f in sys.argv[2:]))
	EOF
}
