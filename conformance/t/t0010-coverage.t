#!/bin/sh
# docs/conformance.md must be what conformance/gen-coverage.sh prints now
TOP=$(cd "$(dirname "$0")/../.." && pwd)
echo "TAP version 13"
echo "1..2"
tmp=$(mktemp "${TMPDIR:-/tmp}/shmfault-cov.XXXXXX") || exit 1
trap 'rm -f "$tmp"' EXIT
if "$TOP/conformance/gen-coverage.sh" >"$tmp" 2>/dev/null && [ -s "$tmp" ]; then
	echo "ok 1 - gen-coverage.sh runs"
else
	echo "not ok 1 - gen-coverage.sh runs"
fi
if cmp -s "$tmp" "$TOP/docs/conformance.md"; then
	echo "ok 2 - docs/conformance.md is up to date"
else
	echo "not ok 2 - docs/conformance.md is stale (run: make conformance-coverage)"
	echo "  ---"
	echo "  message: \"regenerate with conformance/gen-coverage.sh >docs/conformance.md\""
	echo "  diff: |"
	diff "$TOP/docs/conformance.md" "$tmp" | head -20 | sed 's/^/    /'
	echo "  ..."
fi
