/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_book: EPUB books and HTML files made into text (book.c,
 * book_html.c) and shown (pres_html.c).  The books are made here, with
 * libarchive's zip writer, from XHTML shaped like real books': a nav and
 * an NCX, ruby, a footnote, a broken spine, a member that climbs out of
 * the book, DRM, malformed XHTML, an entity bomb; and HTML files in UTF-8
 * and GBK. */
#include "build.h"
#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "suites.h"
#include "fanye/book.h"
#include "fanye/outline.h"
#include "fanye/pres.h"

#define CONTAINER                                                                                              \
	"<?xml version=\"1.0\"?><container version=\"1.0\" "                                                     \
	"xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile "                        \
	"full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>"

#define XHTML_HEAD                                                                                             \
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "              \
	"xmlns:epub=\"http://www.idpf.org/2007/ops\"><head><title>t</title></head><body>\n"

/* A zip at a temporary path from name/content pairs (NULL-terminated). */
static char *mkzip(const char *const *m)
{
	char *path = strdup("/tmp/fanye-bookXXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	struct archive *a = archive_write_new();
	archive_write_set_format_zip(a);
	ck_assert_int_eq(archive_write_open_filename(a, path), ARCHIVE_OK);
	for (size_t i = 0; m[i]; i += 2) {
		struct archive_entry *e = archive_entry_new();
		archive_entry_set_pathname(e, m[i]);
		archive_entry_set_size(e, (la_int64_t)strlen(m[i + 1]));
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		ck_assert_int_eq(archive_write_header(a, e), ARCHIVE_OK);
		ck_assert_int_eq(archive_write_data(a, m[i + 1], strlen(m[i + 1])), (la_ssize_t)strlen(m[i + 1]));
		archive_entry_free(e);
	}
	archive_write_close(a);
	archive_write_free(a);
	return path;
}

/* The book opened as a document and read whole (the file is removed). */
static doc *open_book(const char *const *m, char *err, size_t errlen)
{
	char *path = mkzip(m);
	doc *d = doc_open(path, err, errlen);
	unlink(path);
	free(path);
	if (d)
		doc_read_all(d, (size_t)-1);
	return d;
}

static char *text(const doc *d)
{
	char *s = malloc(d->len + 1);
	memcpy(s, d->data, d->len);
	s[d->len] = 0;
	return s;
}

/* The document's text is want. */
#define ck_assert_text(d, want)                                                                        \
	do {                                                                                           \
		char *t_ = text(d);                                                                    \
		ck_assert_str_eq(t_, want);                                                            \
		free(t_);                                                                              \
	} while (0)

/* The offset of the first occurrence of needle in the document's text. */
static size_t find(const doc *d, const char *needle)
{
	char *s = text(d);
	char *p = strstr(s, needle);
	ck_assert_msg(p != NULL, "no \"%s\" in \"%s\"", needle, s);
	size_t off = (size_t)(p - s);
	free(s);
	return off;
}

static const char *const book3[] = {
	"mimetype", "application/epub+zip",
	"META-INF/container.xml", CONTAINER,
	"OEBPS/content.opf",
	"<?xml version=\"1.0\" encoding=\"utf-8\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">"
	"<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>红楼梦</dc:title></metadata><manifest>"
	"<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>"
	"<item id=\"c1\" href=\"Text/%E7%AC%AC%E4%B8%80%E5%9B%9E.xhtml\" media-type=\"application/xhtml+xml\"/>"
	"<item id=\"c2\" href=\"Text/notes.xhtml\" media-type=\"application/xhtml+xml\"/>"
	"</manifest><spine><itemref idref=\"c1\"/><itemref idref=\"c2\"/></spine></package>",
	"OEBPS/nav.xhtml",
	XHTML_HEAD "<nav epub:type=\"toc\"><ol><li><a href=\"Text/第一回.xhtml\">第一卷</a><ol>"
	"<li><a href=\"Text/第一回.xhtml#h1\">第一回 甄士隐梦幻识通灵</a></li></ol></li>"
	"<li><a href=\"Text/notes.xhtml\">注释</a></li></ol></nav></body></html>",
	"OEBPS/Text/第一回.xhtml",
	XHTML_HEAD "<h2 id=\"h1\">第一回　甄士隐梦幻识通灵</h2>\n"
	"<p>此开卷第一回也。<ruby>贾<rp>(</rp><rt>jiǎ</rt><rp>)</rp></ruby>雨村\n云云。"
	"<a epub:type=\"noteref\" href=\"notes.xhtml#n1\">[1]</a></p>\n"
	"<p>Second <em>para</em>&#160;<strong>here</strong>.</p></body></html>",
	"OEBPS/Text/notes.xhtml",
	XHTML_HEAD "<aside epub:type=\"footnote\" id=\"n1\"><p>[1] 贾雨村：人名。</p></aside></body></html>",
	NULL};

START_TEST(epub_text_toc_ruby_note)
{
	char err[256] = "";
	doc *d = open_book(book3, err, sizeof err);
	ck_assert_msg(d != NULL, "%s", err);
	book *b = doc_book(d);
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(d->packed, "EPUB");
	char *s = text(d);
	ck_assert_str_eq(s, "第一回　甄士隐梦幻识通灵\n\n此开卷第一回也。贾《jiǎ》雨村云云。[1]\n\n"
	                    "Second para\xC2\xA0here.\n\n[1] 贾雨村：人名。");
	free(s);
	ck_assert_str_eq(book_title(b), "红楼梦");
	ck_assert_str_eq(d->warning, "");
	/* the nav's entries, with their levels, where their targets are */
	size_t n;
	const book_head *h = book_heads(b, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(h[0].title, "第一卷");
	ck_assert_int_eq(h[0].level, 1);
	ck_assert_uint_eq(h[0].off, 0);
	ck_assert_str_eq(h[1].title, "第一回 甄士隐梦幻识通灵");
	ck_assert_int_eq(h[1].level, 2);
	ck_assert_uint_eq(h[1].off, 0);
	ck_assert_str_eq(h[2].title, "注释");
	ck_assert_uint_eq(h[2].off, find(d, "[1] 贾"));
	/* the lines: a heading, a note */
	const book_line *L = book_lines(b, &n);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(L[0].heading, 2);
	ck_assert(L[3].flags & BOOK_NOTE);
	/* the spans: ruby (base 3 bytes), the note's link, emphasis, strong */
	const book_span *S = book_spans(b, &n);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(S[0].kind, BOOK_RUBY);
	ck_assert_uint_eq(S[0].start, find(d, "贾《"));
	ck_assert_uint_eq(S[0].aux, 3);
	ck_assert_uint_eq(S[0].end, find(d, "雨村云"));
	ck_assert_int_eq(S[1].kind, BOOK_LINK);
	ck_assert_uint_eq(book_link_target(b, S[1].aux), find(d, "[1] 贾"));
	ck_assert_int_eq(S[2].kind, BOOK_EMPH);
	ck_assert_int_eq(S[3].kind, BOOK_STRONG);
	/* the outline: the nav, at its lines */
	outline *o = outline_new(d, NULL);
	outline_step(o, 0);
	ck_assert_uint_eq(o->nheadings, 3);
	ck_assert_uint_eq(doc_count_eols(d, 0, o->headings[2].off) + 1, 7);
	ck_assert_int_eq(o->headings[1].level, 2);
	outline_free(o);
	doc_close(d);
}
END_TEST

/* What a paragraph shows, as text. */
static char *shown(pres *P, size_t off)
{
	const pres_para *p = pres_para_at(P, off);
	char *s = malloc(p->len + 1);
	memcpy(s, p->text, p->len);
	s[p->len] = 0;
	return s;
}

START_TEST(epub_presented)
{
	char err[256] = "";
	doc *d = open_book(book3, err, sizeof err);
	ck_assert_msg(d != NULL, "%s", err);
	ck_assert_int_eq(pres_detect(d, "x.epub"), PRES_HTML);
	pres_opts o = {.format = PRES_HTML, .ruby = PRES_RUBY_INLINE, .width = 40, .tab_width = 8};
	pres *P = pres_new(d, &o);
	size_t at = find(d, "此开卷");
	char *s = shown(P, at);
	ck_assert_str_eq(s, "此开卷第一回也。贾(jiǎ)雨村云云。[1]");
	free(s);
	const pres_para *p = pres_para_at(P, 0);
	ck_assert_int_eq(p->heading, 2);
	/* hidden readings are still found */
	o.ruby = PRES_RUBY_HIDE;
	pres_set_opts(P, &o);
	s = shown(P, at);
	ck_assert_str_eq(s, "此开卷第一回也。贾雨村云云。[1]");
	free(s);
	p = pres_para_at(P, at);
	ck_assert_uint_eq(p->nextra, 1);
	ck_assert_uint_eq(p->start + p->extra[0], find(d, "jiǎ"));
	/* above: the reading over its base */
	o.ruby = PRES_RUBY_ABOVE;
	pres_set_opts(P, &o);
	p = pres_para_at(P, at);
	ck_assert_uint_eq(p->nruby, 1);
	/* emphasis and strong are styles */
	p = pres_para_at(P, find(d, "Second"));
	bool italic = false, bold = false;
	for (size_t k = 0; k < p->nruns; k++) {
		italic |= (p->styles[p->runs[k].style].attrs & PRES_ITALIC) != 0;
		bold |= (p->styles[p->runs[k].style].attrs & PRES_BOLD) != 0;
	}
	ck_assert(italic && bold);
	pres_free(P);
	doc_close(d);
}
END_TEST

START_TEST(epub_deterministic)
{
	char err[256] = "";
	doc *a = open_book(book3, err, sizeof err), *b = open_book(book3, err, sizeof err);
	ck_assert(a && b);
	ck_assert_uint_eq(a->len, b->len);
	ck_assert(memcmp(a->data, b->data, a->len) == 0);
	doc_close(a);
	doc_close(b);
}
END_TEST

#define OPF2(manifest, spine)                                                                                  \
	"<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"2.0\"><metadata/>"     \
	"<manifest>" manifest "</manifest><spine toc=\"ncx\">" spine "</spine></package>"

START_TEST(epub2_ncx)
{
	const char *const m[] = {
		"mimetype", "application/epub+zip",
		"META-INF/container.xml", CONTAINER,
		"OEBPS/content.opf",
		OPF2("<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>"
		     "<item id=\"a\" href=\"a.html\" media-type=\"application/xhtml+xml\"/>",
		     "<itemref idref=\"a\"/>"),
		"OEBPS/toc.ncx",
		"<?xml version=\"1.0\"?><ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\"><navMap>"
		"<navPoint id=\"p1\"><navLabel><text>第一部</text></navLabel><content src=\"a.html\"/>"
		"<navPoint id=\"p2\"><navLabel><text>第一章</text></navLabel><content src=\"a.html#c1\"/></navPoint>"
		"<navPoint id=\"p3\"><navLabel><text>第二章</text></navLabel><content src=\"a.html#c2\"/></navPoint>"
		"</navPoint></navMap></ncx>",
		"OEBPS/a.html",
		XHTML_HEAD "<h1>第一部</h1><h2 id=\"c1\">第一章</h2><p>甲。</p><h2 id=\"c2\">第二章</h2><p>乙。</p></body></html>",
		NULL};
	char err[256] = "";
	doc *d = open_book(m, err, sizeof err);
	ck_assert_msg(d != NULL, "%s", err);
	size_t n;
	const book_head *h = book_heads(doc_book(d), &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(h[0].level, 1);
	ck_assert_int_eq(h[1].level, 2);
	ck_assert_uint_eq(h[1].off, find(d, "第一章"));
	ck_assert_uint_eq(h[2].off, find(d, "第二章"));
	doc_close(d);
}
END_TEST

START_TEST(epub_headings_without_toc)
{
	const char *const m[] = {
		"META-INF/container.xml", CONTAINER,
		"OEBPS/content.opf",
		OPF2("<item id=\"a\" href=\"a.xhtml\" media-type=\"application/xhtml+xml\"/>", "<itemref idref=\"a\"/>"),
		"OEBPS/a.xhtml",
		XHTML_HEAD "<h1>Part One</h1><p>Text.</p><h3>A <em>small</em> heading</h3><p>More.</p></body></html>",
		NULL};
	char err[256] = "";
	doc *d = open_book(m, err, sizeof err);
	ck_assert_msg(d != NULL, "%s", err);
	size_t n;
	const book_head *h = book_heads(doc_book(d), &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(h[1].title, "A small heading");
	ck_assert_int_eq(h[1].level, 3);
	doc_close(d);
}
END_TEST

START_TEST(epub_bad_books)
{
	char err[256] = "";
	/* a spine item that is not in the zip: the rest is read, and said */
	const char *const missing[] = {
		"META-INF/container.xml", CONTAINER,
		"OEBPS/content.opf",
		OPF2("<item id=\"a\" href=\"a.xhtml\" media-type=\"application/xhtml+xml\"/>"
		     "<item id=\"b\" href=\"gone.xhtml\" media-type=\"application/xhtml+xml\"/>",
		     "<itemref idref=\"b\"/><itemref idref=\"a\"/>"),
		"OEBPS/a.xhtml", XHTML_HEAD "<p>Still here.</p></body></html>",
		NULL};
	doc *d = open_book(missing, err, sizeof err);
	ck_assert_msg(d != NULL, "%s", err);
	ck_assert_msg(strstr(d->warning, "1 chapter of the spine missing from the book (gone.xhtml)"), "%s", d->warning);
	ck_assert_text(d, "Still here.");
	doc_close(d);
	/* a member whose name climbs out of the book is never read */
	const char *const climb[] = {
		"META-INF/container.xml", CONTAINER,
		"../../evil.xhtml", XHTML_HEAD "<p>evil</p></body></html>",
		"OEBPS/content.opf",
		OPF2("<item id=\"a\" href=\"a.xhtml\" media-type=\"application/xhtml+xml\"/>"
		     "<item id=\"e\" href=\"../../../evil.xhtml\" media-type=\"application/xhtml+xml\"/>",
		     "<itemref idref=\"e\"/><itemref idref=\"a\"/>"),
		"OEBPS/a.xhtml", XHTML_HEAD "<p>Good.</p></body></html>",
		NULL};
	d = open_book(climb, err, sizeof err);
	ck_assert_msg(d != NULL, "%s", err);
	ck_assert_msg(strstr(d->warning, "1 member with a name outside the book (../../evil.xhtml): left out"), "%s",
	              d->warning);
	ck_assert_text(d, "Good.");
	ck_assert_int_ne(access("../../evil.xhtml", F_OK), 0);
	doc_close(d);
	/* DRM: the chapters encryption.xml names are not read, and say so */
	const char *const drm[] = {
		"META-INF/container.xml", CONTAINER,
		"META-INF/encryption.xml",
		"<?xml version=\"1.0\"?><encryption xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\" "
		"xmlns:enc=\"http://www.w3.org/2001/04/xmlenc#\"><enc:EncryptedData><enc:EncryptionMethod "
		"Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/><enc:CipherData><enc:CipherReference "
		"URI=\"OEBPS/a.xhtml\"/></enc:CipherData></enc:EncryptedData><enc:EncryptedData><enc:EncryptionMethod "
		"Algorithm=\"http://www.idpf.org/2008/embedding\"/><enc:CipherData><enc:CipherReference "
		"URI=\"OEBPS/font.otf\"/></enc:CipherData></enc:EncryptedData></encryption>",
		"OEBPS/content.opf",
		OPF2("<item id=\"a\" href=\"a.xhtml\" media-type=\"application/xhtml+xml\"/>"
		     "<item id=\"b\" href=\"b.xhtml\" media-type=\"application/xhtml+xml\"/>",
		     "<itemref idref=\"a\"/><itemref idref=\"b\"/>"),
		"OEBPS/a.xhtml", "\x8F\x11\xA0 ciphertext",
		"OEBPS/b.xhtml", XHTML_HEAD "<p>Open chapter.</p></body></html>",
		NULL};
	d = open_book(drm, err, sizeof err);
	ck_assert_msg(d != NULL, "%s", err);
	ck_assert_msg(strstr(d->warning, "DRM-protected (encryption.xml): 1 of 2 chapters cannot be read"), "%s",
	              d->warning);
	ck_assert_text(d, "[OEBPS/a.xhtml: encrypted (DRM); fanye cannot read it]\n\nOpen chapter.");
	doc_close(d);
	/* a locked chapter with a long name is said whole */
	char longname[300], opf[1024], enc[1024], want[400];
	snprintf(longname, sizeof longname, "OEBPS/%0200d.xhtml", 7);
	snprintf(opf, sizeof opf,
	         OPF2("<item id=\"a\" href=\"%s\" media-type=\"application/xhtml+xml\"/>", "<itemref idref=\"a\"/>"),
	         longname + 6);
	snprintf(enc, sizeof enc,
	         "<?xml version=\"1.0\"?><encryption xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\" "
	         "xmlns:enc=\"http://www.w3.org/2001/04/xmlenc#\"><enc:EncryptedData><enc:EncryptionMethod "
	         "Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/><enc:CipherData><enc:CipherReference "
	         "URI=\"%s\"/></enc:CipherData></enc:EncryptedData></encryption>",
	         longname);
	const char *const lng[] = {"META-INF/container.xml", CONTAINER, "META-INF/encryption.xml", enc,
	                           "OEBPS/content.opf", opf, longname, "x", NULL};
	d = open_book(lng, err, sizeof err);
	ck_assert_msg(d != NULL, "%s", err);
	snprintf(want, sizeof want, "[%s: encrypted (DRM); fanye cannot read it]", longname);
	ck_assert_text(d, want);
	doc_close(d);
	/* malformed XHTML is read as HTML, and said */
	const char *const bad[] = {
		"META-INF/container.xml", CONTAINER,
		"OEBPS/content.opf",
		OPF2("<item id=\"a\" href=\"a.xhtml\" media-type=\"application/xhtml+xml\"/>", "<itemref idref=\"a\"/>"),
		"OEBPS/a.xhtml", "<html><body><p>One &amp two<p>Three &lt; four</i></body>",
		NULL};
	d = open_book(bad, err, sizeof err);
	ck_assert_msg(d != NULL, "%s", err);
	ck_assert_msg(strstr(d->warning, "OEBPS/a.xhtml: not well-formed XHTML; read as HTML"), "%s", d->warning);
	ck_assert_text(d, "One &amp two\n\nThree < four");
	doc_close(d);
	/* an entity bomb is refused by the parser, at once */
	const char *const bomb[] = {
		"META-INF/container.xml", CONTAINER,
		"OEBPS/content.opf",
		OPF2("<item id=\"a\" href=\"a.xhtml\" media-type=\"application/xhtml+xml\"/>", "<itemref idref=\"a\"/>"),
		"OEBPS/a.xhtml",
		"<?xml version=\"1.0\"?><!DOCTYPE html [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
		"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
		"<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
		"<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">"
		"<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]><html><body><p>&i;</p></body></html>",
		NULL};
	d = open_book(bomb, err, sizeof err);
	ck_assert_msg(d != NULL, "%s", err);
	ck_assert_uint_lt(d->len, 1 << 20);
	doc_close(d);
	/* a zip of several files that is no book is not one */
	const char *const notbook[] = {"a.txt", "one", "b.txt", "two", NULL};
	char *path = mkzip(notbook);
	ck_assert_ptr_null(doc_open(path, err, sizeof err));
	ck_assert_msg(strstr(err, "a zip of several files"), "%s", err);
	unlink(path);
	free(path);
	/* an EPUB without its package */
	const char *const nopkg[] = {"META-INF/container.xml", CONTAINER, "x.xhtml", "<p/>", NULL};
	path = mkzip(nopkg);
	ck_assert_ptr_null(doc_open(path, err, sizeof err));
	ck_assert_msg(strstr(err, "an EPUB without its package (no .opf)"), "%s", err);
	unlink(path);
	free(path);
}
END_TEST

/* An HTML file with the given name and bytes, opened. */
static doc *open_html(const char *name, const void *bytes, size_t n)
{
	char path[256];
	snprintf(path, sizeof path, "/tmp/fanye-html-%d-%s", (int)getpid(), name);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fwrite(bytes, 1, n, f);
	fclose(f);
	char err[256] = "";
	doc *d = doc_open(path, err, sizeof err);
	unlink(path);
	ck_assert_msg(d != NULL, "%s", err);
	doc_read_all(d, (size_t)-1);
	return d;
}

START_TEST(html_files)
{
	const char *page = "<!DOCTYPE html><html><head><title>An article</title><script>var x = 1;</script></head><body>"
	                   "<h1>Big news</h1><p>First   paragraph\n with <a href=\"https://example.com\">a link</a>.</p>"
	                   "<div style=\"display: none\">hidden</div><h2>Part</h2><ol start=\"3\"><li>three</li><li>four</li></ol>"
	                   "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>"
	                   "<pre>  x = 1\n  y = 2</pre><p>Line<br>break</p><hr><p><img alt=\"A cat\" src=\"c.png\"></p></body></html>";
	doc *d = open_html("page.html", page, strlen(page));
	ck_assert_ptr_nonnull(doc_book(d));
	ck_assert_text(d, "Big news\n\nFirst paragraph with a link.\n\nPart\n\n3. three\n4. four\n\n"
	                                       "a | b\n1 | 2\n\n  x = 1\n  y = 2\n\nLine\nbreak\n\n* * *\n\n[image: A cat]");
	/* the outline: the title, then the headings */
	outline *o = outline_new(d, NULL);
	outline_step(o, 0);
	ck_assert_uint_eq(o->nheadings, 3);
	ck_assert_str_eq(o->headings[0].title, "An article");
	ck_assert_str_eq(o->headings[1].title, "Big news");
	ck_assert_str_eq(o->headings[2].title, "Part");
	ck_assert_int_eq(o->headings[2].level, 2);
	outline_free(o);
	doc_close(d);
	/* paragraphs in list items are tight, as the items are */
	const char items[] = "<html><body><ul><li><p>one</p></li><li><p>two</p><p>more</p></li></ul><p>after</p></body></html>";
	d = open_html("items.html", items, sizeof items - 1);
	ck_assert_text(d, "\xE2\x80\xA2 one\n\xE2\x80\xA2 two\nmore\n\nafter");
	doc_close(d);
	/* GBK without a charset: fanye's detection decides; with one, the page does */
	const char gbk[] = "<html><body><p>\xD6\xD0\xCE\xC4\xB5\xC4\xCE\xC4\xD5\xC2\xA1\xA3\xD5\xE2\xCA\xC7\xD2\xBB\xB8\xF6"
	                   "\xB2\xE2\xCA\xD4\xA1\xA3</p></body></html>";
	d = open_html("gbk.htm", gbk, sizeof gbk - 1);
	ck_assert_text(d, "中文的文章。这是一个测试。");
	doc_close(d);
	const char meta[] = "<html><head><meta charset=\"gbk\"></head><body><p>\xD6\xD0\xCE\xC4</p></body></html>";
	d = open_html("meta", meta, sizeof meta - 1);
	ck_assert_text(d, "中文");
	doc_close(d);
}
END_TEST

/* Subtitles: a file with the given name and bytes, opened. */
START_TEST(srt_transcript)
{
	/* CRLF, a byte-order mark, cues out of order and overlapping, styling,
	 * a rolling caption, a label said once in a labelled file */
	const char srt[] = "\xEF\xBB\xBF"
	                   "1\r\n00:00:01,000 --> 00:00:03,000\r\nHOST: Welcome back.\r\n\r\n"
	                   "3\r\n00:00:05,000 --> 00:00:07,000\r\n{\\an8}about <i>slow</i> trains &amp; why.\r\n\r\n"
	                   "2\r\n00:00:03,000 --> 00:00:05,500\r\nToday we talk\r\n\r\n"
	                   "4\r\n00:00:07,100 --> 00:00:09,000\r\nabout slow trains &amp; why.\r\nGUEST: Thanks.\r\n\r\n"
	                   "5\r\n00:00:20,000 --> 00:00:22,000\r\nHOST: So, trains.\r\n\r\n"
	                   "6\r\n00:00:22,500 --> 00:00:24,000\r\n- Really?\r\n- Yes.\r\n\r\n"
	                   "7\r\n00:01:30,000 --> 00:01:31,000\r\nRemember: the end.\r\n";
	doc *d = open_html("talk.srt", srt, sizeof srt - 1);
	book *b = doc_book(d);
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(book_kind(b), "SRT");
	ck_assert(book_timed(b));
	ck_assert_int_eq(pres_detect(d, "talk.srt"), PRES_SUBTITLES);
	ck_assert_text(d, "HOST: Welcome back. Today we talk about slow trains & why.\n\nGUEST: Thanks.\n\n"
	                  "HOST: So, trains.\n\nReally?\n\nYes.\n\nRemember: the end.");
	ck_assert_int_eq(book_time_at(b, 0), 1000);
	ck_assert_int_eq(book_time_at(b, find(d, "GUEST")), 7100);
	ck_assert_int_eq(book_time_at(b, find(d, "Remember")), 90000);
	size_t n;
	const book_turn *t = book_turns(b, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(t[1].name, "GUEST");
	ck_assert_uint_eq(t[1].off, find(d, "GUEST"));
	ck_assert_uint_eq(t[1].label_len, 6);
	/* the outline has the book's turns; no headings from short cues */
	outline *o = outline_new(d, NULL);
	outline_step(o, 0);
	ck_assert_uint_eq(o->nturns, 3);
	ck_assert_uint_eq(o->nspeakers, 2);
	ck_assert_uint_eq(o->nheadings, 0);
	outline_free(o);
	/* shown: the time dim before the paragraph, not searched */
	pres_opts po = {.format = PRES_SUBTITLES, .ruby = PRES_RUBY_INLINE, .width = 40, .tab_width = 8};
	pres *P = pres_new(d, &po);
	char *sh = shown(P, find(d, "GUEST"));
	ck_assert_str_eq(sh, "00:00:07 GUEST: Thanks.");
	free(sh);
	const pres_para *p = pres_para_at(P, find(d, "GUEST"));
	ck_assert(p->runs[0].flags & PRES_NOSEARCH);
	ck_assert_int_eq(p->hang, 9);
	pres_free(P);
	doc_close(d);
}
END_TEST

START_TEST(vtt_voices)
{
	const char vtt[] = "WEBVTT - a talk\n\nNOTE made up\nfor the tests\n\nSTYLE\n::cue { color: red }\n\n"
	                   "intro\n00:00.500 --> 00:02.000 align:start\n<v Mira Chen>Good morning.</v>\n\n"
	                   "00:02.100 --> 00:04.000\n<v Mira Chen>Today: trains.\n\n"
	                   "01:00:03.000 --> 01:00:05.000\n<v.loud Jonas Berg>And <b>slow</b> travel!\n\n"
	                   "01:00:05.500 --> 01:00:07.500\n<v Jonas Berg><01:00:06.000>Karaoke <c.x>words</c>\n";
	doc *d = open_html("talk.vtt", vtt, sizeof vtt - 1);
	book *b = doc_book(d);
	ck_assert_str_eq(book_kind(b), "WebVTT");
	ck_assert_text(d, "Mira Chen: Good morning. Today: trains.\n\nJonas Berg: And slow travel! Karaoke words");
	ck_assert_int_eq(book_time_at(b, find(d, "Jonas")), 3603000);
	size_t n;
	book_turns(b, &n);
	ck_assert_uint_eq(n, 2);
	doc_close(d);
	/* GBK, with the names in parentheses */
	const char gbk[] = "1\n00:00:01,000 --> 00:00:02,000\n\xA3\xA8\xD5\xC5\xC8\xFD\xA3\xA9\xC4\xE3\xBA\xC3\xA3\xAC\n\n"
	                   "2\n00:00:02,100 --> 00:00:03,000\n\xBD\xF1\xCC\xEC\xA1\xA3\n\n"
	                   "3\n00:00:03,500 --> 00:00:05,000\n\xA3\xA8\xC0\xEE\xCB\xC4\xA3\xA9\xCA\xC7\xB0\xA1\xA1\xA3\n\n"
	                   "4\n00:00:05,500 --> 00:00:06,000\n\xA3\xA8\xD5\xC5\xC8\xFD\xA3\xA9\xD7\xDF\xB0\xC9\xA1\xA3\n";
	d = open_html("zh.srt", gbk, sizeof gbk - 1);
	ck_assert_text(d, "张三：你好，今天。\n\n李四：是啊。\n\n张三：走吧。");
	ck_assert_str_eq(d->encoding, "GB18030");
	doc_close(d);
	/* no one named: a drama's dialogue (whole sentences) is a line a
	 * sentence; a talk cut by length is joined */
	const char drama[] = "1\n00:00:01,000 --> 00:00:02,000\nWho is there?\n\n2\n00:00:02,001 --> 00:00:03,000\n"
	                     "Nobody.\n\n3\n00:00:03,001 --> 00:00:04,000\nThen who spoke?\n";
	d = open_html("drama.srt", drama, sizeof drama - 1);
	ck_assert_text(d, "Who is there?\n\nNobody.\n\nThen who spoke?");
	doc_close(d);
	const char talk[] = "1\n00:00:01,000 --> 00:00:02,000\nSo the thing about\n\n2\n00:00:02,001 --> 00:00:03,000\n"
	                    "trains is that they\n\n3\n00:00:03,001 --> 00:00:04,000\nstop. And then\n\n"
	                    "4\n00:00:04,001 --> 00:00:05,000\nthey go again.\n";
	d = open_html("talk2.srt", talk, sizeof talk - 1);
	ck_assert_text(d, "So the thing about trains is that they stop. And then they go again.");
	doc_close(d);
	/* a line that ends inside a full-width parenthesis (fuzz_book found
	 * a read past it) is text */
	const char cut[] = "1\n00:00:01,000 --> 00:00:02,000\n\xEF\xBC\x88\xE5\xBC\xA0\xEF\xBC\n";
	d = open_html("cut.srt", cut, sizeof cut - 1);
	ck_assert_uint_gt(d->len, 0);
	doc_close(d);
	/* no cue at all: said, and an empty text */
	d = open_html("empty.srt", "just words\n", 11);
	ck_assert_uint_eq(d->len, 0);
	ck_assert_msg(strstr(d->warning, "no subtitle cue in it"), "%s", d->warning);
	doc_close(d);
}
END_TEST

/* text compressed with libarchive's writer (filter: "gzip", "xz" ...). */
static unsigned char *compress(const char *filter, const char *text, size_t *n)
{
	size_t cap = strlen(text) + 4096;
	unsigned char *buf = malloc(cap);
	struct archive *a = archive_write_new();
	archive_write_set_format_raw(a);
	ck_assert_int_eq(archive_write_add_filter_by_name(a, filter), ARCHIVE_OK);
	ck_assert_int_eq(archive_write_open_memory(a, buf, cap, n), ARCHIVE_OK);
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, "t.txt");
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_size(e, (la_int64_t)strlen(text));
	ck_assert_int_eq(archive_write_header(a, e), ARCHIVE_OK);
	archive_write_data(a, text, strlen(text));
	archive_entry_free(e);
	archive_write_close(a);
	archive_write_free(a);
	return buf;
}

START_TEST(compressed_formats)
{
	/* text that compresses badly, so that a cut is well inside it */
	size_t len = 200000;
	char *text = malloc(len + 1);
	unsigned x = 12345;
	for (size_t i = 0; i < len; i++) {
		x = x * 1103515245 + 12345;
		text[i] = (i % 61 == 60) ? '\n' : (char)('a' + (x >> 16) % 26);
	}
	text[len] = 0;
	static const char *const filters[] = {"gzip", "xz", "bzip2", "zstd", "lz4"};
	for (size_t f = 0; f < sizeof filters / sizeof *filters; f++) {
		size_t n;
		unsigned char *z = compress(filters[f], text, &n);
		/* whole: the text, and the compression named */
		doc *d = test_open_bytes(z, n, NULL);
		doc_read_all(d, (size_t)-1);
		ck_assert_str_eq(d->packed, filters[f]);
		ck_assert_uint_eq(d->len, len);
		ck_assert(memcmp(d->data, text, len) == 0);
		ck_assert_str_eq(d->warning, "");
		doc_close(d);
		/* truncated: a start of the text, and a warning; or, cut inside
		 * its first block (bzip2's are 900 kB), a message */
		char err[256], path[] = "/tmp/fanye-cutXXXXXX";
		int fd = mkstemp(path);
		ck_assert_int_eq(write(fd, z, n * 9 / 10), (ssize_t)(n * 9 / 10));
		close(fd);
		d = doc_open(path, err, sizeof err);
		unlink(path);
		if (d) {
			doc_read_all(d, (size_t)-1);
			ck_assert_uint_lt(d->len, len);
			ck_assert(memcmp(d->data, text, d->len) == 0);
			ck_assert_msg(strstr(d->warning, "damaged"), "%s: %s", filters[f], d->warning);
			doc_close(d);
		} else {
			ck_assert_msg(strstr(err, ": nothing in it could be read"), "%s: %s", filters[f], err);
			ck_assert_msg(strstr(err, filters[f]), "%s: %s", filters[f], err);
		}
		/* corrupt in the middle: no crash; whatever came before the
		 * damage is the text's (bzip2 and gzip notice it) */
		for (size_t k = n / 3; k < n / 3 + 16 && k < n; k++)
			z[k] ^= 0x5A;
		char path2[] = "/tmp/fanye-corruptXXXXXX";
		fd = mkstemp(path2);
		ck_assert_int_eq(write(fd, z, n), (ssize_t)n);
		close(fd);
		d = doc_open(path2, err, sizeof err);
		unlink(path2);
		if (d) {
			doc_read_all(d, (size_t)-1);
			/* damage is said by every format with a checksum: not
			 * gzip (libarchive does not check its CRC) nor zstd as
			 * libarchive writes it (without one) */
			ck_assert_msg(d->warning[0] || f == 0 || f == 3, "%s: damage not said", filters[f]);
			doc_close(d);
		} else {
			ck_assert_msg(strstr(err, "damaged"), "%s: %s", filters[f], err);
		}
		free(z);
	}
	free(text);
}
END_TEST

Suite *book_suite(void)
{
	Suite *s = suite_create("book");
	TCase *t = tcase_create("book");
	tcase_add_test(t, epub_text_toc_ruby_note);
	tcase_add_test(t, epub_presented);
	tcase_add_test(t, epub_deterministic);
	tcase_add_test(t, epub2_ncx);
	tcase_add_test(t, epub_headings_without_toc);
	tcase_add_test(t, epub_bad_books);
	tcase_add_test(t, html_files);
	tcase_add_test(t, srt_transcript);
	tcase_add_test(t, vtt_voices);
	tcase_add_test(t, compressed_formats);
	suite_add_tcase(s, t);
	return s;
}
