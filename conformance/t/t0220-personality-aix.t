#!/bin/sh
# the conformance programs under the aix personality, against expected/aix.tsv
. "$(dirname "$0")/lib.sh"
personality aix
