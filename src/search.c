/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * search: folding (case, NFKC width/compatibility forms, optionally kana)
 * a block of text at a time with a compact offset map, and literal (memmem)
 * or PCRE2 matching on the folded text.
 *
 * The fold is per character, with a cache per code point; ASCII and the
 * CJK Unified Ideographs (UTF-8 lead bytes E4-E9), which fold to themselves
 * except for ASCII case, take a fast path.  A character followed by a
 * combining mark is folded together with it, so that ｶﾞ becomes ガ.  The
 * query goes through the very same fold, so both sides always agree.
 *
 * The script fold (賈雨村 finds 贾雨村) takes each ideograph to its
 * simplified form.  The table is OpenCC's own t2s conversion, made once of
 * every ideograph of the BMP (a character at a time, each on a line of its
 * own), so folding a block costs a lookup per character rather than
 * OpenCC's phrase matching (3 MB/s); it is only on for a query that holds
 * an ideograph.
 *
 * A literal scan of 1 MiB or more folds only the lines where the
 * prefilter (prefilter.c) finds a character that may fold to the query's
 * rarest one; a mapped file is read through its mapping.
 */
#include "build.h"
#include "fanye/search.h"
#include "fanye/pres.h"
#include "fanye/cc.h"
#include "fanye/prefilter.h"
#include "fanye/worker.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* Blocks of about this many bytes are folded at once (whole lines). */
#define BLOCK ((size_t)256 << 10)
/* A block grows to the end of its line, but not past this. */
#define LINE_SLACK ((size_t)1 << 20)
/* A pattern's work on one call is bounded (PCRE2's match and depth limits,
 * about 2 ms of JIT matching at the match limit here); a line that reaches
 * a limit is passed over and the place kept for search_stopped.  Once a
 * pattern has reached a limit its blocks are smaller, and a block that
 * reaches LIMITS_PER_BLOCK of them is passed over whole, so that one call
 * stays short whatever the pattern and the text. */
#define MATCH_LIMIT 1000000u
#define DEPTH_LIMIT 10000u
#define COSTLY_BLOCK ((size_t)4 << 10)
#define LIMITS_PER_BLOCK 8
/* Slices of this many bytes, this many of them spread over the document,
 * are counted for the prefilter's byte histogram. */
#define SAMPLE_SLICE ((size_t)8 << 10)
#define SAMPLE_SLICES 8
/* A prefilter is made for a scan of this much text or more; less is
 * folded as it is (the rows on the screen, a small document): making one
 * costs about 0.1 ms, and every typed character makes a new search. */
#define PREFILTER_FROM ((size_t)1 << 20)
/* A scan forward in slices of this many bytes or more has its second half
 * scanned at once on a second thread (search_ahead_from). */
#define AHEAD_FROM ((size_t)64 << 20)

/* A character whose folded length differs from its own. */
typedef struct map_ent {
	uint32_t fold, flen, orig, olen;
} map_ent;

/* Cached fold of one BMP code point. */
typedef struct fold_cell {
	uint8_t len;   /* 0: not computed; 255: too long to cache */
	uint8_t b[15];
} fold_cell;

struct search {
	char *query;       /* as given, for the second thread's copy */
	search_opts o;
	const uint16_t *script; /* ideograph U+3400.. -> its simplified form, when
	                         * the script fold is on for this query */
	bool caseless;     /* after smart case */
	bool fold_case;    /* casefold the text (literal mode) */
	char *q;           /* folded literal query */
	size_t qlen;
	prefilter *pf;     /* where in raw text the literal may match */
	bool pf_made;      /* pf has been made (or found not to pay) */
	size_t pf_from;    /* scans this long or longer make it */
	pcre2_code *re;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *js;
	/* where a limit was first reached (search_stopped) */
	bool stopped, costly, stop_pending;
	size_t stop_at, stop_f;
	size_t behind;     /* bytes of lookbehind a match may need before its block */
	int block_limits;  /* limits reached in the current block */
	unsigned long nlimits; /* limits reached in all */
	fold_cell *pages[256];
	/* the current block */
	uint8_t *fb;
	size_t fcap, flen;
	map_ent *ent;
	size_t nent, ecap;
	/* presented text: what search sees instead of the source, and the
	 * source offset each of its bytes starts and ends at */
	pres *P;
	uint8_t *pt;
	size_t *pm, *pme;
	/* a long scan forward: its second half on a second thread */
	struct ahead *ahead;
	size_t ahead_from;  /* scans this long or longer have one */
	size_t ahead_pos;   /* where this thread's scan goes on */
	unsigned long ahead_answers;
};

static void free_shown(search *s);

/* ---- the script fold ------------------------------------------------------- */

/* The ideographs folded: CJK Unified Ideographs with Extension A, and the
 * compatibility ideographs (all three-byte UTF-8). */
#define SCRIPT_LO 0x3400u
#define SCRIPT_HI 0xFAFFu

/* The table of t2s, a character at a time (entry 0: not made, or failed);
 * made once, the first time a query needs it. */
static uint16_t *script_table(void)
{
	static uint16_t *table;
	static bool tried;
	if (tried)
		return table;
	tried = true;
	cc *conv = cc_open("t2s");
	if (!conv)
		return NULL;
	size_t n = SCRIPT_HI - SCRIPT_LO + 1;
	char *in = malloc(n * 4 + 1);
	uint16_t *t = malloc(n * sizeof *t);
	if (!in || !t) {
		free(in);
		free(t);
		cc_close(conv);
		return NULL;
	}
	size_t k = 0;
	for (uint32_t c = SCRIPT_LO; c <= SCRIPT_HI; c++) {
		in[k++] = (char)(0xE0 | (c >> 12));
		in[k++] = (char)(0x80 | ((c >> 6) & 0x3F));
		in[k++] = (char)(0x80 | (c & 0x3F));
		in[k++] = '\n';
	}
	in[k] = 0;
	char *out = cc_convert(conv, in, k);
	cc_close(conv);
	free(in);
	if (!out) {
		free(t);
		return NULL;
	}
	/* line i holds the form of SCRIPT_LO + i; one three-byte character or
	 * the character itself */
	const uint8_t *p = (const uint8_t *)out;
	for (size_t i = 0; i < n; i++) {
		const uint8_t *e = (const uint8_t *)strchr((const char *)p, '\n');
		if (!e)
			e = p + strlen((const char *)p);
		ucs4_t c;
		uint32_t self = SCRIPT_LO + (uint32_t)i;
		t[i] = (uint16_t)self;
		if (e - p == 3 && u8_mbtouc(&c, p, 3) == 3 && c >= 0x800 && c <= 0xFFFF)
			t[i] = (uint16_t)c;
		p = *e ? e + 1 : e;
	}
	cc_free_text(out);
	table = t;
	return table;
}

/* Takes the three-byte characters of r[0..n) that are ideographs to their
 * simplified forms, in place (same length). */
static void script_fold(const uint16_t *t, uint8_t *r, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++) {
		if ((r[i] & 0xF0) != 0xE0)
			continue;
		uint32_t c = ((uint32_t)(r[i] & 0x0F) << 12) | ((uint32_t)(r[i + 1] & 0x3F) << 6) | (r[i + 2] & 0x3F);
		if (c >= SCRIPT_LO && c <= SCRIPT_HI) {
			uint32_t m = t[c - SCRIPT_LO];
			r[i] = (uint8_t)(0xE0 | (m >> 12));
			r[i + 1] = (uint8_t)(0x80 | ((m >> 6) & 0x3F));
			r[i + 2] = (uint8_t)(0x80 | (m & 0x3F));
		}
		i += 2;
	}
}

/* ---- folding --------------------------------------------------------------- */

static bool is_combining(uint32_t c)
{
	return (c >= 0x300 && c <= 0x36F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
	       (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
	       (c >= 0xFE20 && c <= 0xFE2F) || c == 0x3099 || c == 0x309A || c == 0xFF9E ||
	       c == 0xFF9F;
}

/* Folds s[0..n) with libunistring: the slow, exact way. */
static uint8_t *fold_exact(const search *s, const uint8_t *src, size_t n, size_t *len)
{
	uint8_t *r;
	if (s->fold_case)
		r = u8_casefold(src, n, NULL, s->o.width_fold ? UNINORM_NFKC : NULL, NULL, len);
	else if (s->o.width_fold)
		r = u8_normalize(UNINORM_NFKC, src, n, NULL, len);
	else {
		r = malloc(n ? n : 1);
		if (r)
			memcpy(r, src, n);
		*len = n;
	}
	if (r && s->o.kana_fold) {
		/* Katakana ァ..ヶ (E3 82 A1 .. E3 83 B6) to hiragana. */
		for (size_t i = 0; i + 2 < *len; i++) {
			if (r[i] != 0xE3)
				continue;
			uint32_t c = ((uint32_t)(r[i] & 0x0F) << 12) | ((uint32_t)(r[i + 1] & 0x3F) << 6) |
			             (r[i + 2] & 0x3F);
			if (c >= 0x30A1 && c <= 0x30F6) {
				c -= 0x60;
				r[i + 1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
				r[i + 2] = (uint8_t)(0x80 | (c & 0x3F));
			}
			i += 2;
		}
	}
	if (r && s->script)
		script_fold(s->script, r, *len);
	return r;
}

static bool ensure_fb(search *s, size_t need)
{
	if (need <= s->fcap)
		return true;
	size_t nc = s->fcap ? s->fcap : 4096;
	while (nc < need)
		nc *= 2;
	uint8_t *nb = realloc(s->fb, nc);
	if (!nb)
		return false;
	s->fb = nb;
	s->fcap = nc;
	return true;
}

static bool add_ent(search *s, size_t fold, size_t flen, size_t orig, size_t olen)
{
	if (s->nent == s->ecap) {
		size_t nc = s->ecap ? s->ecap * 2 : 256;
		map_ent *ne = realloc(s->ent, nc * sizeof *ne);
		if (!ne)
			return false;
		s->ent = ne;
		s->ecap = nc;
	}
	s->ent[s->nent++] = (map_ent){(uint32_t)fold, (uint32_t)flen, (uint32_t)orig, (uint32_t)olen};
	return true;
}

/* The cached fold of BMP code point c (encoded as src[0..l)). */
static const fold_cell *cell_for(search *s, uint32_t c, const uint8_t *src, size_t l)
{
	fold_cell **page = &s->pages[c >> 8];
	if (!*page) {
		*page = calloc(256, sizeof **page);
		if (!*page)
			return NULL;
	}
	fold_cell *fc = &(*page)[c & 0xFF];
	if (fc->len == 0) {
		size_t len;
		uint8_t *r = fold_exact(s, src, l, &len);
		if (!r)
			return NULL;
		if (len == 0 || len > sizeof fc->b) {
			fc->len = 255;
		} else {
			memcpy(fc->b, r, len);
			fc->len = (uint8_t)len;
		}
		free(r);
	}
	return fc;
}

/* Folds src[0..n) into s->fb / s->flen with the map in s->ent. */
static bool fold_block(search *s, const uint8_t *src, size_t n)
{
	s->flen = 0;
	s->nent = 0;
	if (!ensure_fb(s, n + 64))
		return false;
	uint8_t *out = s->fb;
	size_t o = 0;
	const bool lower = s->fold_case;
	for (size_t i = 0; i < n;) {
		if (o + 64 > s->fcap) {
			if (!ensure_fb(s, o + 64 + (n - i) + (n - i) / 4))
				return false;
			out = s->fb;
		}
		uint8_t b = src[i];
		if (b < 0x80) {
			/* Fast unless a combining mark follows (e + U+0301). */
			if (!(i + 1 < n && (src[i + 1] == 0xCC || src[i + 1] == 0xCD))) {
				out[o++] = (lower && (uint8_t)(b - 'A') < 26) ? (uint8_t)(b | 0x20) : b;
				i++;
				continue;
			}
		} else if (b >= 0xE4 && b <= 0xE9 && i + 3 <= n && (src[i + 1] & 0xC0) == 0x80 &&
		           (src[i + 2] & 0xC0) == 0x80 && !(i + 3 < n && src[i + 3] == 0xCC)) {
			out[o++] = b;
			out[o++] = src[i + 1];
			out[o++] = src[i + 2];
			/* the same length: the map needs no entry */
			if (s->script)
				script_fold(s->script, out + o - 3, 3);
			i += 3;
			continue;
		}
		ucs4_t uc;
		int l = u8_mbtoucr(&uc, src + i, n - i);
		if (l <= 0) {
			out[o++] = 0xFF; /* never in a valid query */
			i++;
			continue;
		}
		size_t j = i + (size_t)l;
		while (j < n) {
			ucs4_t c2;
			int l2 = u8_mbtoucr(&c2, src + j, n - j);
			if (l2 <= 0 || !is_combining(c2))
				break;
			j += (size_t)l2;
		}
		const uint8_t *fs;
		size_t fl;
		uint8_t *heap = NULL;
		const fold_cell *fc = (j == i + (size_t)l && uc < 0x10000) ? cell_for(s, uc, src + i, (size_t)l) : NULL;
		if (fc && fc->len != 255) {
			fs = fc->b;
			fl = fc->len;
		} else {
			heap = fold_exact(s, src + i, j - i, &fl);
			if (!heap)
				return false;
			fs = heap;
		}
		if (o + fl + 64 > s->fcap) {
			if (!ensure_fb(s, o + fl + 64 + (n - i) + (n - i) / 4)) {
				free(heap);
				return false;
			}
			out = s->fb;
		}
		memcpy(out + o, fs, fl);
		/* Any change of the bytes maps the whole character to its start. */
		if ((fl != j - i || memcmp(fs, src + i, fl) != 0) && !add_ent(s, o, fl, i, j - i)) {
			free(heap);
			return false;
		}
		free(heap);
		o += fl;
		i = j;
	}
	s->flen = o;
	return true;
}

/* Offset in the block's original text of folded byte f (a match start). */
static size_t map_start(const search *s, size_t f)
{
	size_t lo = 0, hi = s->nent;
	while (lo < hi) { /* first entry with fold > f */
		size_t mid = (lo + hi) / 2;
		if (s->ent[mid].fold <= f)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return f;
	const map_ent *e = &s->ent[lo - 1];
	if (f < (size_t)e->fold + e->flen)
		return e->orig;
	return e->orig + e->olen + (f - e->fold - e->flen);
}

/* Offset just past the original character holding folded byte fe - 1. */
static size_t map_end(const search *s, size_t fe)
{
	if (fe == 0)
		return 0;
	size_t g = fe - 1;
	size_t lo = 0, hi = s->nent;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->ent[mid].fold <= g)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0) {
		const map_ent *e = &s->ent[lo - 1];
		if (g < (size_t)e->fold + e->flen)
			return e->orig + e->olen;
	}
	return map_start(s, g) + 1;
}

char *search_fold(const search *cs, const char *text, size_t n, size_t *outlen, size_t **map)
{
	search *s = (search *)cs;
	if (!fold_block(s, (const uint8_t *)text, n))
		return NULL;
	char *r = malloc(s->flen + 1);
	if (!r)
		return NULL;
	memcpy(r, s->fb, s->flen);
	r[s->flen] = 0;
	*outlen = s->flen;
	if (map) {
		*map = malloc((s->flen + 1) * sizeof **map);
		if (!*map) {
			free(r);
			return NULL;
		}
		for (size_t i = 0; i < s->flen; i++)
			(*map)[i] = map_start(s, i);
		(*map)[s->flen] = n;
	}
	return r;
}

/* ---- the query ------------------------------------------------------------- */

static bool has_upper(const char *q)
{
	const uint8_t *s = (const uint8_t *)q;
	size_t n = strlen(q);
	for (size_t i = 0; i < n;) {
		ucs4_t uc;
		int l = u8_mbtoucr(&uc, s + i, n - i);
		if (l <= 0) {
			i++;
			continue;
		}
		if (uc_is_upper(uc))
			return true;
		i += (size_t)l;
	}
	return false;
}

search *search_new(const char *query, const search_opts *o, char *err, size_t errlen)
{
	if (!query || !*query) {
		snprintf(err, errlen, "empty pattern");
		return NULL;
	}
	search *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->o = *o;
	s->pf_from = PREFILTER_FROM;
	s->ahead_from = AHEAD_FROM;
	if (!(s->query = strdup(query))) {
		snprintf(err, errlen, "out of memory");
		free(s);
		return NULL;
	}
	switch (o->case_mode) {
	case SEARCH_SENSITIVE: s->caseless = false; break;
	case SEARCH_INSENSITIVE: s->caseless = true; break;
	default: s->caseless = !has_upper(query); break;
	}
	s->fold_case = s->caseless && !o->regex;
	/* the script fold, for a query with an ideograph in it */
	if (o->script_fold) {
		const uint8_t *p = (const uint8_t *)query;
		for (size_t i = 0, qn = strlen(query); i < qn && !s->script;) {
			ucs4_t c;
			int l = u8_mbtoucr(&c, p + i, qn - i);
			if (l <= 0)
				break;
			if (c >= SCRIPT_LO && c <= SCRIPT_HI && uc_is_property_ideographic(c))
				s->script = script_table();
			i += (size_t)l;
		}
	}
	size_t n;
	char *fq = search_fold(s, query, strlen(query), &n, NULL);
	if (!fq) {
		snprintf(err, errlen, "out of memory");
		search_free(s);
		return NULL;
	}
	if (!o->regex) {
		s->q = fq;
		s->qlen = n;
		if (n == 0) {
			snprintf(err, errlen, "empty pattern");
			search_free(s);
			return NULL;
		}
		return s;
	}
	int ec;
	PCRE2_SIZE eo;
	uint32_t flags = PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE | PCRE2_MATCH_INVALID_UTF;
	if (s->caseless)
		flags |= PCRE2_CASELESS;
	s->re = pcre2_compile((PCRE2_SPTR)fq, n, flags, &ec, &eo, NULL);
	free(fq);
	if (!s->re) {
		PCRE2_UCHAR msg[160];
		pcre2_get_error_message(ec, msg, sizeof msg);
		snprintf(err, errlen, "bad pattern at %zu: %s", (size_t)eo, (const char *)msg);
		search_free(s);
		return NULL;
	}
	/* A lookbehind (and \\b) looks before the block: each block is folded
	 * with that much text before it (4 bytes a character at most). */
	uint32_t lb = 0;
	if (pcre2_pattern_info(s->re, PCRE2_INFO_MAXLOOKBEHIND, &lb) == 0)
		s->behind = (size_t)lb * 4;
	/* JIT: no per-call check of the subject (with MATCH_INVALID_UTF the
	 * interpreter checks the whole block at every call, which made each
	 * empty match cost a block), and its own bounded stack. */
	if (pcre2_jit_compile(s->re, PCRE2_JIT_COMPLETE) == 0)
		s->js = pcre2_jit_stack_create(32 << 10, 1 << 20, NULL);
	s->mc = pcre2_match_context_create(NULL);
	s->md = pcre2_match_data_create_from_pattern(s->re, NULL);
	if (s->mc) {
		pcre2_set_match_limit(s->mc, MATCH_LIMIT);
		pcre2_set_depth_limit(s->mc, DEPTH_LIMIT);
		if (s->js)
			pcre2_jit_stack_assign(s->mc, NULL, s->js);
	}
	if (!s->md || !s->mc) {
		snprintf(err, errlen, "out of memory");
		search_free(s);
		return NULL;
	}
	return s;
}

void search_use_pres(search *s, pres *P)
{
	s->P = P && pres_get_opts(P)->format != PRES_PLAIN ? P : NULL;
}

void search_free(search *s)
{
	if (!s)
		return;
	search_halt(s);
	free(s->query);
	free(s->q);
	prefilter_free(s->pf);
	if (s->md)
		pcre2_match_data_free(s->md);
	if (s->mc)
		pcre2_match_context_free(s->mc);
	if (s->js)
		pcre2_jit_stack_free(s->js);
	if (s->re)
		pcre2_code_free(s->re);
	for (int i = 0; i < 256; i++)
		free(s->pages[i]);
	free(s->fb);
	free(s->ent);
	free_shown(s);
	free(s);
}

void search_prefilter_from(search *s, size_t bytes)
{
	s->pf_from = bytes;
}

void search_ahead_from(search *s, size_t bytes)
{
	s->ahead_from = bytes;
}

unsigned long search_ahead_answers(const search *s)
{
	return s->ahead_answers;
}

bool search_caseless(const search *s)
{
	return s->caseless;
}

/* ---- matching in a block ------------------------------------------------------ */

static bool is_limit(int rc)
{
	return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	       rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT ||
	       rc == PCRE2_ERROR_NOMEMORY;
}

/* Moves *f past continuation bytes: a match starts on a character. */
static void to_char(const search *s, size_t *f)
{
	while (*f < s->flen && (s->fb[*f] & 0xC0) == 0x80)
		(*f)++;
}

/* A limit reached at folded offset f: the place is kept (block_done turns
 * it into a document offset) and the caller goes on after the line, or
 * after the block once it has had too many. */
static void note_limit(search *s, size_t f, size_t *next)
{
	s->costly = true;
	s->nlimits++;
	if (!s->stopped && !s->stop_pending) {
		s->stop_pending = true;
		s->stop_f = f;
	}
	const uint8_t *nl = memchr(s->fb + f, '\n', s->flen - f);
	*next = nl ? (size_t)(nl - s->fb) + 1 : s->flen + 1;
	if (++s->block_limits >= LIMITS_PER_BLOCK)
		*next = s->flen + 1;
}

/* Next match in the folded block at or after folded offset *f: sets the
 * folded range and advances *f past its start.  False when none. */
static bool block_next(search *s, size_t *f, size_t *fs, size_t *fe)
{
	if (!s->re) {
		if (*f >= s->flen)
			return false;
		const uint8_t *p = memmem(s->fb + *f, s->flen - *f, s->q, s->qlen);
		if (!p)
			return false;
		*fs = (size_t)(p - s->fb);
		*fe = *fs + s->qlen;
		*f = *fs + 1;
		return true;
	}
	while (*f <= s->flen) {
		int rc = pcre2_match(s->re, s->fb, s->flen, *f, 0, s->md, s->mc);
		if (is_limit(rc)) {
			/* The line alone, once more: a match on it is still found. */
			const uint8_t *nl = memchr(s->fb + *f, '\n', s->flen - *f);
			size_t eol = nl ? (size_t)(nl - s->fb) : s->flen;
			rc = pcre2_match(s->re, s->fb, eol, *f, 0, s->md, s->mc);
			if (rc == PCRE2_ERROR_NOMATCH || is_limit(rc)) {
				if (is_limit(rc))
					note_limit(s, *f, f);
				else
					*f = eol + 1;
				continue;
			}
		}
		if (rc < 0)
			return false;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
		if (ov[1] > ov[0]) {
			*fs = ov[0];
			*fe = ov[1];
			*f = ov[0] + 1;
			to_char(s, f);
			return true;
		}
		/* An empty match: try one character further. */
		*f = ov[0] + 1;
		to_char(s, f);
	}
	return false;
}

/* A block of text to fold: the source [a, b) itself, or what is shown of
 * the paragraphs over it (s->P), which end at b. */
typedef struct blk {
	const uint8_t *t;
	size_t n;
	size_t a, b;
} blk;

/* The document offset where byte rel of block k starts, and where the
 * byte before rel_end ends. */
static size_t src_start(const search *s, const blk *k, size_t rel)
{
	return s->P ? s->pm[rel] : k->a + rel;
}

static size_t src_end(const search *s, const blk *k, size_t rel_end)
{
	if (!s->P)
		return k->a + rel_end;
	return rel_end ? s->pme[rel_end - 1] : s->pm[0];
}

/* After block k has been scanned. */
static void block_done(search *s, const blk *k)
{
	if (s->stop_pending) {
		s->stop_pending = false;
		s->stopped = true;
		s->stop_at = src_start(s, k, map_start(s, s->stop_f));
	}
	s->block_limits = 0;
}

bool search_stopped(const search *s, size_t *at)
{
	if (s->stopped && at)
		*at = s->stop_at;
	return s->stopped;
}

void search_stopped_reset(search *s)
{
	s->stopped = s->stop_pending = false;
}

/* Where to fold from for a block starting at a: far enough before it for
 * the pattern's lookbehind; matches starting before a are not the block's. */
static size_t with_behind(const search *s, const doc *d, size_t a)
{
	if (!s->behind)
		return a;
	size_t c = a > s->behind ? a - s->behind : 0;
	while (c < a && (d->data[c] & 0xC0) == 0x80)
		c++;
	return c;
}

/* Bytes to fold at once: smaller once the pattern has proved costly. */
static size_t block_size(const search *s)
{
	return s->costly ? COSTLY_BLOCK : BLOCK;
}

/* Start of the line holding off, looking back at most LINE_SLACK bytes. */
static size_t line_start_near(const doc *d, size_t off, size_t floor)
{
	size_t lim = off > floor + LINE_SLACK ? off - LINE_SLACK : floor;
	while (off > lim && !doc_is_eol(d, off - 1))
		off--;
	return off;
}

/* End of the line holding off (its terminator), looking at most LINE_SLACK ahead. */
static size_t line_end_near(const doc *d, size_t off)
{
	size_t lim = d->len - off > LINE_SLACK ? off + LINE_SLACK : d->len;
	const unsigned char *p = memchr(d->data + off, '\n', lim - off);
	size_t e = p ? (size_t)(p - d->data) : lim;
	const unsigned char *r = memchr(d->data + off, '\r', e - off);
	return r ? (size_t)(r - d->data) : e;
}

static void free_shown(search *s)
{
	free(s->pt);
	free(s->pm);
	free(s->pme);
	s->pt = NULL;
	s->pm = s->pme = NULL;
}

/* The block over source [a, b) (whole lines; whole paragraphs when the
 * text is presented). */
static bool get_block(search *s, const doc *d, size_t a, size_t b, blk *k)
{
	if (!s->P) {
		k->t = d->data + a;
		k->n = b - a;
		k->a = a;
		k->b = b;
		return true;
	}
	free_shown(s);
	size_t end;
	if (!pres_search_text(s->P, a, b, &s->pt, &k->n, &s->pm, &s->pme, &end))
		return false;
	k->t = s->pt;
	k->a = s->pm[0];
	k->b = end > b ? end : b;
	return true;
}

/* The buffers go once a search has its answer: a reader keeps a search
 * (for n and N) far longer than it runs. */
static enum search_result release(search *s, enum search_result r)
{
	if (r != SEARCH_MORE)
		free_shown(s);
	return r;
}


/* Makes the prefilter of a literal query, once, from a sample of d, when
 * the text to scan, len bytes, is long enough for it to pay. */
static void make_prefilter(search *s, const doc *d, size_t len)
{
	if (s->pf_made || len < s->pf_from)
		return;
	s->pf_made = true;
	if (s->re || memchr(s->q, '\n', s->qlen) || memchr(s->q, '\r', s->qlen))
		return;
	uint32_t hist[256] = {0};
	size_t step = d->len / SAMPLE_SLICES;
	for (size_t i = 0; i < SAMPLE_SLICES; i++) {
		size_t a = step > SAMPLE_SLICE ? i * step : i * SAMPLE_SLICE;
		if (a >= d->len)
			break;
		size_t n = d->len - a < SAMPLE_SLICE ? d->len - a : SAMPLE_SLICE;
		prefilter_count(d->data + a, n, hist);
	}
	prefilter_fold f = {s->fold_case, s->o.kana_fold, s->script, SCRIPT_LO, SCRIPT_HI};
	s->pf = prefilter_new((const uint8_t *)s->q, s->qlen, &f, hist);
}

/* The parts of block k to fold, one at a time from *j: all of it, or,
 * with a prefilter, each line holding a character that may fold to the
 * query's rarest (a literal never spans a line). */
static bool next_part(search *s, const blk *k, size_t *j, blk *part)
{
	if (!s->pf || s->P) {
		if (*j > 0)
			return false;
		*part = *k;
		*j = k->n + 1;
		return true;
	}
	if (*j >= k->n)
		return false;
	size_t h = prefilter_next(s->pf, k->t, k->n, *j);
	if (h >= k->n) {
		*j = k->n;
		return false;
	}
	const uint8_t *bol = memrchr(k->t + *j, '\n', h - *j);
	size_t ls = bol ? (size_t)(bol - k->t) + 1 : *j;
	const uint8_t *nl = memchr(k->t + h, '\n', k->n - h);
	size_t le = nl ? (size_t)(nl - k->t) : k->n;
	*part = (blk){k->t + ls, le - ls, k->a + ls, k->a + le};
	*j = le + 1;
	return true;
}

/* Calls fn for each match in block k that starts in [lo, hi), in order,
 * until fn returns true.  1 if fn stopped it, 0 if not, -1 if folding
 * found no memory. */
static int block_each(search *s, blk *k, size_t lo, size_t hi, bool (*fn)(void *ctx, size_t ms, size_t me),
                      void *ctx)
{
	blk part;
	for (size_t j = 0; next_part(s, k, &j, &part);) {
		if (!fold_block(s, part.t, part.n))
			return -1;
		size_t f = 0, fs, fe;
		while (block_next(s, &f, &fs, &fe)) {
			size_t xs = src_start(s, &part, map_start(s, fs));
			if (xs < lo)
				continue;
			if (xs >= hi)
				break;
			if (fn(ctx, xs, src_end(s, &part, map_end(s, fe)))) {
				block_done(s, &part);
				return 1;
			}
		}
		block_done(s, &part);
	}
	return 0;
}

/* A match kept by block_match's visitors. */
typedef struct kept {
	size_t ms, me;
	bool found;
} kept;

static bool keep_first(void *ctx, size_t ms, size_t me)
{
	*(kept *)ctx = (kept){ms, me, true};
	return true;
}

static bool keep_last(void *ctx, size_t ms, size_t me)
{
	*(kept *)ctx = (kept){ms, me, true};
	return false;
}

/* The match in block k that starts in [lo, hi): the first (first) or the
 * last.  1 if there is one (in *ms, *me), 0 if not, -1 if folding found
 * no memory. */
static int block_match(search *s, blk *k, size_t lo, size_t hi, bool first, size_t *ms, size_t *me)
{
	kept m = {0, 0, false};
	if (block_each(s, k, lo, hi, first ? keep_first : keep_last, &m) < 0)
		return -1;
	if (m.found) {
		*ms = m.ms;
		*me = m.me;
	}
	return m.found;
}

/* Looks for the first match starting in [*pos, end), at most budget bytes
 * (0: all) before SEARCH_MORE. */
static enum search_result scan_forward(search *s, const doc *d, size_t *pos, size_t end,
                                       size_t budget, size_t *ms, size_t *me)
{
	size_t done = 0;
	unsigned long limits = s->nlimits;
	while (*pos < end) {
		if (budget && done >= budget)
			return SEARCH_MORE;
		size_t a = s->P ? *pos : with_behind(s, d, line_start_near(d, *pos, 0));
		size_t b = *pos + block_size(s) < end ? *pos + block_size(s) : end;
		b = line_end_near(d, b);
		blk k;
		if (!get_block(s, d, a, b, &k))
			return SEARCH_NONE;
		b = k.b;
		int m = block_match(s, &k, *pos, end, true, ms, me);
		if (m < 0)
			return SEARCH_NONE;
		if (m) {
			*pos = *ms + 1;
			return SEARCH_FOUND;
		}
		done += b - *pos;
		*pos = b > *pos ? b : *pos + 1;
		if (budget && s->nlimits != limits && *pos < end)
			return SEARCH_MORE; /* a costly block: the UI's turn */
	}
	return SEARCH_NONE;
}

/* ---- the second core ------------------------------------------------------------
 *
 * A long scan forward in slices (the pager's, between keys) has the second
 * half of its range scanned at once by a second thread, with a search of
 * its own compiled from the same query (its own buffers and prefilter).
 * This thread scans the first half as before; a match there ends it and
 * the second thread is stopped; at the half, the second thread's answer
 * is this search's.  Only a literal query on unpresented text, whose
 * matches never cross a line: the half is cut at a line start.
 *
 * Shared: the document's bytes, read by both (the UI calls search_halt
 * before it reads the file again); stop, which only asks the second
 * thread to stop; its answer, under the mutex, with a condition variable
 * to wait on.  tests/unit/threads.c runs it under ThreadSanitizer. */

struct ahead {
	pthread_t thread;
	search *s;          /* the second thread's own */
	const doc *d;
	size_t from, end;   /* it looks for the first match starting in [from, end) */
	atomic_bool stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool finished;      /* under mu, with r, ms and me */
	enum search_result r;
	size_t ms, me;
};

static void *ahead_run(void *arg)
{
	struct ahead *a = arg;
	size_t pos = a->from, ms = 0, me = 0;
	enum search_result r;
	make_prefilter(a->s, a->d, a->end - a->from);
	do
		r = scan_forward(a->s, a->d, &pos, a->end, (size_t)4 << 20, &ms, &me);
	while (r == SEARCH_MORE && !atomic_load_explicit(&a->stop, memory_order_relaxed));
	pthread_mutex_lock(&a->mu);
	a->finished = true;
	a->r = r;
	a->ms = ms;
	a->me = me;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

/* Starts the second thread on the second half of [pos, end), if the scan
 * is long and the query a literal on plain text. */
static void ahead_start(search *s, const doc *d, size_t pos, size_t end)
{
	if (s->re || s->P || d->streaming || doc_complete_len(d) != d->len || end - pos < s->ahead_from ||
	    memchr(s->q, '\n', s->qlen) || memchr(s->q, '\r', s->qlen))
		return;
	size_t mid = pos + (end - pos) / 2;
	const uint8_t *lf = memchr(d->data + mid, '\n', end - mid);
	if (!lf || (size_t)(lf - d->data) + 1 >= end)
		return;
	struct ahead *a = calloc(1, sizeof *a);
	char err[200];
	if (!a || !(a->s = search_new(s->query, &s->o, err, sizeof err))) {
		free(a);
		return;
	}
	search_prefilter_from(a->s, s->pf_from);
	a->d = d;
	a->from = (size_t)(lf - d->data) + 1;
	a->end = end;
	atomic_init(&a->stop, false);
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cv, NULL);
	if (!worker_start(&a->thread, ahead_run, a)) {
		pthread_mutex_destroy(&a->mu);
		pthread_cond_destroy(&a->cv);
		search_free(a->s);
		free(a);
		return;
	}
	s->ahead = a;
}

void search_halt(search *s)
{
	struct ahead *a = s ? s->ahead : NULL;
	if (!a)
		return;
	atomic_store_explicit(&a->stop, true, memory_order_relaxed);
	pthread_join(a->thread, NULL);
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->cv);
	search_free(a->s);
	free(a);
	s->ahead = NULL;
	worker_trim(); /* the thread's arena */
}

/* The second thread's answer, waiting for it a millisecond at most
 * (unless wait); false while it is still at work. */
static bool ahead_answer(search *s, bool wait, enum search_result *r, size_t *ms, size_t *me)
{
	struct ahead *a = s->ahead;
	pthread_mutex_lock(&a->mu);
	if (!a->finished && !wait) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 1000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&a->cv, &a->mu, &ts);
	}
	while (!a->finished && wait)
		pthread_cond_wait(&a->cv, &a->mu);
	bool finished = a->finished;
	*r = a->r;
	*ms = a->ms;
	*me = a->me;
	pthread_mutex_unlock(&a->mu);
	return finished;
}

static enum search_result forward(search *s, const doc *d, size_t *pos, size_t end,
                                  size_t budget, size_t *ms, size_t *me)
{
	if (end > d->len)
		end = d->len;
	if (s->ahead && (s->ahead->end != end || s->ahead_pos != *pos))
		search_halt(s); /* another scan than the one it helps */
	if (!s->ahead && budget && end > *pos)
		ahead_start(s, d, *pos, end);
	make_prefilter(s, d, end > *pos ? end - *pos : 0);
	size_t half = s->ahead ? s->ahead->from : end;
	enum search_result r = scan_forward(s, d, pos, half, budget, ms, me);
	if (!s->ahead)
		return r;
	if (r == SEARCH_NONE && *pos >= half) {
		if (!ahead_answer(s, budget == 0, &r, ms, me)) {
			s->ahead_pos = *pos;
			return SEARCH_MORE; /* still at work: the UI's turn */
		}
		*pos = r == SEARCH_FOUND ? *ms + 1 : end;
		s->ahead_answers++;
	}
	if (r == SEARCH_MORE)
		s->ahead_pos = *pos;
	else
		search_halt(s);
	return r;
}

static enum search_result backward(search *s, const doc *d, size_t begin, size_t *pos,
                                   size_t budget, size_t *ms, size_t *me)
{
	make_prefilter(s, d, *pos > begin ? *pos - begin : 0);
	size_t done = 0;
	unsigned long limits = s->nlimits;
	while (*pos > begin) {
		if (budget && done >= budget)
			return SEARCH_MORE;
		size_t a = *pos - begin > block_size(s) ? *pos - block_size(s) : begin;
		a = line_start_near(d, a, begin);
		size_t b = line_end_near(d, *pos - 1 < d->len ? *pos - 1 : d->len);
		if (b < *pos)
			b = *pos;
		size_t c = s->P ? a : with_behind(s, d, a);
		blk k;
		if (!get_block(s, d, c, b, &k))
			return SEARCH_NONE;
		int m = block_match(s, &k, a > begin ? a : begin, *pos, false, ms, me);
		if (m < 0)
			return SEARCH_NONE;
		if (m) {
			*pos = *ms;
			return SEARCH_FOUND;
		}
		done += *pos - a;
		*pos = a;
		if (budget && s->nlimits != limits && *pos > begin)
			return SEARCH_MORE;
	}
	return SEARCH_NONE;
}

enum search_result search_forward(search *s, const doc *d, size_t *pos, size_t end,
                                  size_t budget, size_t *ms, size_t *me)
{
	return release(s, forward(s, d, pos, end, budget, ms, me));
}

enum search_result search_backward(search *s, const doc *d, size_t begin, size_t *pos,
                                   size_t budget, size_t *ms, size_t *me)
{
	return release(s, backward(s, d, begin, pos, budget, ms, me));
}

/* search_each's visitor: the caller's function, once a place. */
typedef struct each_ctx {
	void (*fn)(void *ctx, size_t ms, size_t me);
	void *ctx;
	size_t last, n;
} each_ctx;

static bool each_one(void *ctx, size_t ms, size_t me)
{
	each_ctx *e = ctx;
	if (ms == e->last)
		return false; /* one match a place, as forward finds them (ß folds
		               * to ss: s matches twice there) */
	e->last = ms;
	e->fn(e->ctx, ms, me);
	e->n++;
	return false;
}

size_t search_each(search *s, const doc *d, size_t a, size_t b,
                   void (*fn)(void *ctx, size_t ms, size_t me), void *ctx)
{
	if (b > d->len)
		b = d->len;
	if (a >= b)
		return 0;
	make_prefilter(s, d, b - a);
	size_t la = s->P ? a : with_behind(s, d, line_start_near(d, a, 0));
	size_t lb = line_end_near(d, b - 1);
	if (lb < b)
		lb = b;
	blk k;
	each_ctx e = {fn, ctx, SIZE_MAX, 0};
	if (get_block(s, d, la, lb, &k))
		(void)block_each(s, &k, a, b, each_one, &e); /* no memory: what was found */
	free_shown(s);
	return e.n;
}
