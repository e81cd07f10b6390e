/* tapout.h: writers for the reports of `shmfault sweep` and `shmfault gate`:
 * TAP 13 YAML blocks (the subset TAP::Parser::YAMLish reads), JSON strings,
 * shell quoting for the reproduction commands. */
#ifndef SHMFAULT_TAPOUT_H
#define SHMFAULT_TAPOUT_H

#include <stddef.h>
#include <stdio.h>

/* A growing string. */
struct sf_str {
	char *s;
	size_t n, cap;
};
void sf_str_add(struct sf_str *b, const char *text);
void sf_str_addf(struct sf_str *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sf_str_free(struct sf_str *b);

/* Append arg to b quoted for a POSIX shell (unquoted when it is safe). */
void sf_shell_quote(struct sf_str *b, const char *arg);

/* A double-quoted YAML scalar (escapes TAP::Parser::YAMLish understands). */
void sf_yaml_str(FILE *out, const char *s);
/* A double-quoted JSON string. */
void sf_json_str(FILE *out, const char *s);
void sf_json_strn(FILE *out, const char *s, size_t n);

/* The last maxlines lines of text[0..n): start offset (skips a partial
 * first line when the text was truncated at the front). */
size_t sf_tail_lines(const char *text, size_t n, int maxlines);
/* YAML: INDENTkey: "text[0..n)" (one double-quoted scalar, newlines as \n:
 * TAP::Parser::YAMLish misreads a list item holding ": "). */
void sf_yaml_text(FILE *out, const char *indent, const char *key, const char *text, size_t n);
/* JSON array of the lines of text[0..n). */
void sf_json_lines(FILE *out, const char *text, size_t n);

#endif
