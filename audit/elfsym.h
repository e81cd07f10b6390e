/* elfsym.h: a loaded object's own definition of a symbol, read from its
 * dynamic symbol table through its link_map (no dlsym: the auditor must not
 * call back into the loader). */
#ifndef SHMFAULT_AUDIT_ELFSYM_H
#define SHMFAULT_AUDIT_ELFSYM_H

#include <link.h>
#include <stdint.h>

/* The run-time address of the function or object map defines as name
 * (global or weak, not undefined), or 0. */
uintptr_t sf_elf_defined(const struct link_map *map, const char *name);

#endif
