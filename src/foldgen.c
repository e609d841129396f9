/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * foldgen: makes src/foldinv.inc at build time, the inverse of search's
 * folding, from the libunistring fanye is linked with.  For every character
 * c that has no canonical decomposition, it lists each non-ASCII character
 * x that may put c into folded text: c is in x's decomposition (canonical
 * or compatibility), in its case folding, or in the compatibility
 * decomposition of a character of its case folding.  That is a superset of
 * what any of search's folds (case, NFKC, both, or a character with the
 * combining marks after it) can make of x, so a block holding neither c
 * nor any x listed for it cannot fold to text holding c (src/prefilter.c).
 *   src/foldgen > src/foldinv.inc
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "foldinv.h"

typedef struct pair {
	uint32_t c, x;
} pair;

static pair *pairs;
static size_t npairs, cap;

/* Adds to set (of *n code points, at most max) the characters of s[0..len). */
static void add_chars(uint32_t *set, size_t *n, size_t max, const uint8_t *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		ucs4_t c;
		int l = u8_mbtoucr(&c, s + i, len - i);
		if (l <= 0)
			break;
		i += (size_t)l;
		size_t k = 0;
		while (k < *n && set[k] != c)
			k++;
		if (k == *n && *n < max)
			set[(*n)++] = c;
	}
}

/* Adds the characters that f makes of each character of set[from..*n). */
static void grow(uint32_t *set, size_t *n, size_t max, size_t from, int casefold)
{
	size_t end = *n;
	for (size_t k = from; k < end; k++) {
		uint8_t b[4];
		int l = u8_uctomb(b, set[k], 4);
		size_t len;
		uint8_t *r = casefold ? u8_casefold(b, (size_t)l, NULL, NULL, NULL, &len)
		                      : u8_normalize(UNINORM_NFKD, b, (size_t)l, NULL, &len);
		if (r)
			add_chars(set, n, max, r, len);
		free(r);
	}
}

static int by_c(const void *a, const void *b)
{
	const pair *p = a, *q = b;
	if (p->c != q->c)
		return p->c < q->c ? -1 : 1;
	return p->x < q->x ? -1 : p->x > q->x;
}

int main(void)
{
	for (uint32_t x = 0x80; x <= 0x10FFFF; x++) {
		if ((x >= 0xD800 && x <= 0xDFFF) || uc_is_general_category(x, UC_CATEGORY_Cn))
			continue;
		uint32_t set[128];
		size_t n = 1;
		set[0] = x;
		uint8_t b[4];
		int l = u8_uctomb(b, x, 4);
		size_t len;
		uint8_t *r = u8_normalize(UNINORM_NFD, b, (size_t)l, NULL, &len);
		if (r)
			add_chars(set, &n, 128, r, len);
		free(r);
		/* case folding and compatibility forms, until nothing is added */
		for (size_t before = 0; before != n;) {
			before = n;
			grow(set, &n, 128, 0, 1);
			grow(set, &n, 128, 0, 0);
		}
		for (size_t k = 1; k < n; k++) {
			if (set[k] == x || !foldinv_stands_alone(set[k]))
				continue;
			if (npairs == cap) {
				cap = cap ? cap * 2 : 4096;
				pairs = realloc(pairs, cap * sizeof *pairs);
				if (!pairs)
					return 1;
			}
			pairs[npairs++] = (pair){set[k], x};
		}
	}
	qsort(pairs, npairs, sizeof *pairs, by_c);
	printf("/* Made by src/foldgen.c from libunistring: {c, x}, x may fold to text\n"
	       " * holding c.  Sorted by c. */\n");
	printf("static const uint32_t foldinv[][2] = {\n");
	for (size_t i = 0; i < npairs; i++)
		printf("\t{0x%04X, 0x%04X},\n", (unsigned)pairs[i].c, (unsigned)pairs[i].x);
	printf("};\n");
	free(pairs);
	return 0;
}
