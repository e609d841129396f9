/*
 * doc: loading a document (mmap for regular files, read for the rest), the
 * UTF-8 BOM, line terminators, and a sparse line index built on demand.
 */
#include "config.h"
#include "fanye/doc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static doc *doc_alloc(const char *name)
{
	doc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
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
	doc_skip_bom(d);
	return d;
}

doc *doc_open(const char *path, char *err, size_t errlen)
{
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
	if (!d) {
		snprintf(err, errlen, "%s: out of memory", path);
		if (!is_stdin)
			close(fd);
		return NULL;
	}
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
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
	if (!is_stdin)
		close(fd);
	doc_skip_bom(d);
	return d;
}

void doc_close(doc *d)
{
	if (!d)
		return;
	if (d->map)
		munmap(d->map, d->map_len);
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

size_t doc_count_eols(const doc *d, size_t a, size_t b)
{
	if (b > d->len)
		b = d->len;
	size_t n = 0;
	const unsigned char *p = d->data;
	for (size_t i = a; i < b;) {
		const unsigned char *q = memchr(p + i, '\n', b - i);
		if (!q)
			break;
		n++;
		i = (size_t)(q - p) + 1;
	}
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

bool doc_index_step(doc *d, size_t budget)
{
	size_t total = d->len / DOC_CKPT + 1; /* checkpoints 0 .. len/DOC_CKPT */
	if (!d->ckpt) {
		d->ckpt = malloc(total * sizeof *d->ckpt);
		if (!d->ckpt)
			return false;
		d->ckpt[0] = 0;
		d->nckpt = 1;
	}
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
	if (!d->ckpt || d->nckpt <= k) {
		size_t have = d->ckpt ? d->nckpt : 0;
		size_t need = (k + 1 - have) * DOC_CKPT;
		if (budget && need > budget)
			return 0;
		doc_index_step(d, need);
		if (!d->ckpt || d->nckpt <= k)
			return 0;
	}
	size_t ls = doc_line_start(d, off);
	if (ls < k * DOC_CKPT) /* the line began before this checkpoint */
		return doc_line_number(d, ls, budget);
	return d->ckpt[k] + doc_count_eols(d, k * DOC_CKPT, ls) + 1;
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
