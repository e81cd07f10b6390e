#!/bin/sh
test_description='shmfault case: the case file format, TAP 13 and YAML, wrong expectations, bad files'
. "$(dirname "$0")/../lib/test-lib.sh"

S=$SHMFAULT_TOP/build/samples
test -x "$S/sweep/leaky" && test -x "$S/mkseg" && test_set_prereq SAMPLES

# mkcase NAME: the case file NAME.t from stdin, behind the shell header
test_expect_success SAMPLES,IPCNS 'a passing case: ok, the class, the YAML block, the plan at the end' '
	mkcase pass <<-\EOF &&
	# a comment
	description: leaky under an injected shmat failure leaks its segment
	program: build/samples/sweep/leaky
	rules: shmat:error=EACCES
	expect: leaked
	stderr: leaky: .*EACCES
	EOF
	./pass.t >out 2>err &&
	head -n 1 out >first && echo "TAP version 13" >expect && test_cmp expect first &&
	grep "^ok 1 - pass: leaked (exit 1)$" out &&
	grep "^ok 2 - pass: stderr matches /leaky: .\*EACCES/$" out &&
	grep "^1\.\.2$" out &&
	grep "^  program: \"build/samples/sweep/leaky\"$" out &&
	grep "^  rules: \"shmat:error=EACCES\"$" out &&
	grep "^    expected: leaked$" out && grep "^    got: leaked$" out &&
	grep "^  exit: 1$" out && grep "^  leaked:$" out &&
	grep "^    - \"key=0x5eed0001 " out &&
	grep "^  reproduce: \".*shmfault run -e shmat:error=EACCES --timeout 10 -- /bin/sh -c " out &&
	prove --exec cat out >prove.out 2>&1 && grep "^Result: PASS" prove.out
'

test_expect_success SAMPLES,IPCNS 'a wrong expectation gives not ok and exit 1' '
	mkcase wrong <<-\EOF &&
	program: build/samples/sweep/leaky
	rules: shmat:error=EACCES
	expect: recovered
	stderr: this is not what it says
	EOF
	test_expect_code 1 ./wrong.t >out 2>err &&
	grep "^not ok 1 - wrong: leaked (exit 1); expected recovered$" out &&
	grep "^not ok 2 - wrong: stderr matches /this is not what it says/$" out &&
	grep "^  pattern: \"this is not what it says\"$" out &&
	! prove --exec cat out >prove.out 2>&1 && grep "^Result: FAIL" prove.out
'

test_expect_success SAMPLES,IPCNS,ROOT 'setup: planted segments are reported apart, not as leaks' '
	mkcase plant <<-\EOF &&
	program: build/samples/sweep/leaky
	setup: build/samples/mkseg 0x5eed0001 4096 0600
	expect: failed-cleanly
	stderr: File exists
	EOF
	./plant.t >out 2>err &&
	grep "^ok 1 - plant: failed-cleanly (exit 1)$" out &&
	grep "^  leaked: \[\]$" out &&
	grep "^  planted:$" out && grep "^    - \"key=0x5eed0001 " out
'

test_expect_success SAMPLES,IPCNS 'a failing setup is an error, with its output' '
	mkcase badsetup <<-\EOF &&
	program: build/samples/sweep/leaky
	setup: echo no way >&2; exit 3
	expect: recovered
	EOF
	test_expect_code 1 ./badsetup.t >out 2>err &&
	grep "^not ok 1 - badsetup: error (the setup failed); expected recovered$" out &&
	grep "^  stderr_tail: \"no way\\\\nshmfault case: setup failed (exit 3)\\\\n\"$" out
'

test_expect_success SAMPLES,IPCNS 'the outcome may live in an expected file' '
	cat >exp.expected <<-\EOF &&
	# comment
	class: leaked
	stderr: EACCES
	notes: leaky does not remove its segment
	EOF
	mkcase withexp <<-EOF &&
	program: build/samples/sweep/leaky
	rules: shmat:error=EACCES
	expected: $PWD/exp.expected
	EOF
	./withexp.t >out 2>err &&
	grep "^ok 1 - withexp: leaked (exit 1)$" out &&
	grep "^ok 2 - withexp: stderr matches /EACCES/$" out &&
	grep "^  notes: \"leaky does not remove its segment\"$" out
'

test_expect_success SAMPLES,IPCNS 'stdout: patterns on the program'"'"'s stdout, its tail in the YAML' '
	mkcase out <<-\EOF &&
	program: build/samples/sweep/leaky
	expect: recovered
	stdout: ^leaky: ok$
	stdout: nothing like this
	EOF
	test_expect_code 1 ./out.t >out 2>err &&
	grep "^ok 1 - out: recovered (exit 0)$" out &&
	grep "^  stdout_tail: \"leaky: ok\\\\n\"$" out &&
	grep "^ok 2 - out: stdout matches /^leaky: ok\$/$" out &&
	grep "^not ok 3 - out: stdout matches /nothing like this/$" out
'

test_expect_success 'requires: a missing program skips the case' '
	mkcase req <<-\EOF &&
	requires: /nonexistent/postgres
	program: /nonexistent/postgres
	expect: recovered
	EOF
	./req.t >out 2>err &&
	grep "^ok 1 - req # SKIP /nonexistent/postgres is not installed$" out
'

# bad files: one clear line on stderr, exit 2, no test run
bad() {
	name=$1 msg=$2
	mkcase "$name" &&
	test_expect_code 2 "./$name.t" >out 2>err &&
	grep "^1\.\.0 # SKIP" out &&
	test "$(wc -l <err)" = 1 &&
	grep -- "$msg" err
}

test_expect_success 'bad file: unknown key' '
	printf "program: true\nexpect: recovered\ncolour: blue\n" | bad unk "^shmfault: case: ./unk.t:5: unknown key .colour. (description, program"
'
test_expect_success 'bad file: not key: value' '
	printf "program true\n" | bad nokv "^shmfault: case: ./nokv.t:3: expected .key: value., got .program true.$"
'
test_expect_success 'bad file: no program' '
	printf "expect: recovered\n" | bad noprog "^shmfault: case: ./noprog.t: no .program:.$"
'
test_expect_success 'bad file: no expectation' '
	printf "program: true\n" | bad noexp "^shmfault: case: ./noexp.t: no .expect:. (a class"
'
test_expect_success 'bad file: unknown class' '
	printf "program: true\nexpect: fine\n" | bad badclass "unknown class .fine. (recovered, failed-cleanly"
'
test_expect_success 'bad file: bad rule, named by the library parser' '
	printf "program: true\nexpect: recovered\nrules: shmat:error=EFOO\n" | bad badrule "EFOO"
'
test_expect_success 'bad file: bad personality' '
	printf "program: true\nexpect: recovered\npersonality: vms\n" | bad badpers "vms"
'
test_expect_success 'bad file: bad regex' '
	printf "program: true\nexpect: recovered\nstderr: a(b\n" | bad badre "bad stderr pattern .a(b."
'
test_expect_success 'bad file: bad timeout' '
	printf "program: true\nexpect: recovered\ntimeout: soon\n" | bad badto "bad timeout .soon."
'
test_expect_success 'missing file, no file, unknown option' '
	test_expect_code 2 "$SHMFAULT_BIN" case nosuch.t 2>err &&
	grep "^shmfault: case: cannot read .nosuch.t.: No such file or directory$" err &&
	test_expect_code 2 "$SHMFAULT_BIN" case 2>err &&
	grep "^shmfault: case: no case file given" err &&
	test_expect_code 2 "$SHMFAULT_BIN" case --bogus x.t 2>err &&
	grep "unknown option .--bogus." err
'

test_done
