/*
 * anchor: fingerprints, the context kept around a place, and finding the
 * place again by that context.
 */
#include "config.h"
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
	if (off > d->len || !on_char(d, off))
		return false;
	if (bl && (off < bl || memcmp(d->data + off - bl, before, bl) != 0))
		return false;
	return !al || (d->len - off >= al && memcmp(d->data + off, after, al) == 0);
}

/* The occurrence of needle nearest to `near`, or SIZE_MAX. */
static size_t nearest(const doc *d, const char *needle, size_t nl, size_t near)
{
	if (nl == 0)
		return SIZE_MAX;
	size_t best = SIZE_MAX, bestd = SIZE_MAX;
	const unsigned char *p = d->data, *end = d->data + d->len;
	while (p < end) {
		const unsigned char *q = memmem(p, (size_t)(end - p), needle, nl);
		if (!q)
			break;
		size_t at = (size_t)(q - d->data);
		size_t dist = at > near ? at - near : near - at;
		if (dist < bestd) {
			best = at;
			bestd = dist;
		} else if (at > near) {
			break; /* further ones are only further away */
		}
		p = q + 1;
	}
	return best;
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
	char *both = malloc(bl + al + 1);
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
