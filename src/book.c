/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * book: the EPUB container (META-INF/container.xml, the OPF's manifest and
 * spine, nav.xhtml or toc.ncx, encryption.xml) and HTML files; the text is
 * made a chapter at a time as it is read (see book.h).  The zip is read
 * through unpack (libarchive) into memory, members by name; nothing is
 * written to disk, and names that climb out of the book are refused.
 */
#include "build.h"
#include "book_priv.h"
#include "fanye/doc.h"
#include "fanye/unpack.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

/* The most an EPUB's text members may take in memory. */
#define BOOK_MAX ((size_t)512 << 20)

bool book_vec_room(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t nc = *cap ? *cap * 2 : 16;
	void *nv = realloc(*v, nc * size);
	if (!nv)
		return false;
	*v = nv;
	*cap = nc;
	return true;
}

void book_out(book *b, const void *s, size_t n)
{
	if (b->oom || n == 0)
		return;
	if (b->olen + n > b->ocap) {
		size_t nc = b->ocap ? b->ocap : 65536;
		while (nc < b->olen + n)
			nc *= 2;
		unsigned char *no = realloc(b->out, nc);
		if (!no) {
			b->oom = true;
			return;
		}
		b->out = no;
		b->ocap = nc;
	}
	memcpy(b->out + b->olen, s, n);
	b->olen += n;
}

void book_warn(book *b, const char *fmt, ...)
{
	if (b->warning[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b->warning, sizeof b->warning, fmt, ap);
	va_end(ap);
}

/* ---- names ------------------------------------------------------------------------ */

int book_member_find(const book *b, const char *name)
{
	for (size_t i = 0; i < b->members.n; i++)
		if (strcmp(b->members.v[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* dir (a member's name, up to its last '/') joined with a relative path,
 * "." and ".." resolved, %XX decoded; NULL when it climbs out of the book
 * or is not a path in it (a URL). */
static char *join(const char *from, const char *rel, size_t rlen)
{
	for (size_t i = 0; i < rlen && rel[i] != '/'; i++)
		if (rel[i] == ':')
			return NULL; /* http:, mailto: ... */
	size_t dlen = 0;
	if (rlen && rel[0] == '/') {
		rel++;
		rlen--;
	} else if (from) {
		const char *slash = strrchr(from, '/');
		dlen = slash ? (size_t)(slash - from) + 1 : 0;
	}
	char *p = malloc(dlen + rlen + 1);
	if (!p)
		return NULL;
	if (dlen)
		memcpy(p, from, dlen);
	size_t k = dlen;
	for (size_t i = 0; i < rlen; i++) {
		if (rel[i] == '%' && i + 2 < rlen && hexval(rel[i + 1]) >= 0 && hexval(rel[i + 2]) >= 0) {
			p[k++] = (char)(hexval(rel[i + 1]) * 16 + hexval(rel[i + 2]));
			i += 2;
		} else {
			p[k++] = rel[i];
		}
	}
	p[k] = 0;
	/* segments, in place */
	char *o = p;
	size_t olen = 0;
	for (char *s = p; *s;) {
		char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 0 || (n == 1 && s[0] == '.')) {
			/* nothing */
		} else if (n == 2 && s[0] == '.' && s[1] == '.') {
			if (olen == 0) {
				free(p);
				return NULL;
			}
			while (olen > 0 && o[olen - 1] != '/')
				olen--;
			if (olen > 0)
				olen--;
		} else {
			if (olen)
				o[olen++] = '/';
			memmove(o + olen, s, n);
			olen += n;
		}
		s = e ? e + 1 : s + n;
	}
	o[olen] = 0;
	return p;
}

int book_resolve(const book *b, int from, const char *href, char **id)
{
	*id = NULL;
	const char *hash = strchr(href, '#');
	size_t plen = hash ? (size_t)(hash - href) : strlen(href);
	int m;
	if (plen == 0) {
		m = from;
	} else {
		char *path = join(from >= 0 ? b->members.v[from].name : NULL, href, plen);
		m = path ? book_member_find(b, path) : -1;
		free(path);
	}
	if (m >= 0 && !(*id = strdup(hash ? hash + 1 : "")))
		m = -1;
	return m;
}

/* Whether a member's name stays inside the book. */
static bool safe_name(const char *name)
{
	if (!*name || name[0] == '/' || strchr(name, '\\'))
		return false;
	for (const char *s = name; *s;) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 2 && s[0] == '.' && s[1] == '.')
			return false;
		s = e ? e + 1 : s + n;
	}
	return true;
}

/* ---- reading the zip ---------------------------------------------------------------- */

typedef struct zread {
	book *b;
	bool mimetype;         /* "mimetype" says application/epub+zip */
	size_t unsafe;
	char first_unsafe[96];
} zread;

/* Images, fonts, audio and video are not read. */
static bool wanted(const char *name)
{
	static const char *const skip[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".svg", ".ttf", ".otf",
	                                   ".woff", ".woff2", ".mp3", ".mp4", ".m4a", ".ogg", ".webm", ".css", NULL};
	size_t n = strlen(name);
	for (size_t i = 0; skip[i]; i++) {
		size_t k = strlen(skip[i]);
		if (n >= k && strcasecmp(name + n - k, skip[i]) == 0)
			return false;
	}
	return true;
}

static bool take_member(void *ctx, const char *name, const unsigned char *data, size_t len, enum unpack_what what)
{
	zread *z = ctx;
	book *b = z->b;
	if (!safe_name(name)) {
		if (what == UNPACK_ASK && z->unsafe++ == 0)
			snprintf(z->first_unsafe, sizeof z->first_unsafe, "%s", name);
		return false;
	}
	if (what == UNPACK_ASK)
		return wanted(name);
	if (what == UNPACK_DATA && strcmp(name, "mimetype") == 0 && len >= 20 &&
	    memcmp(data, "application/epub+zip", 20) == 0)
		z->mimetype = true;
	book_member m = {strdup(name), NULL, 0, what == UNPACK_ENCRYPTED};
	if (m.name && what == UNPACK_DATA && (m.data = malloc(len + 1)) != NULL) {
		memcpy(m.data, data, len);
		m.data[len] = 0;
		m.len = len;
	}
	if (!m.name || (what == UNPACK_DATA && !m.data) || !BOOK_PUSH(b->members, m)) {
		free(m.name);
		free(m.data);
		b->oom = true;
	}
	return true;
}

static xmlDocPtr member_xml(book *b, int m)
{
	if (m < 0 || !b->members.v[m].data)
		return NULL;
	return book_xml_read(b->members.v[m].data, b->members.v[m].len, false, NULL);
}

/* The first element called name in a subtree (depth first). */
static xmlNodePtr find(xmlNodePtr n, const char *name, int depth)
{
	for (; n && depth < 64; n = n->next) {
		if (book_is(n, name))
			return n;
		xmlNodePtr r = find(n->children, name, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

/* ---- the package -------------------------------------------------------------------- */

/* META-INF/encryption.xml: members encrypted for DRM (font obfuscation is
 * not: the fonts are not read). */
static void encryption(book *b)
{
	int m = book_member_find(b, "META-INF/encryption.xml");
	xmlDocPtr x = member_xml(b, m);
	if (!x)
		return;
	for (xmlNodePtr e = book_xml_root(x) ? book_xml_root(x)->children : NULL; e; e = e->next) {
		if (!book_is(e, "EncryptedData"))
			continue;
		xmlNodePtr meth = find(e->children, "EncryptionMethod", 0);
		const char *alg = meth ? book_attr(meth, "Algorithm") : NULL;
		if (alg && (strstr(alg, "idpf.org/2008/embedding") || strstr(alg, "ns.adobe.com/pdf/enc#RC")))
			continue;
		xmlNodePtr ref = find(e->children, "CipherReference", 0);
		const char *uri = ref ? book_attr(ref, "URI") : NULL;
		char *id = NULL;
		int k = uri ? book_resolve(b, -1, uri, &id) : -1;
		free(id);
		if (k >= 0)
			b->members.v[k].encrypted = true;
	}
	book_xml_free(x);
}

/* A table of contents entry. */
static void toc_add(book *b, int from, const char *href, const char *title, int level)
{
	char *id = NULL;
	int m = href ? book_resolve(b, from, href, &id) : -1;
	char *t = title ? strdup(title) : NULL;
	book_toc e = {m, id, level, t, false};
	if (m < 0 || !t || !*t || !BOOK_PUSH(b->toc, e)) {
		free(id);
		free(t);
	}
}

/* nav.xhtml: the <nav epub:type="toc">'s nested lists. */
static void nav_list(book *b, int from, xmlNodePtr ol, int level)
{
	for (xmlNodePtr li = ol->children; li && level < 12; li = li->next) {
		if (!book_is(li, "li"))
			continue;
		for (xmlNodePtr c = li->children; c; c = c->next) {
			if (book_is(c, "a") || book_is(c, "span")) {
				char *t = book_node_text(c);
				toc_add(b, from, book_attr(c, "href"), t, level);
				free(t);
			} else if (book_is(c, "ol") || book_is(c, "ul")) {
				nav_list(b, from, c, level + 1);
			}
		}
	}
}

static bool nav_toc(book *b, int m)
{
	xmlDocPtr x = member_xml(b, m);
	if (!x)
		return false;
	xmlNodePtr nav = NULL, first = NULL;
	for (xmlNodePtr n = find(book_xml_root(x), "nav", 0); n; n = n->next) {
		if (!book_is(n, "nav"))
			continue;
		if (!first)
			first = n;
		const char *type = book_attr(n, "type");
		if (type && strstr(type, "toc")) {
			nav = n;
			break;
		}
	}
	if (!nav)
		nav = first;
	xmlNodePtr ol = nav ? find(nav->children, "ol", 0) : NULL;
	if (ol)
		nav_list(b, m, ol, 1);
	book_xml_free(x);
	return b->toc.n > 0;
}

/* toc.ncx: navPoints, nested. */
static void ncx_points(book *b, int from, xmlNodePtr n, int level)
{
	for (; n && level < 12; n = n->next) {
		if (!book_is(n, "navPoint"))
			continue;
		xmlNodePtr label = find(n->children, "navLabel", 0);
		xmlNodePtr content = NULL;
		for (xmlNodePtr c = n->children; c; c = c->next)
			if (book_is(c, "content"))
				content = c;
		char *t = label ? book_node_text(label) : NULL;
		toc_add(b, from, content ? book_attr(content, "src") : NULL, t, level);
		free(t);
		ncx_points(b, from, n->children, level + 1);
	}
}

static bool ncx_toc(book *b, int m)
{
	xmlDocPtr x = member_xml(b, m);
	if (!x)
		return false;
	xmlNodePtr map = find(book_xml_root(x), "navMap", 0);
	if (map)
		ncx_points(b, m, map->children, 1);
	book_xml_free(x);
	return b->toc.n > 0;
}

/* The OPF: title, manifest, spine and where the table of contents is. */
static bool package(book *b, int opf, char *err, size_t errlen)
{
	xmlDocPtr x = member_xml(b, opf);
	xmlNodePtr root = book_xml_root(x);
	if (!root) {
		snprintf(err, errlen, "%s: its package (%s) is not well-formed XML", b->path, b->members.v[opf].name);
		book_xml_free(x);
		return false;
	}
	xmlNodePtr meta = find(root->children, "metadata", 0);
	xmlNodePtr title = meta ? find(meta->children, "title", 0) : NULL;
	if (title)
		b->title = book_node_text(title);
	xmlNodePtr manifest = find(root->children, "manifest", 0);
	xmlNodePtr spine = find(root->children, "spine", 0);
	if (!manifest || !spine) {
		snprintf(err, errlen, "%s: its package (%s) has no %s", b->path, b->members.v[opf].name,
		         manifest ? "spine" : "manifest");
		book_xml_free(x);
		return false;
	}
	size_t nref = 0;
	for (xmlNodePtr r = spine->children; r; r = r->next)
		nref += book_is(r, "itemref");
	b->spine = calloc(nref ? nref : 1, sizeof *b->spine);
	if (!b->spine) {
		snprintf(err, errlen, "%s: out of memory", b->path);
		book_xml_free(x);
		return false;
	}
	const char *ncx_id = book_attr(spine, "toc");
	int nav = -1, ncx = -1;
	size_t missing = 0;
	char first_missing[96] = "";
	for (xmlNodePtr it = manifest->children; it; it = it->next) {
		if (!book_is(it, "item"))
			continue;
		const char *href = book_attr(it, "href"), *id = book_attr(it, "id");
		const char *props = book_attr(it, "properties"), *type = book_attr(it, "media-type");
		char *frag = NULL;
		int m = href ? book_resolve(b, opf, href, &frag) : -1;
		free(frag);
		if (m >= 0 && props && strstr(props, "nav"))
			nav = m;
		if (m >= 0 && ((ncx_id && id && strcmp(id, ncx_id) == 0) ||
		               (type && strcmp(type, "application/x-dtbncx+xml") == 0 && ncx < 0)))
			ncx = m;
	}
	for (xmlNodePtr r = spine->children; r; r = r->next) {
		if (!book_is(r, "itemref"))
			continue;
		const char *idref = book_attr(r, "idref");
		int m = -1;
		const char *href = NULL;
		for (xmlNodePtr it = manifest->children; idref && it; it = it->next)
			if (book_is(it, "item") && book_attr(it, "id") && strcmp(book_attr(it, "id"), idref) == 0)
				href = book_attr(it, "href");
		if (href) {
			char *frag = NULL;
			m = book_resolve(b, opf, href, &frag);
			free(frag);
		}
		if (m < 0 && missing++ == 0)
			snprintf(first_missing, sizeof first_missing, "%s", href ? href : idref ? idref : "?");
		if (m >= 0)
			b->spine[b->nspine++] = m;
	}
	book_xml_free(x);
	if (missing)
		book_warn(b, "%s: %zu chapter%s of the spine missing from the book (%s); the rest is shown", b->path,
		          missing, missing == 1 ? "" : "s", first_missing);
	if (!(nav >= 0 && nav_toc(b, nav)) && ncx >= 0)
		ncx_toc(b, ncx);
	return true;
}

/* The OPF's member: container.xml's rootfile, else the only .opf. */
static int find_opf(book *b)
{
	xmlDocPtr x = member_xml(b, book_member_find(b, "META-INF/container.xml"));
	xmlNodePtr rf = x ? find(book_xml_root(x), "rootfile", 0) : NULL;
	const char *p = rf ? book_attr(rf, "full-path") : NULL;
	char *id = NULL;
	int m = p ? book_resolve(b, -1, p, &id) : -1;
	free(id);
	book_xml_free(x);
	for (size_t i = 0; m < 0 && i < b->members.n; i++) {
		size_t n = strlen(b->members.v[i].name);
		if (n > 4 && strcasecmp(b->members.v[i].name + n - 4, ".opf") == 0)
			m = (int)i;
	}
	return m;
}

static book *book_new(const char *path, const char *kind)
{
	book *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->kind = kind;
	b->path = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	return b;
}

book *book_open_epub(const char *path, char *err, size_t errlen)
{
	err[0] = 0;
	book *b = book_new(path, "EPUB");
	if (!b) {
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	zread z = {b, false, 0, ""};
	char zerr[256] = "";
	int rc = unpack_zip_each(path, BOOK_MAX, take_member, &z, zerr, sizeof zerr);
	if (book_member_find(b, "META-INF/container.xml") < 0 && find_opf(b) < 0) {
		/* a zip, not a book (or nothing could be read of it) */
		book_close(b);
		if (rc < 0)
			snprintf(err, errlen, "%s", zerr);
		else if (z.mimetype)
			snprintf(err, errlen, "%s: an EPUB without its package (no .opf)", path);
		return NULL;
	}
	if (!book_xml_loaded()) {
		snprintf(err, errlen, "%s: an EPUB, and libxml2 cannot be loaded (Debian: libxml2)", path);
		book_close(b);
		return NULL;
	}
	if (rc < 0)
		book_warn(b, "%s", zerr);
	if (z.unsafe)
		book_warn(b, "%s: %zu member%s with a name outside the book (%s): left out", b->path, z.unsafe,
		          z.unsafe == 1 ? "" : "s", z.first_unsafe);
	encryption(b);
	int opf = find_opf(b);
	if (opf < 0 || !package(b, opf, err, errlen)) {
		if (opf < 0)
			snprintf(err, errlen, "%s: an EPUB without its package (no .opf)", path);
		book_close(b);
		return NULL;
	}
	size_t locked = 0;
	for (size_t i = 0; i < b->nspine; i++)
		locked += b->members.v[b->spine[i]].encrypted;
	if (locked) {
		b->warning[0] = 0;
		book_warn(b, "%s: DRM-protected (encryption.xml): %zu of %zu chapters cannot be read", b->path, locked,
		          b->nspine);
	}
	if (b->oom) {
		snprintf(err, errlen, "%s: out of memory", path);
		book_close(b);
		return NULL;
	}
	return b;
}

unsigned char *book_slurp(const char *path, size_t max, size_t *len, char *err, size_t errlen)
{
	unsigned char head[16];
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	size_t hn = fread(head, 1, sizeof head, f);
	rewind(f);
	const char *z = unpack_sniff(head, hn);
	unpack *u = NULL;
	if (z && strcmp(z, "zip") != 0) {
		fclose(f);
		f = NULL;
		if (!(u = unpack_open(path, err, errlen)))
			return NULL;
	}
	size_t cap = 65536, n = 0;
	unsigned char *s = malloc(cap);
	bool bad = false;
	while (s) {
		if (n + 1 >= cap) {
			unsigned char *ns = cap < max ? realloc(s, cap * 2) : NULL;
			if (!ns) {
				snprintf(err, errlen, "%s: more than %zu MiB, or out of memory", path, max >> 20);
				free(s);
				s = NULL;
				break;
			}
			s = ns;
			cap *= 2;
		}
		ssize_t k = u ? unpack_read(u, s + n, cap - 1 - n) : (ssize_t)fread(s + n, 1, cap - 1 - n, f);
		if (k < 0) {
			/* damaged: what was read stands */
			snprintf(err, errlen, "%s: damaged %s (%s)", path, z, unpack_error(u));
			bad = true;
		}
		if (k <= 0)
			break;
		n += (size_t)k;
	}
	if (f && ferror(f)) {
		snprintf(err, errlen, "%s: cannot be read", path);
		free(s);
		s = NULL;
	}
	if (f)
		fclose(f);
	unpack_close(u);
	if (!s)
		return NULL;
	if (!bad)
		err[0] = 0;
	s[n] = 0;
	*len = n;
	return s;
}

/* The name without a compression's extension (.gz, .xz ...), in buf. */
const char *book_plain_name(const char *path, char *buf, size_t n)
{
	snprintf(buf, n, "%s", path);
	static const char *const ext[] = {".gz", ".xz", ".bz2", ".zst", ".lz4", NULL};
	size_t pl = strlen(buf);
	for (size_t i = 0; ext[i]; i++) {
		size_t k = strlen(ext[i]);
		if (pl > k && strcasecmp(buf + pl - k, ext[i]) == 0) {
			buf[pl - k] = 0;
			break;
		}
	}
	return buf;
}

bool book_is_html(const char *path, const unsigned char *head, size_t n)
{
	char nb[4096];
	path = book_plain_name(path, nb, sizeof nb);
	size_t pl = strlen(path);
	static const char *const ext[] = {".html", ".htm", ".xhtml", NULL};
	for (size_t i = 0; ext[i]; i++) {
		size_t k = strlen(ext[i]);
		if (pl > k && strcasecmp(path + pl - k, ext[i]) == 0)
			return true;
	}
	size_t i = 0;
	if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
		i = 3;
	while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t'))
		i++;
	static const char *const tags[] = {"<!doctype html", "<html", NULL};
	for (size_t t = 0; tags[t]; t++) {
		size_t k = strlen(tags[t]);
		if (n - i >= k && strncasecmp((const char *)head + i, tags[t], k) == 0)
			return true;
	}
	return false;
}

/* An HTML file's encoding when its bytes are not UTF-8 and it does not
 * name one: what fanye's detection says. */
static char *html_encoding(const unsigned char *s, size_t n)
{
	if (u8_check(s, n) == NULL)
		return strdup("UTF-8");
	size_t k = n < 2048 ? n : 2048;
	for (size_t i = 0; i + 7 <= k; i++)
		if (strncasecmp((const char *)s + i, "charset", 7) == 0)
			return NULL;
	return strdup(doc_detect(s, n));
}

book *book_open_html(const char *path, const char *encoding, char *err, size_t errlen)
{
	if (!book_xml_loaded()) {
		snprintf(err, errlen, "%s: HTML, and libxml2 cannot be loaded (Debian: libxml2)", path);
		return NULL;
	}
	book *b = book_new(path, "HTML");
	book_member m = {strdup(path), NULL, 0, false};
	m.data = book_slurp(path, BOOK_MAX, &m.len, err, errlen);
	if (!m.data) {
		free(m.name);
		book_close(b);
		return NULL;
	}
	if (b && err[0]) {
		book_warn(b, "%s: the text stops there", err);
		err[0] = 0;
	}
	if (!b || !m.name || !BOOK_PUSH(b->members, m)) {
		snprintf(err, errlen, "%s: out of memory", path);
		free(m.name);
		free(m.data);
		book_close(b);
		return NULL;
	}
	m.data[m.len] = 0;
	b->html_enc = encoding ? strdup(encoding) : html_encoding(m.data, m.len);
	b->enc_how = encoding ? "set by --encoding" : b->html_enc ? "detected" : "<meta charset>";
	if (!(b->spine = malloc(sizeof *b->spine))) {
		snprintf(err, errlen, "%s: out of memory", path);
		book_close(b);
		return NULL;
	}
	b->spine[0] = 0;
	b->nspine = 1;
	return b;
}

void book_close(book *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->members.n; i++)
		free(b->members.v[i].data);
	/* each vector's strings, then the vector */
#define FREE_ALL(vec, field)                          \
	do {                                          \
		for (size_t i_ = 0; i_ < (vec).n; i_++) \
			free((vec).v[i_].field);      \
		free((vec).v);                        \
	} while (0)
	FREE_ALL(b->members, name);
	for (size_t i = 0; i < b->toc.n; i++)
		free(b->toc.v[i].id);
	FREE_ALL(b->toc, title);
	FREE_ALL(b->heads, title);
	FREE_ALL(b->hcand, title);
	FREE_ALL(b->anchors, id);
	FREE_ALL(b->links, id);
	FREE_ALL(b->turns, name);
#undef FREE_ALL
	free(b->lines.v);
	free(b->spans.v);
	free(b->spine);
	free(b->out);
	free(b->title);
	free(b->html_enc);
	free(b);
}

/* ---- making the text ------------------------------------------------------------------ */

static size_t anchor_off(const book *b, int member, const char *id)
{
	for (size_t i = 0; i < b->anchors.n; i++)
		if (b->anchors.v[i].member == member && strcmp(b->anchors.v[i].id, id) == 0)
			return b->anchors.v[i].off;
	return SIZE_MAX;
}

/* Sorts heads[0..n) by offset, keeping the order of equal ones (they
 * come almost sorted: the table of contents is mostly in reading order). */
static void sort_heads(book_head *h, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		book_head x = h[i];
		size_t j = i;
		for (; j > 0 && h[j - 1].off > x.off; j--)
			h[j] = h[j - 1];
		h[j] = x;
	}
}

/* After chapter `member` was made: the table of contents' entries that
 * point into it (or its headings, in a book without one). */
static void chapter_heads(book *b, int member)
{
	size_t h0 = b->heads.n;
	/* an HTML file's title, when its first heading does not say it */
	if (b->kind[0] == 'H' && b->title && *b->title &&
	    (b->hcand.n == 0 || strcmp(b->hcand.v[0].title, b->title) != 0)) {
		book_head h = {0, 1, strdup(b->title)};
		if (!h.title || !BOOK_PUSH(b->heads, h))
			free(h.title);
	}
	if (b->toc.n) {
		for (size_t i = 0; i < b->toc.n; i++) {
			book_toc *t = &b->toc.v[i];
			if (t->done || t->member != member)
				continue;
			size_t off = anchor_off(b, member, t->id);
			if (off == SIZE_MAX)
				off = anchor_off(b, member, "");
			book_head h = {off, t->level, strdup(t->title)};
			t->done = true;
			if (off == SIZE_MAX || !h.title || !BOOK_PUSH(b->heads, h))
				free(h.title);
		}
		for (size_t i = 0; i < b->hcand.n; i++)
			free(b->hcand.v[i].title);
	} else {
		for (size_t i = 0; i < b->hcand.n; i++)
			if (!BOOK_PUSH(b->heads, b->hcand.v[i]))
				free(b->hcand.v[i].title);
	}
	b->hcand.n = 0;
	if (b->heads.n > h0)
		sort_heads(b->heads.v + h0, b->heads.n - h0);
}

/* Makes the next chapter; false when there is none. */
static bool next_chapter(book *b)
{
	if (b->next >= b->nspine)
		return false;
	int m = b->spine[b->next++];
	b->obase += b->olen;
	b->olen = b->opos = 0;
	book_member *mem = &b->members.v[m];
	if (mem->encrypted || !mem->data) {
		/* a line that says so, where the chapter would be */
		book_anchor a = {m, strdup(""), b->obase + (b->obase ? 2 : 0)};
		if (a.id && !BOOK_PUSH(b->anchors, a))
			free(a.id);
		if (b->obase)
			book_out(b, "\n\n", 2);
		book_out(b, "[", 1);
		book_out(b, mem->name, strlen(mem->name));
		book_out(b, ": encrypted (DRM); fanye cannot read it]", 40);
		book_line L = {a.off, b->obase + b->olen, 0, 0, 0, BOOK_NOTE, 0, true, 0};
		if (b->lines.n)
			b->lines.v[b->lines.n - 1].blank_after = true;
		if (!BOOK_PUSH(b->lines, L))
			b->oom = true;
		return true;
	}
	book_make_chapter(b, m, b->kind[0] == 'H');
	chapter_heads(b, m);
	return true;
}

ssize_t book_read(book *b, void *buf, size_t n)
{
	while (b->opos >= b->olen)
		if (b->oom || !next_chapter(b))
			return 0;
	size_t k = b->olen - b->opos < n ? b->olen - b->opos : n;
	memcpy(buf, b->out + b->opos, k);
	b->opos += k;
	return (ssize_t)k;
}

const char *book_kind(const book *b)
{
	return b->kind;
}

const char *book_encoding(const book *b, const char **how)
{
	*how = b->enc_how ? b->enc_how : "XHTML";
	return b->html_enc ? b->html_enc : "UTF-8";
}

const char *book_title(const book *b)
{
	return b->title;
}

const char *book_warning(const book *b)
{
	return b->warning;
}

const book_line *book_lines(const book *b, size_t *n)
{
	*n = b->lines.n;
	return b->lines.v;
}

const book_span *book_spans(const book *b, size_t *n)
{
	*n = b->spans.n;
	return b->spans.v;
}

const book_head *book_heads(const book *b, size_t *n)
{
	*n = b->heads.n;
	return b->heads.v;
}

const book_turn *book_turns(const book *b, size_t *n)
{
	*n = b->turns.n;
	return b->turns.v;
}

long book_line_at(const book *b, size_t off)
{
	size_t lo = 0, hi = b->lines.n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (b->lines.v[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo - 1;
}

bool book_timed(const book *b)
{
	return strcmp(b->kind, "SRT") == 0 || strcmp(b->kind, "WebVTT") == 0;
}

long long book_time_at(const book *b, size_t off)
{
	if (!book_timed(b))
		return -1; /* the status line asks at every frame: no walk back */
	for (long k = book_line_at(b, off); k >= 0; k--)
		if (b->lines.v[k].flags & BOOK_TIMED)
			return b->lines.v[k].time;
	return -1;
}

size_t book_span_from(const book *b, size_t off)
{
	size_t lo = 0, hi = b->spans.n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (b->spans.v[mid].start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t book_link_target(const book *b, uint32_t k)
{
	if (k >= b->links.n)
		return SIZE_MAX;
	book_link *L = &((book *)b)->links.v[k];
	if (L->off == SIZE_MAX) {
		L->off = anchor_off(b, L->member, L->id);
		if (L->off == SIZE_MAX && *L->id)
			L->off = anchor_off(b, L->member, "");
	}
	return L->off;
}
