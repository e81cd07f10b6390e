#!/bin/sh
# the conformance programs under the aix64 personality, against expected/aix64.tsv
. "$(dirname "$0")/lib.sh"
personality aix64
