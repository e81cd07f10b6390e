/* audit.c: libshmfault-audit.so, an rtld-audit(7) module that sends every
 * binding of shmget, shmat, shmdt, shmctl and ftok to the interposer
 * (libshmfault.so), in every scope, RTLD_DEEPBIND ones included.
 *
 * Why: a module opened with dlopen(RTLD_DEEPBIND) searches its own
 * dependencies (libc) before the global scope, so LD_PRELOAD never sees its
 * calls (PHP's shmop.so and sysvshm.so; ../shared/reference/backends.md §1).
 * The loader asks la_symbind for every binding it audits (PLT at lazy time,
 * PLT under -z now / LD_BIND_NOW since glibc 2.35, and dlsym) and takes the
 * address it returns.
 *
 * Rules of this file (backends.md §2):
 *  - the auditor runs in its own link namespace with its own libc and errno:
 *    it calls nothing (no libc, no dlsym: dlsym in la_symbind crashed) and
 *    only ever returns an address, so it cannot fail a call;
 *  - the interposer's definitions are read from its own .dynsym through its
 *    link_map (l_addr, l_ld), remembered by la_objopen;
 *  - without the interposer, every binding is left as the loader found it. */
#include <elf.h>
#include <link.h>
#include <stddef.h>
#include <stdint.h>

#include "elfsym.h"

#define SF_AUDIT_EXPORT __attribute__((visibility("default")))

static const char *const wrapped[] = {"shmget", "shmat", "shmdt", "shmctl", "ftok",
				      "shm_open", "shm_unlink", "memfd_create", "ftruncate", "ftruncate64",
				      "mmap", "mmap64", "munmap"};
#define NWRAPPED (sizeof wrapped / sizeof wrapped[0])

static struct link_map *interposer;
static uintptr_t ours[NWRAPPED]; /* the interposer's definitions, 0 if absent */

static int same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static int which(const char *name)
{
	for (unsigned i = 0; i < NWRAPPED; i++)
		if (same(name, wrapped[i]))
			return (int)i;
	return -1;
}

/* "…/libshmfault.so" or "libshmfault.so": the interposer, wherever it lives. */
static int is_interposer(const char *path)
{
	static const char base[] = "libshmfault.so";
	const char *slash = path;
	for (const char *p = path; *p; p++)
		if (*p == '/')
			slash = p + 1;
	return same(slash, base);
}

SF_AUDIT_EXPORT unsigned int la_version(unsigned int version)
{
	/* Any version that has la_symbind will do; never ask for more than
	 * the loader offers (0 would disable the module). */
	return version < LAV_CURRENT ? version : LAV_CURRENT;
}

SF_AUDIT_EXPORT unsigned int la_objopen(struct link_map *map, Lmid_t lmid, uintptr_t *cookie)
{
	(void)cookie; /* the loader set it to map; kept, la_symbind reads it */
	if (!interposer && lmid == LM_ID_BASE && map->l_name && is_interposer(map->l_name)) {
		interposer = map;
		for (unsigned i = 0; i < NWRAPPED; i++)
			ours[i] = sf_elf_defined(map, wrapped[i]);
	}
	return LA_FLG_BINDTO | LA_FLG_BINDFROM;
}

/* The address the binding of name from ref to def should get. Left alone:
 * other symbols; no interposer; bindings already to it; bindings made by
 * an object that defines the same name itself: the interposer's own
 * dlsym(RTLD_NEXT), or another wrapper's (sending those to us would loop). */
static uintptr_t rebind(uintptr_t found, const char *name, uintptr_t *refcook, uintptr_t *defcook)
{
	int i = interposer ? which(name) : -1;
	struct link_map *ref = (struct link_map *)*refcook;
	struct link_map *def = (struct link_map *)*defcook;
	if (i < 0 || !ours[i] || found == ours[i] || def == interposer || ref == interposer)
		return found;
	if (ref && sf_elf_defined(ref, name))
		return found;
	return ours[i];
}

#if __ELF_NATIVE_CLASS == 64
SF_AUDIT_EXPORT uintptr_t la_symbind64(Elf64_Sym *sym, unsigned int ndx, uintptr_t *refcook, uintptr_t *defcook,
				       unsigned int *flags, const char *symname)
{
	(void)ndx;
	*flags |= LA_SYMB_NOPLTENTER | LA_SYMB_NOPLTEXIT; /* no per-call hook wanted */
	return rebind(sym->st_value, symname, refcook, defcook);
}
#else
SF_AUDIT_EXPORT uintptr_t la_symbind32(Elf32_Sym *sym, unsigned int ndx, uintptr_t *refcook, uintptr_t *defcook,
				       unsigned int *flags, const char *symname)
{
	(void)ndx;
	*flags |= LA_SYMB_NOPLTENTER | LA_SYMB_NOPLTEXIT;
	return rebind(sym->st_value, symname, refcook, defcook);
}
#endif
