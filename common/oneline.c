/* oneline.c: see oneline.h. */
#include <stdio.h>
#include <string.h>

#include "oneline.h"

size_t sf_one_line(char *dst, size_t dstlen, const char *src)
{
	size_t n = 0;
	for (; *src; src++) {
		unsigned char c = (unsigned char)*src;
		char esc[5];
		size_t k;
		if (c >= 0x20 && c != 0x7f) {
			esc[0] = (char)c;
			k = 1;
		} else if (c == '\n' || c == '\t' || c == '\r') {
			esc[0] = '\\';
			esc[1] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
			k = 2;
		} else {
			static const char hex[] = "0123456789abcdef";
			esc[0] = '\\';
			esc[1] = 'x';
			esc[2] = hex[c >> 4];
			esc[3] = hex[c & 15];
			k = 4;
		}
		if (n + k >= dstlen)
			break;
		memcpy(dst + n, esc, k);
		n += k;
	}
	dst[n] = 0;
	return n;
}
