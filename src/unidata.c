/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * unidata: lookups in the generated tables of src/unidata.inc (sorted,
 * disjoint ranges; a binary search).
 */
#include "build.h"
#include "fanye/unidata.h"

#include <stddef.h>

typedef struct unidata_range {
	uint32_t lo, hi;
	uint8_t value;
} unidata_range;

#include "unidata.inc"

/* The value of the range holding cp, or 0. */
static uint8_t find(const unidata_range *t, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < t[mid].lo)
			hi = mid;
		else if (cp > t[mid].hi)
			lo = mid + 1;
		else
			return t[mid].value;
	}
	return 0;
}

enum unidata_lb unidata_lb(uint32_t cp)
{
	return (enum unidata_lb)find(lb_ranges, sizeof lb_ranges / sizeof *lb_ranges, cp);
}

enum unidata_eaw unidata_eaw(uint32_t cp)
{
	return (enum unidata_eaw)find(eaw_ranges, sizeof eaw_ranges / sizeof *eaw_ranges, cp);
}

const char *unidata_source(void)
{
	return UNIDATA_UCD;
}
