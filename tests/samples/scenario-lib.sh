# scenario-lib.sh: sourced by the scenario scripts that tests/samples/*.t run
# inside a private IPC namespace.
# shellcheck shell=sh

# segments FILE: the segments of this IPC namespace, one "key shmid owner
# perms bytes nattch" line each (ipcs -m without its header), into FILE.
segments() {
	ipcs -m | grep '^0x' >"$1" || :
}

# gate_open NAME IN OUT: make fifos NAME.ctl and NAME.ack and open them
# read-write on descriptors IN (commands to the program) and OUT (its
# acknowledgements).  A program started with SLEEPGATE=IN,OUT then stops in
# each sleep until it is released (see samples/tools/sleepgate.c).
gate_open() {
	rm -f "$1.ctl" "$1.ack" &&
	mkfifo "$1.ctl" "$1.ack" &&
	eval "exec $2<>\"$1.ctl\" $3<>\"$1.ack\""
}

# gate_wait OUT [N]: wait until the program has reached N more sleeps.
gate_wait() {
	n=${2:-1}
	while test "$n" -gt 0; do
		dd bs=1 count=1 <&"$1" 2>/dev/null >/dev/null || return 1
		n=$((n - 1))
	done
}

# gate_release IN [N] [BYTE]: let the program leave N sleeps (BYTE q: exit(0)
# at the next sleep instead).
gate_release() {
	n=${2:-1}
	while test "$n" -gt 0; do
		printf '%s' "${3:-x}" >&"$1" || return 1
		n=$((n - 1))
	done
}

# signame STATUS: the signal name behind a shell status > 128 ("SEGV").
signame() {
	test "$1" -gt 128 && kill -l $(($1 - 128))
}
