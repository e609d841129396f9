/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * book: an EPUB (a zip read with libarchive, its XHTML and XML with
 * libxml2) or an HTML file, made into text fanye reads like any other.
 *
 * The text is made chapter by chapter in spine order, as a stream the
 * document reads (book_read), so the first screen waits for the first
 * chapter only.  It is deterministic for a given book: the same bytes at
 * the same offsets every time, so bookmarks and the reading position
 * survive reopening.  Beside the text the book keeps what the markup
 * meant, by offset: each line's block (heading level, list, quote,
 * preformatted, a note), the inline spans (emphasis, code, ruby, links,
 * images), the table of contents (nav.xhtml, toc.ncx, or the headings),
 * and the targets of links.
 *
 * Subtitles (SRT, WebVTT) are made into a transcript the same way, a
 * paragraph of joined cues a line, each with its time.
 *
 * The text: one line per paragraph, list item, table row or line of
 * preformatted text; a blank line between blocks; a ruby reading follows
 * its base as 《reading》; an image is "[image: alt]".  Headless.
 */
#ifndef FANYE_BOOK_H
#define FANYE_BOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct book book;

/* A line of the text and the block it is. */
enum {
	BOOK_PRE = 1 << 0,     /* preformatted: shown as it is */
	BOOK_NOTE = 1 << 1,    /* a footnote or an aside */
	BOOK_CENTER = 1 << 2,  /* a rule between scenes */
	BOOK_TIMED = 1 << 3,   /* a subtitle's paragraph: time says when */
};
typedef struct book_line {
	size_t start, end;     /* the text, without its newline */
	uint8_t heading;       /* 1-6, or 0 */
	uint8_t quote;         /* block-quote depth */
	uint8_t list;          /* list depth */
	uint8_t flags;         /* BOOK_PRE ... */
	uint16_t hang;         /* bytes of the line's bullet ("• ", "12. ") */
	bool blank_after;      /* a blank line follows */
	uint32_t time;         /* BOOK_TIMED: ms from the start */
} book_line;

/* Inline markup, inside one line. */
enum book_span_kind { BOOK_EMPH, BOOK_STRONG, BOOK_CODE, BOOK_DEL, BOOK_RUBY, BOOK_LINK, BOOK_IMAGE };
typedef struct book_span {
	size_t start, end;
	uint32_t aux;          /* RUBY: the base's bytes (the reading is
	                        * 《…》 after it, to end); LINK: the link's
	                        * number for book_link_target */
	uint8_t kind;          /* enum book_span_kind */
} book_span;

/* An entry of the table of contents, at an offset of the text. */
typedef struct book_head {
	size_t off;
	int level;             /* 1.. */
	char *title;           /* UTF-8 */
} book_head;

/* A speaker's turn in subtitles: its label ("Name:") at off. */
typedef struct book_turn {
	size_t off;
	uint32_t label_len;
	char *name;
} book_turn;

/* Whether the file at path, which starts with head[0..n), is a book:
 * an HTML file by its name (.html, .htm, .xhtml) or its first tag. */
bool book_is_html(const char *path, const unsigned char *head, size_t n);

/* Whether the file is subtitles: named .srt or .vtt, or "WEBVTT" first. */
bool book_is_subtitles(const char *path, const unsigned char *head, size_t n);
/* Opens subtitles (SRT, WebVTT) as a transcript; encoding (or NULL)
 * overrides the detection. */
book *book_open_subtitles(const char *path, const char *encoding, char *err, size_t errlen);
/* Whether the book is subtitles: its paragraphs have times. */
bool book_timed(const book *b);
/* The time (ms) of the passage at off, or -1 when the text has none. */
long long book_time_at(const book *b, size_t off);

/* Opens the EPUB at path.  NULL with err "" when the zip is not an EPUB;
 * NULL with a one-line message when it cannot be read at all. */
book *book_open_epub(const char *path, char *err, size_t errlen);
/* Opens the HTML file at path; encoding (or NULL) overrides what its
 * <meta> or its bytes say. */
book *book_open_html(const char *path, const char *encoding, char *err, size_t errlen);
void book_close(book *b);

/* The next bytes of the text (0 at its end): made a chapter at a time. */
ssize_t book_read(book *b, void *buf, size_t n);
/* "EPUB", "HTML", "SRT" or "WebVTT", for the status line. */
const char *book_kind(const book *b);
/* The encoding of its source and how it was chosen ("XHTML" for an EPUB,
 * "detected", "set by --encoding", "<meta charset>" for an HTML file). */
const char *book_encoding(const book *b, const char **how);
/* The book's title, or NULL. */
const char *book_title(const book *b);
/* Problems met so far, one line ("chapter 3: not well-formed XHTML, read
 * as HTML"), or "". */
const char *book_warning(const book *b);

/* What is known of the text made so far.  Lines and spans are in order of
 * their start; heads in order of their offsets. */
const book_line *book_lines(const book *b, size_t *n);
const book_span *book_spans(const book *b, size_t *n);
const book_head *book_heads(const book *b, size_t *n);
/* Subtitles' turns, in order (none for other books). */
const book_turn *book_turns(const book *b, size_t *n);
/* The line that holds off (the last one starting at or before it), or -1. */
long book_line_at(const book *b, size_t off);
/* The first span starting at or after off. */
size_t book_span_from(const book *b, size_t off);
/* Where link k points in the text, or SIZE_MAX when its target is not
 * made yet or is outside the book. */
size_t book_link_target(const book *b, uint32_t k);

#endif
