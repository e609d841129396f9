/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_script: paragraphs shown in another Chinese script (OpenCC).  The
 * converted text is laid over the paragraph's runs: a character converted
 * to one of the same bytes stays a copied byte-for-byte run; one of other
 * bytes, or a phrase converted to one of another length (s2twp's 内存 →
 * 記憶體), becomes a replaced run that stands for its source and is never
 * broken across rows.  Offsets into the source therefore stay what they
 * were: bookmarks, search and line numbers do not move.
 *
 * A phrase profile is aligned through its character profile (s2twp
 * through s2tw): that one keeps one character for one, so where the two
 * agree each character stands for its own source, and only where they
 * differ is a stretch replaced as a whole.
 */
#include "build.h"
#include "pres_priv.h"
#include "fanye/cc.h"

#include <stdlib.h>
#include <string.h>

#include <unistr.h>

/* Converted paragraphs kept (by their start), and the longest converted. */
#define NCONV 64
#define CONV_MAX ((size_t)1 << 20)
/* How far the alignment looks for the two conversions to agree again, and
 * how many characters must agree. */
#define SYNC_WINDOW 8
#define SYNC_AGREE 2

static const char *const script_names[PRES_NSCRIPTS] = {
	"as-is", "simplified", "traditional", "taiwan", "hongkong", "taiwan-phrases", "mainland-phrases"};
static const char *const script_configs[PRES_NSCRIPTS] = {NULL, "t2s", "s2t", "s2tw", "s2hk", "s2twp", "tw2sp"};
/* The character profile a phrase profile is aligned through. */
static const char *const script_bases[PRES_NSCRIPTS] = {NULL, NULL, NULL, NULL, NULL, "s2tw", "tw2s"};

const char *pres_script_name(enum pres_script s)
{
	return (unsigned)s < PRES_NSCRIPTS ? script_names[s] : "as-is";
}

int pres_script_parse(const char *name)
{
	for (int k = 0; k < PRES_NSCRIPTS; k++)
		if (strcmp(name, script_names[k]) == 0)
			return k;
	return -1;
}

/* A converted paragraph: it stays valid as long as its entry is kept, as a
 * chunk's paragraphs do (callers may hold two at once). */
typedef struct conv {
	size_t start, len;
	unsigned long epoch, used;
	bool kept;
	uint8_t *text;
	size_t tlen, tcap;
	pres_run *runs;
	size_t nruns, rcap;
	uint32_t *ruby;
	bool oom;
	pres_para para;
} conv;

/* Titles converted (the sidebar's, the status line's section). */
#define NTITLE 256
typedef struct title {
	uint32_t hash;
	char *src, *out;
	unsigned long used;
} title;

struct pres_sc {
	cc *cc, *base;
	conv e[NCONV];
	title t[NTITLE];
	unsigned long clock;
};

pres_sc *pres_sc_new(enum pres_script s)
{
	if ((unsigned)s >= PRES_NSCRIPTS || !script_configs[s])
		return NULL;
	pres_sc *S = calloc(1, sizeof *S);
	if (!S)
		return NULL;
	S->cc = cc_open(script_configs[s]);
	if (script_bases[s])
		S->base = cc_open(script_bases[s]);
	if (!S->cc || (script_bases[s] && !S->base)) {
		pres_sc_free(S);
		return NULL;
	}
	return S;
}

void pres_sc_free(pres_sc *S)
{
	if (!S)
		return;
	cc_close(S->cc);
	cc_close(S->base);
	for (int i = 0; i < NCONV; i++) {
		free(S->e[i].text);
		free(S->e[i].runs);
		free(S->e[i].ruby);
	}
	for (int i = 0; i < NTITLE; i++) {
		free(S->t[i].src);
		cc_free_text(S->t[i].out);
	}
	free(S);
}

/* ---- building a converted paragraph -------------------------------------- */

/* Appends shown bytes s[0..n) standing for source [src, src + src_len)
 * (relative to the paragraph), with r's style and flags; copy: byte for
 * byte.  A run that continues the last one (copied, same style, flags and
 * adjacent) joins it. */
static void put(conv *e, const uint8_t *s, size_t n, uint32_t src, uint32_t src_len, const pres_run *r,
                int flags)
{
	if (e->oom || (!n && !src_len))
		return;
	if (!pres_grow((void **)&e->text, &e->tcap, e->tlen + n, 1)) {
		e->oom = true;
		return;
	}
	pres_run *last = e->nruns ? &e->runs[e->nruns - 1] : NULL;
	if (last && (flags & PRES_COPY) && last->flags == flags && last->style == r->style &&
	    last->at + last->len == e->tlen && last->src + last->src_len == src && !(flags & PRES_KEEP)) {
		last->len += (uint32_t)n;
		last->src_len += src_len;
	} else {
		if (!pres_grow((void **)&e->runs, &e->rcap, e->nruns + 1, sizeof *e->runs)) {
			e->oom = true;
			return;
		}
		e->runs[e->nruns++] = (pres_run){(uint32_t)e->tlen, (uint32_t)n, src, src_len, r->style, (uint8_t)flags};
	}
	memcpy(e->text + e->tlen, s, n);
	e->tlen += n;
}

/* Code points of s[0..n) into cp, their byte offsets into at (one more:
 * n); the count, or -1 when s is not valid UTF-8. */
static long decode(const uint8_t *s, size_t n, ucs4_t *cp, uint32_t *at)
{
	long k = 0;
	for (size_t i = 0; i < n;) {
		int l = u8_mbtoucr(&cp[k], s + i, n - i);
		if (l <= 0)
			return -1;
		at[k++] = (uint32_t)i;
		i += (size_t)l;
	}
	at[k] = (uint32_t)n;
	return k;
}

/* True if b[x..) and c[y..) agree on SYNC_AGREE characters, or both end
 * together before that. */
static bool agree(const ucs4_t *b, long nb, long x, const ucs4_t *c, long nc, long y)
{
	for (long k = 0; k < SYNC_AGREE; k++) {
		if (x + k == nb && y + k == nc)
			return true;
		if (x + k >= nb || y + k >= nc || b[x + k] != c[y + k])
			return false;
	}
	return true;
}

/* One step of the alignment: a characters of the source stand for b
 * shown; eq when each stands for its own (a == b). */
typedef struct seg {
	long a, b;
} seg;

/* Aligns the character conversion b[0..nb) (one for one with the source)
 * with the phrase conversion c[0..nc): steps into segs (room for nb + nc),
 * each taking at least one character of both; the count. */
static long align(const ucs4_t *b, long nb, const ucs4_t *c, long nc, seg *segs)
{
	long n = 0, i = 0, j = 0;
	while (i < nb || j < nc) {
		if (i < nb && j < nc && b[i] == c[j]) {
			segs[n++] = (seg){1, 1};
			i++, j++;
			continue;
		}
		/* the nearest place the two agree again, else a window of each
		 * (a replaced stretch stays short enough for a row) */
		long da = nb - i < SYNC_WINDOW ? nb - i : SYNC_WINDOW, db = nc - j < SYNC_WINDOW ? nc - j : SYNC_WINDOW;
		bool found = false;
		for (long s = 1; s <= 2 * SYNC_WINDOW && !found; s++)
			for (long a = s > SYNC_WINDOW ? s - SYNC_WINDOW : 0; a <= s && a <= SYNC_WINDOW; a++)
				if (i + a <= nb && j + s - a <= nc && agree(b, nb, i + a, c, nc, j + s - a)) {
					da = a, db = s - a;
					found = true;
					break;
				}
		segs[n++] = (seg){da, db};
		i += da, j += db;
	}
	/* a step that takes nothing on one side joins its neighbour */
	long m = 0;
	for (long k = 0; k < n; k++) {
		if ((segs[k].a == 0 || segs[k].b == 0) && m > 0) {
			segs[m - 1].a += segs[k].a;
			segs[m - 1].b += segs[k].b;
		} else if ((segs[k].a == 0 || segs[k].b == 0) && k + 1 < n) {
			segs[k + 1].a += segs[k].a;
			segs[k + 1].b += segs[k].b;
		} else {
			segs[m++] = segs[k];
		}
	}
	return m;
}

/* Lays the conversion of copied run r of p over e: false when it cannot be
 * converted (then the caller copies it as it is). */
static bool convert_run(pres_sc *S, conv *e, const pres_para *p, const pres_run *r)
{
	const uint8_t *t = p->text + r->at;
	size_t n = r->len;
	if (memchr(t, 0, n) || u8_check(t, n))
		return false; /* OpenCC stops at a NUL, and wants UTF-8 */
	char *cp = cc_convert(S->cc, (const char *)t, n);
	char *cb = S->base ? cc_convert(S->base, (const char *)t, n) : cp;
	bool ok = false;
	ucs4_t *src = NULL, *base = NULL, *out = NULL;
	uint32_t *sat = NULL, *bat = NULL, *oat = NULL;
	seg *segs = NULL;
	if (!cp || !cb)
		goto done;
	size_t nb = strlen(cb), no = strlen(cp);
	src = malloc((n + 1) * sizeof *src);
	base = malloc((nb + 1) * sizeof *base);
	out = malloc((no + 1) * sizeof *out);
	sat = malloc((n + 1) * sizeof *sat);
	bat = malloc((nb + 1) * sizeof *bat);
	oat = malloc((no + 1) * sizeof *oat);
	segs = malloc((nb + no + 2) * sizeof *segs);
	if (!src || !base || !out || !sat || !bat || !oat || !segs)
		goto done;
	long ks = decode(t, n, src, sat), kb = decode((const uint8_t *)cb, nb, base, bat),
	     ko = decode((const uint8_t *)cp, no, out, oat);
	if (ks < 0 || kb != ks || ko < 0)
		goto done; /* the character profile did not keep one for one */
	long nsegs = align(base, kb, out, ko, segs);
	int flags = r->flags & ~(PRES_COPY | PRES_KEEP);
	bool keep = r->flags & PRES_KEEP;
	long i = 0, j = 0;
	for (long k = 0; k < nsegs; k++) {
		/* after the first piece of a kept run, no break before a piece */
		int glue = keep && (i > 0) ? PRES_GLUE : 0;
		if (segs[k].a == segs[k].b) {
			for (long q = 0; q < segs[k].a; q++, i++, j++) {
				uint32_t sl = sat[i + 1] - sat[i], ol = oat[j + 1] - oat[j];
				glue = keep && i > 0 ? PRES_GLUE : 0;
				put(e, (const uint8_t *)cp + oat[j], ol, r->src + sat[i], sl, r,
				    flags | glue | (sl == ol ? PRES_COPY : 0));
			}
		} else {
			long i2 = i + segs[k].a, j2 = j + segs[k].b;
			put(e, (const uint8_t *)cp + oat[j], oat[j2] - oat[j], r->src + sat[i], sat[i2] - sat[i], r,
			    flags | glue | PRES_KEEP);
			i = i2, j = j2;
		}
	}
	ok = !e->oom;
done:
	free(src), free(base), free(out), free(sat), free(bat), free(oat), free(segs);
	if (cb != cp)
		cc_free_text(cb);
	cc_free_text(cp);
	return ok;
}

/* True if s[0..n) is all ASCII: nothing to convert. */
static bool ascii(const uint8_t *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (s[k] >= 0x80)
			return false;
	return true;
}

/* Makes e the conversion of p: copied runs converted, the others as they
 * are, readings moved with their bases. */
static void build(pres_sc *S, conv *e, const pres_para *p)
{
	e->tlen = e->nruns = 0;
	e->oom = false;
	size_t pos = 0;
	for (size_t k = 0; k < p->nruns && !e->oom; k++) {
		const pres_run *r = &p->runs[k];
		if (r->at > pos) /* shown text between runs: as it is */
			put(e, p->text + pos, r->at - pos, r->src, 0, r, PRES_NOSEARCH);
		size_t mark = e->nruns, tmark = e->tlen;
		if (!(r->flags & PRES_COPY) || ascii(p->text + r->at, r->len) || !convert_run(S, e, p, r)) {
			e->nruns = mark;
			e->tlen = tmark;
			e->oom = false;
			put(e, p->text + r->at, r->len, r->src, r->src_len, r, r->flags);
		}
		pos = r->at + r->len;
	}
	if (pos < p->len && !e->oom) {
		pres_run tail = {0, 0, (uint32_t)(p->next - p->start), 0, 0, 0};
		put(e, p->text + pos, p->len - pos, tail.src, 0, &tail, PRES_NOSEARCH);
	}
	e->para = *p;
	e->para.text = e->text;
	e->para.len = e->tlen;
	e->para.runs = e->runs;
	e->para.nruns = e->nruns;
	/* readings above their bases: the bases where they are shown now */
	free(e->ruby);
	e->ruby = NULL;
	if (p->nruby && !e->oom) {
		e->ruby = malloc(p->nruby * 4 * sizeof *e->ruby);
		if (!e->ruby) {
			e->oom = true;
			return;
		}
		for (size_t q = 0; q < p->nruby; q++) {
			const uint32_t *y = &p->ruby[4 * q];
			size_t a = pres_shown(&e->para, pres_src(p, y[0])), b = pres_shown(&e->para, pres_src(p, y[0] + y[1]));
			e->ruby[4 * q] = (uint32_t)a;
			e->ruby[4 * q + 1] = (uint32_t)(b > a ? b - a : 0);
			e->ruby[4 * q + 2] = y[2];
			e->ruby[4 * q + 3] = y[3];
		}
		e->para.ruby = e->ruby;
	}
}

const pres_para *pres_sc_convert(pres_sc *S, const pres_para *p, unsigned long epoch)
{
	if (!S || !p->len || p->len > CONV_MAX || ascii(p->text, p->len))
		return p;
	/* the entry of this paragraph, else the one used longest ago */
	conv *e = NULL, *old = &S->e[0];
	for (int i = 0; i < NCONV && !e; i++) {
		conv *x = &S->e[i];
		if (x->kept && x->start == p->start && x->len == p->len && x->epoch == epoch)
			e = x;
		else if (!x->kept || (old->kept && x->used < old->used))
			old = x;
	}
	if (!e) {
		e = old;
		e->kept = false;
		build(S, e, p);
		if (e->oom)
			return p;
		e->kept = true;
		e->start = p->start;
		e->len = p->len;
		e->epoch = epoch;
	}
	e->used = ++S->clock;
	/* the layout fields as they are now (the chunk may have been made
	 * again), over the converted text and runs */
	pres_para keep = e->para;
	e->para = *p;
	e->para.text = keep.text;
	e->para.len = keep.len;
	e->para.runs = keep.runs;
	e->para.nruns = keep.nruns;
	if (p->nruby)
		e->para.ruby = e->ruby;
	return &e->para;
}

const char *pres_sc_string(pres_sc *S, const char *s)
{
	if (!S || !s)
		return s;
	uint32_t h = 2166136261u;
	bool plain = true;
	for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
		h = (h ^ *q) * 16777619u;
		plain &= *q < 0x80;
	}
	if (plain)
		return s;
	title *e = NULL, *old = &S->t[0];
	for (int i = 0; i < NTITLE && !e; i++) {
		title *x = &S->t[i];
		if (x->src && x->hash == h && strcmp(x->src, s) == 0)
			e = x;
		else if (!x->src || (old->src && x->used < old->used))
			old = x;
	}
	if (!e) {
		size_t n = strlen(s);
		if (u8_check((const uint8_t *)s, n))
			return s;
		char *out = cc_convert(S->cc, s, n), *src = strdup(s);
		if (!out || !src) {
			cc_free_text(out);
			free(src);
			return s;
		}
		e = old;
		free(e->src);
		cc_free_text(e->out);
		*e = (title){h, src, out, 0};
	}
	e->used = ++S->clock;
	return e->out;
}
