/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dump: all an outline holds that the UI reads, as text, for the tests
 * that compare outlines made in different ways (test_outline.c, threads.c).
 */
#ifndef FANYE_TEST_DUMP_H
#define FANYE_TEST_DUMP_H

#include <stdio.h>
#include "fanye/outline.h"

/* --outline's rows, then every heading, turn and speaker. */
static inline void outline_dump(const outline *o, FILE *f)
{
	outline_print(o, f);
	for (size_t i = 0; i < o->nheadings; i++)
		fprintf(f, "H %zu %d\n", o->headings[i].off, o->headings[i].level);
	for (size_t i = 0; i < o->nturns; i++) {
		outline_turn t = outline_turn_get(o, (long)i);
		fprintf(f, "T %zu %u %d\n", t.off, (unsigned)t.label_len, (int)t.speaker);
	}
	for (size_t i = 0; i < o->nspeakers; i++)
		fprintf(f, "S %s %zu\n", o->speakers[i].name, o->speakers[i].turns);
}

#endif
