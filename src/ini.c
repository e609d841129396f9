/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ini: the one-pass INI line reader shared by the configuration and the
 * bookmark store (see the header for the syntax).
 */
#include "build.h"
#include "fanye/ini.h"

#include <string.h>

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Trims blanks from both ends of [*a, *b). */
static void trim(const char **a, const char **b)
{
	while (*a < *b && blank(**a))
		(*a)++;
	while (*b > *a && blank((*b)[-1]))
		(*b)--;
}

/* The value of a key line in INI_QUOTES mode: inside matching quotes, or up
 * to a comment.  A quote that is not closed is part of the value, as in
 * iniparser (so `goto-mark = '` binds the key '). */
static void quoted_value(const char **a, const char **b)
{
	if (*a < *b && (**a == '"' || **a == '\'')) {
		const char *q = *b - *a > 1 ? memchr(*a + 1, **a, (size_t)(*b - *a - 1)) : NULL;
		if (q) {
			(*a)++;
			*b = q;
			return;
		}
	}
	for (const char *p = *a; p < *b; p++)
		if (*p == ';' || *p == '#') {
			*b = p;
			break;
		}
	trim(a, b);
}

/* Parses one non-blank, non-comment line [a, b) into l. */
static void parse_line(const char *a, const char *b, enum ini_mode mode, ini_line *l)
{
	l->kind = INI_BAD;
	if (memchr(a, 0, (size_t)(b - a))) {
		l->bad = "NUL byte in the line";
		return;
	}
	if (*a == '[') {
		if (b[-1] != ']' || b - a < 3) {
			l->bad = "bad section header";
			return;
		}
		const char *s = a + 1, *e = b - 1;
		trim(&s, &e);
		l->kind = INI_SECTION;
		l->sec = s;
		l->sec_len = (size_t)(e - s);
		return;
	}
	if (mode == INI_QUOTES && b[-1] == '\\') {
		l->bad = "continuation lines (a trailing \\) are not supported";
		return;
	}
	const char *eq = memchr(a, '=', (size_t)(b - a));
	if (!eq && mode == INI_QUOTES)
		eq = memchr(a, ':', (size_t)(b - a));
	const char *ke = eq;
	if (eq)
		trim(&a, &ke);
	if (!eq || ke == a) {
		l->bad = "syntax error: expected 'name = value'";
		return;
	}
	const char *va = eq + 1, *vb = b;
	trim(&va, &vb);
	if (mode == INI_QUOTES)
		quoted_value(&va, &vb);
	l->kind = INI_KEY;
	l->key = a;
	l->key_len = (size_t)(ke - a);
	l->val = va;
	l->val_len = (size_t)(vb - va);
}

int ini_parse(const char *text, size_t len, enum ini_mode mode, ini_fn fn, void *ctx)
{
	ini_line l;
	memset(&l, 0, sizeof l);
	l.sec = "";
	const char *sec = "";
	size_t sec_len = 0;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		l.line++;
		const char *a = p, *b = e;
		p = e + 1;
		trim(&a, &b);
		if (a == b || *a == ';' || *a == '#')
			continue;
		parse_line(a, b, mode, &l);
		if (l.kind == INI_SECTION) {
			sec = l.sec;
			sec_len = l.sec_len;
		} else {
			l.sec = sec;
			l.sec_len = sec_len;
		}
		int rc = fn(ctx, &l);
		if (rc)
			return rc;
	}
	return 0;
}

bool ini_is(const char *s, size_t n, const char *word, bool exact)
{
	size_t w = strlen(word);
	if (n != w)
		return false;
	if (exact)
		return memcmp(s, word, n) == 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i], d = word[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (d >= 'A' && d <= 'Z')
			d = (char)(d - 'A' + 'a');
		if (c != d)
			return false;
	}
	return true;
}
