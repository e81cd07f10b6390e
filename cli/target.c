/* target.c: refuse, before running, a program that LD_PRELOAD cannot reach
 * (statically linked: no PT_INTERP), rather than report a run in which
 * nothing was injected. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target.h"

int sf_target_resolve(const char *cmd, char *path, size_t len)
{
	if (strchr(cmd, '/')) {
		snprintf(path, len, "%s", cmd);
		return access(path, X_OK);
	}
	const char *p = getenv("PATH");
	if (!p)
		p = "/usr/local/bin:/usr/bin:/bin";
	while (*p) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		struct stat st;
		snprintf(path, len, "%.*s/%s", (int)n, n ? p : ".", cmd);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0)
			return 0;
		p += n + (colon != NULL);
	}
	errno = ENOENT;
	return -1;
}

static int truncated(char *why, size_t len)
{
	snprintf(why, len, "its ELF program headers are truncated or out of the file");
	return -1;
}

static int elf_has_interp(int fd, char *why, size_t len)
{
	Elf64_Ehdr eh;
	if (pread(fd, &eh, sizeof eh, 0) != (ssize_t)sizeof eh) {
		snprintf(why, len, "too short to be a program");
		return -1;
	}
	/* Offsets come from the file: computed in 64 bits, checked before use. */
	if (eh.e_ident[EI_CLASS] == ELFCLASS32) {
		Elf32_Ehdr e32;
		memcpy(&e32, &eh, sizeof e32);
		for (unsigned i = 0; i < e32.e_phnum; i++) {
			Elf32_Phdr ph;
			uint64_t off = (uint64_t)e32.e_phoff + (uint64_t)i * e32.e_phentsize;
			if (off > (uint64_t)INT64_MAX - sizeof ph ||
			    pread(fd, &ph, sizeof ph, (off_t)off) != (ssize_t)sizeof ph)
				return truncated(why, len);
			if (ph.p_type == PT_INTERP)
				return 1;
		}
	} else {
		for (unsigned i = 0; i < eh.e_phnum; i++) {
			Elf64_Phdr ph;
			uint64_t off = eh.e_phoff + (uint64_t)i * eh.e_phentsize;
			if (off < eh.e_phoff || off > (uint64_t)INT64_MAX - sizeof ph ||
			    pread(fd, &ph, sizeof ph, (off_t)off) != (ssize_t)sizeof ph)
				return truncated(why, len);
			if (ph.p_type == PT_INTERP)
				return 1;
		}
	}
	snprintf(why, len, "it is statically linked, so LD_PRELOAD cannot interpose on its shm calls "
		 "(strace -e inject=... works on static programs)");
	return 0;
}

int sf_target_dynamic(const char *path, char *why, size_t len)
{
	static int depth;
	char head[256];
	struct stat st;
	/* O_NONBLOCK and the regular-file check: a '#!' line naming a FIFO or
	 * a terminal must not block us (the kernel would refuse it anyway). */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(why, len, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, len, "not a regular file");
		close(fd);
		return -1;
	}
	ssize_t n = read(fd, head, sizeof head - 1);
	if (n >= 4 && memcmp(head, ELFMAG, SELFMAG) == 0) {
		int r = elf_has_interp(fd, why, len);
		close(fd);
		return r;
	}
	close(fd);
	if (n >= 2 && head[0] == '#' && head[1] == '!') {
		/* A script: what counts is its interpreter. */
		head[n] = 0;
		char *s = head + 2, *e;
		while (*s == ' ' || *s == '\t')
			s++;
		for (e = s; *e && *e != ' ' && *e != '\t' && *e != '\n'; e++)
			;
		*e = 0;
		if (!*s || strcmp(s, path) == 0) {
			snprintf(why, len, "bad interpreter line");
			return -1;
		}
		char interp[4096];
		snprintf(interp, sizeof interp, "%s", s);
		if (depth >= 4) {
			snprintf(why, len, "interpreters nested too deeply");
			return -1;
		}
		depth++;
		int r = sf_target_dynamic(interp, why, len);
		depth--;
		return r;
	}
	/* Neither ELF nor script: the kernel decides (binfmt_misc); let it run. */
	return 1;
}
