#!/bin/sh
# the conformance programs under the freebsd-strict personality, against expected/freebsd-strict.tsv
. "$(dirname "$0")/lib.sh"
personality freebsd-strict
