/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * layout: cells (sanitised grapheme clusters), wrapping of paragraphs into
 * rows, and a per-width cache of wrapped segments near the viewport.
 */
#include "build.h"
#include "fanye/layout.h"
#include "fanye/pres.h"
#include "fanye/unidata.h"

#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

/* ---- code points ---------------------------------------------------- */

static bool is_bidi_control(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

int layout_cp_width(uint32_t cp, const layout_opts *o)
{
	/* Without asking glibc: printable ASCII, and the ideographs and Hangul
	 * syllables of Unicode 3.0, wide in every glibc's UTF-8 locales. */
	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	if ((cp >= 0x4E00 && cp <= 0x9FA5) || (cp >= 0x3400 && cp <= 0x4DB5) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3))
		return 2;
	if (is_bidi_control(cp) || (cp >= 0x80 && cp < 0xA0))
		return -1;
	int w = wcwidth((wchar_t)cp);
	/* Only East Asian Ambiguous characters are widened (libunistring's
	 * "GBK" hint would widen Arabic, Thai, Cyrillic's ђ, Braille...). */
	if (w == 1 && o && o->ambiguous_wide && cp >= 0xA0 && unidata_eaw(cp) == UNIDATA_EAW_A)
		w = 2;
	return w;
}

/* A printable character newer than the C library (whose wcwidth says -1,
 * and so ncurses would not draw it): the columns of its placeholder, 2
 * for a wide one (East Asian Width W or F: 🩷 of Unicode 15), else 1; 0
 * for what is not printable (unassigned, a control, a format character). */
static int newer_printable(uint32_t cp)
{
	if (cp < 0xA0 || is_bidi_control(cp))
		return 0;
	switch (unidata_lb(cp)) {
	case UNIDATA_LB_XX: case UNIDATA_LB_BK: case UNIDATA_LB_CR: case UNIDATA_LB_LF: case UNIDATA_LB_NL:
	case UNIDATA_LB_SG: case UNIDATA_LB_ZW: case UNIDATA_LB_ZWJ: case UNIDATA_LB_CM: case UNIDATA_LB_WJ:
	case UNIDATA_LB_CB:
		return 0;
	default: {
		enum unidata_eaw e = unidata_eaw(cp);
		return e == UNIDATA_EAW_W || e == UNIDATA_EAW_F ? 2 : 1;
	}
	}
}

/* Kinsoku (禁則): the line-start and line-end rules of JIS X 4051 and
 * the W3C's JLREQ, from UAX #14's classes.  No row starts with a closing
 * bracket or quotation mark (CL, CP, a final quote), ! or ? (EX), a full
 * stop, comma, colon or semicolon (IS, and the ideographic ones in CL),
 * an iteration mark, a middle dot or a small kana (NS, CJ), an ellipsis
 * (IN), nor with one of JLREQ's hyphens (cl-03: U+2010 and U+2013 are BA,
 * the others NS); none ends with an opening bracket or quotation mark
 * (OP, an initial quote).  tests/unit/test_layout.c checks them against
 * JLREQ's classes. */
/* Ideographs and Hangul syllables: none of the kinsoku classes. */
static bool plain_wide(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3);
}

bool layout_no_start(uint32_t cp)
{
	if (plain_wide(cp))
		return false;
	if (cp < 0x80)
		return cp == '!' || cp == ')' || cp == ',' || cp == '.' || cp == ':' || cp == ';' || cp == '?' ||
		       cp == ']' || cp == '}';
	switch (unidata_lb(cp)) {
	case UNIDATA_LB_CL: case UNIDATA_LB_CP: case UNIDATA_LB_EX: case UNIDATA_LB_IS:
	case UNIDATA_LB_NS: case UNIDATA_LB_CJ: case UNIDATA_LB_IN:
		return true;
	case UNIDATA_LB_QU:
		return uc_is_general_category(cp, UC_CATEGORY_Pf);
	default:
		return cp == 0x2010 || cp == 0x2013;
	}
}

bool layout_no_end(uint32_t cp)
{
	if (plain_wide(cp))
		return false;
	if (cp < 0x80)
		return cp == '(' || cp == '[' || cp == '{';
	enum unidata_lb c = unidata_lb(cp);
	return c == UNIDATA_LB_OP || (c == UNIDATA_LB_QU && uc_is_general_category(cp, UC_CATEGORY_Pi));
}

/* ---- cells ------------------------------------------------------------ */

static void iter_setup(layout_iter *it, const uint8_t *s, size_t n, char *gbrk,
                       size_t i, int col, const layout_opts *o)
{
	it->s = s;
	it->n = n;
	it->i = i;
	it->col = col;
	it->o = o;
	it->gbrk = gbrk;
}

bool layout_iter_init(layout_iter *it, const void *s, size_t n, int col, const layout_opts *o)
{
	char *g = malloc(n ? n : 1);
	if (!g)
		return false;
	if (n)
		u8_grapheme_breaks(s, n, g);
	iter_setup(it, s, n, g, 0, col, o);
	return true;
}

void layout_iter_free(layout_iter *it)
{
	free(it->gbrk);
	it->gbrk = NULL;
}

/* Decodes one code point at s[i]; returns its length, or -1 if invalid. */
static int decode(const uint8_t *s, size_t n, size_t i, uint32_t *cp)
{
	ucs4_t uc;
	int l = u8_mbtoucr(&uc, s + i, n - i);
	if (l <= 0)
		return -1;
	*cp = uc;
	return l;
}

/* The columns cp takes, or -1 when it is shown as a token (controls,
 * DEL, what the terminal would not draw). */
static int drawn_width(uint32_t cp, const layout_opts *o)
{
	return cp < 0x20 || cp == 0x7F ? -1 : layout_cp_width(cp, o);
}

bool layout_iter_next(layout_iter *it, layout_cell *c)
{
	const uint8_t *s = it->s;
	size_t i = it->i, n = it->n;
	if (i >= n)
		return false;
	/* Printable ASCII that is a cluster of its own: the common case. */
	uint8_t b = s[i];
	if (b >= 0x20 && b < 0x7F && (i + 1 == n || it->gbrk[i + 1])) {
		c->off = i;
		c->len = c->text_len = 1;
		c->text = (const char *)s + i;
		c->width = 1;
		c->kind = LAYOUT_TEXT;
		c->first = c->last = b;
		it->i = i + 1;
		it->col++;
		return true;
	}
	uint32_t cp;
	int l = decode(s, n, i, &cp);
	int w = l < 0 ? -1 : drawn_width(cp, it->o);
	c->off = i;
	if (l < 0) {
		snprintf(it->buf, sizeof it->buf, "<%02X>", s[i]);
		c->len = 1;
		c->text = it->buf;
		c->text_len = 4;
		c->width = 4;
		c->kind = LAYOUT_INVALID;
		c->first = c->last = 0;
	} else if (cp == '\t') {
		int tw = it->o->tab_width > 0 ? it->o->tab_width : 8;
		int tab = tw - it->col % tw;
		int room = it->o->width - it->col;
		if (tab > room)
			tab = room > 0 ? room : 1;
		if (tab > (int)sizeof it->buf - 1)
			tab = (int)sizeof it->buf - 1;
		memset(it->buf, ' ', (size_t)tab);
		c->len = 1;
		c->text = it->buf;
		c->text_len = (size_t)tab;
		c->width = tab;
		c->kind = LAYOUT_TAB;
		c->first = c->last = cp;
	} else if (w < 0 && newer_printable(cp)) {
		/* 〓 (the geta mark, print's sign of a missing glyph) or � */
		int pw = newer_printable(cp);
		snprintf(it->buf, sizeof it->buf, "%s", pw == 2 ? "\xE3\x80\x93" : "\xEF\xBF\xBD");
		c->len = (size_t)l;
		c->text = it->buf;
		c->text_len = 3;
		c->width = pw == 2 ? 2 : (layout_cp_width(0xFFFD, it->o) == 2 ? 2 : 1);
		c->kind = LAYOUT_UNKNOWN;
		c->first = c->last = cp;
	} else if (w < 0) {
		if (cp < 0x20 || cp == 0x7F)
			snprintf(it->buf, sizeof it->buf, "^%c", (char)(cp ^ 0x40));
		else
			snprintf(it->buf, sizeof it->buf, "<U+%04X>", (unsigned)cp);
		c->len = (size_t)l;
		c->text = it->buf;
		c->text_len = strlen(it->buf);
		c->width = (int)c->text_len;
		c->kind = LAYOUT_CONTROL;
		c->first = c->last = cp;
	} else {
		uint32_t last = cp;
		size_t j = i + (size_t)l;
		while (j < n && !it->gbrk[j]) {
			uint32_t cp2;
			int l2 = decode(s, n, j, &cp2);
			int w2 = l2 < 0 ? -1 : drawn_width(cp2, it->o);
			if (w2 < 0)
				break;
			w += w2;
			last = cp2;
			j += (size_t)l2;
		}
		c->len = j - i;
		c->text = (const char *)s + i;
		c->text_len = j - i;
		c->width = w;
		c->kind = LAYOUT_TEXT;
		c->first = cp;
		c->last = last;
	}
	it->i = i + c->len;
	it->col += c->width;
	return true;
}

/* ---- wrapping ---------------------------------------------------------- */

/* A row of a paragraph: shown bytes [sa, sb), the next row from snext; the
 * source it stands for [start, end), the next row's at next (offsets from
 * the paragraph's start); its width and the column its text starts at. */
typedef struct rel_row {
	uint32_t sa, sb, snext;
	uint32_t start, end, next;
	int width, x;
	bool ruby;           /* readings over the next row: [sa, sb) of the ruby text */
} rel_row;

typedef struct rowvec {
	rel_row *v;
	size_t n, cap;
} rowvec;

static bool rowvec_push(rowvec *rv, rel_row r)
{
	if (rv->n == rv->cap) {
		size_t nc = rv->cap ? rv->cap * 2 : 16;
		rel_row *nv = realloc(rv->v, nc * sizeof *nv);
		if (!nv)
			return false;
		rv->v = nv;
		rv->cap = nc;
	}
	rv->v[rv->n++] = r;
	return true;
}

/* The recent cells of a row, for pushing a break back past kinsoku, and
 * how far back a forced break may go. */
#define RING 8
#define PUSH_BACK 6
typedef struct seen {
	size_t off;
	int col;
	uint32_t first, last;
	bool space; /* a space alone (not one under a combining mark) */
} seen;

/* UAX #14 as libunistring 1.0 has it, brought to Unicode 15's rules where
 * 1.0 differs: no break between a full stop, comma, colon or semicolon and
 * a letter (LB29: "Ph.D.", a URL's "mp.weixin.qq.com"), which 1.0
 * allows.  (Numbers keep LB25's pairs, as ICU does: no break in "代:2012"
 * either; LineBreakTest.txt tailors them after UAX #14's Example 7.) */
static void tailor_uax14(const uint8_t *s, size_t n, char *brk)
{
	uint32_t prev = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = decode(s, n, i, &cp);
		if (l < 0) {
			prev = 0;
			i++;
			continue;
		}
		enum unidata_lb c = unidata_lb(cp);
		if (i > 0 && prev && brk[i] == UC_BREAK_POSSIBLE && unidata_lb(prev) == UNIDATA_LB_IS &&
		    (c == UNIDATA_LB_AL || c == UNIDATA_LB_HL))
			brk[i] = UC_BREAK_PROHIBITED;
		/* a combining mark takes the class of what it is on (LB9) */
		if (!(c == UNIDATA_LB_CM && prev))
			prev = cp;
		i += (size_t)l;
	}
}

/* East Asian Width F, W or H: the "East Asian" of UAX #14's LB19a. */
static bool east_asian(uint32_t cp)
{
	if (plain_wide(cp))
		return true;
	if (cp < 0x1100)
		return false;
	enum unidata_eaw e = unidata_eaw(cp);
	return e == UNIDATA_EAW_F || e == UNIDATA_EAW_W || e == UNIDATA_EAW_H;
}

/* Unicode 15.1's LB19a, which 15.0 and libunistring 1.0 lack: between
 * East Asian characters, a quotation mark does not hold on to both of
 * them.  A row may start at an opening mark (“ ‘, Pi) and after a closing
 * one (” ’, Pf), so that 比如“二叔”“表姐” breaks as 比如 / “二叔” / “表姐”
 * rather than inside 比如 or 表姐.  A closing mark before an opening one
 * counts as East Asian when the text on its other side is. */
static void tailor_quotes(const uint8_t *s, size_t n, char *brk)
{
	uint32_t cp[4] = {0};  /* the last four characters, cp[3] the newest */
	size_t at[4] = {0};
	for (size_t i = 0; i <= n;) {
		uint32_t c = 0;
		int l = i < n ? decode(s, n, i, &c) : 1;
		if (l < 0) {
			c = 0;
			l = 1;
		}
		memmove(cp, cp + 1, 3 * sizeof *cp);
		memmove(at, at + 1, 3 * sizeof *at);
		cp[3] = c;
		at[3] = i;
		/* cp[1] a quotation mark, cp[0] before it, cp[2] after it */
		uint32_t q = cp[1];
		if (q && unidata_lb(q) == UNIDATA_LB_QU) {
			bool pi = uc_is_general_category(q, UC_CATEGORY_Pi), pf = uc_is_general_category(q, UC_CATEGORY_Pf);
			bool pre = cp[0] && east_asian(cp[0]), post = cp[2] && east_asian(cp[2]);
			/* a closing mark before, an opening one after, and East Asian beyond */
			bool pre_q = cp[0] && uc_is_general_category(cp[0], UC_CATEGORY_Pf) && unidata_lb(cp[0]) == UNIDATA_LB_QU;
			bool post_q = cp[2] && cp[3] && uc_is_general_category(cp[2], UC_CATEGORY_Pi) &&
			              unidata_lb(cp[2]) == UNIDATA_LB_QU && east_asian(cp[3]);
			if (pi && post && (pre || pre_q) && brk[at[1]] == UC_BREAK_PROHIBITED)
				brk[at[1]] = UC_BREAK_POSSIBLE;
			if (pf && pre && (post || post_q) && at[2] < n && brk[at[2]] == UC_BREAK_PROHIBITED)
				brk[at[2]] = UC_BREAK_POSSIBLE;
		}
		i += (size_t)l;
	}
}

/* True if the cluster at s[i] is a space and nothing else. */
static bool plain_space(const uint8_t *s, size_t n, const char *gbrk, size_t i)
{
	return s[i] == ' ' && (i + 1 == n || gbrk[i + 1]);
}

bool layout_breaks_into(const uint8_t *s, size_t n, const char *brk, const char *gbrk, char *out)
{
	memset(out, LAYOUT_BREAK_CLUSTER, n);
	if (n)
		out[0] = LAYOUT_BREAK_NO;
	/* the last character before the spaces that end at i: what a row
	 * broken at i would end with */
	uint32_t before = 0;
	bool after_eol = false; /* a mandatory break ends the cluster before */
	bool leading = true;    /* only spaces since the start or a line's end */
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && !gbrk[j])
			j++;
		/* the cluster [i, j) */
		uint32_t first = 0, last = 0;
		if (decode(s, n, i, &first) < 0)
			first = 0;
		size_t k = j;
		while (k > i && (s[k - 1] & 0xC0) == 0x80)
			k--;
		if (k > i && decode(s, n, k - 1, &last) < 0)
			last = 0;
		if (i > 0 && after_eol) {
			out[i] = LAYOUT_BREAK_YES;
		} else if (i > 0 && leading && !plain_space(s, n, gbrk, i)) {
			out[i] = LAYOUT_BREAK_INDENT; /* a row of spaces alone is never made */
		} else if (i > 0) {
			bool uax = brk[i] == UC_BREAK_POSSIBLE;
			bool space = plain_space(s, n, gbrk, i);
			if (!uax || space)
				out[i] = LAYOUT_BREAK_NO;
			else if (layout_no_start(first) || layout_no_end(before))
				out[i] = LAYOUT_BREAK_KINSOKU;
			else
				out[i] = LAYOUT_BREAK_YES;
		}
		if (!plain_space(s, n, gbrk, i))
			before = last;
		after_eol = brk[k > i ? k - 1 : i] == UC_BREAK_MANDATORY;
		leading = (leading || after_eol) && (after_eol || plain_space(s, n, gbrk, i));
		i = j;
	}
	return true;
}

bool layout_breaks(const void *text, size_t n, bool ambiguous_wide, char *out)
{
	const uint8_t *s = text;
	char *brk = malloc(n ? n : 1), *gbrk = malloc(n ? n : 1);
	if (!brk || !gbrk) {
		free(brk);
		free(gbrk);
		return false;
	}
	if (n) {
		u8_possible_linebreaks(s, n, ambiguous_wide ? "GBK" : "UTF-8", brk);
		tailor_uax14(s, n, brk);
		tailor_quotes(s, n, brk);
		u8_grapheme_breaks(s, n, gbrk);
	}
	layout_breaks_into(s, n, brk, gbrk, out);
	free(brk);
	free(gbrk);
	return true;
}

/* Where a row ends: its last byte (the spaces it broke at not shown),
 * where the next row starts, and its width. */
typedef struct row_end {
	size_t end, next;
	int width;
} row_end;

/* The row from rs has no room for cell c at column col: where it breaks.
 * opp says where a row may start (layout_breaks); last_b is the last
 * place in this row (at column last_b_col), last_k the last where only
 * kinsoku forbids one, ring its last cells (nseen in all), for a word
 * longer than the row. */
static row_end break_row(const uint8_t *s, size_t n, const char *opp, size_t rs, const layout_cell *c,
                         int col, size_t last_b, int last_b_col, size_t last_k, int last_k_col,
                         const seen *ring, size_t nseen)
{
	row_end r;
	if (c->kind == LAYOUT_TEXT && c->first == ' ' && c->len == 1) {
		/* Spaces past the edge: the next row starts after them (a space
		 * with a combining mark on it is not one of them). */
		size_t k = c->off;
		while (k < n && s[k] == ' ' && (k + 1 >= n || opp[k + 1] != LAYOUT_BREAK_CLUSTER))
			k++;
		if (k >= n || opp[k] == LAYOUT_BREAK_YES)
			return (row_end){c->off, k, col};
	}
	if (last_b > rs) {
		r = (row_end){last_b, last_b, last_b_col};
	} else if (last_k > rs) {
		/* Only places kinsoku forbids: the last (not inside a word). */
		r = (row_end){last_k, last_k, last_k_col};
	} else if (c->off == rs) {
		r = (row_end){c->off + c->len, c->off + c->len, c->width}; /* one cell wider than the row */
	} else {
		/* No place to break: a word longer than the row.  Cut at this
		 * cell, or up to PUSH_BACK cells back where that keeps kinsoku (and
		 * the next row does not start with a space); where nothing near
		 * does (a run of ！！！！), at the edge. */
		size_t bj = c->off, k = nseen;
		uint32_t after = c->first;
		bool space = c->first == ' ' && c->len == 1;
		int width = col;
		bool clean = false;
		for (int steps = 0;; steps++) {
			const seen *p = &ring[(k - 1) % RING];
			if (!space && !layout_no_start(after) && !layout_no_end(p->last)) {
				clean = true;
				break;
			}
			if (steps == PUSH_BACK || k <= 1)
				break;
			bj = p->off;
			width = p->col;
			after = p->first;
			space = p->space;
			k--;
		}
		if (!clean) {
			bj = c->off;
			width = col;
		}
		r = (row_end){bj, bj, width};
	}
	while (r.end > rs && s[r.end - 1] == ' ') {
		r.end--;
		r.width--;
	}
	return r;
}

/* The punctuation that may hang into the column kept for it (JLREQ's
 * ぶら下げ: ideographic full stops and commas). */
static bool hangs(uint32_t cp)
{
	return cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C || cp == 0xFF0E;
}

/* Lays out the one row that starts at rs, W columns wide (and one more for
 * hanging punctuation when o->hanging). */
static row_end one_row(const uint8_t *s, size_t n, const char *opp, char *gbrk, const layout_opts *o,
                       size_t rs, int W)
{
	layout_iter it;
	iter_setup(&it, s, n, gbrk, rs, 0, o);
	layout_cell c;
	seen ring[RING];
	size_t nseen = 0, last_b = 0, last_k = 0;
	int last_b_col = 0, last_k_col = 0, col = 0;
	while (layout_iter_next(&it, &c)) {
		if (c.off > rs && opp[c.off] == LAYOUT_BREAK_YES) {
			last_b = c.off;
			last_b_col = col;
		} else if (c.off > rs && opp[c.off] == LAYOUT_BREAK_KINSOKU) {
			last_k = c.off;
			last_k_col = col;
		}
		if (col + c.width > W && c.width > 0) {
			size_t after = c.off + c.len;
			if (o->hanging && !o->chop && hangs(c.first) && c.off > rs && col + c.width <= W + 1 &&
			    (after >= n || opp[after] == LAYOUT_BREAK_YES))
				return (row_end){after, after, col + c.width};
			return break_row(s, n, opp, rs, &c, col, last_b, last_b_col, last_k, last_k_col, ring, nseen);
		}
		ring[nseen % RING] = (seen){c.off, col, c.first, c.last, c.first == ' ' && c.len == 1};
		nseen++;
		col += c.width;
	}
	return (row_end){n, n, col};
}

/* No break before a glued run (a ruby reading) nor inside one, nor inside
 * a kept one (its base). */
static void glue_runs(const pres_para *p, char *brk)
{
	for (size_t k = 0; k < p->nruns; k++) {
		const pres_run *r = &p->runs[k];
		if (!(r->flags & (PRES_GLUE | PRES_KEEP)))
			continue;
		size_t from = (r->flags & PRES_GLUE) ? r->at : r->at + 1;
		for (size_t i = from; i < r->at + r->len && i < p->len; i++)
			brk[i] = UC_BREAK_PROHIBITED;
	}
}

/* The columns the text of row k starts at, before any alignment. */
static int row_indent(const pres_para *p, int W, size_t k)
{
	int in = p->indent + (k > 0 ? p->hang : 0);
	return in > W / 2 ? W / 2 : in;
}

/* Source offsets (from the paragraph's start) of shown byte i. */
static uint32_t src_rel(const pres_para *p, size_t i)
{
	return (uint32_t)(pres_src(p, i) - p->start);
}

/* Text of the ruby rows of a paragraph (readings above their bases). */
typedef struct rtext {
	char *s;
	size_t n, cap;
} rtext;

static bool rt_put(rtext *t, const char *s, size_t n)
{
	if (t->n + n > t->cap) {
		size_t nc = (t->n + n) * 2 + 64;
		char *ns = realloc(t->s, nc);
		if (!ns)
			return false;
		t->s = ns;
		t->cap = nc;
	}
	memcpy(t->s + t->n, s, n);
	t->n += n;
	return true;
}

/* Columns s[0..n) takes as the cell iterator measures it, from column col. */
static int span_width(const uint8_t *s, size_t n, int col, const layout_opts *o)
{
	layout_iter it;
	if (!layout_iter_init(&it, s, n, col, o))
		return 0;
	layout_cell c;
	int w = 0;
	while (layout_iter_next(&it, &c))
		w += c.width;
	layout_iter_free(&it);
	return w;
}

/* The readings over text row r of p, centred on their bases, into *t;
 * false when the row has none (or memory ran out). */
static bool ruby_row(const pres_para *p, const rel_row *r, const layout_opts *o, const uint8_t *src,
                     rtext *t, rel_row *out)
{
	size_t t0 = t->n;
	int col = 0;
	for (size_t g = 0; g < p->nruby; g++) {
		const uint32_t *q = p->ruby + 4 * g;
		if (q[0] < r->sa || q[0] >= r->sb)
			continue;
		int bc = r->x + span_width(p->text + r->sa, q[0] - r->sa, r->x, o);
		int bw = span_width(p->text + q[0], q[1], bc, o);
		int rw = span_width(src + p->start + q[2], q[3], 0, o);
		int at = bc + (bw - rw) / 2;
		if (at + rw > o->width)
			at = o->width - rw;
		if (at < col)
			at = col;
		for (; col < at; col++)
			if (!rt_put(t, " ", 1))
				return false;
		if (!rt_put(t, (const char *)src + p->start + q[2], q[3]))
			return false;
		col += rw;
	}
	if (t->n == t0)
		return false;
	*out = (rel_row){(uint32_t)t0, (uint32_t)t->n, (uint32_t)t->n, r->start, r->start, r->start + 1, col, 0, true};
	return true;
}

/* Puts a row of readings above each row that has ruby bases: it takes the
 * row's first source offset, and the row the next. */
static bool add_ruby_rows(const pres_para *p, const layout_opts *o, const uint8_t *src, rowvec *rows,
                          rtext *t)
{
	rowvec out = {0};
	bool ok = true;
	for (size_t k = 0; ok && k < rows->n; k++) {
		rel_row r = rows->v[k], rr;
		if (r.end > r.start + 1 && ruby_row(p, &r, o, src, t, &rr)) {
			ok = rowvec_push(&out, rr);
			r.start++;
		}
		ok = ok && rowvec_push(&out, r);
	}
	if (!ok) {
		free(out.v);
		return false;
	}
	free(rows->v);
	*rows = out;
	return true;
}

/* Wraps paragraph p into rows of o->width; with `spacing`, an empty row
 * follows (at the source offset where its text ends). */
static bool wrap(const pres_para *p, const layout_opts *o, rowvec *out, bool spacing)
{
	const uint8_t *s = p->text;
	size_t n = p->len;
	const int W = o->width > 0 ? o->width : 1;
	out->n = 0;
	if (n == 0)
		return rowvec_push(out, (rel_row){0, 0, 0, 0, 0, 0, 0, row_indent(p, W, 0), false});
	char *brk = malloc(n), *gbrk = malloc(n), *opp = malloc(n);
	if (!brk || !gbrk || !opp) {
		free(brk);
		free(gbrk);
		free(opp);
		return false;
	}
	u8_possible_linebreaks(s, n, o->ambiguous_wide ? "GBK" : "UTF-8", brk);
	tailor_uax14(s, n, brk);
	tailor_quotes(s, n, brk);
	u8_grapheme_breaks(s, n, gbrk);
	glue_runs(p, brk);
	layout_breaks_into(s, n, brk, gbrk, opp);
	layout_opts uncut = *o;
	uncut.width = INT_MAX / 4; /* tabs too are measured without an edge */
	bool ok = true;
	for (size_t rs = 0, k = 0; ok && rs < n; k++) {
		int in = row_indent(p, W, k);
		/* Cut rather than wrapped: a row as long as the paragraph (the
		 * view shows a window of it). */
		int room = W - in - (o->hanging && W - in > 2 ? 1 : 0);
		row_end r = one_row(s, n, opp, gbrk, o->chop ? &uncut : o, rs, o->chop ? uncut.width : room);
		rel_row rr = {(uint32_t)rs, (uint32_t)r.end, (uint32_t)r.next, src_rel(p, rs), src_rel(p, r.end),
		              src_rel(p, r.next), r.width, in, false};
		if (p->align == PRES_RIGHT && W - r.width > in)
			rr.x = W - r.width;
		/* A row must start further on in the source than the one before
		 * (rows are found by where they start): one that does not, made
		 * of decoration alone, joins the row before. */
		if (out->n && rr.start <= out->v[out->n - 1].start) {
			rel_row *pr = &out->v[out->n - 1];
			pr->sb = rr.sb;
			pr->snext = rr.snext;
			pr->end = rr.end;
			pr->width += r.width;
		} else {
			ok = rowvec_push(out, rr);
		}
		rs = r.next;
	}
	free(brk);
	free(gbrk);
	free(opp);
	if (!ok)
		return false;
	rel_row *last = &out->v[out->n - 1];
	last->snext = (uint32_t)n;
	uint32_t tend = src_rel(p, n);
	last->next = (uint32_t)(p->next - p->start);
	if (spacing && tend > last->start && tend < p->next - p->start) {
		last->next = tend;
		ok = rowvec_push(out, (rel_row){(uint32_t)n, (uint32_t)n, (uint32_t)n, tend, tend,
		                                (uint32_t)(p->next - p->start), 0, 0, false});
	}
	return ok;
}

/* ---- paragraphs and the cache ------------------------------------------ */

typedef struct cache_ent {
	bool valid;
	size_t start, next; /* the paragraph's source */
	rowvec rows;
	rtext ruby;         /* the text of its rows of readings */
	int next_by_start, next_by_end; /* chains of the two hash tables */
} cache_ent;

/* Enough paragraphs for two screens of one-row paragraphs at 200x60 (the
 * view and the end of the document, which the highest top row needs) and
 * the way between them. */
#define CACHE_N 256
#define HASH_N 512

/* Paragraphs are found by where they start and by where the next one starts
 * (hash tables of chained entries), so that moving to the next or the
 * previous paragraph costs no scan; entries are reused in turn. */
struct layout {
	const doc *d;
	pres *P;
	bool own_pres;
	unsigned long pres_epoch;
	layout_opts o;
	cache_ent cache[CACHE_N];
	int by_start[HASH_N], by_end[HASH_N]; /* -1: empty */
	int ring; /* the entry reused next */
	int hint; /* the entry found last */
	unsigned long epoch; /* bumped whenever rows may differ */
	/* & (less's): the paragraphs kept; the others have no rows */
	bool (*keep)(void *ctx, size_t a, size_t b);
	void *keep_ctx;
};

static unsigned hash_off(size_t off)
{
	return (unsigned)((off * 0x9E3779B97F4A7C15ULL) >> 40) % HASH_N;
}

/* Forgets every entry. */
static void cache_clear(layout *L)
{
	for (int i = 0; i < CACHE_N; i++)
		L->cache[i].valid = false;
	for (int i = 0; i < HASH_N; i++)
		L->by_start[i] = L->by_end[i] = -1;
	L->ring = L->hint = 0;
}

/* Takes entry i out of the chain of the table slot it is in. */
static void unlink_ent(layout *L, int *head, int i, bool by_start)
{
	for (int *p = head; *p >= 0;) {
		cache_ent *c = &L->cache[*p];
		int *next = by_start ? &c->next_by_start : &c->next_by_end;
		if (*p == i) {
			*p = *next;
			return;
		}
		p = next;
	}
}

/* The valid entry of the paragraph starting at off (by_start) or ending
 * where the next one starts at off (!by_start), or -1. */
static int find_ent(const layout *L, size_t off, bool by_start)
{
	int i = by_start ? L->by_start[hash_off(off)] : L->by_end[hash_off(off)];
	while (i >= 0) {
		const cache_ent *c = &L->cache[i];
		if (c->valid && (by_start ? c->start : c->next) == off)
			return i;
		i = by_start ? c->next_by_start : c->next_by_end;
	}
	return -1;
}

/* The presentation options that follow the layout's. */
static void sync_pres(layout *L)
{
	pres_opts po = *pres_get_opts(L->P);
	po.width = L->o.width;
	po.tab_width = L->o.tab_width;
	po.ambiguous_wide = L->o.ambiguous_wide;
	pres_set_opts(L->P, &po);
	L->pres_epoch = pres_epoch(L->P);
}

static void normalise(layout_opts *o)
{
	if (o->width < 1)
		o->width = 1;
	if (o->tab_width < 1)
		o->tab_width = 8;
	if (o->para_spacing < 0 || o->para_spacing > 1)
		o->para_spacing = 0;
}

layout *layout_new(const doc *d, const layout_opts *o)
{
	layout *L = calloc(1, sizeof *L);
	if (!L)
		return NULL;
	L->d = d;
	L->o = *o;
	normalise(&L->o);
	pres_opts po = {.format = PRES_PLAIN, .width = L->o.width, .tab_width = L->o.tab_width,
	                .ambiguous_wide = L->o.ambiguous_wide};
	if (!(L->P = pres_new(d, &po))) {
		free(L);
		return NULL;
	}
	L->own_pres = true;
	L->pres_epoch = pres_epoch(L->P);
	cache_clear(L);
	return L;
}

void layout_use_pres(layout *L, pres *P)
{
	if (L->own_pres)
		pres_free(L->P);
	L->P = P;
	L->own_pres = false;
	sync_pres(L);
	cache_clear(L);
	L->epoch++;
}

pres *layout_pres(layout *L)
{
	return L->P;
}

void layout_free(layout *L)
{
	if (!L)
		return;
	for (int i = 0; i < CACHE_N; i++) {
		free(L->cache[i].rows.v);
		free(L->cache[i].ruby.s);
	}
	if (L->own_pres)
		pres_free(L->P);
	free(L);
}

void layout_set_opts(layout *L, const layout_opts *o)
{
	layout_opts n = *o;
	normalise(&n);
	if (memcmp(&n, &L->o, sizeof n) == 0)
		return;
	L->o = n;
	sync_pres(L);
	cache_clear(L);
	L->epoch++;
}

void layout_reset(layout *L)
{
	pres_reset(L->P);
	L->pres_epoch = pres_epoch(L->P);
	cache_clear(L);
	L->epoch++;
}

/* Rows made from paragraphs the presentation would now make differently
 * are dropped. */
static void check_pres(layout *L)
{
	if (pres_epoch(L->P) != L->pres_epoch) {
		L->pres_epoch = pres_epoch(L->P);
		cache_clear(L);
		L->epoch++;
	}
}

unsigned long layout_epoch(const layout *L)
{
	return L->epoch + (pres_epoch(L->P) != L->pres_epoch);
}

const layout_opts *layout_get_opts(const layout *L)
{
	return &L->o;
}

/* The rows of paragraph p, wrapped now or found in the cache. */
static cache_ent *para_rows(layout *L, const pres_para *p)
{
	int found = find_ent(L, p->start, true);
	if (found >= 0)
		return &L->cache[L->hint = found];
	int i = L->ring;
	L->ring = (L->ring + 1) % CACHE_N;
	cache_ent *victim = &L->cache[i];
	if (victim->valid) {
		unlink_ent(L, &L->by_start[hash_off(victim->start)], i, true);
		unlink_ent(L, &L->by_end[hash_off(victim->next)], i, false);
		victim->valid = false;
	}
	victim->ruby.n = 0;
	size_t ps = p->start, pn = p->next;
	if (L->keep && !L->keep(L->keep_ctx, ps, pn)) {
		victim->rows.n = 0; /* filtered out: no rows */
	} else {
		if (L->keep)
			p = pres_para_at(L->P, ps); /* the filter may have made others since */
		size_t tend = pres_src(p, p->len);
		bool spacing = p->blank_after || (L->o.para_spacing > 0 && p->len > 0 && p->next > tend);
		if (!wrap(p, &L->o, &victim->rows, spacing))
			return NULL;
		if (p->nruby && !add_ruby_rows(p, &L->o, L->d->data, &victim->rows, &victim->ruby))
			return NULL;
	}
	victim->valid = true;
	victim->start = ps;
	victim->next = pn;
	unsigned hs = hash_off(ps), he = hash_off(pn);
	victim->next_by_start = L->by_start[hs];
	L->by_start[hs] = i;
	victim->next_by_end = L->by_end[he];
	L->by_end[he] = i;
	L->hint = i;
	return victim;
}

static layout_row make_row(const layout *L, const cache_ent *c, size_t i)
{
	const rel_row *r = &c->rows.v[i];
	layout_row row;
	row.start = c->start + r->start;
	row.end = c->start + r->end;
	row.next = (i + 1 == c->rows.n) ? c->next : c->start + r->next;
	row.width = r->width;
	row.last = row.next >= L->d->len;
	row.para = c->start;
	row.sa = r->sa;
	row.sb = r->sb;
	row.x = r->x;
	row.ruby = r->ruby;
	return row;
}

/* The cached paragraph holding off, if there is one: no scan for its
 * ends. */
static cache_ent *cached_at(layout *L, size_t off)
{
	if (L->d->len == 0)
		return NULL;
	if (off >= L->d->len)
		off = L->d->len - 1;
	cache_ent *h = &L->cache[L->hint];
	if (h->valid) {
		if (off >= h->start && off < h->next)
			return h;
		/* The paragraph after the last one found, or the one before it. */
		int i = off == h->next ? find_ent(L, off, true)
		        : off + 1 == h->start ? find_ent(L, h->start, false) : -2;
		if (i >= 0)
			return &L->cache[L->hint = i];
		if (i == -1)
			return NULL;
	}
	for (int i = 0; i < CACHE_N; i++) {
		cache_ent *c = &L->cache[i];
		if (c->valid && off >= c->start && off < c->next)
			return &L->cache[L->hint = i];
	}
	return NULL;
}

/* The entry of the paragraph holding off, its rows made if need be (NULL
 * when out of memory: *oom then is that paragraph as one row). */
static cache_ent *ent_at(layout *L, size_t off, layout_row *oom)
{
	cache_ent *c = cached_at(L, off);
	if (c)
		return c;
	const pres_para *p = pres_para_at(L->P, off >= L->d->len && L->d->len ? L->d->len - 1 : off);
	*oom = (layout_row){p->start, p->start + p->len, p->next, 0, p->next >= L->d->len,
	                    p->start, 0, (uint32_t)p->len, 0, false};
	return para_rows(L, p);
}

/* The first row kept after the paragraph [start, next) (forward) or the last one kept
 * before it; false when there is none that way. */
static bool kept_beside(layout *L, size_t start, size_t next, bool backward, layout_row *out)
{
	while (!backward && next < L->d->len) {
		cache_ent *f = ent_at(L, next, out);
		if (!f)
			return true; /* out of memory: *out is that paragraph */
		if (f->rows.n) {
			*out = make_row(L, f, 0);
			return true;
		}
		next = f->next;
	}
	while (backward && start > 0) {
		cache_ent *f = ent_at(L, start - 1, out);
		if (!f)
			return true;
		if (f->rows.n) {
			*out = make_row(L, f, f->rows.n - 1);
			return true;
		}
		start = f->start;
	}
	return false;
}

/* A paragraph the filter left out: the first row of the next one kept
 * (backward: the last row of the one kept before); when there is none that
 * way, the nearest the other way. */
static layout_row skip_hidden(layout *L, cache_ent *c, bool backward)
{
	layout_row r;
	size_t start = c->start, next = c->next; /* c may be evicted meanwhile */
	if (kept_beside(L, start, next, backward, &r) || kept_beside(L, start, next, !backward, &r))
		return r;
	/* nothing kept at all: one empty row */
	return (layout_row){0, 0, L->d->len, 0, true, 0, 0, 0, 0, false};
}

/* The row holding off; in a paragraph filtered out, the next row kept
 * (backward: the one before). */
static layout_row row_at(layout *L, size_t off, bool backward)
{
	check_pres(L);
	layout_row oom;
	cache_ent *c = ent_at(L, off, &oom);
	if (!c)
		return oom;
	if (c->rows.n == 0)
		return skip_hidden(L, c, backward);
	size_t rel = off > c->start ? off - c->start : 0;
	size_t lo = 0, hi = c->rows.n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (c->rows.v[mid].start <= rel)
			lo = mid;
		else
			hi = mid;
	}
	return make_row(L, c, lo);
}

layout_row layout_row_at(layout *L, size_t off)
{
	return row_at(L, off, false);
}

void layout_set_filter(layout *L, bool (*keep)(void *ctx, size_t a, size_t b), void *ctx)
{
	L->keep = keep;
	L->keep_ctx = ctx;
	cache_clear(L);
	L->epoch++;
}

layout_row layout_first(layout *L)
{
	return layout_row_at(L, 0);
}

layout_row layout_last(layout *L)
{
	return row_at(L, L->d->len, true);
}

/* Both always move: rows cached from text that has since changed under the
 * mapping (a file truncated, read as zeros) may no longer meet the rows
 * laid out from what is there now, and a walk must still end. */
bool layout_next(layout *L, const layout_row *r, layout_row *out)
{
	if (r->last || r->next >= L->d->len)
		return false;
	layout_row n = layout_row_at(L, r->next);
	if (n.start <= r->start)
		return false;
	*out = n;
	return true;
}

bool layout_prev(layout *L, const layout_row *r, layout_row *out)
{
	if (r->start == 0)
		return false;
	layout_row p = row_at(L, r->start - 1, true);
	if (p.start >= r->start)
		return false;
	*out = p;
	return true;
}

long layout_move(layout *L, layout_row *r, long n)
{
	long moved = 0;
	layout_row t;
	while (n > 0 && layout_next(L, r, &t)) {
		*r = t;
		n--;
		moved++;
	}
	while (n < 0 && layout_prev(L, r, &t)) {
		*r = t;
		n++;
		moved++;
	}
	return moved;
}

bool layout_row_view(layout *L, const layout_row *r, layout_view *v)
{
	memset(v, 0, sizeof *v);
	if (r->ruby) {
		/* a row of readings: its text is the cache's */
		int i = find_ent(L, r->para, true);
		cache_ent *c = i >= 0 ? &L->cache[i] : para_rows(L, pres_para_at(L->P, r->para));
		if (!c || r->sb > c->ruby.n || r->sa > r->sb)
			return false;
		v->text = (const uint8_t *)c->ruby.s + r->sa;
		v->len = r->sb - r->sa;
		v->ruby = true;
		return false;
	}
	const pres_para *p = pres_para_at(L->P, r->para);
	if (!p || p->start != r->para || r->sb > p->len || r->sa > r->sb) {
		/* Not the paragraph the row was made from: show its source. */
		v->text = L->d->data + r->start;
		v->len = r->end >= r->start ? r->end - r->start : 0;
		v->para = NULL;
		v->x = r->x;
		return false;
	}
	v->text = p->text + r->sa;
	v->len = r->sb - r->sa;
	v->at = r->sa;
	v->para = p;
	v->x = r->x;
	return true;
}

/* Appends the SGR sequence for style st to out (at *n, growing *cap). */
static bool put_sgr(char **out, size_t *n, size_t *cap, const pres_style *st)
{
	char b[96];
	int k = snprintf(b, sizeof b, "\033[0");
	if (st) {
		if (st->attrs & PRES_BOLD)
			k += snprintf(b + k, sizeof b - (size_t)k, ";1");
		if (st->attrs & PRES_DIM)
			k += snprintf(b + k, sizeof b - (size_t)k, ";2");
		if (st->attrs & PRES_ITALIC)
			k += snprintf(b + k, sizeof b - (size_t)k, ";3");
		if (st->attrs & PRES_UNDERLINE)
			k += snprintf(b + k, sizeof b - (size_t)k, ";4");
		if (st->attrs & PRES_REVERSE)
			k += snprintf(b + k, sizeof b - (size_t)k, ";7");
		if (st->attrs & PRES_STRIKE)
			k += snprintf(b + k, sizeof b - (size_t)k, ";9");
		for (int bg = 0; bg < 2; bg++) {
			int32_t c = bg ? st->bg : st->fg;
			if (c == PRES_COLOR_DEFAULT)
				continue;
			if (c & PRES_RGB)
				k += snprintf(b + k, sizeof b - (size_t)k, ";%d;2;%d;%d;%d", bg ? 48 : 38,
				              (int)(c >> 16 & 255), (int)(c >> 8 & 255), (int)(c & 255));
			else
				k += snprintf(b + k, sizeof b - (size_t)k, ";%d;5;%d", bg ? 48 : 38, (int)c);
		}
	}
	k += snprintf(b + k, sizeof b - (size_t)k, "m");
	if (*n + (size_t)k + 1 > *cap) {
		size_t nc = (*n + (size_t)k + 1) * 2;
		char *no = realloc(*out, nc);
		if (!no)
			return false;
		*out = no;
		*cap = nc;
	}
	memcpy(*out + *n, b, (size_t)k);
	*n += (size_t)k;
	return true;
}

/* The style of shown byte i of paragraph p. */
static const pres_style *style_at(const pres_para *p, size_t i)
{
	size_t lo = 0, hi = p->nruns;
	if (!hi)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (p->runs[mid].at <= i)
			lo = mid;
		else
			hi = mid;
	}
	const pres_run *r = &p->runs[lo];
	return i >= r->at && i < r->at + r->len && r->style < p->nstyles ? &p->styles[r->style] : NULL;
}

char *layout_row_text_sgr(layout *L, const layout_row *r, size_t *len, bool sgr)
{
	layout_view v;
	layout_row_view(L, r, &v);
	size_t cap = v.len * 2 + (size_t)r->x + 64, n = 0;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	for (int i = 0; i < r->x && i < L->o.width; i++)
		out[n++] = ' ';
	/* a block quote's bars in the indent, as the pager draws them */
	if (v.para && v.para->quote) {
		size_t k = 0;
		char *bars = malloc(cap + 3 * (size_t)v.para->quote);
		if (!bars)
			goto oom_early;
		for (int i = 0; i < r->x && i < L->o.width; i++) {
			if (i % 2 == 0 && i / 2 < v.para->quote) {
				memcpy(bars + k, "\u2502", 3);
				k += 3;
			} else {
				bars[k++] = ' ';
			}
		}
		free(out);
		out = bars;
		n = k;
		cap += 3 * (size_t)v.para->quote;
	}
	layout_iter it;
	if (!layout_iter_init(&it, v.text, v.len, r->x, &L->o)) {
oom_early:
		free(out);
		return NULL;
	}
	layout_cell c;
	int col = r->x;
	const pres_style *cur = NULL;
	bool styled = false;
	while (layout_iter_next(&it, &c)) {
		size_t need = c.text_len;
		const char *t = c.text;
		char fill[64];
		if (col + c.width > L->o.width && c.width > 0) {
			/* A cell wider than the whole row: mark what cannot be shown. */
			int room = L->o.width - col;
			if (room <= 0)
				break;
			if (room > (int)sizeof fill)
				room = (int)sizeof fill;
			memset(fill, '>', (size_t)room);
			t = fill;
			need = (size_t)room;
		}
		if (sgr && (v.para || v.ruby)) {
			static const pres_style dim = {PRES_DIM, PRES_C_RUBY, PRES_COLOR_DEFAULT, PRES_COLOR_DEFAULT};
			const pres_style *st = v.ruby ? &dim : style_at(v.para, v.at + c.off);
			bool plain = !st || (st->attrs == 0 && st->fg == PRES_COLOR_DEFAULT && st->bg == PRES_COLOR_DEFAULT);
			if (plain ? styled : (!styled || !cur || memcmp(st, cur, sizeof *st) != 0)) {
				if (!put_sgr(&out, &n, &cap, plain ? NULL : st))
					goto oom;
				styled = !plain;
				cur = plain ? NULL : st;
			}
		}
		if (n + need + 8 > cap) {
			cap = (n + need + 8) * 2;
			char *no = realloc(out, cap);
			if (!no)
				goto oom;
			out = no;
		}
		memcpy(out + n, t, need);
		n += need;
		col += c.width;
	}
	if (styled && !put_sgr(&out, &n, &cap, NULL))
		goto oom;
	layout_iter_free(&it);
	out[n] = 0;
	if (len)
		*len = n;
	return out;
oom:
	layout_iter_free(&it);
	free(out);
	return NULL;
}

char *layout_row_text(layout *L, const layout_row *r, size_t *len)
{
	return layout_row_text_sgr(L, r, len, false);
}
