/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_priv: what the presentation module's files share: the chunk of
 * paragraphs a format makes from a stretch of source, and the builder the
 * formats append shown text to.  Not for other modules.
 */
#ifndef FANYE_PRES_PRIV_H
#define FANYE_PRES_PRIV_H

#include "fanye/pres.h"

/* The paragraphs made from source [start, end), and the arenas their text,
 * runs, styles and extra ranges live in. */
typedef struct pres_chunk {
	bool valid;
	size_t start, end;
	unsigned long used;        /* for reuse: the least recently used goes */
	pres_para *paras;
	size_t n, cap;
	uint8_t *text;
	size_t tlen, tcap;
	pres_run *runs;
	size_t nruns, rcap;
	pres_style *styles;
	size_t nstyles, scap;
	uint32_t *extra;
	size_t nextra, xcap;
	uint32_t *ruby;
	size_t nruby, ycap;
	bool oom;                  /* an allocation failed: the chunk is unusable */
} pres_chunk;

/* Builds the paragraphs of one chunk.  Runs' source offsets are absolute
 * while building and made relative to their paragraph when it closes. */
typedef struct pres_pb {
	pres_chunk *c;
	const uint8_t *base;       /* the document's text: source offset 0 */
	bool open;
	size_t t0, r0, x0, y0;     /* where the open paragraph's text, runs, extra, ruby begin */
	size_t last_src;           /* runs never go back in the source */
	pres_para cur;             /* the open paragraph's layout fields */
} pres_pb;

void pres_pb_init(pres_pb *b, pres_chunk *c, const uint8_t *base);
/* Opens a paragraph at source offset src (closing any open one). */
void pres_pb_begin(pres_pb *b, size_t src);
/* Appends source bytes [src, src + n) as they are. */
void pres_pb_copy(pres_pb *b, size_t src, size_t n, const pres_style *st, int flags);
/* Appends text s[0..n) standing for source [src, src + src_len). */
void pres_pb_put(pres_pb *b, const char *s, size_t n, size_t src, size_t src_len,
                 const pres_style *st, int flags);
/* A source range search finds beside the text (a ruby reading). */
void pres_pb_extra(pres_pb *b, size_t src, size_t n);
/* A reading (source [src, src + n)) to show above the base at shown
 * [at, at + len) of the open paragraph. */
void pres_pb_ruby(pres_pb *b, size_t at, size_t len, size_t src, size_t n);
/* Closes the open paragraph (if any). */
void pres_pb_end(pres_pb *b);
/* Bytes of shown text the open paragraph has. */
size_t pres_pb_len(const pres_pb *b);
/* The last shown code point of the open paragraph, or 0. */
uint32_t pres_pb_last_cp(const pres_pb *b);
/* Makes the chunk's paragraphs tile [start, end) and points them at the
 * arenas; an empty chunk gets one empty paragraph. */
void pres_pb_finish(pres_pb *b, size_t start, size_t end);

/* The formats.  Each finds the chunk around an offset and makes it. */
struct pres_md;
struct pres_md *pres_md_new(const doc *d);
void pres_md_free(struct pres_md *m);
void pres_md_reset(struct pres_md *m);
/* [*a, *b): the chunk that holds off. */
void pres_md_bounds(struct pres_md *m, size_t off, size_t *a, size_t *b);
bool pres_md_make(struct pres_md *m, const pres_opts *o, size_t a, size_t b, pres_pb *pb);
/* Scans ahead; true when done.  *changed: link definitions were found that
 * chunks made before may have needed. */
bool pres_md_step(struct pres_md *m, size_t budget, bool *changed);
bool pres_md_detect(const uint8_t *s, size_t n, bool named_md);

void pres_aozora_bounds(const doc *d, size_t off, size_t *a, size_t *b);
bool pres_aozora_make(const doc *d, const pres_opts *o, size_t a, size_t b, pres_pb *pb);
bool pres_aozora_detect(const uint8_t *s, size_t n);

void pres_ansi_bounds(const doc *d, size_t off, size_t *a, size_t *b);
bool pres_ansi_make(const doc *d, const pres_opts *o, size_t a, size_t b, pres_pb *pb);
bool pres_ansi_detect(const uint8_t *s, size_t n);

void pres_html_bounds(const doc *d, size_t off, size_t *a, size_t *b);
bool pres_html_make(const doc *d, const pres_opts *o, size_t a, size_t b, pres_pb *pb);

/* Shared helpers. */
/* Makes room in *p (an array of *cap elements of size bytes) for need,
 * doubling; false when out of memory (*p is kept). */
bool pres_grow(void **p, size_t *cap, size_t need, size_t size);
/* Columns s[0..n) takes on the terminal (wcwidth, as the layout measures). */
int pres_width(const uint8_t *s, size_t n, const pres_opts *o);
/* Whether cp is a CJK character (no space is put between two of them
 * where a line was joined). */
bool pres_is_cjk(uint32_t cp);
/* The physical line around off: [*ls, *le) without its terminator, *next
 * after it. */
void pres_line(const doc *d, size_t off, size_t *ls, size_t *le, size_t *next);

/* The script conversion (pres_script.c): NULL for as-is or when OpenCC
 * cannot be loaded. */
typedef struct pres_sc pres_sc;
pres_sc *pres_sc_new(enum pres_script s);
void pres_sc_free(pres_sc *S);
/* p converted (kept until 64 other paragraphs are converted), or p itself
 * when there is nothing to convert; epoch: the presentation's, so that a
 * paragraph made again is converted again. */
const pres_para *pres_sc_convert(pres_sc *S, const pres_para *p, unsigned long epoch);
/* The string s converted (see pres_title). */
const char *pres_sc_string(pres_sc *S, const char *s);

#endif
