/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * anchor: fingerprints, the context kept around a place, and finding the
 * place again by that context.
 */
#include "build.h"
#include "fanye/anchor.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t fnv64(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

void anchor_fingerprint(const doc *d, char *buf, size_t n)
{
	size_t k = d->len < 16384 ? d->len : 16384;
	snprintf(buf, n, "%zu-%016llx-%016llx", d->len, (unsigned long long)fnv64(d->data, k),
	         (unsigned long long)fnv64(d->data + d->len - k, k));
}

static bool on_char(const doc *d, size_t off)
{
	return off >= d->len || (d->data[off] & 0xC0) != 0x80;
}

/* off moved back to the start of the character it is in. */
static size_t char_start(const doc *d, size_t off)
{
	if (off > d->len)
		off = d->len;
	size_t lim = off > 4 ? off - 4 : 0;
	while (off > lim && !on_char(d, off))
		off--;
	return off;
}

void anchor_context(const doc *d, size_t off, char **before, char **after)
{
	if (off > d->len)
		off = d->len;
	size_t a = off > ANCHOR_BEFORE ? off - ANCHOR_BEFORE : 0;
	while (a < off && (d->data[a] & 0xC0) == 0x80)
		a++;
	size_t b = d->len - off > ANCHOR_AFTER ? off + ANCHOR_AFTER : d->len;
	while (b > off && b < d->len && (d->data[b] & 0xC0) == 0x80)
		b--;
	*before = strndup((const char *)d->data + a, off - a);
	*after = strndup((const char *)d->data + off, b - off);
}

bool anchor_holds(const doc *d, size_t off, const char *before, const char *after)
{
	size_t bl = before ? strlen(before) : 0, al = after ? strlen(after) : 0;
	if (off > d->len || (bl && off < bl) || (al && d->len - off < al))
		return false;
	/* The bytes around the place, read with pread from a mapped file: a
	 * fault on the mapping would read ahead megabytes around each place
	 * (read_ahead_kb), for a hundred-odd bytes. */
	unsigned char buf[ANCHOR_BEFORE + ANCHOR_AFTER + 8];
	const unsigned char *p = d->data + off - bl;
	size_t n = bl + al + (off < d->len);
	if (doc_mapped(d) && n <= sizeof buf) {
		if (doc_copy(d, off - bl, buf, n) != n)
			return false;
		p = buf;
	}
	if (off < d->len && (p[bl] & 0xC0) == 0x80)
		return false; /* inside a character */
	return memcmp(p, before ? before : "", bl) == 0 && memcmp(p + bl, after ? after : "", al) == 0;
}

/* The occurrence of needle nearest to `near` among those in text, which
 * starts at document offset base; best and bestd carry the answer so far.
 * True when the rest of the document can only be further away. */
static bool nearest_scan(const unsigned char *text, size_t n, size_t base, const char *needle,
                         size_t nl, size_t near, size_t *best, size_t *bestd)
{
	const unsigned char *p = text, *end = text + n;
	while (p < end) {
		const unsigned char *q = memmem(p, (size_t)(end - p), needle, nl);
		if (!q)
			return false;
		size_t at = base + (size_t)(q - text);
		size_t dist = at > near ? at - near : near - at;
		if (dist < *bestd) {
			*best = at;
			*bestd = dist;
		} else if (at > near) {
			return true; /* further ones are only further away */
		}
		p = q + 1;
	}
	return false;
}

/* The occurrence of needle nearest to `near` within [lo, hi), or SIZE_MAX.
 * A mapped file's long ranges are read through a buffer (pread): a scan
 * through the mapping pays a fault per page. */
static size_t nearest_in(const doc *d, const char *needle, size_t nl, size_t near, size_t lo, size_t hi)
{
	size_t best = SIZE_MAX, bestd = SIZE_MAX;
	const size_t chunk = (size_t)1 << 20;
	unsigned char *buf = NULL;
	if (doc_mapped(d) && hi - lo > chunk)
		buf = malloc(chunk + nl);
	if (!buf) {
		nearest_scan(d->data + lo, hi - lo, lo, needle, nl, near, &best, &bestd);
		return best;
	}
	/* Chunks that overlap by nl - 1 bytes: no occurrence is cut in two. */
	for (size_t a = lo; a < hi; a += chunk) {
		size_t n = hi - a < chunk + nl - 1 ? hi - a : chunk + nl - 1;
		if (n < nl)
			break;
		const unsigned char *t = doc_copy(d, a, buf, n) == n ? buf : d->data + a;
		if (nearest_scan(t, n, a, needle, nl, near, &best, &bestd))
			break;
	}
	free(buf);
	return best;
}

/* The occurrence of needle nearest to `near`, or SIZE_MAX.  Looked for in
 * windows around near that grow 16 times at each step: one that starts
 * within r of near is nearer than any outside, so text that moved a little
 * is found at the cost of the distance it moved, not of the document. */
static size_t nearest(const doc *d, const char *needle, size_t nl, size_t near)
{
	if (nl == 0 || nl > d->len)
		return SIZE_MAX;
	if (near > d->len)
		near = d->len;
	for (size_t r = (size_t)64 << 10;; r *= 16) {
		size_t lo = near > r ? near - r : 0;
		size_t hi = d->len - near > r + nl ? near + r + nl : d->len;
		size_t at = nearest_in(d, needle, nl, near, lo, hi);
		size_t dist = at == SIZE_MAX ? SIZE_MAX : at > near ? at - near : near - at;
		if (dist <= r || (lo == 0 && hi == d->len))
			return at;
		if (r > d->len)
			return at;
	}
}

/* anchor_find's search, without the final clamp. */
static size_t search_again(const doc *d, size_t off, const char *before, const char *after, bool *lost)
{
	size_t bl = before ? strlen(before) : 0, al = after ? strlen(after) : 0;
	*lost = false;
	if (anchor_holds(d, off, before, after))
		return off;
	if (!al && !bl)
		return off;
	/* Every way below but the text before needs the first bytes of the
	 * text after: where they are nowhere (one scan), those ways are not
	 * tried, each of which would scan the whole document again. */
	size_t head = al < 8 ? al : 8;
	while (head > 0 && head < al && ((unsigned char)after[head] & 0xC0) == 0x80)
		head--;
	if (head && nearest(d, after, head, off) == SIZE_MAX)
		al = 0;
	char *both = al ? malloc(bl + al + 1) : NULL;
	if (both) {
		memcpy(both, before ? before : "", bl);
		memcpy(both + bl, after ? after : "", al);
		size_t at = nearest(d, both, bl + al, off > bl ? off - bl : 0);
		free(both);
		if (at != SIZE_MAX)
			return at + bl;
	}
	size_t at = nearest(d, after, al, off);
	if (at != SIZE_MAX)
		return at;
	at = nearest(d, before, bl, off > bl ? off - bl : 0);
	if (at != SIZE_MAX)
		return at + bl;
	for (size_t l = al / 2; l >= 8; l /= 2) {
		/* Cut on a character boundary: a shorter start of the text. */
		size_t k = l;
		while (k > 0 && ((unsigned char)after[k] & 0xC0) == 0x80)
			k--;
		at = nearest(d, after, k, off);
		if (at != SIZE_MAX)
			return at;
	}
	*lost = true;
	return off;
}

size_t anchor_find(const doc *d, size_t off, const char *before, const char *after, bool *lost)
{
	return char_start(d, search_again(d, off, before, after, lost));
}
