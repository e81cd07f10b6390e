#!/bin/sh
# shmget conformance on the Linux kernel, in a private IPC namespace
. "$(dirname "$0")/lib.sh"
native shmget
