// goshm: reach.c's script with syscall.RawSyscall (no libc, no wrapper the
// interposer could see; the Go runtime is multi-threaded and preempts with
// SIGURG). Same verdict lines and exit status as reach.c.
package main

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
)

var nOf = map[string]int{}

func check(r1 uintptr, e syscall.Errno, name string) uintptr {
	nOf[name]++
	if e != 0 {
		fmt.Fprintf(os.Stderr, "reach: %s#%d failed errno=%d\n", name, nOf[name], int(e))
		os.Exit(1)
	}
	return r1
}

func main() {
	// One OS thread, so strace's per-thread when=N counts the same calls.
	runtime.LockOSThread()
	get := func() uintptr {
		r, _, e := syscall.RawSyscall(syscall.SYS_SHMGET, 0, 4096, 0600)
		return check(r, e, "shmget")
	}
	at := func(id uintptr) uintptr {
		r, _, e := syscall.RawSyscall(syscall.SYS_SHMAT, id, 0, 0)
		return check(r, e, "shmat")
	}
	dt := func(p uintptr) {
		r, _, e := syscall.RawSyscall(syscall.SYS_SHMDT, p, 0, 0)
		check(r, e, "shmdt")
	}
	rmid := func(id uintptr) {
		r, _, e := syscall.RawSyscall(syscall.SYS_SHMCTL, id, 0, 0) // IPC_RMID = 0
		check(r, e, "shmctl")
	}
	id1 := get()
	p1 := at(id1)
	id2 := get()
	p2 := at(id2)
	dt(p1)
	dt(p2)
	rmid(id1)
	rmid(id2)
	fmt.Fprintf(os.Stderr, "reach: ok signals=0\n")
}
