/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * book_html: a chapter's XHTML (or an HTML file) made into text.  libxml2
 * parses it (loaded with dlopen, as libarchive is: it brings ICU, which
 * every start would pay for); this file walks the tree: blocks become
 * lines, inline markup becomes spans, ruby becomes base《reading》, ids
 * become anchors that links and the table of contents point to.
 *
 * libxml2 is used safely: no network, no external entities or DTDs (a
 * loader that refuses them all), no huge-document option, so entity loops
 * are refused; its error messages never reach the terminal.
 */
#include "build.h"
#include "book_priv.h"
#include "fanye/dl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

/* ---- libxml2 ------------------------------------------------------------------ */

static struct {
	bool tried, ok;
	void (*init)(void);
	xmlDocPtr (*read_xml)(const char *, int, const char *, const char *, int);
	htmlDocPtr (*read_html)(const char *, int, const char *, const char *, int);
	void (*free_doc)(xmlDocPtr);
	xmlNodePtr (*root)(const xmlDoc *);
	void (*set_loader)(xmlExternalEntityLoader);
	void (*set_generic)(void *, xmlGenericErrorFunc);
	void (*set_structured)(void *, xmlStructuredErrorFunc);
	const htmlEntityDesc *(*entity)(const xmlChar *);
} lx;

static xmlParserInputPtr no_loader(const char *url, const char *id, xmlParserCtxtPtr ctx)
{
	(void)url;
	(void)id;
	(void)ctx;
	return NULL;
}

static void no_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void no_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

bool book_xml_loaded(void)
{
	if (lx.tried)
		return lx.ok;
	lx.tried = true;
	static const char *const names[] = {"libxml2.so.2", "libxml2.so", NULL};
	const dl_sym syms[] = {
		{"xmlInitParser", (void **)&lx.init},
		{"xmlReadMemory", (void **)&lx.read_xml},
		{"htmlReadMemory", (void **)&lx.read_html},
		{"xmlFreeDoc", (void **)&lx.free_doc},
		{"xmlDocGetRootElement", (void **)&lx.root},
		{"xmlSetExternalEntityLoader", (void **)&lx.set_loader},
		{"xmlSetGenericErrorFunc", (void **)&lx.set_generic},
		{"xmlSetStructuredErrorFunc", (void **)&lx.set_structured},
		{"htmlEntityLookup", (void **)&lx.entity},
	};
	lx.ok = dl_bind(names, syms, sizeof syms / sizeof *syms);
	if (lx.ok) {
		lx.init();
		lx.set_loader(no_loader);
		lx.set_generic(NULL, no_generic);
		lx.set_structured(NULL, no_structured);
	}
	return lx.ok;
}

xmlDocPtr book_xml_read(const unsigned char *data, size_t len, bool html, const char *enc)
{
	if (!book_xml_loaded() || len > (size_t)1 << 30)
		return NULL;
	if (html)
		return lx.read_html((const char *)data, (int)len, NULL, enc,
		                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
	return lx.read_xml((const char *)data, (int)len, NULL, enc,
	                   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

void book_xml_free(xmlDocPtr doc)
{
	if (doc)
		lx.free_doc(doc);
}

xmlNodePtr book_xml_root(xmlDocPtr doc)
{
	return doc ? lx.root(doc) : NULL;
}

const char *book_attr(xmlNodePtr n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		/* the HTML parser keeps "epub:type" whole */
		const char *an = a->name ? (const char *)a->name : "";
		const char *colon = strchr(an, ':');
		if (colon)
			an = colon + 1;
		if (strcasecmp(an, name) == 0)
			return a->children && a->children->content ? (const char *)a->children->content : "";
	}
	return NULL;
}

bool book_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, name) == 0;
}

/* ---- text of a subtree ------------------------------------------------------------ */

typedef struct sbuf {
	char *s;
	size_t n, cap;
	bool space, oom;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap : 64;
		while (nc < b->n + n + 1)
			nc *= 2;
		char *ns = realloc(b->s, nc);
		if (!ns) {
			b->oom = true;
			return;
		}
		b->s = ns;
		b->cap = nc;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void sb_text(sbuf *b, const char *s)
{
	for (; *s; s++) {
		if (is_space((unsigned char)*s)) {
			b->space = b->n > 0;
			continue;
		}
		if (b->space)
			sb_add(b, " ", 1);
		b->space = false;
		sb_add(b, s, 1);
	}
}

static void collect(sbuf *b, xmlNodePtr n, int depth)
{
	for (; n && depth < 200; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				sb_text(b, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && !book_is(n, "rt") && !book_is(n, "rp") &&
		           !book_is(n, "script") && !book_is(n, "style")) {
			collect(b, n->children, depth + 1);
		}
	}
}

char *book_node_text(xmlNodePtr n)
{
	sbuf b = {0};
	if (n)
		collect(&b, n->children, 0);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s ? b.s : strdup("");
}

/* ---- the walk ---------------------------------------------------------------------- */

#define MAX_INLINE 32
#define MAX_DEPTH 256

typedef struct gen {
	book *b;
	int member;
	bool open;             /* a line is open */
	int want;              /* before the next line: 1 a newline, 2 a blank line */
	bool space, space_nl;  /* whitespace waits */
	uint32_t last;         /* the last code point put */
	size_t line_text;      /* where the open line's text (after a bullet) starts */
	int quote, list, pre, heading, note, cell, hidden;
	int item;              /* inside a list item: its blocks are tight */
	uint8_t flags;         /* extra BOOK_ flags for the next line */
	char bullet[16];       /* put before the next line's text */
	struct {
		uint8_t kind;
		uint32_t aux;
		size_t start;
		bool started;
	} inl[MAX_INLINE];
	int ninl;
	size_t pend0;          /* anchors from here on wait for the next text */
	bool row_first;        /* the next cell is its row's first */
} gen;

static size_t total(const book *b)
{
	return b->obase + b->olen;
}


/* Punctuation that sits beside CJK text without a space: quotation marks,
 * dashes, the ellipsis. */
static bool cjk_punct(uint32_t c)
{
	return c >= 0x2010 && c <= 0x206F;
}

static bool cjk(uint32_t c)
{
	return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* Opens a line: its separator, its block, the anchors waiting for it, its
 * bullet. */
static void open_line(gen *g)
{
	book *b = g->b;
	if (total(b) > 0 || b->lines.n > 0)
		book_out(b, "\n\n", g->want >= 2 ? 2 : 1);
	if (b->lines.n && g->want >= 2)
		b->lines.v[b->lines.n - 1].blank_after = true;
	g->want = 0;
	book_line L = {total(b), total(b), (uint8_t)(g->heading), (uint8_t)(g->quote > 255 ? 255 : g->quote),
	               (uint8_t)(g->list > 255 ? 255 : g->list), g->flags, 0, false, 0};
	if (g->pre)
		L.flags |= BOOK_PRE;
	if (g->note)
		L.flags |= BOOK_NOTE;
	g->flags = 0;
	if (g->bullet[0]) {
		size_t k = strlen(g->bullet);
		book_out(b, g->bullet, k);
		L.hang = (uint16_t)k;
		g->bullet[0] = 0;
	}
	if (!BOOK_PUSH(b->lines, L))
		b->oom = true;
	for (size_t i = g->pend0; i < b->anchors.n; i++)
		b->anchors.v[i].off = L.start;
	g->pend0 = b->anchors.n;
	g->open = true;
	g->space = false;
	g->last = 0;
	g->line_text = total(b);
}

/* Closes the open line (if any); w: what separates it from the next. */
static void end_line(gen *g, int w)
{
	book *b = g->b;
	if (g->open) {
		size_t end = total(b);
		b->lines.v[b->lines.n - 1].end = end;
		for (int i = 0; i < g->ninl; i++) {
			if (g->inl[i].started && end > g->inl[i].start) {
				book_span sp = {g->inl[i].start, end, g->inl[i].aux, g->inl[i].kind};
				if (!BOOK_PUSH(b->spans, sp))
					b->oom = true;
			}
			g->inl[i].started = false;
		}
		g->open = false;
	}
	g->space = false;
	if (w > g->want)
		g->want = w;
}

/* Puts one character (UTF-8 s[0..n), code point c), after the whitespace
 * waiting before it. */
static void put_char(gen *g, const uint8_t *s, size_t n, uint32_t c)
{
	book *b = g->b;
	if (!g->open)
		open_line(g);
	/* a newline between CJK characters (or CJK and its punctuation) is
	 * where the source was wrapped, not a space */
	bool join = g->space_nl && ((cjk(g->last) && (cjk(c) || cjk_punct(c))) || (cjk_punct(g->last) && cjk(c)));
	if (g->space && total(b) > g->line_text && !join)
		book_out(b, " ", 1);
	g->space = g->space_nl = false;
	for (int i = 0; i < g->ninl; i++)
		if (!g->inl[i].started) {
			g->inl[i].started = true;
			g->inl[i].start = total(b);
		}
	for (size_t i = g->pend0; i < b->anchors.n; i++)
		b->anchors.v[i].off = total(b);
	g->pend0 = b->anchors.n;
	book_out(b, s, n);
	g->last = c;
}

/* Puts text: whitespace collapses (kept in preformatted text, where a
 * newline ends the line); controls are left out. */
static void put_text(gen *g, const char *text, bool literal)
{
	const uint8_t *s = (const uint8_t *)text;
	size_t n = strlen(text);
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int k = u8_mbtouc(&c, s + i, n - i);
		if (k <= 0)
			k = 1;
		if (c == 0xFFFD && !(k == 3 && s[i] == 0xEF)) {
			i += (size_t)k;
			continue;
		}
		if (g->pre && !literal) {
			if (c == '\n') {
				if (!g->open)
					open_line(g);
				end_line(g, 1);
			} else if (c == '\t') {
				do
					put_char(g, (const uint8_t *)" ", 1, ' ');
				while ((total(g->b) - g->line_text) % 8);
			} else if (c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) && c != 0xFEFF) {
				put_char(g, s + i, (size_t)k, c);
			}
		} else if (!literal && (is_space((int)c) || c == 0x2028 || c == 0x2029)) {
			g->space = true;
			g->space_nl |= c != ' ' && c != '\t';
		} else if (c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) && c != 0xFEFF) {
			put_char(g, s + i, (size_t)k, c);
		}
		i += (size_t)k;
	}
}

static void span_open(gen *g, uint8_t kind, uint32_t aux)
{
	if (g->ninl < MAX_INLINE)
		g->inl[g->ninl++] = (__typeof__(g->inl[0])){kind, aux, 0, false};
	else
		g->ninl++;
}

static void span_close(gen *g)
{
	if (g->ninl <= 0)
		return;
	g->ninl--;
	if (g->ninl >= MAX_INLINE)
		return;
	if (g->inl[g->ninl].started && total(g->b) > g->inl[g->ninl].start) {
		book_span sp = {g->inl[g->ninl].start, total(g->b), g->inl[g->ninl].aux, g->inl[g->ninl].kind};
		if (!BOOK_PUSH(g->b->spans, sp))
			g->b->oom = true;
	}
}

/* An anchor for the element's id (and an <a name>): it takes the offset of
 * the next text. */
static void anchor(gen *g, xmlNodePtr n)
{
	const char *id = book_attr(n, "id");
	if (!id && book_is(n, "a"))
		id = book_attr(n, "name");
	if (!id || !*id)
		return;
	book_anchor a = {g->member, strdup(id), SIZE_MAX};
	if (!a.id || !BOOK_PUSH(g->b->anchors, a)) {
		free(a.id);
		g->b->oom = true;
	}
}

static bool has_word(const char *list, const char *word)
{
	size_t k = strlen(word);
	for (const char *p = list; p && (p = strstr(p, word)) != NULL; p += k)
		if ((p == list || is_space((unsigned char)p[-1]) || p[-1] == ':') &&
		    (p[k] == 0 || is_space((unsigned char)p[k])))
			return true;
	return false;
}

/* What CSS counts here: display: none in the element's style, and the
 * hidden attribute. */
static bool hidden(xmlNodePtr n)
{
	if (book_attr(n, "hidden"))
		return true;
	const char *st = book_attr(n, "style");
	if (!st)
		return false;
	char sq[256];
	size_t k = 0;
	for (const char *p = st; *p && k + 1 < sizeof sq; p++)
		if (!is_space((unsigned char)*p))
			sq[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	sq[k] = 0;
	return strstr(sq, "display:none") != NULL;
}

static const char *const blocks[] = {
	"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div", "dl", "dt",
	"fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "li", "main", "nav", "ol", "p",
	"section", "summary", "ul", "caption", "table", "tr", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6", NULL};

static bool is_block(xmlNodePtr n)
{
	for (size_t i = 0; blocks[i]; i++)
		if (book_is(n, blocks[i]))
			return true;
	return false;
}

static int heading_level(xmlNodePtr n)
{
	const char *name = (const char *)n->name;
	if ((name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' && name[2] == 0)
		return name[1] - '0';
	return 0;
}

static void walk(gen *g, xmlNodePtr n, int depth);
static void node(gen *g, xmlNodePtr n, int depth);
static void block(gen *g, xmlNodePtr n, int depth);

/* A ruby: each base and its reading as base《reading》 in one span. */
static void ruby(gen *g, xmlNodePtr n)
{
	sbuf base = {0};
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (book_is(c, "rp"))
			continue;
		if (book_is(c, "rt")) {
			char *r = book_node_text(c);
			if (base.n && r && *r) {
				if (!g->open)
					open_line(g);
				span_open(g, BOOK_RUBY, (uint32_t)base.n);
				put_text(g, base.s, true);
				put_text(g, "\xE3\x80\x8A", true);
				put_text(g, r, true);
				put_text(g, "\xE3\x80\x8B", true);
				span_close(g);
			} else if (base.n) {
				put_text(g, base.s, false);
			}
			free(r);
			base.n = 0;
			base.space = false;
			continue;
		}
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				sb_text(&base, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE) {
			char *t = book_node_text(c);
			if (t)
				sb_text(&base, t);
			free(t);
		}
	}
	if (base.n)
		put_text(g, base.s, false);
	free(base.s);
}

static void image(gen *g, xmlNodePtr n)
{
	const char *alt = book_attr(n, "alt");
	char buf[512];
	snprintf(buf, sizeof buf, alt && *alt ? "[image: %s]" : "[image]", alt);
	/* an alt written over lines is one line here */
	for (char *p = buf; *p; p++)
		if (is_space((unsigned char)*p))
			*p = ' ';
	span_open(g, BOOK_IMAGE, 0);
	put_text(g, buf, true);
	span_close(g);
}

static void link(gen *g, xmlNodePtr n, int depth)
{
	const char *href = book_attr(n, "href");
	char *id = NULL;
	int m = href && *href ? book_resolve(g->b, g->member, href, &id) : -1;
	if (m < 0) {
		free(id);
		walk(g, n->children, depth + 1);
		return;
	}
	book_link L = {m, id, SIZE_MAX};
	if (!BOOK_PUSH(g->b->links, L)) {
		free(id);
		walk(g, n->children, depth + 1);
		return;
	}
	span_open(g, BOOK_LINK, (uint32_t)(g->b->links.n - 1));
	walk(g, n->children, depth + 1);
	span_close(g);
}

/* Whether an element is a note: a footnote or an endnote, or a list of
 * them, by epub:type or role. */
static bool is_note(xmlNodePtr n)
{
	const char *type = book_attr(n, "type");
	const char *role = book_attr(n, "role");
	return (type && (has_word(type, "footnote") || has_word(type, "endnote") || has_word(type, "rearnote") ||
	                 has_word(type, "footnotes") || has_word(type, "endnotes"))) ||
	       (role && (has_word(role, "doc-footnote") || has_word(role, "doc-endnote") ||
	                 has_word(role, "doc-endnotes")));
}

/* <hr>: a rule between scenes. */
static void rule(gen *g)
{
	g->flags |= BOOK_CENTER;
	open_line(g);
	put_text(g, "* * *", true);
	end_line(g, 2);
}

/* <ul>, <ol>: each item a line with its bullet or number. */
static void list(gen *g, xmlNodePtr n, int depth)
{
	g->list++;
	const char *start = book_attr(n, "start");
	int num = start ? atoi(start) : 1;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (book_is(c, "li") && !hidden(c)) {
			if (book_is(n, "ol"))
				snprintf(g->bullet, sizeof g->bullet, "%d. ", num++);
			else
				snprintf(g->bullet, sizeof g->bullet, "%s", "\xE2\x80\xA2 ");
			anchor(g, c);
			g->item++;
			block(g, c, depth + 1);
			g->item--;
			g->bullet[0] = 0;
		} else if (depth < MAX_DEPTH) {
			node(g, c, depth + 1);
		}
	}
	g->list--;
	end_line(g, g->list ? 1 : 2);
}

/* <tr>: a line of cells, "a | b", header cells strong. */
static void row(gen *g, xmlNodePtr n, int depth)
{
	g->row_first = true;
	g->cell++;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (!book_is(c, "td") && !book_is(c, "th"))
			continue;
		if (!g->row_first)
			put_text(g, " | ", true);
		g->row_first = false;
		anchor(g, c);
		if (book_is(c, "th"))
			span_open(g, BOOK_STRONG, 0);
		walk(g, c->children, depth + 1);
		if (book_is(c, "th"))
			span_close(g);
	}
	g->cell--;
	end_line(g, 1);
}

/* A heading's text, for the outline when the book has no table of
 * contents: it starts at line first. */
static void heading_candidate(gen *g, xmlNodePtr n, int level, size_t first)
{
	if (g->b->lines.n <= first)
		return;
	char *t = book_node_text(n);
	book_head h = {g->b->lines.v[first].start, level, t};
	if (!t || !*t || !BOOK_PUSH(g->b->hcand, h))
		free(t);
}

/* A block element: its lines, with the block's state (heading, quote,
 * note, pre) around its children. */
static void block(gen *g, xmlNodePtr n, int depth)
{
	if (g->cell) {
		/* inside a table cell, blocks run on in the cell */
		g->space = true;
		walk(g, n->children, depth + 1);
		g->space = true;
		return;
	}
	bool item = book_is(n, "li") || book_is(n, "dt") || book_is(n, "dd") || book_is(n, "tr") ||
	            (g->item && !book_is(n, "ul") && !book_is(n, "ol"));
	end_line(g, item ? 1 : 2);
	if (book_is(n, "hr")) {
		rule(g);
		return;
	}
	if (book_is(n, "ul") || book_is(n, "ol")) {
		list(g, n, depth);
		return;
	}
	if (book_is(n, "tr")) {
		row(g, n, depth);
		return;
	}
	int level = heading_level(n);
	bool note = is_note(n), quote = book_is(n, "blockquote"), pre = book_is(n, "pre"), dt = book_is(n, "dt");
	g->heading += level && !g->heading ? level : 0;
	g->quote += quote;
	g->note += note;
	g->pre += pre;
	if (dt)
		span_open(g, BOOK_STRONG, 0);
	size_t first = g->b->lines.n;
	xmlNodePtr c = n->children;
	/* a newline just after <pre> is not the text's */
	if (pre && c && c->type == XML_TEXT_NODE && c->content && c->content[0] == '\n') {
		put_text(g, (const char *)c->content + 1, false);
		c = c->next;
	}
	walk(g, c, depth + 1);
	if (dt)
		span_close(g);
	end_line(g, item ? 1 : 2);
	if (level && g->heading == level) {
		heading_candidate(g, n, level, first);
		g->heading = 0;
	}
	g->quote -= quote;
	g->note -= note;
	g->pre -= pre;
}

static void element(gen *g, xmlNodePtr n, int depth)
{
	static const char *const skip[] = {"head", "script", "style", "template", "rp", "rt", "noscript", "title",
	                                   "iframe", "object", "audio", "video", "canvas", "map", NULL};
	for (size_t i = 0; skip[i]; i++)
		if (book_is(n, skip[i]))
			return;
	if (hidden(n))
		return;
	anchor(g, n);
	const char *type = book_attr(n, "type");
	if (type && has_word(type, "pagebreak"))
		return;
	if (book_is(n, "br")) {
		if (g->cell)
			g->space = true;
		else if (g->open)
			end_line(g, 1);
		else
			open_line(g), end_line(g, 1);
		return;
	}
	if (book_is(n, "img") || book_is(n, "image")) {
		image(g, n);
		return;
	}
	if (book_is(n, "svg")) {
		/* a cover: an image in an svg */
		for (xmlNodePtr c = n->children; c; c = c->next)
			if (book_is(c, "image")) {
				image(g, c);
				break;
			}
		return;
	}
	if (book_is(n, "math")) {
		const char *alt = book_attr(n, "alttext");
		put_text(g, alt && *alt ? alt : "[math]", true);
		return;
	}
	if (book_is(n, "ruby")) {
		ruby(g, n);
		return;
	}
	if (book_is(n, "a")) {
		link(g, n, depth);
		return;
	}
	if (is_block(n)) {
		block(g, n, depth);
		return;
	}
	int kind = -1;
	if (book_is(n, "em") || book_is(n, "i") || book_is(n, "cite") || book_is(n, "dfn") || book_is(n, "var"))
		kind = BOOK_EMPH;
	else if (book_is(n, "strong") || book_is(n, "b"))
		kind = BOOK_STRONG;
	else if (book_is(n, "code") || book_is(n, "kbd") || book_is(n, "samp") || book_is(n, "tt"))
		kind = BOOK_CODE;
	else if (book_is(n, "del") || book_is(n, "s") || book_is(n, "strike"))
		kind = BOOK_DEL;
	if (kind >= 0)
		span_open(g, (uint8_t)kind, 0);
	walk(g, n->children, depth + 1);
	if (kind >= 0)
		span_close(g);
}

/* One node of the tree. */
static void node(gen *g, xmlNodePtr n, int depth)
{
	switch (n->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content)
			put_text(g, (const char *)n->content, false);
		break;
	case XML_ENTITY_REF_NODE: {
		/* &nbsp; and the like under an XHTML DOCTYPE */
		const htmlEntityDesc *e = n->name ? lx.entity(n->name) : NULL;
		if (e) {
			uint8_t u[8];
			int k = u8_uctomb(u, e->value, sizeof u - 1);
			if (k > 0) {
				u[k] = 0;
				put_text(g, (const char *)u, true);
			}
		}
		break;
	}
	case XML_ELEMENT_NODE:
		element(g, n, depth);
		break;
	default:
		break;
	}
}

/* A node and the siblings after it. */
static void walk(gen *g, xmlNodePtr n, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (; n; n = n->next)
		node(g, n, depth);
}

/* The body of a parsed page (or its root). */
static xmlNodePtr body_of(xmlNodePtr root)
{
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (book_is(c, "body"))
			return c;
	return root;
}

static int cmp_span(const void *a, const void *b)
{
	const book_span *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

void book_make_chapter(book *b, int member, bool html)
{
	book_member *m = &b->members.v[member];
	xmlDocPtr doc = NULL;
	if (!html && !(doc = book_xml_read(m->data, m->len, false, NULL))) {
		html = true;
		book_warn(b, "%s: not well-formed XHTML; read as HTML", m->name);
	}
	if (html && !doc && !(doc = book_xml_read(m->data, m->len, true, b->html_enc))) {
		book_warn(b, "%s: cannot be read as HTML; left out", m->name);
		return;
	}
	xmlNodePtr root = book_xml_root(doc);
	if (html && !b->title) {
		/* an HTML file's <title> */
		for (xmlNodePtr h = root ? root->children : NULL; h; h = h->next)
			if (book_is(h, "head"))
				for (xmlNodePtr t = h->children; t; t = t->next)
					if (book_is(t, "title")) {
						char *s = book_node_text(t);
						if (s && *s && !b->title)
							b->title = s;
						else
							free(s);
					}
	}
	gen g;
	memset(&g, 0, sizeof g);
	g.b = b;
	g.member = member;
	g.want = 2;
	/* the chapter's start: where its first text is */
	book_anchor start = {member, strdup(""), SIZE_MAX};
	g.pend0 = b->anchors.n;
	if (!start.id || !BOOK_PUSH(b->anchors, start)) {
		free(start.id);
		b->oom = true;
	}
	size_t spans0 = b->spans.n;
	walk(&g, body_of(root), 0);
	end_line(&g, 2);
	/* anchors after the last text point at the chapter's end */
	for (size_t i = g.pend0; i < b->anchors.n; i++)
		b->anchors.v[i].off = total(b);
	if (b->spans.n > spans0)
		qsort(b->spans.v + spans0, b->spans.n - spans0, sizeof *b->spans.v, cmp_span);
	book_xml_free(doc);
}
