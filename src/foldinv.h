/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * foldinv.h: which characters the inverse fold table (src/foldinv.inc, made
 * by src/foldgen.c) speaks for; shared by the generator and its one user,
 * src/prefilter.c.  Combining marks and conjoining Hangul jamo are left
 * out: they come from the decomposition of tens of thousands of letters and
 * syllables, and a query is never looked for by one of them.
 */
#ifndef FANYE_FOLDINV_H
#define FANYE_FOLDINV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* Whether the table lists what may fold to c. */
static inline bool foldinv_covers(uint32_t c)
{
	if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF))
		return false;
	return !uc_is_general_category(c, UC_CATEGORY_M);
}

/* Whether the table lists what may fold to c and no composition can make
 * c (it has no canonical decomposition): the characters a prefilter can
 * stand on. */
static inline bool foldinv_stands_alone(uint32_t c)
{
	if (!foldinv_covers(c))
		return false;
	uint8_t b[4];
	int l = u8_uctomb(b, c, 4);
	size_t n;
	uint8_t *r = l > 0 ? u8_normalize(UNINORM_NFD, b, (size_t)l, NULL, &n) : NULL;
	bool same = r && n == (size_t)l && memcmp(r, b, n) == 0;
	free(r);
	return same;
}

#endif
