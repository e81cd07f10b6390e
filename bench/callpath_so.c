/* callpath_so: the marked `syscall` instruction in a function of a shared
 * object of its own (the interposer's position), for bench/callpath.c. */
#include "shmmark.h"

long callpath_so(long nr, long a, long b, long c);

long callpath_so(long nr, long a, long b, long c)
{
	long r;
	register long r10 __asm__("r10") = 0, r8 __asm__("r8") = 0, r9 __asm__("r9") = (long)SF_MARK_COOKIE;
	__asm__ volatile("syscall" : "=a"(r) : "0"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return r;
}
