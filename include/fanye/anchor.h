/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * anchor: how a place in a document is found again.  A document is named
 * by a cheap fingerprint (its size and hashes of its first and last
 * 16 KiB), which only finds candidates: each place also keeps the text
 * around it, checked at its offset before the place is used, and searched
 * for when the text has moved (an edit, or another document with the same
 * size and ends).  Headless.
 */
#ifndef FANYE_ANCHOR_H
#define FANYE_ANCHOR_H

#include <stdbool.h>
#include <stddef.h>

#include "fanye/doc.h"

/* Bytes of text kept before and after a place. */
#define ANCHOR_BEFORE 40
#define ANCHOR_AFTER 64

/* "SIZE-HASH-HASH" of the document. */
void anchor_fingerprint(const doc *d, char *buf, size_t n);
/* The text before and after off, cut at character boundaries (malloc'd). */
void anchor_context(const doc *d, size_t off, char **before, char **after);
/* Whether the text around off is before and after (NULL or "" match
 * anything), and off is on a character boundary. */
bool anchor_holds(const doc *d, size_t off, const char *before, const char *after);
/* The place again: off if the text around it holds, else the whole context,
 * else the text after it, else the text before it, else shorter and
 * shorter starts of the text after it, nearest to off each time.  Sets
 * *lost when nothing was found (off is then kept, clamped to the document
 * and to a character boundary). */
size_t anchor_find(const doc *d, size_t off, const char *before, const char *after, bool *lost);

#endif
