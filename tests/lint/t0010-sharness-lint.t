#!/bin/sh
test_description='sharness lint: no ";", "|| :" or "! cmd | grep" inside test bodies (issue 17 item 4)'
. "$(dirname "$0")/../lib/test-lib.sh"

LINT="$SHMFAULT_TOP/tests/lint/sharness-lint.awk"

test_expect_success 'the lint reports each kind of offence with file:line' '
	cat >bad.t <<-\EOF &&
	test_expect_success "x" "
		true; false
	"
	test_expect_success "y" "
		false || :
	"
	test_expect_success "z" "
		! echo out | grep -q other
	"
	EOF
	test_expect_code 1 awk -f "$LINT" bad.t >out &&
	grep "^bad.t:2: .;. inside a test body: " out &&
	grep "^bad.t:5: .|| :. inside a test body: " out &&
	grep "^bad.t:8: .! cmd | \.\.\.. (negated pipeline) inside a test body: " out &&
	test $(wc -l <out) = 3
'

test_expect_success 'what is not an offence: strings, here-documents, do/then, case arms, code outside bodies' '
	cat >good.t <<-\EOF &&
	helper() { a; b; }
	test_expect_success "x" "
		awk \"{ a = 1; print a }\" in | sed \"s/a/b/;s/c/d/\" >out &&
		cat >prog.c <<-EOT &&
		int main(void) { return 0; }
		EOT
		for i in 1 2; do
			case \$i in 1) true ;; *) true ;; esac || return 1
		done &&
		if test -n x; then
			true
		fi
	"
	EOF
	awk -f "$LINT" good.t >out &&
	test_must_be_empty out
'

# The tree, linted once; each offence (FILE:LINE: what: the line) goes to
# stderr, which prove shows, as well as into the test.
(cd "$SHMFAULT_TOP" && find tests conformance/t cases -name "*.t" | sort) >files
(cd "$SHMFAULT_TOP" && xargs awk -f "$LINT") <files >offences
sed "s/^/sharness-lint: /" offences >&2

test_expect_success 'no offence in tests/**/*.t, conformance/t/*.t and cases/*.t' '
	test $(wc -l <files) -gt 50 &&
	test_must_be_empty offences
'

test_done
