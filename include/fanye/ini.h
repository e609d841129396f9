/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ini: reads INI text in one pass, a line at a time, handing each section
 * header and each `name = value` line to a callback as slices of the text.
 * It keeps no table of its own, so reading n lines costs O(n) (iniparser's
 * dictionary looks every key up in all the others: 20,000 bookmarks took
 * 10 s to load), and it has no line-length limit.  The syntax is
 * iniparser's: `;` and `#` start comments, `[section]`, `name = value` or
 * `name: value`; in INI_QUOTES mode a value may be "quoted" or 'quoted',
 * and an unquoted one ends at `;` or `#`.  INI_RAW takes the whole rest of
 * the line as the value (the bookmark store escapes what it writes).
 * Headless.
 */
#ifndef FANYE_INI_H
#define FANYE_INI_H

#include <stdbool.h>
#include <stddef.h>

enum ini_kind { INI_SECTION, INI_KEY, INI_BAD };
enum ini_mode { INI_QUOTES, INI_RAW };

/* One line that is not blank or a comment.  Slices are not NUL-terminated. */
typedef struct ini_line {
	enum ini_kind kind;
	size_t line;              /* 1-based */
	const char *sec, *key, *val;
	size_t sec_len, key_len, val_len;
	const char *bad;          /* INI_BAD: what is wrong, as a phrase */
} ini_line;

/* Returns 0 to go on, anything else to stop (ini_parse then returns it). */
typedef int (*ini_fn)(void *ctx, const ini_line *l);

/* Calls fn for each header, key line and bad line of text[0..len), in order;
 * keys before any header have an empty section.  Returns 0, or what fn
 * returned to stop. */
int ini_parse(const char *text, size_t len, enum ini_mode mode, ini_fn fn, void *ctx);

/* Whether the slice equals the NUL-terminated word, ignoring ASCII case
 * (exact when `exact`). */
bool ini_is(const char *s, size_t n, const char *word, bool exact);

#endif
