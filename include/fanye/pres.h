/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres: the presentation layer between the document and the layout.  It
 * turns source into what the author meant: a Markdown heading without its
 * `#`, a ruby reading beside its base, an SGR colour as a style.  For a
 * source offset it gives the paragraph that holds it: the text shown, in
 * runs that say where in the source each piece comes from and how it is
 * styled, and the block's layout (indent, alignment, a blank row after).
 *
 * Positions stay byte offsets into the decoded document: every shown byte
 * maps back to a source offset, and the map never goes backwards, so rows
 * keep increasing offsets and bookmarks, search and the outline mean the
 * same in any view.  Paragraphs are made near where they are asked for, a
 * chunk of the source at a time, and cached; nothing here reads the whole
 * document before the first screen.  Headless: no curses.
 */
#ifndef FANYE_PRES_H
#define FANYE_PRES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fanye/doc.h"

enum pres_format {
	PRES_PLAIN,    /* the text as it is */
	PRES_MARKDOWN, /* CommonMark with GitHub tables (libmd4c) */
	PRES_AOZORA,   /* Aozora Bunko's notation: ruby, ［＃…］ annotations */
	PRES_ANSI,     /* SGR colours and overstrike, as pagers get them */
	PRES_HTML,     /* a book's text (an EPUB, an HTML file: book.h) */
	PRES_SUBTITLES, /* subtitles made into a transcript (book.h) */
	PRES_NFORMATS
};

/* The name of a format ("plain", "markdown", "aozora", "ansi", "html", "subtitles"), and back
 * (-1 for an unknown name; "auto" is -1 too). */
const char *pres_format_name(enum pres_format f);
int pres_format_parse(const char *name);

/* Looks at the start of the document (and its name, a hint) and says which
 * format it is written in.  Conservative: what is not clearly Markdown,
 * Aozora or coloured stays plain. */
enum pres_format pres_detect(const doc *d, const char *name);

/* How a ruby reading is shown: dim in parentheses after its base, not at
 * all, or in a row of its own above the base (as print does). */
enum pres_ruby { PRES_RUBY_INLINE, PRES_RUBY_HIDE, PRES_RUBY_ABOVE };

/* Style bits of a shown run. */
enum {
	PRES_BOLD = 1 << 0,
	PRES_ITALIC = 1 << 1,
	PRES_UNDERLINE = 1 << 2,
	PRES_REVERSE = 1 << 3,
	PRES_DIM = 1 << 4,
	PRES_STRIKE = 1 << 5,
};
/* A colour: PRES_COLOR_DEFAULT, a palette index 0-255, or PRES_RGB | rgb. */
#define PRES_COLOR_DEFAULT (-1)
#define PRES_RGB 0x1000000

/* What a run is, for the views that treat kinds differently. */
enum pres_class {
	PRES_C_TEXT, PRES_C_HEADING, PRES_C_STRONG, PRES_C_EMPH, PRES_C_CODE, PRES_C_LINK,
	PRES_C_URL, PRES_C_QUOTE, PRES_C_RUBY, PRES_C_DIM, PRES_C_RULE, PRES_C_DECOR, PRES_C_SGR,
};

typedef struct pres_style {
	uint16_t attrs;  /* PRES_BOLD ... */
	uint8_t cls;     /* enum pres_class */
	int32_t fg, bg;
} pres_style;

/* Run flags. */
enum {
	PRES_COPY = 1 << 0,   /* the shown bytes stand one for one for the source
	                       * bytes at src (they are those bytes, unless the
	                       * script is converted) */
	PRES_NOSEARCH = 1 << 1, /* decoration: bullets, padding, brackets */
	PRES_GLUE = 1 << 2,   /* no row break before this run nor inside it (a
	                       * ruby reading, to its base) */
	PRES_KEEP = 1 << 3,   /* no row break inside this run (a ruby base) */
};

/* A piece of the shown text: shown bytes [at, at + len) stand for source
 * bytes [src, src + src_len) (offsets from the paragraph's start). */
typedef struct pres_run {
	uint32_t at, len;
	uint32_t src, src_len;
	uint16_t style;  /* index in the paragraph's styles; 0 is plain */
	uint8_t flags;
} pres_run;

enum pres_align { PRES_LEFT, PRES_RIGHT };

/* One paragraph: what the layout wraps into rows. */
typedef struct pres_para {
	size_t start, next;        /* its source [start, next) */
	const uint8_t *text;       /* what is shown */
	size_t len;
	const pres_run *runs;
	size_t nruns;
	const pres_style *styles;  /* styles[0] is plain */
	size_t nstyles;
	uint16_t indent;           /* columns before every row */
	uint16_t hang;             /* more columns before the rows after the first */
	uint8_t quote;             /* block-quote depth: a bar in the indent per level */
	uint8_t align;             /* enum pres_align */
	uint8_t heading;           /* 1-6, or 0 */
	bool blank_after;          /* an empty row follows */
	bool code;                 /* verbatim: kept as it is, never joined */
	/* Source ranges found by search beside the text (ruby readings),
	 * offsets from start. */
	const uint32_t *extra;     /* pairs: offset, length */
	size_t nextra;
	/* Readings to show above their bases (PRES_RUBY_ABOVE): quadruples of
	 * the base's shown offset and length, the reading's source offset
	 * (from start) and length. */
	const uint32_t *ruby;
	size_t nruby;
} pres_para;

typedef struct pres pres;

/* Plain lines longer than this are cut into paragraphs at fixed offsets
 * (a line shorter than it is never cut), so that any offset finds its
 * paragraph without a long scan. */
#define PRES_SEG_MAX ((size_t)1 << 16)

/* Chinese shown in another script (OpenCC: t2s, s2t, s2tw, s2hk; and with
 * the vocabulary of Taiwan or the mainland, s2twp and tw2sp). */
enum pres_script { PRES_SCRIPT_ASIS, PRES_SCRIPT_SIMPLIFIED, PRES_SCRIPT_TRADITIONAL, PRES_SCRIPT_TAIWAN,
	           PRES_SCRIPT_HONGKONG, PRES_SCRIPT_TAIWAN_PHRASES, PRES_SCRIPT_MAINLAND_PHRASES,
	           PRES_NSCRIPTS };
/* "as-is", "simplified" ... and back (-1 for an unknown name). */
const char *pres_script_name(enum pres_script s);
int pres_script_parse(const char *name);

typedef struct pres_opts {
	enum pres_format format;
	enum pres_ruby ruby;
	int width;                 /* columns: rules, tables and alignment */
	int tab_width;
	bool ambiguous_wide;
	enum pres_script script;   /* the text converted; what changes length
	                            * stands for its source as replaced text, so
	                            * every source offset means what it did */
} pres_opts;

pres *pres_new(const doc *d, const pres_opts *o);
void pres_free(pres *P);
/* Changes the options; cached paragraphs are dropped when they may differ. */
void pres_set_opts(pres *P, const pres_opts *o);
const pres_opts *pres_get_opts(const pres *P);
/* Forgets every cached paragraph: the document grew or was read again. */
void pres_reset(pres *P);
/* Bumped whenever paragraphs already given out may now be made differently
 * (a reset, new options, a link definition found further on). */
unsigned long pres_epoch(const pres *P);

/* The paragraph that holds source offset off (clamped to the document).
 * The result stays valid until the next call that makes paragraphs. */
const pres_para *pres_para_at(pres *P, size_t off);

/* A title (UTF-8, NUL-terminated) in the script the text is shown in: s
 * itself when the text is shown as it is.  A converted one stays valid
 * until the script changes or 256 other titles have been converted. */
const char *pres_title(pres *P, const char *s);

/* The source offset of shown byte i of p (i == p->len: where its text
 * ends), and the first shown byte at or after source offset off (not a
 * decoration that stands for no source, such as a bullet). */
size_t pres_src(const pres_para *p, size_t i);
size_t pres_shown(const pres_para *p, size_t off);

/* The text search sees for source [a, b) (whole paragraphs from the one
 * holding a to the one holding b - 1): the shown text without decoration,
 * paragraphs joined by "\n", and after each paragraph its extra ranges
 * (each after a "\n").  map[i] is the source offset byte i stands for
 * (one more entry: the end), mapend[i] where what it stands for ends.
 * All three are malloc'd; false when out of memory.  *end is the source
 * offset where the last paragraph included ends. */
bool pres_search_text(pres *P, size_t a, size_t b, uint8_t **text, size_t *len, size_t **map,
                      size_t **mapend, size_t *end);

/* The text Markdown inline markup s[0..n) shows (emphasis, code spans,
 * links' text, escapes and entities resolved; no URLs), malloc'd, or NULL
 * when out of memory.  For titles. */
char *pres_markdown_inline(const char *s, size_t n);

/* Background work: parses ahead so that jumps find chunks quickly and link
 * definitions further on are known.  Returns true when there is no more. */
bool pres_step(pres *P, size_t budget);

#endif
