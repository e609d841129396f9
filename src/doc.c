/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * doc: loading a document (mmap for regular files, read for the rest), the
 * UTF-8 BOM, line terminators, and a sparse line index built on demand.
 */
#include "build.h"
#include "fanye/doc.h"
#include "fanye/unpack.h"
#include "fanye/book.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iconv.h>
#include <uniconv.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <unistr.h>

static doc *doc_alloc(const char *name)
{
	doc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->fd = -1;
	d->name = strdup(name ? name : "");
	if (!d->name) {
		free(d);
		return NULL;
	}
	return d;
}

static void doc_skip_bom(doc *d)
{
	if (d->len >= 3 && d->data[0] == 0xEF && d->data[1] == 0xBB && d->data[2] == 0xBF) {
		d->data += 3;
		d->len -= 3;
	}
}

/* Reads all of fd into a malloc'd buffer. */
static int read_all(int fd, unsigned char **out, size_t *outlen)
{
	size_t cap = 1 << 16, len = 0;
	unsigned char *buf = malloc(cap);
	if (!buf)
		return ENOMEM;
	for (;;) {
		if (len == cap) {
			unsigned char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				return ENOMEM;
			}
			buf = nb;
			cap *= 2;
		}
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			return e;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	*out = buf;
	*outlen = len;
	return 0;
}

doc *doc_from_bytes(const char *name, const void *bytes, size_t len)
{
	doc *d = doc_alloc(name);
	if (!d)
		return NULL;
	d->owned = malloc(len ? len : 1);
	if (!d->owned) {
		doc_close(d);
		return NULL;
	}
	if (len)
		memcpy(d->owned, bytes, len);
	d->data = d->owned;
	d->len = len;
	snprintf(d->encoding, sizeof d->encoding, "UTF-8");
	doc_skip_bom(d);
	return d;
}

/* ---- encodings ------------------------------------------------------------ */

/* Detection reads the start of the file only (doc_detect.c); binary-looking
 * input is judged on this much. */
#define SAMPLE_UTF8 ((size_t)16 << 10)

int doc_check_encoding(const char *name)
{
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return -1;
	iconv_close(cd);
	return 0;
}

/* The bytes of the byte-order mark of UTF-16 or UTF-32 that s starts
 * with, when enc is that encoding (iconv would keep it as U+FEFF). */
static size_t wide_bom(const char *enc, const unsigned char *s, size_t n)
{
	if (strcasecmp(enc, "UTF-32LE") == 0 && n >= 4 && memcmp(s, "\xFF\xFE\0\0", 4) == 0)
		return 4;
	if (strcasecmp(enc, "UTF-32BE") == 0 && n >= 4 && memcmp(s, "\0\0\xFE\xFF", 4) == 0)
		return 4;
	if ((strcasecmp(enc, "UTF-16LE") == 0 && n >= 2 && s[0] == 0xFF && s[1] == 0xFE) ||
	    (strcasecmp(enc, "UTF-16BE") == 0 && n >= 2 && s[0] == 0xFE && s[1] == 0xFF))
		return 2;
	return 0;
}

/* Replaces the bytes of d by their UTF-8 decoding from enc. */
static int convert(doc *d, const char *enc, char *err, size_t errlen)
{
	size_t bom = wide_bom(enc, d->data, d->len);
	const unsigned char *src = d->data + bom;
	size_t n = d->len - bom;
	size_t len = 0;
	uint8_t *u = n ? u8_conv_from_encoding(enc, iconveh_replacement_character, (const char *)src,
	                                       n, NULL, NULL, &len)
	               : malloc(1);
	if (!u) {
		snprintf(err, errlen, "%s: cannot decode as %s: %s", d->name, enc, strerror(errno));
		return -1;
	}
	if (d->map) {
		munmap(d->map, d->map_len);
		d->map = NULL;
	}
	free(d->owned);
	d->owned = u;
	d->data = u;
	d->len = len;
	return 0;
}

/* A NUL, or many other controls, at the start: probably not text. */
static bool looks_binary(const unsigned char *s, size_t n)
{
	if (n > SAMPLE_UTF8)
		n = SAMPLE_UTF8;
	if (memchr(s, 0, n))
		return true;
	/* Controls other than the usual whitespace and ESC, counted through a
	 * table (no branch per byte). */
	static const unsigned char counted[256] = {
		[1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1, [7] = 1, [8] = 1,
		[11] = 1, [14] = 1, [15] = 1, [16] = 1, [17] = 1, [18] = 1, [19] = 1,
		[20] = 1, [21] = 1, [22] = 1, [23] = 1, [24] = 1, [25] = 1, [26] = 1,
		[28] = 1, [29] = 1, [30] = 1, [31] = 1,
	};
	size_t ctl = 0;
	for (size_t i = 0; i < n; i++)
		ctl += counted[s[i]];
	/* Backspaces of overstrike (X\bX bold, _\bX underlined: man, perldoc,
	 * pydoc) are text, not signs of a binary file. */
	for (const unsigned char *p = s, *end = s + n; ctl && p < end && (p = memchr(p, 8, (size_t)(end - p))); p++)
		if (p > s && p + 1 < end && p[-1] >= 0x20 && p[-1] != 0x7F && p[1] >= 0x20 && p[1] != 0x7F)
			ctl--;
	return ctl * 20 > n && ctl > 2;
}

/* Decodes d (the bytes as read) to UTF-8 in place. */
static int decode(doc *d, const char *encoding, char *err, size_t errlen)
{
	const char *enc = encoding;
	d->encoding_how = "set by --encoding";
	if (!enc)
		enc = doc_detect_how(d->data, d->len, &d->encoding_how);
	snprintf(d->encoding, sizeof d->encoding, "%s", enc);
	if (strcasecmp(enc, "UTF-8") == 0 || strcasecmp(enc, "UTF8") == 0) {
		snprintf(d->encoding, sizeof d->encoding, "UTF-8");
		d->binary = looks_binary(d->data, d->len);
		doc_skip_bom(d);
		return 0;
	}
	if (convert(d, enc, err, errlen) < 0)
		return -1;
	d->binary = looks_binary(d->data, d->len);
	doc_skip_bom(d);
	return 0;
}

doc *doc_open(const char *path, char *err, size_t errlen)
{
	return doc_open_enc(path, NULL, err, errlen);
}

/* ---- input that is still arriving ------------------------------------------ */

#define STREAM_FIRST ((size_t)1 << 20)

static bool reserve(doc *d, size_t need)
{
	if (d->len + need <= d->cap)
		return true;
	size_t nc = d->cap ? d->cap : 65536;
	while (nc < d->len + need)
		nc *= 2;
	unsigned char *nb = realloc(d->owned, nc);
	if (!nb)
		return false;
	d->owned = nb;
	d->data = nb;
	d->cap = nc;
	return true;
}

/* Appends raw input, decoding it when the input is not UTF-8. */
static bool append(doc *d, const unsigned char *b, size_t n, bool last)
{
	if (!d->cd) {
		if (!reserve(d, n + 1))
			return false;
		if (n)
			memcpy(d->owned + d->len, b, n);
		d->len += n;
		return true;
	}
	/* iconv: a character cut by the end of a read waits in pend. */
	unsigned char *in = malloc(d->npend + n + 1);
	if (!in)
		return false;
	memcpy(in, d->pend, d->npend);
	if (n)
		memcpy(in + d->npend, b, n);
	size_t inleft = d->npend + n;
	char *ip = (char *)in;
	d->npend = 0;
	while (inleft > 0) {
		if (!reserve(d, inleft * 4 + 16)) {
			free(in);
			return false;
		}
		char *op = (char *)d->owned + d->len;
		size_t outleft = d->cap - d->len, before = outleft;
		size_t r = iconv((iconv_t)d->cd, &ip, &inleft, &op, &outleft);
		d->len += before - outleft;
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !last && inleft < sizeof d->pend) {
			memcpy(d->pend, ip, inleft);
			d->npend = inleft;
			break;
		}
		/* An invalid sequence: a replacement character, one byte on. */
		if (!reserve(d, 4)) {
			free(in);
			return false;
		}
		memcpy(d->owned + d->len, "\xEF\xBF\xBD", 3);
		d->len += 3;
		ip++;
		inleft--;
	}
	free(in);
	return true;
}

/* Reads from d's source: the decompressor, else the descriptor.  A
 * damaged archive ends the text where it broke, with a warning; the text
 * stops at DOC_UNPACK_MAX. */
static ssize_t source_read(doc *d, void *buf, size_t n)
{
	if (d->book) {
		ssize_t r = book_read(d->book, buf, n);
		if (!d->warning[0] && book_warning(d->book)[0])
			snprintf(d->warning, sizeof d->warning, "%s", book_warning(d->book));
		return r;
	}
	if (!d->unpack)
		return read(d->fd, buf, n);
	if (d->len >= DOC_UNPACK_MAX) {
		snprintf(d->warning, sizeof d->warning, "%s: more than %zu MiB inside: only the start is shown", d->name,
		         DOC_UNPACK_MAX >> 20);
		return 0;
	}
	ssize_t r = unpack_read(d->unpack, buf, n);
	if (r < 0) {
		snprintf(d->warning, sizeof d->warning, "%s: damaged %s (%s): the text stops there", d->name, d->packed,
		         unpack_error(d->unpack));
		return 0;
	}
	return r;
}

size_t doc_poll(doc *d, size_t max)
{
	if (!d->streaming)
		return 0;
	size_t before = d->len;
	unsigned char buf[65536];
	size_t got = 0;
	while (got < max) {
		ssize_t r = source_read(d, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break; /* EAGAIN: nothing more for now */
		if (r == 0) {
			append(d, NULL, 0, true);
			d->streaming = false;
			unpack_close(d->unpack);
			d->unpack = NULL;
			if (d->child) {
				/* the child's word on how the stream ended */
				char msg[256];
				unpack_child_end(d->child, msg, sizeof msg);
				if (msg[0] && !d->warning[0])
					snprintf(d->warning, sizeof d->warning, "%s", msg);
			}
			break;
		}
		if (!append(d, buf, (size_t)r, false)) {
			d->streaming = false; /* out of memory: keep what we have */
			break;
		}
		got += (size_t)r;
	}
	return d->len - before;
}

bool doc_read_all(doc *d, size_t max)
{
	if (!d->streaming)
		return true;
	int fl = d->fd >= 0 ? fcntl(d->fd, F_GETFL) : -1;
	if (fl >= 0)
		fcntl(d->fd, F_SETFL, fl & ~O_NONBLOCK);
	while (d->streaming && d->len < max)
		doc_poll(d, max - d->len < ((size_t)1 << 20) ? max - d->len : ((size_t)1 << 20));
	return !d->streaming;
}

size_t doc_complete_len(const doc *d)
{
	if (!d->streaming || d->len == 0)
		return d->len;
	size_t e = d->len;
	while (e > 0 && !doc_is_eol(d, e - 1) && d->len - e < ((size_t)1 << 20))
		e--;
	/* A line longer than 1 MiB is taken as it stands. */
	return e;
}

bool doc_mapped(const doc *d)
{
	return d->map && d->fd >= 0 && d->data >= (const unsigned char *)d->map &&
	       d->data <= (const unsigned char *)d->map + d->map_len;
}

size_t doc_copy(const doc *d, size_t off, void *buf, size_t n)
{
	if (off >= d->len)
		return 0;
	if (n > d->len - off)
		n = d->len - off;
	if (!doc_mapped(d)) {
		memcpy(buf, d->data + off, n);
		return n;
	}
	off_t at = (off_t)((size_t)(d->data - (const unsigned char *)d->map) + off);
	size_t got = 0;
	while (got < n) {
		ssize_t k = pread(d->fd, (char *)buf + got, n - got, at + (off_t)got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	return got;
}

/* Starts a streaming document: waits for the first data, then takes what
 * else is there without waiting. */
static int open_stream(doc *d, int fd, const char *encoding, char *err, size_t errlen)
{
	d->fd = fd;
	d->streaming = true;
	unsigned char buf[65536];
	ssize_t r;
	do
		r = source_read(d, buf, sizeof buf);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		snprintf(err, errlen, "%s: %s", d->name, strerror(errno));
		return -1;
	}
	/* Compressed input on a pipe: a child decompresses it, from the bytes
	 * read so far, into a pipe read as any other. */
	const char *z = !d->unpack && !d->book && fd >= 0 ? unpack_sniff(buf, (size_t)r) : NULL;
	if (z) {
		if (!(d->child = calloc(1, sizeof *d->child))) {
			snprintf(err, errlen, "%s: out of memory", d->name);
			return -1;
		}
		int tfd = unpack_child(fd, buf, (size_t)r, d->name, d->child, err, errlen);
		if (tfd < 0)
			return -1;
		if (fd > 2)
			close(fd);
		d->fd = fd = tfd;
		snprintf(d->packed, sizeof d->packed, "%s", z);
		/* the first text waits for its input, as the first read did */
		do
			r = read(fd, buf, sizeof buf);
		while (r < 0 && errno == EINTR);
		if (r <= 0) {
			char msg[300];
			unpack_child_end(d->child, msg, sizeof msg);
			if (r < 0 || msg[0]) {
				snprintf(err, errlen, "%s", msg[0] ? msg : strerror(errno));
				return -1;
			}
		}
	}
	int fl = fd >= 0 && !d->unpack ? fcntl(fd, F_GETFL) : -1;
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	size_t n = (size_t)r;
	const char *enc = encoding;
	d->encoding_how = "set by --encoding";
	if (!enc)
		enc = doc_detect_how(buf, n, &d->encoding_how);
	snprintf(d->encoding, sizeof d->encoding, "%s", enc);
	size_t skip = 0;
	if (strcasecmp(enc, "UTF-8") == 0 || strcasecmp(enc, "UTF8") == 0) {
		snprintf(d->encoding, sizeof d->encoding, "UTF-8");
		if (n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
			skip = 3;
	} else {
		iconv_t cd = iconv_open("UTF-8", enc);
		if (cd == (iconv_t)-1) {
			snprintf(err, errlen, "%s: cannot decode as %s", d->name, enc);
			return -1;
		}
		d->cd = cd;
		skip = wide_bom(enc, buf, n);
	}
	d->binary = looks_binary(buf, n);
	if (r == 0) {
		d->streaming = false;
		unpack_close(d->unpack);
		d->unpack = NULL;
	} else if (!append(d, buf + skip, n - skip, false)) {
		snprintf(err, errlen, "%s: out of memory", d->name);
		return -1;
	}
	if (!reserve(d, 1)) {
		snprintf(err, errlen, "%s: out of memory", d->name);
		return -1;
	}
	/* a decompressor's first screen needs less than a pipe's first read
	 * may bring: the rest comes after it */
	doc_poll(d, d->unpack ? STREAM_FIRST / 4 : STREAM_FIRST);
	return 0;
}

/* ---- the SIGBUS guard ------------------------------------------------------------ */

static void *volatile guard_base;
static volatile size_t guard_len;
static volatile sig_atomic_t guard_fault;

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	char *a = si->si_addr, *b = guard_base;
	if (b && a >= b && a < b + guard_len) {
		/* The file shrank under the mapping: zeros stand in for the rest. */
		long pg = sysconf(_SC_PAGESIZE);
		char *page = (char *)((uintptr_t)a & ~(uintptr_t)(pg - 1));
		if (mmap(page, (size_t)pg, PROT_READ, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED) {
			guard_fault = 1;
			return;
		}
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

void doc_guard_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
}

bool doc_bus_fault(void)
{
	bool f = guard_fault;
	guard_fault = 0;
	return f;
}

static void guard(const doc *d)
{
	guard_base = d->map;
	guard_len = d->map ? d->map_len : 0;
}

/* ---- opening ------------------------------------------------------------------------ */

doc *doc_open_enc(const char *path, const char *encoding, char *err, size_t errlen)
{
	if (errlen)
		err[0] = 0;
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (!is_stdin)
			close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: is a directory", path);
		if (!is_stdin)
			close(fd);
		return NULL;
	}
	doc *d = doc_alloc(is_stdin ? "(stdin)" : path);
	if (!d || !(d->path = strdup(path))) {
		snprintf(err, errlen, "%s: out of memory", path);
		if (!is_stdin)
			close(fd);
		doc_close(d);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		if (open_stream(d, fd, encoding, err, errlen) < 0) {
			doc_close(d);
			return NULL;
		}
		return d;
	}
	d->ino = st.st_ino;
	/* A compressed file: the text inside streams as stdin does. */
	unsigned char head[64];
	ssize_t hn = pread(fd, head, sizeof head, 0);
	const char *z = hn > 0 ? unpack_sniff(head, (size_t)hn) : NULL;
	/* A book: its text is made a chapter at a time, and streams in. */
	size_t hl = hn > 0 ? (size_t)hn : 0;
	if ((z && strcmp(z, "zip") == 0 && (d->book = book_open_epub(path, err, errlen)) != NULL) ||
	    ((!z || strcmp(z, "zip") != 0) && book_is_subtitles(path, z ? NULL : head, z ? 0 : hl) &&
	     (d->book = book_open_subtitles(path, encoding, err, errlen)) != NULL) ||
	    ((!z || strcmp(z, "zip") != 0) && !err[0] && book_is_html(path, z ? NULL : head, z ? 0 : hl) &&
	     (d->book = book_open_html(path, encoding, err, errlen)) != NULL)) {
		close(fd);
		if (strcmp(book_kind(d->book), "HTML") != 0)
			snprintf(d->packed, sizeof d->packed, "%s", book_kind(d->book));
		if (open_stream(d, -1, "UTF-8", err, errlen) < 0) {
			doc_close(d);
			return NULL;
		}
		snprintf(d->encoding, sizeof d->encoding, "%s", book_encoding(d->book, &d->encoding_how));
		return d;
	}
	if (err[0]) {
		close(fd);
		doc_close(d);
		return NULL;
	}
	if (z) {
		close(fd);
		if (!(d->unpack = unpack_open(path, err, errlen))) {
			doc_close(d);
			return NULL;
		}
		snprintf(d->packed, sizeof d->packed, "%s", unpack_name(d->unpack));
		if (open_stream(d, -1, encoding, err, errlen) < 0) {
			doc_close(d);
			return NULL;
		}
		return d;
	}
	if (st.st_size > 0) {
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m != MAP_FAILED) {
			d->map = m;
			d->map_len = (size_t)st.st_size;
			d->data = m;
			d->len = (size_t)st.st_size;
		}
	}
	if (!d->map) {
		int e = read_all(fd, &d->owned, &d->len);
		if (e) {
			snprintf(err, errlen, "%s: %s", path, strerror(e));
			if (!is_stdin)
				close(fd);
			doc_close(d);
			return NULL;
		}
		d->data = d->owned;
	}
	d->fd = is_stdin ? -1 : fd;
	if (decode(d, encoding, err, errlen) < 0) {
		doc_close(d);
		return NULL;
	}
	guard(d);
	return d;
}

/* Puts the contents of n into d (the same document, read again). */
static void swap_in(doc *d, doc *n)
{
	if (d->map)
		munmap(d->map, d->map_len);
	free(d->owned);
	free(d->ckpt);
	if (d->fd >= 0)
		close(d->fd);
	if (d->cd)
		iconv_close((iconv_t)d->cd);
	unpack_close(d->unpack);
	book_close(d->book);
	char *name = d->name, *path = d->path;
	*d = *n;
	free(n->name);
	free(n->path);
	d->name = name;
	d->path = path;
	free(n);
	guard(d);
}

enum doc_change doc_refresh(doc *d, bool follow_name, char *err, size_t errlen)
{
	if (d->streaming)
		return doc_poll(d, (size_t)4 << 20) ? DOC_GREW : DOC_SAME;
	if (d->fd < 0 || !d->path)
		return DOC_SAME;
	struct stat st, ps;
	if (fstat(d->fd, &st) < 0)
		return DOC_SAME;
	bool replaced = follow_name && stat(d->path, &ps) == 0 && ps.st_ino != d->ino;
	bool utf8_mapped = d->map && d->data >= (const unsigned char *)d->map &&
	                   d->data < (const unsigned char *)d->map + d->map_len + 1;
	if (!replaced && d->map && (size_t)st.st_size == d->map_len)
		return DOC_SAME;
	if (!replaced && st.st_size > 0 && (size_t)st.st_size > d->map_len && utf8_mapped) {
		/* Grown: map it again, larger. */
		size_t skip = (size_t)(d->data - (const unsigned char *)d->map);
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, d->fd, 0);
		if (m == MAP_FAILED)
			return DOC_SAME;
		munmap(d->map, d->map_len);
		d->map = m;
		d->map_len = (size_t)st.st_size;
		d->data = (const unsigned char *)m + skip;
		d->len = d->map_len - skip;
		guard(d);
		return DOC_GREW;
	}
	if (!replaced && !d->map && (size_t)st.st_size <= d->len && d->owned && strcmp(d->encoding, "UTF-8") == 0)
		return DOC_SAME;
	/* Truncated, replaced, or decoded from another encoding: read again. */
	doc *n = doc_open_enc(d->path, strcmp(d->encoding, "UTF-8") ? d->encoding : NULL, err, errlen);
	if (!n)
		return DOC_SAME;
	swap_in(d, n);
	return DOC_RELOADED;
}

void doc_close(doc *d)
{
	if (!d)
		return;
	if (d->map) {
		if (guard_base == d->map)
			guard_base = NULL;
		munmap(d->map, d->map_len);
	}
	if (d->fd >= 0)
		close(d->fd);
	if (d->cd)
		iconv_close((iconv_t)d->cd);
	unpack_close(d->unpack);
	book_close(d->book);
	if (d->child) {
		unpack_child_end(d->child, NULL, 0);
		free(d->child);
	}
	free(d->path);
	free(d->owned);
	free(d->ckpt);
	free(d->name);
	free(d);
}

size_t doc_after_eol(const doc *d, size_t i)
{
	if (i >= d->len)
		return d->len;
	if (d->data[i] == '\r' && i + 1 < d->len && d->data[i + 1] == '\n')
		return i + 2;
	return i + 1;
}

size_t doc_line_start(const doc *d, size_t off)
{
	if (off > d->len)
		off = d->len;
	const unsigned char *p = d->data;
	/* The LF of a CRLF belongs to the line the CR ends. */
	if (off < d->len && p[off] == '\n' && off > 0 && p[off - 1] == '\r')
		off--;
	/* The last LF first, then a lone CR only after it: a file without CRs
	 * must not be scanned back to its start. */
	const unsigned char *lf = off ? memrchr(p, '\n', off) : NULL;
	size_t from = lf ? (size_t)(lf - p) + 1 : 0;
	const unsigned char *cr = off > from ? memrchr(p + from, '\r', off - from) : NULL;
	const unsigned char *e = cr ? cr : lf;
	return e ? (size_t)(e - p) + 1 : 0;
}

size_t doc_next_line(const doc *d, size_t off)
{
	if (off >= d->len)
		return d->len;
	const unsigned char *p = d->data + off;
	size_t n = d->len - off;
	const unsigned char *lf = memchr(p, '\n', n);
	const unsigned char *cr = memchr(p, '\r', lf ? (size_t)(lf - p) : n);
	const unsigned char *e = cr ? cr : lf;
	if (!e)
		return d->len;
	return doc_after_eol(d, (size_t)(e - d->data));
}

/* The number of bytes c in p[0..n): 16 at a time with SSE2 (baseline on
 * x86-64), else 8 at a time in a word.  A memchr a line cost a call for
 * each line, which made counting a large file's lines cost more than
 * finding its outline. */
static size_t count_byte(const unsigned char *p, size_t n, unsigned char c)
{
	size_t k = 0, i = 0;
#ifdef __SSE2__
	const __m128i want = _mm_set1_epi8((char)c);
	while (n - i >= 16) {
		/* up to 255 blocks in 8-bit lanes, then summed */
		size_t blocks = (n - i) / 16 < 255 ? (n - i) / 16 : 255;
		__m128i acc = _mm_setzero_si128();
		for (size_t j = 0; j < blocks; j++, i += 16)
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + i)), want));
		__m128i sum = _mm_sad_epu8(acc, _mm_setzero_si128());
		k += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
	}
#else
	const uint64_t ones = 0x0101010101010101u, low7 = 0x7F7F7F7F7F7F7F7Fu;
	for (; n - i >= 8; i += 8) {
		uint64_t x;
		memcpy(&x, p + i, 8);
		x ^= ones * c; /* bytes equal to c are now 0 */
		uint64_t t = ~(((x & low7) + low7) | x | low7); /* high bit set in each 0 byte */
		k += (size_t)__builtin_popcountll(t);
	}
#endif
	for (; i < n; i++)
		k += p[i] == c;
	return k;
}

size_t doc_count_eols(const doc *d, size_t a, size_t b)
{
	if (b > d->len)
		b = d->len;
	if (a >= b)
		return 0;
	const unsigned char *p = d->data;
	size_t n = count_byte(p + a, b - a, '\n');
	for (size_t i = a; i < b;) {
		const unsigned char *q = memchr(p + i, '\r', b - i);
		if (!q)
			break;
		size_t at = (size_t)(q - p);
		if (at + 1 >= d->len || p[at + 1] != '\n')
			n++;
		i = at + 1;
	}
	return n;
}

/* Makes room for every checkpoint of the document as long as it is now;
 * checkpoint 0 (no line ends before offset 0) is known from the start. */
static bool ckpt_room(doc *d)
{
	size_t total = d->len / DOC_CKPT + 1; /* checkpoints 0 .. len/DOC_CKPT */
	if (total > d->ckpt_cap) {
		/* A document that grows needs more checkpoints; those known stay. */
		size_t *n = realloc(d->ckpt, total * 2 * sizeof *n);
		if (!n)
			return false;
		if (!d->ckpt) {
			n[0] = 0;
			d->nckpt = 1;
		}
		d->ckpt = n;
		d->ckpt_cap = total * 2;
	}
	return true;
}

bool doc_index_step(doc *d, size_t budget)
{
	if (!ckpt_room(d))
		return false;
	size_t total = d->len / DOC_CKPT + 1;
	size_t done = 0;
	while (d->nckpt < total && (budget == 0 || done < budget)) {
		size_t k = d->nckpt;
		d->ckpt[k] = d->ckpt[k - 1] + doc_count_eols(d, (k - 1) * DOC_CKPT, k * DOC_CKPT);
		d->nckpt++;
		done += DOC_CKPT;
	}
	return d->nckpt == total;
}

size_t doc_line_number(doc *d, size_t off, size_t budget)
{
	if (off > d->len)
		off = d->len;
	size_t k = off / DOC_CKPT;
	if (!ckpt_room(d))
		return 0;
	if (d->nckpt <= k) {
		/* Only the checkpoints up to k are needed, not the whole index. */
		size_t need = (k + 1 - d->nckpt) * DOC_CKPT;
		if (budget && need > budget)
			return 0;
		doc_index_step(d, need);
		if (d->nckpt <= k)
			return 0;
	}
	size_t ls = doc_line_start(d, off);
	if (ls < k * DOC_CKPT) /* the line began before this checkpoint */
		return doc_line_number(d, ls, budget);
	/* From the line numbered last when it is nearer than the checkpoint:
	 * a reader moves a few lines at a time. */
	size_t from_ckpt = ls - k * DOC_CKPT, line;
	if (d->lc_line && ls >= d->lc_start && ls - d->lc_start < from_ckpt)
		line = d->lc_line + doc_count_eols(d, d->lc_start, ls);
	else if (d->lc_line && ls < d->lc_start && d->lc_start - ls < from_ckpt)
		line = d->lc_line - doc_count_eols(d, ls, d->lc_start);
	else
		line = d->ckpt[k] + doc_count_eols(d, k * DOC_CKPT, ls) + 1;
	d->lc_start = ls;
	d->lc_line = line;
	return line;
}

size_t doc_line_offset(doc *d, size_t n)
{
	if (n <= 1 || d->len == 0)
		return 0;
	doc_index_step(d, 0);
	/* Last checkpoint with fewer than n-1 line ends before it. */
	size_t lo = 0, hi = d->nckpt;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (d->ckpt[mid] < n - 1)
			lo = mid;
		else
			hi = mid;
	}
	size_t off = lo * DOC_CKPT, line = d->ckpt[lo] + 1;
	while (line < n) {
		size_t nx = doc_next_line(d, off);
		if (nx >= d->len) /* a final terminator starts no line */
			break;
		off = nx;
		line++;
	}
	return off;
}
