/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * prefilter: where in raw text a folded query may match, found without
 * folding.  One character of the folded query is chosen, the one rarest in
 * the document (by a byte histogram of a sample of it); every character
 * that may fold to text holding it is listed (its cases, full-width,
 * compatibility and script forms; src/foldinv.inc), and each of those is
 * found by the rarest of its bytes, a handful of bytes at once with SIMD
 * where the machine has it.  Search folds only the lines where one is
 * found.  Headless.
 */
#ifndef FANYE_PREFILTER_H
#define FANYE_PREFILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct prefilter prefilter;

/* How the query and the text are folded, as search folds them. */
typedef struct prefilter_fold {
	bool caseless;          /* case folding */
	bool kana;              /* katakana folded to hiragana */
	const uint16_t *script; /* ideograph lo.. -> simplified form, or NULL */
	uint32_t script_lo, script_hi;
} prefilter_fold;

/* Adds the bytes of t[0..n) to hist. */
void prefilter_count(const uint8_t *t, size_t n, uint32_t hist[256]);
/* A prefilter for the folded query q[0..qlen), or NULL when none would pay
 * (every character of the query common, or one a composition can make). */
prefilter *prefilter_new(const uint8_t *q, size_t qlen, const prefilter_fold *f,
                         const uint32_t hist[256]);
void prefilter_free(prefilter *p);
/* Offset of the first character at or after from in t[0..n) that may fold
 * to the chosen character; n when there is none. */
size_t prefilter_next(const prefilter *p, const uint8_t *t, size_t n, size_t from);

#endif
