/* site.c: a call site as module+offset, and symbol+offset when the module
 * exports one; stable across runs despite ASLR, so a log line or a sweep
 * case can name "the shmat in writer's main". */
#include <dlfcn.h>
#include <link.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "site.h"

static void site_uncached(const void *caller, char *buf, unsigned long len)
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

/* dladdr() scans the module's symbol table under the loader's lock: about a
 * fifth of the time of a logged call. The text of the last sites each thread
 * logged is kept, keyed by return address, valid while no module has been
 * unloaded since (dl_iterate_phdr's dlpi_subs only grows; a new module
 * cannot appear where a loaded one still is). Per thread: no lock. */
#define SITE_SLOTS 8
#define SITE_TEXT 176

struct site_slot {
	const void *caller;
	unsigned long long subs;
	char text[SITE_TEXT];
};

static __thread struct site_slot site_cache[SITE_SLOTS];

static int first_object(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	*(unsigned long long *)data = info->dlpi_subs;
	return 1; /* the counters are the same for every object: stop */
}

void sf_site(const void *caller, char *buf, unsigned long len)
{
	unsigned long long subs = ~0ull;
	uintptr_t a = (uintptr_t)caller;
	struct site_slot *s = &site_cache[(a ^ a >> 5 ^ a >> 11) % SITE_SLOTS];
	size_t n;
	dl_iterate_phdr(first_object, &subs);
	if (caller && s->caller == caller && s->subs == subs) {
		n = strlen(s->text);
		if (n < len) {
			memcpy(buf, s->text, n + 1);
			return;
		}
	}
	site_uncached(caller, buf, len);
	n = strlen(buf);
	if (!caller || subs == ~0ull || n >= SITE_TEXT)
		return;
	/* The key last: a signal handler logging on this thread meanwhile sees
	 * no entry rather than half of one. */
	s->caller = NULL;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	memcpy(s->text, buf, n + 1);
	s->subs = subs;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	s->caller = caller;
}
