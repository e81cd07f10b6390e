/* site.c: a call site as module+offset, and symbol+offset when the module
 * exports one; stable across runs despite ASLR, so a log line or a sweep
 * case can name "the shmat in writer's main". */
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "log.h"

void sf_site(const void *caller, char *buf, unsigned long len)
{
	Dl_info di;
	/* The return address points after the call; step back into it. */
	const char *pc = (const char *)caller - 1;
	if (!caller || !dladdr(pc, &di) || !di.dli_fname) {
		snprintf(buf, len, "%p", caller);
		return;
	}
	const char *mod = strrchr(di.dli_fname, '/');
	mod = mod ? mod + 1 : di.dli_fname;
	if (!*mod)
		mod = program_invocation_short_name;
	uintptr_t off = (uintptr_t)pc - (uintptr_t)di.dli_fbase;
	if (di.dli_sname && di.dli_saddr)
		snprintf(buf, len, "%s+0x%lx (%s+0x%lx)", mod, (unsigned long)off, di.dli_sname,
			 (unsigned long)((uintptr_t)pc - (uintptr_t)di.dli_saddr));
	else
		snprintf(buf, len, "%s+0x%lx", mod, (unsigned long)off);
}
