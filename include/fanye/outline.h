/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outline: the structure of a document, found from its text alone:
 * headings (Markdown, Chinese chapter lines, "Chapter 12", Aozora Bunko
 * annotations, title lines between transcript turns) and speaker turns
 * (a name alone on a line, or an inline label such as "姓名：" or
 * "**Name:**").  It is built incrementally, a slice of bytes at a time, so it
 * never delays the first screen; every slice leaves a consistent result.
 * Headless: no terminal.
 */
#ifndef FANYE_OUTLINE_H
#define FANYE_OUTLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fanye/doc.h"

/* (No line number: a heading is where its offset is, and --outline
 * counts lines as it prints.) */
typedef struct outline_heading {
	size_t off;    /* byte offset of the line */
	int level;     /* 1.. */
	char *title;   /* without markup, UTF-8 */
} outline_heading;

/* A turn as outline_turn_get gives it (the outline keeps each as an index
 * into its candidates: a big transcript has millions). */
typedef struct outline_turn {
	size_t off;         /* start of the turn's first line */
	uint32_t label_len; /* the label is [off, off + label_len) */
	int32_t speaker;    /* index into speakers */
} outline_turn;

typedef struct outline_speaker {
	char *name;       /* normalised */
	size_t turns;
} outline_speaker;

typedef struct outline {
	/* The current result (complete when done is true). */
	outline_heading *headings;
	size_t nheadings;
	size_t nturns;             /* turns: outline_turn_get */
	outline_speaker *speakers; /* in order of first appearance */
	size_t nspeakers;
	bool done;
	size_t scanned;            /* bytes classified so far */
	size_t helped;             /* of them, by the second thread (opts.split) and taken over */
	unsigned long generation;  /* bumped whenever the result changes */
	struct outline_state *st;  /* private */
} outline;

/* What the configuration adds to the built-in recognisers. */
typedef struct outline_opts {
	const char *heading_re;  /* PCRE2 pattern a heading line matches, or NULL */
	const char *speaker_re;  /* PCRE2 pattern whose first group is the name */
	const char *const *alias_from; /* names (any case) merged into ... */
	const char *const *alias_to;   /* ... these */
	size_t nalias;
	/* The document is Markdown: a heading's title is its text as shown
	 * (pres_markdown_inline), without emphasis, code or link markup. */
	bool markdown;
	/* A second thread scans parts of the document, cut at line ends
	 * about this many bytes apart: 0 cuts a file of 8 MiB or more in 32
	 * (in parts of 16 MiB past 512 MiB), and not a smaller one, a stream
	 * or a book; SIZE_MAX none.  The
	 * outline is the same however it is cut. */
	size_t split;
} outline_opts;

/* o may be NULL.  Returns NULL on no memory or a bad regular expression. */
outline *outline_new(const doc *d, const outline_opts *o);
void outline_free(outline *o);
/* Classifies about `budget` more bytes (0: all the rest).  The published
 * result is refreshed every few MiB and at the end.  Returns true when the
 * whole document is done. */
bool outline_step(outline *o, size_t budget);

/* Stops the second thread, if one is at work; this one then does all
 * the rest.  Call it before the document's bytes change under the outline
 * (doc_refresh). */
void outline_halt(outline *o);

/* Refreshes the published result now (after outline_step, which does it
 * only now and then). */
void outline_resolve(outline *o);

/* Turn t, 0 <= t < nturns. */
outline_turn outline_turn_get(const outline *o, long t);

/* Index of the last heading at or before off, or -1. */
long outline_heading_at(const outline *o, size_t off);
/* Index of the turn that contains off, or -1 (before the first turn or in
 * a heading after the last turn). */
long outline_turn_at(const outline *o, size_t off);

/* Index of the first turn starting after off / the last one starting
 * before off, or -1. */
long outline_turn_after(const outline *o, size_t off);
long outline_turn_before(const outline *o, size_t off);

/* `fanye --outline`: LINE<TAB>H<level><TAB>TITLE and LINE<TAB>S<TAB>NAME. */
void outline_print(const outline *o, FILE *f);

/* The compiled PCRE2 pattern of a [structure] option (UTF-8, Unicode
 * properties: \d is any digit), or NULL with why it is not one ("missing
 * closing parenthesis at character 9") in why.  pcre2_code_free frees it. */
struct pcre2_real_code_8;
struct pcre2_real_code_8 *outline_pattern(const char *pattern, char *why, size_t n);

#endif
