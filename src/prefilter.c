/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * prefilter: the characters that may fold to one character of a query,
 * found in raw text by their rarest bytes (see include/fanye/prefilter.h).
 *
 * The steps: list the query's characters that a prefilter can stand on
 * (no canonical decomposition, so no composition of others makes them);
 * for each, list what may fold to it (triggers); cover the triggers with
 * at most MAX_ANCHORS bytes, rare ones first (a greedy set cover weighed
 * by the histogram); keep the character whose anchors are rarest.  The scan
 * finds any anchor byte (SSE2/AVX2 compares on x86-64, a table elsewhere)
 * and checks the whole trigger around it.
 */
#include "build.h"
#include "fanye/prefilter.h"

#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "foldinv.h"
#include "src/foldinv.inc"

#define MAX_ANCHORS 16
#define MAX_TRIGGERS 512

/* A character that may fold to the chosen one, and which of its bytes
 * the scan finds it by. */
typedef struct trigger {
	uint8_t b[4];
	uint8_t len, off;
	uint32_t word, mask; /* b and the bytes it uses, as a 4-byte load sees them */
} trigger;

struct prefilter {
	bool avx2;         /* the machine has AVX2 (x86-64) */
	int nanchors;
	uint8_t anchor[MAX_ANCHORS];
	bool is_anchor[256];
	/* triggers grouped by the anchor byte they are found by:
	 * tr[first[b] .. first[b] + count[b]) */
	trigger *tr;
	size_t ntr;
	uint16_t first[256], count[256];
};

void prefilter_count(const uint8_t *t, size_t n, uint32_t hist[256])
{
	for (size_t i = 0; i < n; i++)
		hist[t[i]]++;
}

/* ---- what may fold to a character ---------------------------------------- */

typedef struct tlist {
	trigger t[MAX_TRIGGERS];
	size_t n;
	bool full;
} tlist;

static void add_cp(tlist *l, uint32_t c)
{
	trigger t = {{0}, 0, 0, 0, 0};
	int len = u8_uctomb(t.b, c, 4);
	if (len <= 0)
		return;
	t.len = (uint8_t)len;
	for (size_t i = 0; i < l->n; i++)
		if (l->t[i].len == t.len && memcmp(l->t[i].b, t.b, t.len) == 0)
			return;
	if (l->n == MAX_TRIGGERS) {
		l->full = true;
		return;
	}
	l->t[l->n++] = t;
}

/* c and every character the table lists for it. */
static void add_with_forms(tlist *l, uint32_t c)
{
	add_cp(l, c);
	size_t lo = 0, hi = sizeof foldinv / sizeof foldinv[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (foldinv[mid][0] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < sizeof foldinv / sizeof foldinv[0] && foldinv[lo][0] == c; lo++)
		add_cp(l, foldinv[lo][1]);
}

/* Every character that may fold to text holding c. */
static void triggers_of(uint32_t c, const prefilter_fold *f, tlist *l)
{
	l->n = 0;
	l->full = false;
	add_with_forms(l, c);
	if (f->caseless && c >= 'a' && c <= 'z')
		add_cp(l, c - 0x20);
	if (f->kana && c >= 0x3041 && c <= 0x3096)
		add_with_forms(l, c + 0x60);
	if (f->script && c >= f->script_lo && c <= f->script_hi)
		for (uint32_t y = f->script_lo; y <= f->script_hi; y++)
			if (f->script[y - f->script_lo] == c && y != c)
				add_with_forms(l, y);
}

/* Whether a prefilter can stand on c: ASCII, or what foldinv.h says. */
static bool can_stand_on(uint32_t c)
{
	return c < 0x80 || foldinv_stands_alone(c);
}

/* ---- anchors ------------------------------------------------------------------ */

/* Covers the triggers with at most MAX_ANCHORS bytes, each step taking the
 * byte that finds the most triggers not yet covered per occurrence in the
 * sample; sets each trigger's off.  Returns the summed count of the anchor
 * bytes in the sample, or UINT64_MAX when more bytes would be needed. */
static uint64_t cover(tlist *l, const uint32_t hist[256], uint8_t *anchor, int *nanchors)
{
	bool covered[MAX_TRIGGERS] = {false};
	size_t left = l->n;
	uint64_t cost = 0;
	*nanchors = 0;
	while (left) {
		if (*nanchors == MAX_ANCHORS)
			return UINT64_MAX;
		uint32_t finds[256] = {0};
		for (size_t i = 0; i < l->n; i++) {
			if (covered[i])
				continue;
			bool seen[256] = {false};
			for (int j = 0; j < l->t[i].len; j++)
				if (!seen[l->t[i].b[j]]) {
					seen[l->t[i].b[j]] = true;
					finds[l->t[i].b[j]]++;
				}
		}
		int best = -1;
		double best_score = 0;
		for (int b = 0; b < 256; b++) {
			if (!finds[b])
				continue;
			double score = (double)finds[b] / ((double)hist[b] + 1.0);
			if (best < 0 || score > best_score) {
				best = b;
				best_score = score;
			}
		}
		anchor[(*nanchors)++] = (uint8_t)best;
		cost += hist[best];
		for (size_t i = 0; i < l->n; i++) {
			if (covered[i])
				continue;
			for (int j = 0; j < l->t[i].len; j++)
				if (l->t[i].b[j] == best) {
					covered[i] = true;
					l->t[i].off = (uint8_t)j;
					left--;
					break;
				}
		}
	}
	return cost;
}

static int by_anchor(const void *a, const void *b)
{
	const trigger *x = a, *y = b;
	return (int)x->b[x->off] - (int)y->b[y->off];
}

prefilter *prefilter_new(const uint8_t *q, size_t qlen, const prefilter_fold *f,
                         const uint32_t hist[256])
{
	uint64_t sample = 0;
	for (int b = 0; b < 256; b++)
		sample += hist[b];
	tlist *l = malloc(sizeof *l), *best = malloc(sizeof *best);
	prefilter *p = calloc(1, sizeof *p);
	if (!l || !best || !p)
		goto none;
	uint64_t best_cost = UINT64_MAX;
	for (size_t i = 0; i < qlen;) {
		ucs4_t c;
		int n = u8_mbtoucr(&c, q + i, qlen - i);
		if (n <= 0)
			goto none; /* the folded query is valid UTF-8 */
		i += (size_t)n;
		if (!can_stand_on(c))
			continue;
		triggers_of(c, f, l);
		if (l->full)
			continue;
		uint8_t anchor[MAX_ANCHORS];
		int na;
		uint64_t cost = cover(l, hist, anchor, &na);
		if (cost == UINT64_MAX)
			continue;
		/* a compare more per block byte for each anchor */
		cost = cost * 16 + (uint64_t)na * (sample / 32);
		if (cost < best_cost) {
			best_cost = cost;
			tlist *t = best;
			best = l;
			l = t;
			memcpy(p->anchor, anchor, sizeof anchor);
			p->nanchors = na;
		}
	}
	/* Anchors found more often than every 32nd byte: folding it all is as
	 * quick as folding the lines they are on. */
	if (best_cost == UINT64_MAX || best_cost - (uint64_t)p->nanchors * (sample / 32) > sample / 2)
		goto none;
	qsort(best->t, best->n, sizeof best->t[0], by_anchor);
	p->tr = malloc(best->n * sizeof *p->tr);
	if (!p->tr)
		goto none;
	memcpy(p->tr, best->t, best->n * sizeof *p->tr);
	p->ntr = best->n;
	for (size_t i = 0; i < p->ntr; i++) {
		uint8_t m[4] = {0};
		memset(m, 0xFF, p->tr[i].len);
		memcpy(&p->tr[i].word, p->tr[i].b, 4);
		memcpy(&p->tr[i].mask, m, 4);
	}
	for (size_t i = 0; i < best->n; i++) {
		uint8_t a = best->t[i].b[best->t[i].off];
		if (!p->count[a])
			p->first[a] = (uint16_t)i;
		p->count[a]++;
	}
	for (int j = 0; j < p->nanchors; j++)
		p->is_anchor[p->anchor[j]] = true;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
	__builtin_cpu_init();
	p->avx2 = __builtin_cpu_supports("avx2");
#endif
	free(l);
	free(best);
	return p;
none:
	free(l);
	free(best);
	prefilter_free(p);
	return NULL;
}

void prefilter_free(prefilter *p)
{
	if (!p)
		return;
	free(p->tr);
	free(p);
}

/* ---- the scan ------------------------------------------------------------------- */

/* The trigger found by anchor byte t[i], starting at or after from;
 * SIZE_MAX when none is there. */
static inline size_t verify(const prefilter *p, const uint8_t *t, size_t n, size_t from, size_t i)
{
	const trigger *tr = p->tr + p->first[t[i]];
	for (uint16_t k = 0; k < p->count[t[i]]; k++, tr++) {
		if (i < from + tr->off)
			continue;
		size_t st = i - tr->off;
		if (st + 4 <= n) {
			uint32_t v;
			memcpy(&v, t + st, 4);
			if ((v & tr->mask) == tr->word)
				return st;
		} else if (st + tr->len <= n && memcmp(t + st, tr->b, tr->len) == 0) {
			return st;
		}
	}
	return SIZE_MAX;
}

static size_t scan_table(const prefilter *p, const uint8_t *t, size_t n, size_t from, size_t i)
{
	for (; i < n; i++)
		if (p->is_anchor[t[i]]) {
			size_t h = verify(p, t, n, from, i);
			if (h != SIZE_MAX)
				return h;
		}
	return n;
}

/* Each anchor byte in turn with memchr (one anchor: glibc's is the fastest). */
static size_t scan_memchr(const prefilter *p, const uint8_t *t, size_t n, size_t from)
{
	for (size_t i = from; i < n; i++) {
		const uint8_t *r = memchr(t + i, p->anchor[0], n - i);
		if (!r)
			break;
		i = (size_t)(r - t);
		size_t h = verify(p, t, n, from, i);
		if (h != SIZE_MAX)
			return h;
	}
	return n;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

/* The bits of mask, lowest first, as offsets from base: each checked. */
#define VERIFY_MASK(mask, base)                                                  \
	while (mask) {                                                           \
		size_t h_ = verify(p, t, n, from, (base) + (size_t)__builtin_ctz(mask)); \
		if (h_ != SIZE_MAX)                                              \
			return h_;                                               \
		mask &= mask - 1;                                                \
	}

/* Anchor bytes 32 at a time with AVX2, compared four at a time. */
__attribute__((target("avx2"))) static size_t scan_avx2(const prefilter *p, const uint8_t *t, size_t n, size_t from)
{
	__m256i a[MAX_ANCHORS];
	for (int j = 0; j < MAX_ANCHORS; j++)
		a[j] = _mm256_set1_epi8((char)p->anchor[j < p->nanchors ? j : 0]);
#define CMP4(k) _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(x, a[k]), _mm256_cmpeq_epi8(x, a[k + 1])), \
	                        _mm256_or_si256(_mm256_cmpeq_epi8(x, a[k + 2]), _mm256_cmpeq_epi8(x, a[k + 3])))
	size_t i = from;
	int na = p->nanchors;
	for (; i + 32 <= n; i += 32) {
		__m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(t + i));
		__m256i m = CMP4(0);
		if (na > 4)
			m = _mm256_or_si256(m, CMP4(4));
		if (na > 8)
			m = _mm256_or_si256(m, CMP4(8));
		if (na > 12)
			m = _mm256_or_si256(m, CMP4(12));
		unsigned mask = (unsigned)_mm256_movemask_epi8(m);
		VERIFY_MASK(mask, i)
	}
#undef CMP4
	return scan_table(p, t, n, from, i);
}

/* The same, 16 at a time with SSE2 (every x86-64 has it). */
static size_t scan_sse2(const prefilter *p, const uint8_t *t, size_t n, size_t from)
{
	__m128i a[MAX_ANCHORS];
	for (int j = 0; j < MAX_ANCHORS; j++)
		a[j] = _mm_set1_epi8((char)p->anchor[j < p->nanchors ? j : 0]);
#define CMP4(k) _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, a[k]), _mm_cmpeq_epi8(x, a[k + 1])), \
	                     _mm_or_si128(_mm_cmpeq_epi8(x, a[k + 2]), _mm_cmpeq_epi8(x, a[k + 3])))
	size_t i = from;
	int na = p->nanchors;
	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i m = CMP4(0);
		if (na > 4)
			m = _mm_or_si128(m, CMP4(4));
		if (na > 8)
			m = _mm_or_si128(m, CMP4(8));
		if (na > 12)
			m = _mm_or_si128(m, CMP4(12));
		unsigned mask = (unsigned)_mm_movemask_epi8(m);
		VERIFY_MASK(mask, i)
	}
#undef CMP4
	return scan_table(p, t, n, from, i);
}

size_t prefilter_next(const prefilter *p, const uint8_t *t, size_t n, size_t from)
{
	if (from >= n)
		return n;
	if (p->nanchors == 1)
		return scan_memchr(p, t, n, from);
	return p->avx2 ? scan_avx2(p, t, n, from) : scan_sse2(p, t, n, from);
}
#else
size_t prefilter_next(const prefilter *p, const uint8_t *t, size_t n, size_t from)
{
	if (from >= n)
		return n;
	if (p->nanchors == 1)
		return scan_memchr(p, t, n, from);
	return scan_table(p, t, n, from, from);
}
#endif
