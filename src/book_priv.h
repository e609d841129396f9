/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * book_priv: what the book module's files share: the book itself (the
 * members read from the zip, the spine, the text made so far and what it
 * means) and the XHTML walk that makes a chapter's text.  Not for other
 * modules.
 */
#ifndef FANYE_BOOK_PRIV_H
#define FANYE_BOOK_PRIV_H

#include "fanye/book.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

typedef struct book_member {
	char *name;            /* its path in the zip */
	unsigned char *data;
	size_t len;
	bool encrypted;        /* by the zip or by encryption.xml (DRM) */
} book_member;

/* A place in the book: a member and an id in it ("" for its start). */
typedef struct book_anchor {
	int member;
	char *id;
	size_t off;
} book_anchor;

typedef struct book_link {
	int member;
	char *id;
	size_t off;            /* resolved, or SIZE_MAX */
} book_link;

typedef struct book_toc {
	int member;
	char *id;
	int level;
	char *title;
	bool done;
} book_toc;

#define BOOK_VEC(T) struct { T *v; size_t n, cap; }

struct book {
	const char *kind;      /* "EPUB" or "HTML" */
	char *title;
	char warning[256];
	const char *path;
	BOOK_VEC(book_member) members;
	int *spine;            /* member indexes, -1: missing */
	size_t nspine, next;   /* the next chapter to make */
	char *html_enc;        /* an HTML file's or subtitles' encoding, or NULL */
	const char *enc_how;   /* how it was chosen */
	BOOK_VEC(book_toc) toc;
	/* the text: out[0..olen) is offsets [obase, obase + olen); read up to opos */
	unsigned char *out;
	size_t olen, ocap, opos, obase;
	bool oom;
	BOOK_VEC(book_line) lines;
	BOOK_VEC(book_span) spans;
	BOOK_VEC(book_head) heads;
	BOOK_VEC(book_head) hcand;  /* the headings of the chapter being made */
	BOOK_VEC(book_anchor) anchors;
	BOOK_VEC(book_link) links;
	BOOK_VEC(book_turn) turns;
};

/* Makes room for one more element in a vector; false when out of memory. */
bool book_vec_room(void **v, size_t *cap, size_t n, size_t size);
#define BOOK_PUSH(vec, x) \
	(book_vec_room((void **)&(vec).v, &(vec).cap, (vec).n, sizeof *(vec).v) ? ((vec).v[(vec).n++] = (x), true) : false)

/* libxml2, loaded with dlopen; false when it cannot be. */
bool book_xml_loaded(void);
/* data parsed as XML (html false) or HTML; NULL when it is not. */
xmlDocPtr book_xml_read(const unsigned char *data, size_t len, bool html, const char *enc);
void book_xml_free(xmlDocPtr doc);
xmlNodePtr book_xml_root(xmlDocPtr doc);
/* An attribute's value (any namespace), or NULL; points into the tree. */
const char *book_attr(xmlNodePtr n, const char *name);
/* Whether an element's name is name (case does not matter). */
bool book_is(xmlNodePtr n, const char *name);
/* The text of a subtree, spaces collapsed, ruby readings left out:
 * malloc'd (NULL when out of memory). */
char *book_node_text(xmlNodePtr n);
/* The member the reference href (from member `from`) points to, or -1;
 * *id gets its fragment (malloc'd, "" for none). */
int book_resolve(const book *b, int from, const char *href, char **id);
/* The member called name, or -1. */
int book_member_find(const book *b, const char *name);

/* The bytes of the file at path (decompressed when it is compressed),
 * NUL-terminated, at most max; NULL with a message.  A damaged one gives
 * what was read, with the message left in err. */
unsigned char *book_slurp(const char *path, size_t max, size_t *len, char *err, size_t errlen);
/* The name without a compression's extension, in buf. */
const char *book_plain_name(const char *path, char *buf, size_t n);

/* Makes chapter `member`'s text (book_html.c): appended to out, with its
 * lines, spans, anchors and headings.  html: parse as HTML from the start. */
void book_make_chapter(book *b, int member, bool html);
/* Appends s[0..n) to the text being made. */
void book_out(book *b, const void *s, size_t n);
/* Notes a problem (the first is kept). */
void book_warn(book *b, const char *fmt, ...);

#endif
