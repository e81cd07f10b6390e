/* tapout.c: see tapout.h. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tapout.h"

static void grow(struct sf_str *b, size_t more)
{
	if (b->n + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->n + more + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s)
		abort();
	b->s = s;
	b->cap = cap;
}

void sf_str_add(struct sf_str *b, const char *text)
{
	size_t k = strlen(text);
	grow(b, k);
	memcpy(b->s + b->n, text, k + 1);
	b->n += k;
}

void sf_str_addf(struct sf_str *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	grow(b, (size_t)k);
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, (size_t)k + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)k;
}

void sf_str_free(struct sf_str *b)
{
	free(b->s);
	b->s = NULL;
	b->n = b->cap = 0;
}

void sf_shell_quote(struct sf_str *b, const char *arg)
{
	int safe = *arg != 0;
	for (const char *p = arg; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-", *p))
			safe = 0;
	if (safe) {
		sf_str_add(b, arg);
		return;
	}
	sf_str_add(b, "'");
	for (const char *p = arg; *p; p++) {
		if (*p == '\'')
			sf_str_add(b, "'\\''");
		else {
			char c[2] = {*p, 0};
			sf_str_add(b, c);
		}
	}
	sf_str_add(b, "'");
}

static void esc(FILE *out, const char *s, size_t n, int json)
{
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(out, json ? "\\u%04x" : "\\x%02x", c);
			else
				fputc(c, out);
		}
	}
	fputc('"', out);
}

void sf_yaml_str(FILE *out, const char *s)
{
	esc(out, s ? s : "", s ? strlen(s) : 0, 0);
}

void sf_json_str(FILE *out, const char *s)
{
	esc(out, s ? s : "", s ? strlen(s) : 0, 1);
}

void sf_json_strn(FILE *out, const char *s, size_t n)
{
	esc(out, s, n, 1);
}

size_t sf_tail_lines(const char *text, size_t n, int maxlines)
{
	size_t end = n;
	if (end > 0 && text[end - 1] == '\n')
		end--;
	int lines = 0;
	for (size_t i = end; i > 0; i--)
		if (text[i - 1] == '\n' && ++lines == maxlines)
			return i;
	return 0;
}

static void each_line(FILE *out, const char *text, size_t n, const char *pre, const char *sep, int json)
{
	size_t i = 0;
	int first = 1;
	while (i < n) {
		const char *nl = memchr(text + i, '\n', n - i);
		size_t k = nl ? (size_t)(nl - (text + i)) : n - i;
		fputs(first ? "" : sep, out);
		fputs(pre, out);
		esc(out, text + i, k, json);
		first = 0;
		i += k + (nl != NULL);
	}
}

void sf_yaml_text(FILE *out, const char *indent, const char *key, const char *text, size_t n)
{
	fprintf(out, "%s%s: ", indent, key);
	esc(out, text, n, 0);
	fputc('\n', out);
}

void sf_json_lines(FILE *out, const char *text, size_t n)
{
	fputc('[', out);
	each_line(out, text, n, "", ",", 1);
	fputc(']', out);
}
