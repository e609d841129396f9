/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dump: all an outline holds that the UI reads, as text, for the tests
 * that compare outlines made in different ways (test_outline.c, threads.c,
 * fuzz_outline.c).
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

/* What print (outline_print or outline_dump) writes of o, as a string. */
static inline char *outline_string(const outline *o, void (*print)(const outline *, FILE *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	print(o, f);
	fclose(f);
	return buf;
}

/* The outline of d as outline_dump gives it, made with parts of about
 * `split` bytes for the second thread (SIZE_MAX: none, 0: automatic) in
 * slices of `step` (0: at once), the second thread halted after
 * halt_after slices (-1: never); *helped (if not NULL) is what was taken
 * over from that thread.  NULL if the outline could not be made. */
static inline char *outline_text(const doc *d, size_t split, size_t step, int halt_after, size_t *helped)
{
	outline_opts oo = {.split = split};
	outline *o = outline_new(d, &oo);
	if (!o)
		return NULL;
	for (int k = 0; !outline_step(o, step); k++)
		if (k == halt_after)
			outline_halt(o);
	char *buf = outline_string(o, outline_dump);
	if (helped)
		*helped = o->helped;
	outline_free(o);
	return buf;
}

#endif
