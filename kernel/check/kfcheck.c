/* kfcheck: runs the shm filter and the decoder on made-up seccomp_data, for
 * the architectures this machine cannot execute (i386, x32).  Reads lines
 *   ARCH NR A0 A1 A2 A3 A4 A5      (ARCH x86_64|i386|0xHEX; numbers C syntax;
 *                                   COOKIE, COOKIE_LO, COOKIE_HI allowed)
 * and prints "notify CALL X Y Z" (the decoded libc-order arguments, hex) or
 * "allow" or "kill/other 0xRET".  The filter runs in a small interpreter of
 * the five cBPF instructions it uses (LD|W|ABS, ALU|AND|K, JEQ|K, JGE|K,
 * RET|K); any other instruction is reported as "bad-insn", never skipped. */
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "filter.h"
#include "shmmark.h"

static int run(const struct seccomp_data *d, unsigned *ret)
{
	unsigned n, a = 0;
	const struct sock_filter *p = sf_kfilter_prog(&n);
	for (unsigned pc = 0; pc < n; pc++) {
		const struct sock_filter *i = &p[pc];
		switch (i->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (i->k + 4 > sizeof *d)
				return -1;
			memcpy(&a, (const char *)d + i->k, 4);
			break;
		case BPF_ALU | BPF_AND | BPF_K: a &= i->k; break;
		case BPF_JMP | BPF_JEQ | BPF_K: pc += a == i->k ? i->jt : i->jf; break;
		case BPF_JMP | BPF_JGE | BPF_K: pc += a >= i->k ? i->jt : i->jf; break;
		case BPF_RET | BPF_K: *ret = i->k; return 0;
		default: return -1;
		}
	}
	return -1;
}

static unsigned long long num(const char *s)
{
	if (!strcmp(s, "COOKIE")) return SF_MARK_COOKIE;
	if (!strcmp(s, "COOKIE_LO")) return SF_MARK_LO;
	if (!strcmp(s, "COOKIE_HI")) return (unsigned long long)SF_MARK_HI << 32;
	return strtoull(s, NULL, 0);
}

int main(void)
{
	char line[512], f[8][64];
	while (fgets(line, sizeof line, stdin)) {
		if (sscanf(line, "%63s %63s %63s %63s %63s %63s %63s %63s", f[0], f[1], f[2], f[3], f[4], f[5],
			   f[6], f[7]) != 8)
			continue;
		struct seccomp_data d;
		memset(&d, 0, sizeof d);
		d.arch = !strcmp(f[0], "x86_64") ? AUDIT_ARCH_X86_64
			 : !strcmp(f[0], "i386") ? AUDIT_ARCH_I386 : (unsigned)num(f[0]);
		d.nr = (int)num(f[1]);
		for (int i = 0; i < 6; i++)
			d.args[i] = num(f[2 + i]);
		unsigned r;
		struct sf_kargs k;
		if (run(&d, &r) < 0)
			puts("bad-insn");
		else if (r == SECCOMP_RET_ALLOW)
			puts("allow");
		else if (r != SECCOMP_RET_USER_NOTIF)
			printf("other 0x%x\n", r);
		else if (sf_kdecode(&d, &k) < 0)
			puts("notify undecodable");
		else
			printf("notify %s 0x%llx 0x%llx 0x%llx\n", sf_call_name(k.call), (unsigned long long)k.a[0],
			       (unsigned long long)k.a[1], (unsigned long long)k.a[2]);
	}
	return 0;
}
