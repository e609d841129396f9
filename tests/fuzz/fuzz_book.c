/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_book: books (issue 15).  The first byte chooses what the rest is:
 * 0, a whole zip opened as an EPUB (the container); 1, the parts of an
 * EPUB split at NUL bytes (the OPF, a nav, chapters) zipped here with
 * libarchive's writer, so that mutations reach the OPF, the table of
 * contents and the XHTML mapping instead of the zip's checksums; 2, an
 * HTML file; 3, subtitles (SRT or WebVTT).  Then every paragraph is presented in each ruby mode, the
 * outline is made and every link is followed. */
#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fanye/book.h"
#include "fanye/doc.h"
#include "fanye/outline.h"
#include "fanye/pres.h"

static void add(struct archive *a, const char *name, const void *s, size_t n)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, name);
	archive_entry_set_size(e, (la_int64_t)n);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	if (archive_write_header(a, e) == ARCHIVE_OK)
		archive_write_data(a, s, n);
	archive_entry_free(e);
}

/* The parts zipped as an EPUB at path. */
static void zip_parts(const char *path, const uint8_t *s, size_t n)
{
	static const char *const names[] = {"OEBPS/content.opf", "OEBPS/nav.xhtml", "OEBPS/toc.ncx", "OEBPS/a.xhtml",
	                                    "OEBPS/Text/b.xhtml", "META-INF/encryption.xml", "../x.xhtml"};
	struct archive *a = archive_write_new();
	archive_write_set_format_zip(a);
	if (archive_write_open_filename(a, path) != ARCHIVE_OK) {
		archive_write_free(a);
		return;
	}
	const char *c = "<?xml version=\"1.0\"?><container><rootfiles><rootfile full-path=\"OEBPS/content.opf\"/>"
	                "</rootfiles></container>";
	add(a, "mimetype", "application/epub+zip", 20);
	add(a, "META-INF/container.xml", c, strlen(c));
	size_t k = 0;
	for (size_t i = 0; i < n && k < sizeof names / sizeof *names; k++) {
		const uint8_t *z = memchr(s + i, 0, n - i);
		size_t e = z ? (size_t)(z - s) : n;
		add(a, names[k], s + i, e - i);
		i = e + 1;
	}
	archive_write_close(a);
	archive_write_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int mode = data[0] % 4;
	char path[64];
	snprintf(path, sizeof path, "/tmp/fanye-fuzz-book%d.%s", (int)getpid(),
	         mode == 3 ? "srt" : mode == 2 ? "html" : "epub");
	if (mode == 1) {
		zip_parts(path, data + 1, size - 1);
	} else {
		FILE *f = fopen(path, "wb");
		if (!f)
			return 0;
		fwrite(data + 1, 1, size - 1, f);
		fclose(f);
	}
	char err[256];
	doc *d = doc_open(path, err, sizeof err);
	unlink(path);
	if (!d)
		return 0;
	doc_read_all(d, (size_t)16 << 20);
	static const enum pres_ruby modes[] = {PRES_RUBY_INLINE, PRES_RUBY_HIDE, PRES_RUBY_ABOVE};
	for (int m = 0; m < 3; m++) {
		pres_opts o = {.format = pres_detect(d, path), .ruby = modes[m], .width = 20 + 13 * m, .tab_width = 8};
		pres *P = pres_new(d, &o);
		for (size_t off = 0; P && off < d->len;) {
			const pres_para *p = pres_para_at(P, off);
			for (size_t i = 0; i <= p->len; i++)
				pres_src(p, i);
			if (p->next <= off)
				break;
			off = p->next;
		}
		pres_free(P);
	}
	outline *o = outline_new(d, NULL);
	if (o) {
		outline_step(o, 0);
		outline_free(o);
	}
	if (doc_book(d)) {
		size_t n;
		const book_span *S = book_spans(doc_book(d), &n);
		for (size_t i = 0; i < n; i++)
			if (S[i].kind == BOOK_LINK && book_link_target(doc_book(d), S[i].aux) != SIZE_MAX &&
			    book_link_target(doc_book(d), S[i].aux) > d->len)
				abort();
	}
	doc_close(d);
	return 0;
}
