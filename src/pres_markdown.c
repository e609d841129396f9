/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_md: Markdown (CommonMark with GitHub's tables, strikethrough and
 * task lists), parsed by libmd4c, whose callbacks point into the source, so
 * every shown byte keeps its offset.  Headings lose their `#`, emphasis and
 * strong become italic and bold, code is kept verbatim, lists and quotes
 * get hanging indents, rules become a line, tables are laid out in columns
 * of CJK-aware widths (or as wrapped cells when they do not fit), links
 * show their text with the URL dim after it, YAML front matter is dim.
 *
 * md4c parses a whole buffer; a document is given to it a chunk at a time.
 * Chunks start at lines that cannot be inside a block begun earlier: after
 * a blank line, in column 0, outside a fenced code block.  A scan ahead
 * (fence state, chunk starts, link reference definitions) finds them; the
 * definitions known are given to md4c after each chunk's text.
 */
#include "build.h"
#include "pres_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <md4c-html.h>
#include <md4c.h>
#include <unistr.h>

/* A chunk is at least this long (it ends at the next chunk start): md4c
 * takes about 140 instructions a byte, and the first screen needs one. */
#define CHUNK_MIN ((size_t)4 << 10)
/* Scanned at once when a chunk start is wanted further on. */
#define SCAN_STEP ((size_t)16 << 10)

struct pres_md {
	const doc *d;
	size_t *starts;            /* chunk starts found, in order; starts[0] = 0 */
	size_t nstarts, cap;
	size_t scanned;            /* lines before this are scanned */
	char fence;                /* the open fence's character, or 0 */
	size_t fence_len;
	bool prev_blank;
	size_t front_end;          /* the YAML front matter ends here (0: none) */
	size_t *defs;              /* link reference definitions: start, end */
	size_t ndefs, dcap;
};

/* ---- the scan ahead ------------------------------------------------------ */

/* The YAML front matter at the very start: "---" to a "---" or "..." line. */
static size_t front_matter(const doc *d)
{
	const uint8_t *s = d->data;
	size_t n = d->len;
	if (n < 4 || memcmp(s, "---", 3) != 0 || (s[3] != '\n' && s[3] != '\r'))
		return 0;
	size_t i = doc_after_eol(d, 3);
	for (int lines = 0; i < n && lines < 200; lines++) {
		size_t ls, le, next;
		pres_line(d, i, &ls, &le, &next);
		if (le - ls == 3 && (memcmp(s + ls, "---", 3) == 0 || memcmp(s + ls, "...", 3) == 0))
			return next;
		if (next <= i)
			break;
		i = next;
	}
	return 0;
}

struct pres_md *pres_md_new(const doc *d)
{
	struct pres_md *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->d = d;
	pres_md_reset(m);
	return m->starts ? m : (free(m), NULL);
}

void pres_md_free(struct pres_md *m)
{
	if (!m)
		return;
	free(m->starts);
	free(m->defs);
	free(m);
}

void pres_md_reset(struct pres_md *m)
{
	if (!m->starts) {
		m->cap = 64;
		m->starts = malloc(m->cap * sizeof *m->starts);
		if (!m->starts)
			return;
	}
	m->starts[0] = 0;
	m->nstarts = 1;
	m->front_end = front_matter(m->d);
	m->scanned = m->front_end;
	m->fence = 0;
	m->prev_blank = true;
	m->ndefs = 0;
}

static bool blank(const uint8_t *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* The fence a line opens or closes: its character and length (and where
 * the run of fence characters ends), or 0. */
static char fence_of(const uint8_t *s, size_t ls, size_t le, size_t *len, size_t *end)
{
	size_t i = ls;
	while (i < le && i - ls < 3 && s[i] == ' ')
		i++;
	if (i >= le || (s[i] != '`' && s[i] != '~'))
		return 0;
	char c = (char)s[i];
	size_t j = i;
	while (j < le && s[j] == (uint8_t)c)
		j++;
	if (j - i < 3)
		return 0;
	*len = j - i;
	*end = j;
	return c;
}

/* Whether a line starts a list item: "- ", "* ", "+ ", "1. ", "1) ". */
static bool list_marker(const uint8_t *s, size_t ls, size_t le)
{
	if (le - ls >= 2 && (s[ls] == '-' || s[ls] == '*' || s[ls] == '+') && (s[ls + 1] == ' ' || s[ls + 1] == '\t'))
		return true;
	size_t i = ls;
	while (i < le && i - ls < 9 && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > ls && i + 1 < le && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ';
}

/* Whether the line is a link reference definition: [label]: ... */
static bool definition(const uint8_t *s, size_t ls, size_t le)
{
	size_t i = ls;
	while (i < le && i - ls < 3 && s[i] == ' ')
		i++;
	if (i >= le || s[i] != '[' || (i + 1 < le && s[i + 1] == '^'))
		return false;
	for (size_t j = i + 1; j + 1 < le; j++) {
		if (s[j] == ']')
			return j > i + 1 && s[j + 1] == ':';
		if (s[j] == '[')
			return false;
	}
	return false;
}

static bool push(size_t **v, size_t *n, size_t *cap, size_t x)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		size_t *nv = realloc(*v, nc * sizeof *nv);
		if (!nv)
			return false;
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = x;
	return true;
}

/* Scans whole lines from m->scanned up to at least `to`; *changed when a
 * definition was found. */
static void scan_to(struct pres_md *m, size_t to, bool *changed)
{
	const doc *d = m->d;
	const uint8_t *s = d->data;
	size_t i = m->scanned;
	while (i < d->len && i < to) {
		const uint8_t *nl = memchr(s + i, '\n', d->len - i);
		size_t next = nl ? (size_t)(nl - s) + 1 : d->len;
		size_t le = nl ? (size_t)(nl - s) : d->len;
		if (le > i && s[le - 1] == '\r')
			le--;
		bool is_blank = blank(s, i, le);
		size_t flen = 0, fend = 0;
		char f = fence_of(s, i, le, &flen, &fend);
		if (m->fence) {
			if (f == m->fence && flen >= m->fence_len && blank(s, fend, le))
				m->fence = 0;
		} else {
			if (!is_blank && m->prev_blank && s[i] != ' ' && s[i] != '\t' && !list_marker(s, i, le) &&
			    i - m->starts[m->nstarts - 1] >= CHUNK_MIN)
				push(&m->starts, &m->nstarts, &m->cap, i);
			if (f) {
				m->fence = f;
				m->fence_len = flen;
			} else if (definition(s, i, le)) {
				if (push(&m->defs, &m->ndefs, &m->dcap, i) && push(&m->defs, &m->ndefs, &m->dcap, next))
					*changed = true;
				else
					m->ndefs &= ~(size_t)1;
			}
		}
		m->prev_blank = is_blank;
		i = next;
	}
	m->scanned = i;
}

bool pres_md_step(struct pres_md *m, size_t budget, bool *changed)
{
	if (m->scanned < m->d->len) {
		size_t before = m->ndefs;
		bool ch = false;
		scan_to(m, m->scanned + (budget ? budget : m->d->len), &ch);
		/* Definitions found change what chunks made before show. */
		*changed = ch && m->ndefs != before;
	}
	return m->scanned >= m->d->len;
}

void pres_md_bounds(struct pres_md *m, size_t off, size_t *a, size_t *b)
{
	bool ch = false;
	if (off >= m->scanned)
		scan_to(m, off + 1, &ch);
	size_t lo = 0, hi = m->nstarts;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (m->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*a = m->starts[lo];
	/* The next start, scanning on for it when it is not known yet. */
	while (lo + 1 >= m->nstarts && m->scanned < m->d->len)
		scan_to(m, m->scanned + SCAN_STEP, &ch);
	*b = lo + 1 < m->nstarts ? m->starts[lo + 1] : m->d->len;
}

/* ---- making paragraphs ----------------------------------------------------- */

#define MAX_DEPTH 32

typedef struct mlist {
	bool ordered;
	unsigned next;   /* the number of the next item */
	int indent;      /* columns its items' bullets start at */
	int hang;        /* columns of the current item's bullet */
	int outer;       /* the indent before the list */
} mlist;

typedef struct tcell {
	size_t r0, r1;   /* its runs in the table's run list */
	int width;
	int align;       /* 0 default/left, 1 center, 2 right */
} tcell;

typedef struct trun {
	size_t src, len, src_len;
	bool own;        /* its text is buf (an entity's, a space); else the source's */
	char buf[32];
	pres_style st;
} trun;

typedef struct mctx {
	pres_pb *pb;
	const pres_opts *o;
	const doc *d;
	const uint8_t *buf;        /* what md4c parses */
	size_t blen;               /* bytes of buf that are the chunk (then definitions) */
	size_t base;               /* source offset of buf[0] */
	size_t cursor;             /* the source read up to */
	/* blocks */
	int indent;                /* columns the current block's text starts at */
	int quote;
	int heading;
	bool code;
	bool html;
	int nlists;
	mlist lists[MAX_DEPTH];
	int li_depth;              /* items open */
	char bullet[24];           /* a list item's bullet, put before its first text */
	bool in_li_first;          /* the next paragraph is its item's first */
	int li_hang;               /* columns of the bullet */
	bool soft;                 /* a soft line break waits */
	/* spans */
	pres_style span[MAX_DEPTH];
	int nspan;
	bool img;
	char pending[16];          /* decoration put before the next text */
	MD_ATTRIBUTE href[MAX_DEPTH];
	int nhref;
	/* the table being read */
	bool table;
	bool head;
	trun *truns;
	size_t ntruns, trcap;
	tcell *cells;
	size_t ncells, ccap;
	size_t *rows;              /* where each row's cells start */
	size_t nrows, rcap;
	int row_of_head;           /* rows in the head */
	int cell_align;
	bool oom;
} mctx;

static const pres_style plain_style = {0, PRES_C_TEXT, PRES_COLOR_DEFAULT, PRES_COLOR_DEFAULT};

static pres_style cur_style(const mctx *c)
{
	return c->nspan ? c->span[c->nspan - 1] : plain_style;
}

/* The source offset of a pointer md4c gave, or -1 when it points elsewhere
 * (a static string, or the definitions after the chunk). */
static long long src_of(const mctx *c, const MD_CHAR *p)
{
	const uint8_t *u = (const uint8_t *)p;
	if (u >= c->buf && u < c->buf + c->blen)
		return (long long)(c->base + (size_t)(u - c->buf));
	return -1;
}

/* The start of the next line at or after the cursor that is not blank. */
static size_t next_content_line(mctx *c)
{
	const doc *d = c->d;
	size_t end = c->base + c->blen, i = c->cursor;
	if (i > 0 && i < end && !doc_is_eol(d, i - 1)) {
		while (i < end && !doc_is_eol(d, i))
			i++;
		if (i < end)
			i = doc_after_eol(d, i);
	}
	while (i < end) {
		size_t ls, le, next;
		pres_line(d, i, &ls, &le, &next);
		if (!blank(d->data, ls, le) || next <= i)
			return ls;
		i = next;
	}
	return end;
}

/* Opens a paragraph for text at source src, with the block's layout and a
 * list item's bullet before it. */
static void open_para(mctx *c, size_t src)
{
	pres_pb *b = c->pb;
	/* A paragraph starts with its line: the markup before its text (a
	 * label's **, a heading's #) is its own, so that the source's line
	 * and the paragraph it shows are found at the same offset. */
	size_t ls = doc_line_start(c->d, src);
	pres_pb_begin(b, ls > b->last_src ? ls : src);
	b->cur.indent = (uint16_t)(c->indent > 0 ? c->indent : 0);
	b->cur.quote = (uint8_t)c->quote;
	b->cur.heading = (uint8_t)c->heading;
	b->cur.code = c->code;
	if (c->bullet[0] && c->in_li_first) {
		pres_style st = plain_style;
		st.attrs = PRES_BOLD;
		st.cls = PRES_C_DECOR;
		pres_pb_put(b, c->bullet, strlen(c->bullet), src, 0, &st, PRES_NOSEARCH);
		b->cur.hang = (uint16_t)c->li_hang;
		c->in_li_first = false;
	}
	c->soft = false;
}

/* A block inside a list item, after the item's first: under its text. */
static void item_content(mctx *c)
{
	if (c->li_depth && !c->in_li_first && c->nlists)
		c->indent = c->lists[c->nlists - 1].indent + c->lists[c->nlists - 1].hang;
}

static bool para_open(const mctx *c)
{
	return c->pb->open;
}

/* Marks the paragraph made last as followed by a blank row. */
static void blank_after(mctx *c)
{
	pres_pb *b = c->pb;
	if (b->open) {
		b->cur.blank_after = true;
		pres_pb_end(b);
	} else if (b->c->n) {
		b->c->paras[b->c->n - 1].blank_after = true;
	}
}

static void close_para(mctx *c)
{
	pres_pb_end(c->pb);
	c->soft = false;
	if (c->pb->last_src > c->cursor)
		c->cursor = c->pb->last_src;
}

/* Appends text (copied from the source when src >= 0). */
static void add(mctx *c, const char *s, size_t n, long long src, const pres_style *st, int flags)
{
	if (c->pending[0]) {
		/* an image's "[image: ", where its text starts */
		char pend[sizeof c->pending];
		memcpy(pend, c->pending, sizeof pend);
		c->pending[0] = 0;
		pres_style d = plain_style;
		d.attrs = PRES_DIM;
		d.cls = PRES_C_DECOR;
		if (src >= 0 && (size_t)src > c->cursor)
			c->cursor = (size_t)src;
		add(c, pend, strlen(pend), -1, &d, PRES_NOSEARCH);
	}
	if (c->table) {
		/* A cell's runs are kept until the whole table is known. */
		if (c->ncells == 0)
			return;
		if (c->ntruns == c->trcap) {
			size_t nc = c->trcap ? c->trcap * 2 : 64;
			trun *nr = realloc(c->truns, nc * sizeof *nr);
			if (!nr) {
				c->oom = true;
				return;
			}
			c->truns = nr;
			c->trcap = nc;
		}
		trun *r = &c->truns[c->ntruns++];
		r->src = src >= 0 ? (size_t)src : c->cursor;
		r->len = n;
		r->src_len = src >= 0 ? n : 0;
		r->st = *st;
		r->own = src < 0;
		if (r->own) {
			size_t k = n < sizeof r->buf ? n : sizeof r->buf - 1;
			memcpy(r->buf, s, k);
			r->len = k;
		}
		tcell *cell = &c->cells[c->ncells - 1];
		cell->r1 = c->ntruns;
		cell->width += pres_width((const uint8_t *)s, r->len, c->o);
		if (src >= 0)
			c->cursor = (size_t)src + n;
		return;
	}
	size_t at = src >= 0 ? (size_t)src : c->cursor;
	if (!para_open(c))
		open_para(c, at);
	if (src >= 0) {
		pres_pb_copy(c->pb, (size_t)src, n, st, flags);
		c->cursor = (size_t)src + n;
	} else {
		pres_pb_put(c->pb, s, n, at, 0, st, flags);
	}
}

/* A soft line break before text starting with code point next: nothing
 * between two CJK characters, else a space. */
static void soft_break(mctx *c, uint32_t next)
{
	if (!c->soft)
		return;
	c->soft = false;
	if (!para_open(c))
		return;
	uint32_t prev = pres_pb_last_cp(c->pb);
	if (pres_is_cjk(prev) && pres_is_cjk(next))
		return;
	pres_pb_put(c->pb, " ", 1, c->cursor, 0, NULL, 0);
}

/* Writes a character entity's text into out (NUL-terminated). */
static void entity(const char *e, size_t n, char *out, size_t outlen);

/* ---- md4c callbacks ---------------------------------------------------------- */

static void list_bullet(mctx *c)
{
	mlist *l = c->nlists ? &c->lists[c->nlists - 1] : NULL;
	if (!l) {
		snprintf(c->bullet, sizeof c->bullet, "• ");
	} else if (l->ordered) {
		snprintf(c->bullet, sizeof c->bullet, "%u. ", l->next++);
	} else {
		static const char *const marks[] = {"• ", "◦ ", "▪ "};
		snprintf(c->bullet, sizeof c->bullet, "%s", marks[(c->nlists - 1) % 3]);
	}
}

static int enter_block(MD_BLOCKTYPE t, void *detail, void *ud)
{
	mctx *c = ud;
	switch (t) {
	case MD_BLOCK_QUOTE:
		close_para(c);
		item_content(c);
		c->quote++;
		c->indent += 2;
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		close_para(c);
		if (c->nlists < MAX_DEPTH) {
			int base = c->indent;
			if (c->li_depth && c->nlists)
				base = c->lists[c->nlists - 1].indent + c->lists[c->nlists - 1].hang;
			mlist *l = &c->lists[c->nlists++];
			l->ordered = t == MD_BLOCK_OL;
			l->next = t == MD_BLOCK_OL ? ((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
			l->outer = c->indent;
			l->indent = base;
			l->hang = 0;
			c->in_li_first = false;
		}
		break;
	case MD_BLOCK_LI: {
		close_para(c);
		MD_BLOCK_LI_DETAIL *li = detail;
		list_bullet(c);
		if (li && li->is_task) {
			size_t k = strlen(c->bullet);
			snprintf(c->bullet + k, sizeof c->bullet - k, "%s",
			         li->task_mark == ' ' ? "☐ " : "☑ ");
		}
		c->li_hang = pres_width((const uint8_t *)c->bullet, strlen(c->bullet), c->o);
		c->in_li_first = true;
		c->li_depth++;
		if (c->nlists) {
			c->lists[c->nlists - 1].hang = c->li_hang;
			c->indent = c->lists[c->nlists - 1].indent;
		}
		break;
	}
	case MD_BLOCK_HR: {
		close_para(c);
		item_content(c);
		size_t at = next_content_line(c);
		size_t ls, le, next;
		pres_line(c->d, at, &ls, &le, &next);
		int w = c->o->width - c->indent;
		if (w < 1)
			w = 1;
		if (w > 400)
			w = 400;
		char rule[1204];
		size_t k = 0;
		for (int i = 0; i < w; i++) {
			memcpy(rule + k, "─", 3);
			k += 3;
		}
		pres_style st = plain_style;
		st.attrs = PRES_DIM;
		st.cls = PRES_C_RULE;
		c->cursor = ls;
		open_para(c, ls);
		pres_pb_put(c->pb, rule, k, ls, le > ls ? le - ls : 0, &st, PRES_NOSEARCH);
		c->cursor = le;
		blank_after(c);
		break;
	}
	case MD_BLOCK_H: {
		close_para(c);
		item_content(c);
		c->heading = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
		pres_style st = cur_style(c);
		st.attrs |= PRES_BOLD | (c->heading == 1 ? PRES_UNDERLINE : 0);
		st.cls = PRES_C_HEADING;
		if (c->nspan < MAX_DEPTH)
			c->span[c->nspan++] = st;
		break;
	}
	case MD_BLOCK_CODE: {
		close_para(c);
		item_content(c);
		c->code = true;
		c->indent += 4;
		/* The code's first line: past a fence line, if it has one. */
		size_t at = next_content_line(c);
		if (detail && ((MD_BLOCK_CODE_DETAIL *)detail)->fence_char) {
			size_t ls, le, next;
			pres_line(c->d, at, &ls, &le, &next);
			at = next;
		}
		c->cursor = at;
		break;
	}
	case MD_BLOCK_HTML:
		close_para(c);
		item_content(c);
		c->html = true;
		c->cursor = next_content_line(c);
		break;
	case MD_BLOCK_P:
		close_para(c);
		item_content(c);
		break;
	case MD_BLOCK_TABLE:
		close_para(c);
		item_content(c);
		c->table = true;
		c->ntruns = c->ncells = c->nrows = 0;
		c->row_of_head = 0;
		break;
	case MD_BLOCK_THEAD:
		c->head = true;
		break;
	case MD_BLOCK_TBODY:
		c->head = false;
		break;
	case MD_BLOCK_TR:
		if (c->nrows == c->rcap) {
			size_t nc = c->rcap ? c->rcap * 2 : 16;
			size_t *nr = realloc(c->rows, nc * sizeof *nr);
			if (!nr) {
				c->oom = true;
				return 1;
			}
			c->rows = nr;
			c->rcap = nc;
		}
		c->rows[c->nrows++] = c->ncells;
		if (c->head)
			c->row_of_head++;
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD: {
		if (c->ncells == c->ccap) {
			size_t nc = c->ccap ? c->ccap * 2 : 32;
			tcell *ncell = realloc(c->cells, nc * sizeof *ncell);
			if (!ncell) {
				c->oom = true;
				return 1;
			}
			c->cells = ncell;
			c->ccap = nc;
		}
		MD_BLOCK_TD_DETAIL *td = detail;
		c->cells[c->ncells++] = (tcell){c->ntruns, c->ntruns, 0,
		                                td ? (td->align == MD_ALIGN_CENTER ? 1 : td->align == MD_ALIGN_RIGHT ? 2 : 0) : 0};
		break;
	}
	default:
		break;
	}
	return 0;
}

static void emit_table(mctx *c);

static int leave_block(MD_BLOCKTYPE t, void *detail, void *ud)
{
	(void)detail;
	mctx *c = ud;
	switch (t) {
	case MD_BLOCK_QUOTE:
		close_para(c);
		blank_after(c);
		c->quote--;
		c->indent -= 2;
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		close_para(c);
		if (c->nlists) {
			c->indent = c->lists[c->nlists - 1].outer;
			c->nlists--;
		}
		if (!c->nlists)
			blank_after(c);
		break;
	case MD_BLOCK_LI:
		close_para(c);
		c->li_depth--;
		c->bullet[0] = 0;
		c->in_li_first = false;
		if (c->nlists)
			c->indent = c->lists[c->nlists - 1].indent;
		break;
	case MD_BLOCK_H:
		blank_after(c);
		c->heading = 0;
		if (c->nspan)
			c->nspan--;
		break;
	case MD_BLOCK_CODE:
		close_para(c);
		blank_after(c);
		c->code = false;
		c->indent -= 4;
		break;
	case MD_BLOCK_HTML:
		close_para(c);
		blank_after(c);
		c->html = false;
		break;
	case MD_BLOCK_P:
		if (c->li_depth) {
			close_para(c);
			/* A loose list's paragraphs are apart. */
			blank_after(c);
		} else {
			blank_after(c);
		}
		break;
	case MD_BLOCK_TABLE:
		c->table = false;
		emit_table(c);
		blank_after(c);
		break;
	default:
		break;
	}
	return 0;
}

static int enter_span(MD_SPANTYPE t, void *detail, void *ud)
{
	mctx *c = ud;
	pres_style st = cur_style(c);
	switch (t) {
	case MD_SPAN_EM: st.attrs |= PRES_ITALIC; st.cls = PRES_C_EMPH; break;
	case MD_SPAN_STRONG: st.attrs |= PRES_BOLD; st.cls = PRES_C_STRONG; break;
	case MD_SPAN_U: st.attrs |= PRES_UNDERLINE; break;
	case MD_SPAN_DEL: st.attrs |= PRES_STRIKE | PRES_DIM; break;
	case MD_SPAN_CODE: st.cls = PRES_C_CODE; break;
	case MD_SPAN_A:
		st.attrs |= PRES_UNDERLINE;
		st.cls = PRES_C_LINK;
		if (c->nhref < MAX_DEPTH) {
			MD_SPAN_A_DETAIL *a = detail;
			c->href[c->nhref++] = a->href;
		}
		break;
	case MD_SPAN_IMG: {
		snprintf(c->pending, sizeof c->pending, "[image: ");
		c->img = true;
		st.attrs |= PRES_DIM;
		break;
	}
	default:
		break;
	}
	if (c->nspan < MAX_DEPTH)
		c->span[c->nspan++] = st;
	return 0;
}

static int leave_span(MD_SPANTYPE t, void *detail, void *ud)
{
	(void)detail;
	mctx *c = ud;
	if (c->nspan)
		c->nspan--;
	if (t == MD_SPAN_A && c->nhref) {
		MD_ATTRIBUTE h = c->href[--c->nhref];
		long long src = h.size ? src_of(c, h.text) : -1;
		/* An inline link's URL, dim after its text (an autolink's text is
		 * its URL already; a reference link's URL is elsewhere). */
		if (src >= 0 && (size_t)src >= c->cursor) {
			pres_style d = plain_style;
			d.attrs = PRES_DIM;
			d.cls = PRES_C_URL;
			add(c, " ", 1, -1, &d, PRES_NOSEARCH);
			add(c, h.text, h.size, src, &d, 0);
		}
	} else if (t == MD_SPAN_IMG && c->img) {
		pres_style d = plain_style;
		d.attrs = PRES_DIM;
		d.cls = PRES_C_DECOR;
		add(c, "]", 1, -1, &d, PRES_NOSEARCH); /* after "[image: " if it had no text */
		c->img = false;
	}
	return 0;
}

/* The first code point of s[0..n), or 0. */
static uint32_t first_cp(const MD_CHAR *s, size_t n)
{
	ucs4_t u = 0;
	if (n && u8_mbtouc(&u, (const uint8_t *)s, n) <= 0)
		u = 0;
	return u;
}

static int text(MD_TEXTTYPE t, const MD_CHAR *s, MD_SIZE n, void *ud)
{
	mctx *c = ud;
	long long src = src_of(c, s);
	if (src < 0 && t != MD_TEXT_BR && t != MD_TEXT_SOFTBR && t != MD_TEXT_NULLCHAR &&
	    !(t == MD_TEXT_CODE || t == MD_TEXT_HTML))
		return 0; /* in the definitions after the chunk */
	pres_style st = cur_style(c);
	switch (t) {
	case MD_TEXT_SOFTBR:
		if (c->table)
			return 0;
		c->soft = true;
		return 0;
	case MD_TEXT_BR:
		if (!c->table)
			close_para(c);
		return 0;
	case MD_TEXT_NULLCHAR:
		soft_break(c, 0xFFFD);
		add(c, "\xEF\xBF\xBD", 3, -1, &st, 0);
		return 0;
	case MD_TEXT_ENTITY: {
		char out[32];
		entity(s, n, out, sizeof out);
		soft_break(c, first_cp(out, strlen(out)));
		size_t at = (size_t)src;
		if (c->table) {
			size_t before = c->ntruns;
			add(c, out, strlen(out), -1, &st, 0);
			if (c->ntruns > before) {
				c->truns[c->ntruns - 1].src = at;
				c->truns[c->ntruns - 1].src_len = n;
			}
			c->cursor = at + n;
		} else {
			if (!para_open(c))
				open_para(c, at);
			pres_pb_put(c->pb, out, strlen(out), at, n, &st, 0);
			c->cursor = at + n;
		}
		return 0;
	}
	case MD_TEXT_CODE:
		if (c->code && src < 0) {
			/* The end of a line of a code block: each line is its own
			 * paragraph, an empty one too. */
			if (n == 1 && s[0] == '\n') {
				if (!para_open(c))
					open_para(c, c->cursor);
				close_para(c);
				size_t i = c->cursor, end = c->base + c->blen;
				while (i < end && !doc_is_eol(c->d, i))
					i++;
				if (i < end)
					c->cursor = doc_after_eol(c->d, i);
				return 0;
			}
			/* an indented code block's tab, as spaces */
			if (!para_open(c))
				open_para(c, c->cursor);
			pres_pb_put(c->pb, s, n, c->cursor, 0, &st, PRES_NOSEARCH);
			return 0;
		}
		if (src < 0) {
			/* a line break inside a code span shows as a space */
			add(c, " ", 1, -1, &st, 0);
			return 0;
		}
		st.cls = PRES_C_CODE;
		break;
	case MD_TEXT_HTML:
		if (src < 0) {
			if (c->html && n == 1 && s[0] == '\n') {
				close_para(c);
				size_t i = c->cursor;
				while (i < c->base + c->blen && !doc_is_eol(c->d, i))
					i++;
				if (i < c->base + c->blen)
					c->cursor = doc_after_eol(c->d, i);
			}
			return 0;
		}
		/* A comment is invisible, as in a browser; other HTML is shown dim. */
		if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
			c->cursor = (size_t)src + n;
			return 0;
		}
		if (!c->html) {
			c->cursor = (size_t)src + n;
			return 0; /* an inline tag: what it holds is shown, not the tag */
		}
		st.attrs |= PRES_DIM;
		st.cls = PRES_C_DIM;
		break;
	default:
		break;
	}
	soft_break(c, first_cp(s, n));
	add(c, s, n, src, &st, 0);
	return 0;
}

/* ---- tables ------------------------------------------------------------------ */

static void put_pad(mctx *c, int n, size_t at)
{
	static const char spaces[] = "                                ";
	while (n > 0) {
		int k = n < 32 ? n : 32;
		pres_pb_put(c->pb, spaces, (size_t)k, at, 0, NULL, PRES_NOSEARCH);
		n -= k;
	}
}

/* Lays out the table read: columns as wide as their widest cell when they
 * fit the width, else each row's cells one after another, wrapped. */
static void emit_table(mctx *c)
{
	if (c->oom || c->nrows == 0)
		return;
	int ncols = 0;
	for (size_t r = 0; r < c->nrows; r++) {
		size_t e = r + 1 < c->nrows ? c->rows[r + 1] : c->ncells;
		if ((int)(e - c->rows[r]) > ncols)
			ncols = (int)(e - c->rows[r]);
	}
	if (ncols == 0)
		return;
	int *colw = calloc((size_t)ncols, sizeof *colw);
	if (!colw)
		return;
	for (size_t r = 0; r < c->nrows; r++) {
		size_t e = r + 1 < c->nrows ? c->rows[r + 1] : c->ncells;
		for (size_t k = c->rows[r]; k < e; k++)
			if (c->cells[k].width > colw[k - c->rows[r]])
				colw[k - c->rows[r]] = c->cells[k].width;
	}
	int total = c->indent;
	for (int k = 0; k < ncols; k++)
		total += colw[k] + (k ? 3 : 0);
	bool fits = total <= c->o->width;
	pres_style sep = plain_style;
	sep.attrs = PRES_DIM;
	sep.cls = PRES_C_DECOR;
	for (size_t r = 0; r < c->nrows; r++) {
		size_t cs = c->rows[r], e = r + 1 < c->nrows ? c->rows[r + 1] : c->ncells;
		/* the row starts at its first cell's text, else where it is */
		size_t at = c->cursor;
		for (size_t k = cs; k < e; k++)
			if (c->cells[k].r1 > c->cells[k].r0) {
				at = c->truns[c->cells[k].r0].src;
				break;
			}
		open_para(c, at);
		for (size_t k = cs; k < e; k++) {
			const tcell *cell = &c->cells[k];
			int col = (int)(k - cs);
			size_t cat = cell->r1 > cell->r0 ? c->truns[cell->r0].src : at;
			if (k > cs)
				pres_pb_put(c->pb, " │ ", strlen(" │ "), cat, 0, &sep, PRES_NOSEARCH);
			int pad = fits ? colw[col] - cell->width : 0;
			int left = cell->align == 2 ? pad : cell->align == 1 ? pad / 2 : 0;
			put_pad(c, left, cat);
			for (size_t q = cell->r0; q < cell->r1; q++) {
				trun *tr = &c->truns[q];
				pres_style st = tr->st;
				if ((int)r < c->row_of_head)
					st.attrs |= PRES_BOLD;
				if (tr->own)
					pres_pb_put(c->pb, tr->buf, tr->len, tr->src, tr->src_len, &st, 0);
				else
					pres_pb_copy(c->pb, tr->src, tr->len, &st, 0);
			}
			if (k + 1 < e)
				put_pad(c, pad - left, c->pb->last_src);
		}
		close_para(c);
		if ((int)r + 1 == c->row_of_head) {
			/* The rule under the head, at the delimiter row's line. */
			c->cursor = c->pb->last_src;
			size_t ls = next_content_line(c), le, next, l2;
			pres_line(c->d, ls, &l2, &le, &next);
			open_para(c, ls);
			char rule[1300];
			size_t q = 0;
			for (int k = 0; k < ncols && q + 16 < sizeof rule; k++) {
				if (k) {
					memcpy(rule + q, "─┼─", strlen("─┼─"));
					q += strlen("─┼─");
				}
				int w = fits ? colw[k] : 3;
				for (int i = 0; i < w && q + 8 < sizeof rule; i++) {
					memcpy(rule + q, "─", 3);
					q += 3;
				}
			}
			pres_pb_put(c->pb, rule, q, ls, le > ls ? le - ls : 0, &sep, PRES_NOSEARCH);
			close_para(c);
			c->cursor = le;
		}
	}
	free(colw);
}

/* ---- entities ------------------------------------------------------------------ */

typedef struct obuf {
	char *s;
	size_t n, cap;
} obuf;

static void collect(const MD_CHAR *s, MD_SIZE n, void *ud)
{
	obuf *b = ud;
	if (b->n + n + 1 > b->cap)
		return;
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

/* Named entities already looked up: a document uses a few, many times. */
#define ENTITY_CACHE 64
static struct {
	char name[40];
	char text[32];
} entity_cache[ENTITY_CACHE];

static void entity_lookup(const char *e, size_t n, char *out, size_t outlen);

static void entity(const char *e, size_t n, char *out, size_t outlen)
{
	unsigned h = 5381;
	for (size_t i = 0; i < n; i++)
		h = h * 33 ^ (unsigned char)e[i];
	h %= ENTITY_CACHE;
	if (n < sizeof entity_cache[h].name && memcmp(entity_cache[h].name, e, n) == 0 &&
	    entity_cache[h].name[n] == 0) {
		snprintf(out, outlen, "%s", entity_cache[h].text);
		return;
	}
	entity_lookup(e, n, out, outlen);
	if (n < sizeof entity_cache[h].name && strlen(out) < sizeof entity_cache[h].text) {
		memcpy(entity_cache[h].name, e, n);
		entity_cache[h].name[n] = 0;
		snprintf(entity_cache[h].text, sizeof entity_cache[h].text, "%s", out);
	}
}

static void entity_lookup(const char *e, size_t n, char *out, size_t outlen)
{
	snprintf(out, outlen, "%.*s", (int)(n < outlen - 1 ? n : outlen - 1), e);
	if (n >= 4 && e[1] == '#') {
		unsigned long v = e[2] == 'x' || e[2] == 'X' ? strtoul(e + 3, NULL, 16) : strtoul(e + 2, NULL, 10);
		if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			v = 0xFFFD;
		size_t k = outlen - 1;
		if (u8_uctomb((uint8_t *)out, (ucs4_t)v, (int)k) > 0)
			out[u8_mblen((const uint8_t *)out, k)] = 0;
		return;
	}
	/* A named entity: md4c's HTML renderer knows their table; what it
	 * writes for the entity alone is "<p>TEXT</p>\n", HTML-escaped. */
	char buf[64];
	obuf b = {buf, 0, sizeof buf};
	if (n > 40 || md_html(e, (MD_SIZE)n, collect, &b, 0, 0) != 0)
		return;
	if (b.n < 8 || memcmp(buf, "<p>", 3) != 0 || memcmp(buf + b.n - 5, "</p>\n", 5) != 0)
		return;
	buf[b.n - 5] = 0;
	const char *t = buf + 3;
	static const struct { const char *esc, *ch; } esc[] = {
		{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}};
	for (size_t k = 0; k < 4; k++)
		if (strcmp(t, esc[k].esc) == 0)
			t = esc[k].ch;
	size_t tl = strlen(t);
	if ((strchr(t, '&') && strcmp(t, "&") != 0) || tl + 1 > outlen)
		return; /* unknown: md4c escaped it back; shown as written */
	memcpy(out, t, tl + 1);
}

/* ---- a chunk ---------------------------------------------------------------------- */

/* The front matter as dim lines. */
static void front(mctx *c, size_t end)
{
	const doc *d = c->d;
	pres_style st = plain_style;
	st.attrs = PRES_DIM;
	st.cls = PRES_C_DIM;
	for (size_t i = 0; i < end;) {
		size_t ls, le, next;
		pres_line(d, i, &ls, &le, &next);
		if (le > ls && !(le - ls == 3 && (memcmp(d->data + ls, "---", 3) == 0 || memcmp(d->data + ls, "...", 3) == 0))) {
			open_para(c, ls);
			pres_pb_copy(c->pb, ls, le - ls, &st, 0);
			close_para(c);
		}
		if (next <= i)
			break;
		i = next;
	}
	blank_after(c);
	c->cursor = end;
}

bool pres_md_make(struct pres_md *m, const pres_opts *o, size_t a, size_t b, pres_pb *pb)
{
	const doc *d = m->d;
	mctx c;
	memset(&c, 0, sizeof c);
	c.pb = pb;
	c.o = o;
	c.d = d;
	size_t from = a;
	if (a == 0 && m->front_end > 0) {
		c.cursor = 0;
		front(&c, m->front_end < b ? m->front_end : b);
		from = m->front_end < b ? m->front_end : b;
	}
	/* The chunk, then the definitions known from elsewhere. */
	size_t extra = 0;
	for (size_t k = 0; k + 1 < m->ndefs; k += 2)
		if (m->defs[k] < from || m->defs[k] >= b)
			extra += m->defs[k + 1] - m->defs[k] + 1;
	size_t n = b - from;
	uint8_t *buf = malloc(n + 2 + extra + 1);
	if (!buf)
		return false;
	memcpy(buf, d->data + from, n);
	size_t len = n;
	buf[len++] = '\n';
	buf[len++] = '\n';
	for (size_t k = 0; k + 1 < m->ndefs; k += 2) {
		if (m->defs[k] >= from && m->defs[k] < b)
			continue;
		size_t dl = m->defs[k + 1] - m->defs[k];
		memcpy(buf + len, d->data + m->defs[k], dl);
		len += dl;
		buf[len++] = '\n';
	}
	c.buf = buf;
	c.blen = n;
	c.base = from;
	c.cursor = from;
	MD_PARSER parser = {0, MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | MD_FLAG_PERMISSIVEAUTOLINKS,
	                    enter_block, leave_block, enter_span, leave_span, text, NULL, NULL};
	bool ok = len <= 0xFFFFFFFFu && md_parse((const MD_CHAR *)buf, (MD_SIZE)len, &parser, &c) == 0;
	pres_pb_end(pb);
	free(buf);
	free(c.truns);
	free(c.cells);
	free(c.rows);
	return ok && !c.oom;
}

/* ---- detection -------------------------------------------------------------------- */

bool pres_md_detect(const uint8_t *s, size_t n, bool named_md)
{
	if (named_md)
		return true;
	/* Signs of Markdown, line by line; what counts is having several
	 * different kinds, which plain text with a stray `*` or `#` has not. */
	int heading = 0, fence = 0, strong = 0, link = 0, list = 0, table = 0, quote = 0, front = 0;
	if (n >= 4 && memcmp(s, "---", 3) == 0 && (s[3] == '\n' || s[3] == '\r'))
		front = 1;
	for (size_t i = 0; i < n;) {
		const uint8_t *nl = memchr(s + i, '\n', n - i);
		size_t le = nl ? (size_t)(nl - s) : n;
		size_t ls = i;
		size_t k = ls;
		while (k < le && k - ls < 3 && s[k] == ' ')
			k++;
		size_t h = k;
		while (h < le && s[h] == '#')
			h++;
		if (h > k && h - k <= 6 && h < le && s[h] == ' ')
			heading++;
		if (le - k >= 3 && (memcmp(s + k, "```", 3) == 0 || memcmp(s + k, "~~~", 3) == 0))
			fence++;
		if (le - k >= 2 && (s[k] == '-' || s[k] == '*' || s[k] == '+') && s[k + 1] == ' ')
			list++;
		if (le - k >= 1 && s[k] == '>' && (le - k == 1 || s[k + 1] == ' '))
			quote++;
		if (le - k >= 3 && s[k] == '|' && memchr(s + k + 1, '|', le - k - 1) &&
		    (memmem(s + k, le - k, "---", 3) || memmem(s + k, le - k, ":--", 3)))
			table++;
		for (const uint8_t *p = s + k, *end = s + le; p < end && (p = memchr(p, '*', (size_t)(end - p)));) {
			if (p + 2 < end && p[1] == '*' && p[2] != ' ') {
				const uint8_t *close = memmem(p + 2, (size_t)(end - p - 2), "**", 2);
				if (close && close > p + 2 && close[-1] != ' ') {
					strong++;
					p = close + 2;
					continue;
				}
			}
			p++;
		}
		const uint8_t *br = memchr(s + k, '[', le - k);
		if (br && memmem(br, (size_t)(s + le - br), "](", 2))
			link++;
		i = le + 1;
	}
	int kinds = (heading > 0) + (fence > 1) + (strong > 1) + (link > 0) + (list > 1) + (table > 0) +
	            (quote > 1) + front;
	return kinds >= 2 && heading + fence + strong + link + list + table + quote + front * 3 >= 4;
}

/* ---- inline text alone ------------------------------------------------------ */

typedef struct itext {
	char *s;
	size_t n, cap;
	bool oom;
} itext;

static void it_put(itext *t, const char *s, size_t n)
{
	if (t->oom)
		return;
	if (t->n + n + 1 > t->cap) {
		size_t nc = (t->n + n + 1) * 2;
		char *ns = realloc(t->s, nc);
		if (!ns) {
			t->oom = true;
			return;
		}
		t->s = ns;
		t->cap = nc;
	}
	memcpy(t->s + t->n, s, n);
	t->n += n;
	t->s[t->n] = 0;
}

static int it_block(MD_BLOCKTYPE t, void *d, void *ud)
{
	(void)t;
	(void)d;
	(void)ud;
	return 0;
}

static int it_span(MD_SPANTYPE t, void *d, void *ud)
{
	(void)t;
	(void)d;
	(void)ud;
	return 0;
}

static int it_text(MD_TEXTTYPE t, const MD_CHAR *s, MD_SIZE n, void *ud)
{
	itext *x = ud;
	if (t == MD_TEXT_ENTITY) {
		char out[32];
		entity(s, n, out, sizeof out);
		it_put(x, out, strlen(out));
	} else if (t == MD_TEXT_SOFTBR || t == MD_TEXT_BR) {
		it_put(x, " ", 1);
	} else if (t != MD_TEXT_HTML) {
		it_put(x, s, n);
	}
	return 0;
}

char *pres_markdown_inline(const char *s, size_t n)
{
	itext x = {0};
	MD_PARSER parser = {0, MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS, it_block, it_block,
	                    it_span, it_span, it_text, NULL, NULL};
	if (n > 0xFFFFFFFFu || md_parse(s, (MD_SIZE)n, &parser, &x) != 0 || x.oom) {
		free(x.s);
		return NULL;
	}
	if (!x.s)
		x.s = calloc(1, 1);
	return x.s;
}
