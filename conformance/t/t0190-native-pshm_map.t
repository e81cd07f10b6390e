#!/bin/sh
# POSIX shm conformance (pshm_map) on the Linux kernel and C library, against expected/linux.tsv
. "$(dirname "$0")/lib.sh"
native pshm_map
