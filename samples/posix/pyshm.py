#!/usr/bin/env python3
# pyshm.py: Python's multiprocessing.shared_memory as a program would use
# it (issue 16's sweep): a creator makes a block of 4096 bytes, writes a
# message, a second handle attaches by name and reads it back, both close,
# the creator unlinks. Errors are left to Python: an OSError ends the
# program with a traceback and exit 1. Usage: pyshm.py [NAME]
import os
import sys
import time
from multiprocessing import shared_memory

# unique per run: /dev/shm is shared by the sandboxes, where every run is PID 2
name = sys.argv[1] if len(sys.argv) > 1 else "sfpy%d-%x" % (os.getpid(), time.time_ns() & 0xffffffff)
a = shared_memory.SharedMemory(name=name, create=True, size=4096)
try:
    a.buf[:5] = b"hello"
    b = shared_memory.SharedMemory(name=name)
    print("pyshm: read %s from %s" % (bytes(b.buf[:5]).decode(), b.name))
    b.close()
finally:
    a.close()
    a.unlink()
