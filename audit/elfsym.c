/* elfsym.c: see elfsym.h. The symbol count is not in the dynamic section:
 * DT_HASH holds it (nchain); with only DT_GNU_HASH it is one past the last
 * symbol of the longest-reaching chain (the ELF gABI; the GNU hash layout as
 * documented with binutils: nbuckets, symoffset, bloom size, bloom shift,
 * bloom words, buckets, chains whose last entry has bit 0 set). */
#include <elf.h>
#include <link.h>
#include <stddef.h>
#include <stdint.h>

#include "elfsym.h"

/* glibc rewrites most d_ptr entries to run-time addresses when it loads an
 * object; the vDSO and other loaders may not. Below l_addr it is a link-time
 * address. */
static uintptr_t at(const struct link_map *map, ElfW(Addr) p)
{
	return p < map->l_addr ? p + map->l_addr : p;
}

static uint32_t gnu_hash_count(const uint32_t *h)
{
	uint32_t nbuckets = h[0], symoffset = h[1], bloom = h[2], last = 0;
	const uint32_t *buckets = (const uint32_t *)((const ElfW(Addr) *)(h + 4) + bloom);
	const uint32_t *chain = buckets + nbuckets;
	for (uint32_t b = 0; b < nbuckets; b++)
		if (buckets[b] > last)
			last = buckets[b];
	if (last < symoffset)
		return symoffset;
	while (!(chain[last - symoffset] & 1))
		last++;
	return last + 1;
}

static int same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

uintptr_t sf_elf_defined(const struct link_map *map, const char *name)
{
	const ElfW(Sym) *symtab = NULL;
	const char *strtab = NULL;
	uint32_t count = 0;
	if (!map || !map->l_ld)
		return 0;
	for (const ElfW(Dyn) *d = map->l_ld; d->d_tag != DT_NULL; d++) {
		if (d->d_tag == DT_SYMTAB)
			symtab = (const ElfW(Sym) *)at(map, d->d_un.d_ptr);
		else if (d->d_tag == DT_STRTAB)
			strtab = (const char *)at(map, d->d_un.d_ptr);
		else if (d->d_tag == DT_HASH)
			count = ((const uint32_t *)at(map, d->d_un.d_ptr))[1];
		else if (d->d_tag == DT_GNU_HASH && !count)
			count = gnu_hash_count((const uint32_t *)at(map, d->d_un.d_ptr));
	}
	if (!symtab || !strtab)
		return 0;
	for (uint32_t i = 1; i < count; i++) {
		const ElfW(Sym) *s = &symtab[i]; /* ST_BIND/ST_TYPE: the same for ELF32 */
		unsigned bind = ELF64_ST_BIND(s->st_info), type = ELF64_ST_TYPE(s->st_info);
		if (s->st_shndx == SHN_UNDEF || (bind != STB_GLOBAL && bind != STB_WEAK))
			continue;
		if ((type == STT_FUNC || type == STT_OBJECT || type == STT_NOTYPE) && same(strtab + s->st_name, name))
			return (uintptr_t)(map->l_addr + s->st_value);
	}
	return 0;
}
