/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * quote: a passage as plain text, to take out of the reader (y copies it
 * to the clipboard): the paragraph at an offset, or the speaker turn that
 * holds it with the speaker's name first.  The text is what the view shows
 * (no Markdown markup; bullets and a link's address as shown; no ruby
 * readings), without the row breaks of the layout, and with no control
 * characters but newlines and tabs.  Headless: no terminal.
 */
#ifndef FANYE_QUOTE_H
#define FANYE_QUOTE_H

#include <stdbool.h>
#include <stddef.h>

#include "fanye/doc.h"
#include "fanye/outline.h"
#include "fanye/pres.h"

typedef struct quote {
	char *text;        /* UTF-8, malloc'd, NUL-terminated */
	size_t len;        /* its bytes */
	size_t chars;      /* its characters */
	size_t start, end; /* the source it was taken from */
	bool cut;          /* longer than the cap: cut at a character */
	long speaker;      /* the turn's speaker, or -1 */
} quote;

/* Takes count units (paragraphs or turns; at least one) from the one that
 * holds off, at most cap bytes (0: no cap).  ol may be NULL.  Lines of
 * plain text that are hard-wrapped (one paragraph in several lines of
 * similar length) are joined into one.  False when out of memory. */
bool quote_take(pres *P, const doc *d, const outline *ol, size_t off, long count, size_t cap, quote *q);
void quote_free(quote *q);

/* The base64 of s[0..n) (RFC 4648, padded), malloc'd, or NULL. */
char *quote_base64(const char *s, size_t n);

#endif
