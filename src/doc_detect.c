/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * doc_detect: which encoding a document's bytes are in.  A byte-order mark
 * decides; ISO-2022-JP (7-bit, with its escapes) and valid UTF-8 are
 * checked as such; UTF-16 and UTF-32 without a mark are found by the
 * pattern of their bytes.  For the rest two judges: fanye's own scorer,
 * which tells GB18030, Big5, Shift_JIS and EUC-JP apart by decoding them
 * strictly, and uchardet (Mozilla's detector), which knows the single-byte
 * encodings, Korean and the rest.  The scorer has the CJK family and short
 * samples; uchardet what is not CJK, and Korean.
 */
#include "build.h"
#include "fanye/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fanye/cc.h"

#include <uniconv.h>
#include <unistr.h>

/* 16 KiB decide UTF-8; 64 KiB are scored for the other encodings. */
#define SAMPLE ((size_t)64 << 10)
#define SAMPLE_UTF8 ((size_t)16 << 10)
/* Below this many bytes uchardet guesses (4 bytes of 中文 in GB18030 are
 * KOI8-R to it): the scorer decides when it can. */
#define SHORT 32

/* Valid UTF-8, allowing a sequence cut by the end of the sample. */
static bool utf8_sample(const unsigned char *s, size_t n, bool cut)
{
	const uint8_t *bad = u8_check(s, n);
	if (!bad)
		return true;
	if (!cut)
		return false;
	size_t at = (size_t)(bad - s);
	ucs4_t uc;
	return n - at < 4 && u8_mbtoucr(&uc, s + at, n - at) == -2;
}

static bool cjk_char(ucs4_t c)
{
	return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0xAC00 && c <= 0xD7A3);
}

/* How Chinese or Japanese a decoded sample looks: the share of common
 * characters, with kana counting double for the Japanese encodings (so
 * that Shift_JIS text that also happens to decode as GB18030 goes to
 * Shift_JIS), minus rare and private-use characters.  *cjk: the share of
 * the characters that are CJK at all. */
static double score(const uint8_t *u, size_t n, bool japanese, double *cjk)
{
	size_t total = 0, wide = 0;
	double good = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int l = u8_mbtoucr(&c, u + i, n - i);
		if (l <= 0)
			break;
		i += (size_t)l;
		total++;
		wide += cjk_char(c);
		if (c < 0x80)
			good += (c >= 0x20 || c == 0x0A || c == 0x0D || c == 0x09) ? 1 : 0;
		else if (c >= 0x3040 && c <= 0x30FF)
			good += japanese ? 2 : 1;
		else if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303F) ||
		         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2010 && c <= 0x2027))
			good += 1;
		else if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0x10000 || c == 0xFFFD)
			good -= 2;
	}
	*cjk = total ? (double)wide / (double)total : 0;
	return total ? good / (double)total : 0;
}

/* s[0..n) decodes from enc without an error (a character cut by the end of
 * a sample forgiven); the share of it that is CJK in *cjk, its score in
 * *sc (both may be NULL). */
static bool decodes(const char *enc, const unsigned char *s, size_t n, bool cut, bool japanese, double *sc,
                    double *cjk)
{
	for (size_t trim = 0; trim < (cut ? 4u : 1u) && trim < n; trim++) {
		size_t len;
		uint8_t *u = u8_conv_from_encoding(enc, iconveh_error, (const char *)s, n - trim, NULL, NULL, &len);
		if (!u)
			continue;
		double a, b;
		a = score(u, len, japanese, &b);
		free(u);
		if (sc)
			*sc = a;
		if (cjk)
			*cjk = b;
		return true;
	}
	return false;
}

/* UTF-16 or UTF-32 without a byte-order mark, by where the zero and the
 * high bytes fall: the high byte of each unit of CJK or Latin text comes
 * from a few values (0, 0x30, 0x4E-0x9F, 0xAC-0xD7, 0xFF), its low byte
 * from all of them.  NULL if it does not look so. */
static const char *wide_unicode(const unsigned char *s, size_t n)
{
	if (n < 16) /* too few units to tell */
		return NULL;
	n &= ~(size_t)3;
	/* UTF-32: the top byte zero and the next a plane (0-16), nearly always */
	size_t z32[2] = {0, 0}, nul = 0;
	for (size_t i = 0; i + 3 < n; i += 4) {
		z32[0] += s[i + 3] == 0 && s[i + 2] <= 0x10; /* LE */
		z32[1] += s[i] == 0 && s[i + 1] <= 0x10;     /* BE */
		nul += !(s[i] | s[i + 1] | s[i + 2] | s[i + 3]);
	}
	/* (and not zeros: /dev/zero is no text) */
	for (int e = 0; e < 2; e++)
		if (z32[e] * 10 >= (n / 4) * 9 && nul * 10 < n / 4 &&
		    decodes(e ? "UTF-32BE" : "UTF-32LE", s, n, true, false, NULL, NULL))
			return e ? "UTF-32BE" : "UTF-32LE";
	/* UTF-16: the high bytes (odd places in LE) of few kinds, and among
	 * them the marks of real text: 0 (ASCII: spaces, line ends, digits),
	 * 0xFF (full-width forms) or 0x30 under CJK punctuation (、。「」).
	 * (Lowercase ASCII falls in 0x4E-0x9F too: Latin text read in pairs
	 * has the kinds but not the marks.) */
	size_t hi[2] = {0, 0}, mark[2] = {0, 0};
	for (size_t i = 0; i + 1 < n; i += 2)
		for (int e = 0; e < 2; e++) {
			unsigned char h = s[i + (e ? 0 : 1)], lo = s[i + (e ? 1 : 0)];
			hi[e] += h == 0 || h == 0x30 || h == 0x20 || (h >= 0x4E && h <= 0x9F) || (h >= 0xAC && h <= 0xD7) ||
			         h == 0xFF || h == 0x03 || h == 0x04;
			mark[e] += h == 0 || h == 0xFF || (h == 0x30 && lo <= 0x11);
		}
	size_t units = n / 2;
	for (int e = 0; e < 2; e++)
		if (hi[e] * 100 >= units * 95 && mark[e] * 50 >= units && mark[e] > 3 * mark[!e] &&
		    decodes(e ? "UTF-16BE" : "UTF-16LE", s, n, true, false, NULL, NULL))
			return e ? "UTF-16BE" : "UTF-16LE";
	return NULL;
}

/* ISO-2022-JP: 7-bit bytes with its escapes into JIS X 0208. */
static bool iso2022jp(const unsigned char *s, size_t n, bool cut)
{
	if (!memmem(s, n, "\x1b$B", 3) && !memmem(s, n, "\x1b$@", 3))
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 0x80)
			return false;
	return decodes("ISO-2022-JP", s, n, cut, true, NULL, NULL);
}

/* uchardet's name for the sample ("" when it has none), in out. */
static void ask_uchardet(const unsigned char *s, size_t n, char *out, size_t cap)
{
	cc_charset((const char *)s, n, out, cap);
}

/* Whether name is one of the scorer's (the GB, Big5 and Japanese ones). */
static bool scorers(const char *name)
{
	static const char *const names[] = {"GB18030", "GBK", "GB2312", "BIG5", "BIG5-HKSCS", "EUC-TW",
	                                    "SHIFT_JIS", "CP932", "EUC-JP"};
	for (size_t k = 0; k < sizeof names / sizeof *names; k++)
		if (strcasecmp(name, names[k]) == 0)
			return true;
	return false;
}

/* Korean, which the scorer does not know (and whose bytes GB18030 would
 * take for common hanzi). */
static bool korean(const char *name)
{
	return strcasecmp(name, "UHC") == 0 || strcasecmp(name, "EUC-KR") == 0 || strcasecmp(name, "CP949") == 0;
}

/* The encoding named by uchardet, kept where fanye can use it: a name
 * iconv knows, and something that is not plain ASCII.  A Latin one that
 * reads the sample just as Windows-1252 does is called that (uchardet
 * says WINDOWS-1258 or -1250 of English with curly quotes). */
static const char *usable(char *u, const unsigned char *s, size_t n, bool cut)
{
	if (!*u || strcasecmp(u, "ASCII") == 0 || doc_check_encoding(u) < 0)
		return NULL;
	static const char *const latin[] = {"WINDOWS-1250", "WINDOWS-1258", "ISO-8859-1", "ISO-8859-15", "ISO-8859-2"};
	for (size_t k = 0; k < sizeof latin / sizeof *latin; k++) {
		if (strcasecmp(u, latin[k]) != 0)
			continue;
		size_t la, lb;
		uint8_t *a = u8_conv_from_encoding(u, iconveh_replacement_character, (const char *)s, n, NULL, NULL, &la);
		uint8_t *b = u8_conv_from_encoding("WINDOWS-1252", iconveh_error, (const char *)s, n, NULL, NULL, &lb);
		if (a && b && la == lb && memcmp(a, b, la) == 0)
			snprintf(u, 32, "WINDOWS-1252");
		free(a);
		free(b);
	}
	(void)cut;
	return u;
}

const char *doc_detect_how(const unsigned char *s, size_t n, const char **how)
{
	static char uname[32]; /* uchardet's answer, returned as it is */
	bool cut = n >= SAMPLE;
	if (n > SAMPLE)
		n = SAMPLE;
	*how = "byte-order mark";
	if (n >= 4 && memcmp(s, "\xFF\xFE\0\0", 4) == 0)
		return "UTF-32LE";
	if (n >= 4 && memcmp(s, "\0\0\xFE\xFF", 4) == 0)
		return "UTF-32BE";
	if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		return "UTF-16LE";
	if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		return "UTF-16BE";
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		return "UTF-8";
	*how = "detected";
	size_t head = n < SAMPLE_UTF8 ? n : SAMPLE_UTF8;
	/* ISO-2022-JP is 7-bit (valid UTF-8): its escapes first */
	if (memchr(s, 0x1B, head) && iso2022jp(s, n, cut))
		return "ISO-2022-JP";
	/* Valid UTF-8 without a NUL is UTF-8 at once (the common case, and
	 * the first screen waits for it); UTF-16 of ASCII has NULs, and of CJK
	 * is not valid UTF-8. */
	bool utf8 = utf8_sample(s, head, n > SAMPLE_UTF8 || cut);
	if (utf8 && !memchr(s, 0, head))
		return "UTF-8";
	const char *w = wide_unicode(s, n);
	if (w)
		return w;
	if (utf8)
		return "UTF-8";
	/* the scorer's best */
	static const char *const cands[] = {"GB18030", "BIG5", "SHIFT_JIS", "EUC-JP"};
	const char *best = NULL;
	double best_score = -1e9, best_cjk = 0;
	for (size_t k = 0; k < sizeof cands / sizeof *cands; k++) {
		double sc, cjk;
		if (decodes(cands[k], s, n, cut, k >= 2, &sc, &cjk) && sc > best_score) {
			best_score = sc;
			best = cands[k];
			best_cjk = cjk;
		}
	}
	/* uchardet's */
	ask_uchardet(s, n, uname, sizeof uname);
	const char *u = usable(uname, s, n, cut);
	if (u && !scorers(u) && (n >= SHORT || !best || best_cjk < 0.5 || (korean(u) && n >= 12))) {
		/* what the scorer does not know: single-byte encodings, Korean */
		*how = "uchardet";
		return u;
	}
	if (best)
		return best;
	if (u) {
		*how = "uchardet";
		return u;
	}
	/* None decodes cleanly.  Mostly UTF-8 with a few stray bytes stays
	 * UTF-8 (each bad byte shown as <XX>); else GB18030 with visible
	 * replacement marks. */
	size_t bad = 0, multi = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t uc;
		int l = u8_mbtoucr(&uc, s + i, n - i);
		if (l < 0) {
			bad++;
			i++;
		} else {
			multi += l > 1;
			i += (size_t)l;
		}
	}
	return bad * 100 < n || bad < multi ? "UTF-8" : "GB18030";
}

const char *doc_detect(const unsigned char *s, size_t n)
{
	const char *how;
	return doc_detect_how(s, n, &how);
}
