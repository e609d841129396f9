/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * layout: turns a document into display rows of at most W columns.
 *
 * Rows are derived from byte offsets, near where they are needed, and cached
 * per width: nothing here walks the whole document.  A paragraph (physical
 * line) is wrapped with UAX #14 break opportunities (libunistring), widths as
 * glibc wcwidth gives them (what ncurses will draw), grapheme clusters kept
 * whole, and CJK kinsoku rules.  Every byte is turned into printable text by
 * the cell iterator, the one place that sanitises document text.
 */
#ifndef FANYE_LAYOUT_H
#define FANYE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fanye/doc.h"
#include "fanye/pres.h"

/* Longest stretch of a plain line wrapped at once (see pres.h). */
#define LAYOUT_SEG_MAX PRES_SEG_MAX

typedef struct layout_opts {
	int width;          /* columns, >= 1 */
	bool ambiguous_wide;/* East Asian Ambiguous characters take 2 columns */
	int tab_width;      /* tab stops, >= 1 */
	int para_spacing;   /* empty rows after each paragraph: 0 or 1 */
	bool chop;          /* rows are not wrapped: a paragraph is one row,
	                     * cut where it is drawn (less -S) */
	bool hanging;       /* ぶら下げ: text wraps one column short, and a 。、，．
	                     * that would start a row hangs into that column */
} layout_opts;

/* One display row: it shows source bytes [start, end); the next row starts
 * at next (after the line terminator, or after the spaces the row broke
 * at).  What it shows is the text [sa, sb) of the paragraph that starts at
 * para (see pres.h), from column x. */
typedef struct layout_row {
	size_t start, end, next;
	int width;          /* columns used by its text */
	bool last;          /* the last row of the document */
	size_t para;
	uint32_t sa, sb;
	int x;
	bool ruby;          /* a row of ruby readings over the row after it */
} layout_row;

/* What a row shows: its text, and the paragraph it comes from (for the
 * styles and the map back to the source), or NULL when the row's source is
 * shown as it is. */
typedef struct layout_view {
	const uint8_t *text;
	size_t len;
	size_t at;               /* text's offset in the paragraph's text */
	const pres_para *para;
	int x;                   /* the column the text starts at */
	bool ruby;               /* the readings over the next row (shown dim) */
} layout_view;

enum layout_cell_kind {
	LAYOUT_TEXT,     /* printable text, shown as in the document */
	LAYOUT_TAB,      /* a tab, shown as spaces */
	LAYOUT_CONTROL,  /* a control or format character, shown as ^X or <U+XXXX> */
	LAYOUT_INVALID,  /* a byte that is not UTF-8, shown as <XX> */
	LAYOUT_UNKNOWN,  /* printable, but newer than the C library: 〓 (wide) or � */
};

/* One cell: a grapheme cluster or one special character. */
typedef struct layout_cell {
	size_t off;          /* offset of its first byte in the scanned text */
	size_t len;          /* bytes in the document */
	const char *text;    /* what to draw: printable UTF-8 */
	size_t text_len;
	int width;           /* columns */
	enum layout_cell_kind kind;
	uint32_t first, last;/* first and last code point (0 if invalid) */
} layout_cell;

/* Walks the cells of a byte string. */
typedef struct layout_iter {
	const uint8_t *s;
	size_t n, i;
	int col;
	const layout_opts *o;
	char *gbrk;          /* grapheme breaks of s */
	char buf[24];
} layout_iter;

bool layout_iter_init(layout_iter *it, const void *s, size_t n, int col, const layout_opts *o);
/* Fills c with the next cell; false at the end. */
bool layout_iter_next(layout_iter *it, layout_cell *c);
void layout_iter_free(layout_iter *it);

/* Columns one code point takes under these options (0 for combining marks,
 * -1 for non-printable ones). */
int layout_cp_width(uint32_t cp, const layout_opts *o);

/* Kinsoku: may not begin a row / may not end a row. */
bool layout_no_start(uint32_t cp);
bool layout_no_end(uint32_t cp);

/* Where a row may start, for each byte of a text: UAX #14 (libunistring's,
 * with LB29 added), at the edges of grapheme clusters only, and kinsoku. */
enum {
	LAYOUT_BREAK_NO,      /* UAX #14 forbids a break here */
	LAYOUT_BREAK_YES,
	LAYOUT_BREAK_CLUSTER, /* inside a grapheme cluster: never */
	LAYOUT_BREAK_KINSOKU, /* UAX #14 allows one, kinsoku does not */
	LAYOUT_BREAK_INDENT,  /* after leading spaces: a row is never spaces alone */
};
/* out[i] for each byte of UTF-8 s[0..n) (out[0] is NO); with
 * ambiguous_wide, ambiguous characters break as ideographs do.  False when
 * out of memory. */
bool layout_breaks(const void *s, size_t n, bool ambiguous_wide, char *out);
/* The same from libunistring's breaks (brk, tailored) and the cluster
 * edges (gbrk), as the wrapper has them. */
bool layout_breaks_into(const uint8_t *s, size_t n, const char *brk, const char *gbrk, char *out);

typedef struct layout layout;

/* A layout of plain text (its own presentation, plain). */
layout *layout_new(const doc *d, const layout_opts *o);
/* Takes its paragraphs from P (not freed with the layout); the layout's
 * width, tabs and ambiguous width are set in P's options. */
void layout_use_pres(layout *L, pres *P);
pres *layout_pres(layout *L);
void layout_free(layout *L);
/* Changes the width (or other options); cached rows are dropped. */
void layout_set_opts(layout *L, const layout_opts *o);
const layout_opts *layout_get_opts(const layout *L);
/* Forgets every cached row: the document grew or was read again. */
void layout_reset(layout *L);
/* A number that changes whenever layout_reset or new options may have
 * changed the rows: rows kept from an earlier epoch are stale. */
unsigned long layout_epoch(const layout *L);

/* Shows only the paragraphs for which keep(ctx, start, next) is true (NULL:
 * all), as less's &: the others have no rows, and a row asked for in one is
 * the next row kept.  keep may make paragraphs of the presentation. */
void layout_set_filter(layout *L, bool (*keep)(void *ctx, size_t a, size_t b), void *ctx);

/* The row that contains offset off (off is clamped to the document). */
layout_row layout_row_at(layout *L, size_t off);
/* The row after / before r; false when r is the last / first row. */
bool layout_next(layout *L, const layout_row *r, layout_row *out);
bool layout_prev(layout *L, const layout_row *r, layout_row *out);
layout_row layout_first(layout *L);
layout_row layout_last(layout *L);
/* Moves n rows down (n > 0) or up (n < 0); returns how many were moved. */
long layout_move(layout *L, layout_row *r, long n);

/* What row r shows (valid until the next call that lays out or presents).
 * False when its paragraph could not be had again: the view is then the
 * row's source as it is. */
bool layout_row_view(layout *L, const layout_row *r, layout_view *v);

/* Writes the row's printable text (no colour) into a malloc'd string, its
 * indent as spaces; with sgr, its styles as SGR sequences. */
char *layout_row_text(layout *L, const layout_row *r, size_t *len);
char *layout_row_text_sgr(layout *L, const layout_row *r, size_t *len, bool sgr);

#endif
