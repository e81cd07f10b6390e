#!/bin/sh
# the conformance programs under the freebsd personality, against expected/freebsd.tsv
. "$(dirname "$0")/lib.sh"
personality freebsd
