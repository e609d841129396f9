/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_aozora: Aozora Bunko's notation (青空文庫注記), the standard form of
 * Japanese public-domain literature.  Ruby, ｜base《reading》 or a kanji
 * run before 《reading》, is shown as the base with the reading dim in
 * parentheses after it (or hidden), the two never split across rows, and
 * search finds the base whole and the reading on its own.  ［＃…］
 * annotations are never shown: 字下げ and 地付き become indentation and
 * right alignment, 見出し headings, 傍点 and 傍線 emphasis, 改ページ a
 * visible break, and a gaiji note the character its JIS X 0213 place
 * names (or 〓).  The title block and the 底本 colophon are shown dim.
 * Each line is a paragraph; block annotations (ここから…) are found by
 * looking back from the line.
 */
#include "build.h"
#include "pres_priv.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#define CHUNK_LINES 64
#define CHUNK_BYTES ((size_t)16 << 10)
/* How far back a block annotation (ここから…) is looked for. */
#define BLOCK_BACK ((size_t)64 << 10)

#define S_BRK_OPEN "\xEF\xBC\xBB\xEF\xBC\x83" /* ［＃ */
#define S_BRK_L "\xEF\xBC\xBB"                /* ［ */
#define S_BRK_R "\xEF\xBC\xBD"                /* ］ */
#define S_RUBY_L "\xE3\x80\x8A"               /* 《 */
#define S_RUBY_R "\xE3\x80\x8B"               /* 》 */
#define S_BAR "\xEF\xBD\x9C"                  /* ｜ */
#define S_KOME "\xE2\x80\xBB"                 /* ※ */

void pres_aozora_bounds(const doc *d, size_t off, size_t *a, size_t *b)
{
	size_t ls, le, next;
	pres_line(d, off, &ls, &le, &next);
	*a = ls;
	size_t e = next;
	for (int k = 1; k < CHUNK_LINES && e < d->len && e - ls < CHUNK_BYTES; k++) {
		pres_line(d, e, &ls, &le, &next);
		if (next <= e)
			break;
		e = next;
	}
	*b = e;
}

static bool at(const uint8_t *s, size_t n, size_t i, const char *lit)
{
	size_t k = strlen(lit);
	return i + k <= n && memcmp(s + i, lit, k) == 0;
}

static uint32_t cp_at(const uint8_t *s, size_t n, size_t i, size_t *len)
{
	ucs4_t c;
	int l = u8_mbtoucr(&c, s + i, n - i);
	*len = l > 0 ? (size_t)l : 1;
	return l > 0 ? c : 0xFFFD;
}

static uint32_t cp_before(const uint8_t *s, size_t i, size_t *len)
{
	ucs4_t c = 0;
	const uint8_t *p = i ? u8_prev(&c, s + i, s) : NULL;
	if (!p) {
		*len = 1;
		return 0;
	}
	*len = (size_t)(s + i - p);
	return c;
}

static int script(uint32_t c)
{
	if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0x20000 && c <= 0x3FFFF) || c == 0x3005 || c == 0x3006 || c == 0x3007 || c == 0x30F6 ||
	    c == 0x30F5 || c == 0x303B)
		return 1; /* kanji */
	if (c >= 0x3041 && c <= 0x309F)
		return 2;
	if ((c >= 0x30A0 && c <= 0x30FF) || (c >= 0xFF66 && c <= 0xFF9F))
		return 3;
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    (c >= 0xFF10 && c <= 0xFF5A) || (c >= 0xC0 && c <= 0x24F))
		return 4;
	return 0;
}

/* The end of the annotation ［＃ at s[i] (after its ］, brackets nested),
 * or 0. */
static size_t annot_end(const uint8_t *s, size_t n, size_t i)
{
	int depth = 0;
	for (size_t j = i; j < n;) {
		if (at(s, n, j, S_BRK_L)) {
			depth++;
			j += 3;
		} else if (at(s, n, j, S_BRK_R)) {
			if (--depth == 0)
				return j + 3;
			j += 3;
		} else {
			j++;
		}
	}
	return 0;
}

/* A number written in the annotation (ASCII, full-width or kanji digits). */
static int number(const uint8_t *s, size_t n)
{
	int v = 0;
	bool any = false;
	for (size_t i = 0; i < n;) {
		size_t l;
		uint32_t c = cp_at(s, n, i, &l);
		int dgt = -1;
		if (c >= '0' && c <= '9')
			dgt = (int)(c - '0');
		else if (c >= 0xFF10 && c <= 0xFF19)
			dgt = (int)(c - 0xFF10);
		else {
			static const uint32_t kd[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
			                              0x516D, 0x4E03, 0x516B, 0x4E5D};
			for (int k = 0; k < 10; k++)
				if (c == kd[k])
					dgt = k;
			if (c == 0x5341) { /* 十 */
				v = (v ? v : 1) * 10;
				any = true;
				i += l;
				continue;
			}
		}
		if (dgt < 0) {
			if (any)
				break;
			i += l;
			continue;
		}
		if (any && v % 10 == 0 && v >= 10 && dgt < 10 && !(c >= '0' && c <= '9') && !(c >= 0xFF10 && c <= 0xFF19))
			v += dgt;
		else
			v = v * 10 + dgt;
		any = true;
		i += l;
		if (v > 99)
			return 99;
	}
	return any ? v : -1;
}

static const uint8_t *find(const uint8_t *s, size_t n, const char *lit)
{
	return memmem(s, n, lit, strlen(lit));
}

/* ---- gaiji ------------------------------------------------------------------ */

/* The character a gaiji note names: its JIS X 0213 men-ku-ten (第3水準
 * 1-85-54, 第4水準 2-12-34) through iconv's EUC-JISX0213, or U+XXXX.
 * Writes UTF-8 into out; false when it names neither. */
static bool gaiji(const uint8_t *s, size_t n, char *out, size_t outlen)
{
	const uint8_t *u = memmem(s, n, "U+", 2);
	if (u && u + 2 < s + n) {
		unsigned long v = strtoul((const char *)u + 2, NULL, 16);
		if (v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF)) {
			int l = u8_uctomb((uint8_t *)out, (ucs4_t)v, (int)outlen - 1);
			if (l > 0) {
				out[l] = 0;
				return true;
			}
		}
	}
	const uint8_t *lvl = find(s, n, "\xE6\xB0\xB4\xE6\xBA\x96"); /* 水準 */
	if (!lvl)
		return false;
	const uint8_t *p = lvl + 6;
	int men, ku, ten;
	char tmp[32];
	size_t k = 0;
	while (p < s + n && k + 1 < sizeof tmp && ((*p >= '0' && *p <= '9') || *p == '-'))
		tmp[k++] = (char)*p++;
	tmp[k] = 0;
	if (sscanf(tmp, "%d-%d-%d", &men, &ku, &ten) != 3 || ku < 1 || ku > 94 || ten < 1 || ten > 94 ||
	    (men != 1 && men != 2))
		return false;
	char in[3];
	size_t inlen = 0;
	if (men == 2)
		in[inlen++] = (char)0x8F;
	in[inlen++] = (char)(0xA0 + ku);
	in[inlen++] = (char)(0xA0 + ten);
	iconv_t cd = iconv_open("UTF-8", "EUC-JISX0213");
	if (cd == (iconv_t)-1)
		return false;
	char *ip = in, *op = out;
	size_t il = inlen, ol = outlen - 1;
	size_t r = iconv(cd, &ip, &il, &op, &ol);
	/* flush what a combining pair may hold back */
	iconv(cd, NULL, NULL, &op, &ol);
	iconv_close(cd);
	if (r == (size_t)-1 || op == out)
		return false;
	*op = 0;
	return true;
}

/* ---- block state ---------------------------------------------------------- */

typedef struct lstate {
	int indent, hang;   /* columns */
	bool right;
	bool dim;           /* the title block or the colophon */
} lstate;

/* Reads one ここから… annotation's content into st. */
static void block_start(const uint8_t *a, size_t n, lstate *st, bool *is_indent)
{
	*is_indent = false;
	if (find(a, n, "\xE5\xAD\x97\xE4\xB8\x8B\xE3\x81\x92")) { /* 字下げ */
		*is_indent = true;
		const uint8_t *fold = find(a, n, "\xE6\x8A\x98\xE3\x82\x8A\xE8\xBF\x94\xE3\x81\x97"); /* 折り返し */
		int first = number(a, fold ? (size_t)(fold - a) : n);
		if (find(a, n, "\xE5\xA4\xA9\xE4\xBB\x98\xE3\x81\x8D")) /* 天付き */
			first = 0;
		int rest = fold ? number(fold, (size_t)(a + n - fold)) : first;
		st->indent = first > 0 ? first * 2 : 0;
		st->hang = rest > 0 ? rest * 2 - st->indent : 0;
	} else if (find(a, n, "\xE5\x9C\xB0\xE4\xBB\x98\xE3\x81\x8D") || /* 地付き */
	           find(a, n, "\xE5\xAD\x97\xE4\xB8\x8A\xE3\x81\x92")) { /* 字上げ */
		st->right = true;
	}
}

/* The block annotations in force at line start ls: the last ここから or
 * ここで of each kind before it. */
static void block_state(const doc *d, size_t ls, lstate *st)
{
	memset(st, 0, sizeof *st);
	const uint8_t *s = d->data;
	size_t lo = ls > BLOCK_BACK ? ls - BLOCK_BACK : 0;
	bool indent_known = false, right_known = false;
	static const char kokokara[] = S_BRK_OPEN "\xE3\x81\x93\xE3\x81\x93"; /* ［＃ここ */
	size_t kl = strlen(kokokara);
	for (size_t i = ls; i > lo && !(indent_known && right_known);) {
		/* back to the previous ［＃ここ */
		size_t j = i;
		const uint8_t *hit = NULL;
		while (j > lo) {
			j--;
			if (s[j] == 0xEF && j + kl <= ls && memcmp(s + j, kokokara, kl) == 0) {
				hit = s + j;
				break;
			}
		}
		if (!hit)
			break;
		size_t e = annot_end(s, ls, j);
		i = j;
		if (!e)
			continue;
		const uint8_t *a = s + j + 6;
		size_t an = e - 3 - (j + 6);
		bool end = at(a, an, 6, "\xE3\x81\xA7"); /* ここで */
		bool is_indent = find(a, an, "\xE5\xAD\x97\xE4\xB8\x8B\xE3\x81\x92") != NULL;
		bool is_right = find(a, an, "\xE5\x9C\xB0\xE4\xBB\x98\xE3\x81\x8D") ||
		                find(a, an, "\xE5\xAD\x97\xE4\xB8\x8A\xE3\x81\x92");
		if (is_indent && !indent_known) {
			indent_known = true;
			if (!end) {
				lstate t = {0};
				bool ind;
				block_start(a, an, &t, &ind);
				st->indent = t.indent;
				st->hang = t.hang;
			}
		} else if (is_right && !right_known) {
			right_known = true;
			st->right = !end;
		}
	}
}

/* What a line is besides the body: the title block at the top (up to a
 * blank line within its first lines), the notes on symbols between two
 * lines of dashes right after it, or the colophon at the end (from a line
 * starting 底本：). */
enum meta { M_BODY, M_TITLE, M_NOTES, M_COLOPHON };

#define TITLE_LINES 8

static enum meta meta_line(const doc *d, size_t ls)
{
	const uint8_t *s = d->data;
	if (ls < ((size_t)8 << 10)) {
		enum { TITLE, AFTER, NOTES, BODY } st = TITLE;
		int n = 0;
		for (size_t i = 0; i < d->len && st != BODY; n++) {
			size_t a, e, next;
			pres_line(d, i, &a, &e, &next);
			bool blank_line = e == a;
			bool dash = e - a >= 10 && s[a] == '-' && s[a + 1] == '-' && s[e - 1] == '-';
			enum meta m = M_BODY;
			if (st == TITLE) {
				if (n >= TITLE_LINES)
					break; /* no title block: no blank line near the top */
				m = blank_line ? M_BODY : M_TITLE;
				if (blank_line)
					st = AFTER;
			} else if (st == AFTER) {
				m = dash ? M_NOTES : M_BODY;
				if (dash)
					st = NOTES;
				else if (!blank_line)
					st = BODY;
			} else { /* NOTES */
				m = M_NOTES;
				if (dash)
					st = BODY;
			}
			if (i == ls) {
				/* a title block is one only when a blank line ends it */
				if (m == M_TITLE) {
					size_t j = next;
					for (int k = n + 1; k < TITLE_LINES && j < d->len; k++) {
						size_t a2, e2, n2;
						pres_line(d, j, &a2, &e2, &n2);
						if (e2 == a2)
							return M_TITLE;
						if (n2 <= j)
							break;
						j = n2;
					}
					return M_BODY;
				}
				return m;
			}
			if (next <= i || i > ls)
				break;
			i = next;
		}
	}
	if (d->len - ls < ((size_t)32 << 10)) {
		static const char teihon[] = "\xE5\xBA\x95\xE6\x9C\xAC\xEF\xBC\x9A"; /* 底本： */
		size_t lo = d->len > ((size_t)32 << 10) ? d->len - ((size_t)32 << 10) : 0;
		for (size_t i = ls + 1; i-- > lo;) {
			if ((i == 0 || s[i - 1] == '\n') && i + 9 <= d->len && memcmp(s + i, teihon, 9) == 0)
				return M_COLOPHON;
		}
	}
	return M_BODY;
}

/* ---- one line --------------------------------------------------------------- */

enum { K_SHOW, K_HIDE, K_BASE, K_READ, K_LBR, K_RBR, K_SUB };

typedef struct line {
	const uint8_t *s;       /* the document */
	size_t ls, n;           /* the line: s[ls .. ls + n) */
	uint8_t *kind;          /* per byte */
	uint16_t *sty;          /* per byte: PRES_ attributes */
	char (*sub)[16];        /* per byte: what a K_SUB run starting there shows */
	int heading;
	bool right, rule;
	int indent;
	bool any_annot;
	size_t (*groups)[4];    /* ruby: base [0, 1), reading [2, 3), line offsets */
	size_t ngroups, gcap;
} line;

/* Marks the last occurrence of target (base text, readings skipped) before
 * line byte `before` with attributes. */
static bool mark_target(line *L, size_t before, const uint8_t *t, size_t tn, uint16_t attrs)
{
	if (tn == 0)
		return false;
	/* the shown base text before `before`, with each byte's place */
	uint8_t *txt = malloc(before + 1);
	size_t *pos = malloc((before + 1) * sizeof *pos);
	if (!txt || !pos) {
		free(txt);
		free(pos);
		return false;
	}
	size_t k = 0;
	for (size_t i = 0; i < before; i++)
		if (L->kind[i] == K_SHOW || L->kind[i] == K_BASE) {
			txt[k] = L->s[L->ls + i];
			pos[k++] = i;
		}
	bool found = false;
	for (size_t j = k >= tn ? k - tn + 1 : 0; j-- > 0;) {
		if (memcmp(txt + j, t, tn) == 0) {
			for (size_t q = j; q < j + tn; q++)
				L->sty[pos[q]] |= attrs;
			found = true;
			break;
		}
	}
	free(txt);
	free(pos);
	return found;
}

/* What one annotation [a, e) of the line (offsets in the line) does. */
static void annotation(line *L, size_t a, size_t e, size_t first_text)
{
	const uint8_t *c = L->s + L->ls + a + 6; /* after ［＃ */
	size_t cn = e - 3 - (a + 6);
	L->any_annot = true;
	/* 「X」は…見出し, 「X」に傍点, 「X」に傍線, 「X」は太字 */
	if (at(c, cn, 0, "\xE3\x80\x8C")) { /* 「 */
		const uint8_t *close = NULL;
		for (size_t i = cn; i >= 3; i--)
			if (at(c, cn, i - 3, "\xE3\x80\x8D")) { /* 」 */
				close = c + i - 3;
				break;
			}
		if (!close)
			return;
		const uint8_t *t = c + 3, *rest = close + 3;
		size_t tn = (size_t)(close - t), rn = (size_t)(c + cn - rest);
		int level = find(rest, rn, "\xE5\xA4\xA7\xE8\xA6\x8B\xE5\x87\xBA") ? 1 /* 大見出 */
		            : find(rest, rn, "\xE4\xB8\xAD\xE8\xA6\x8B\xE5\x87\xBA") ? 2 /* 中見出 */
		            : find(rest, rn, "\xE5\xB0\x8F\xE8\xA6\x8B\xE5\x87\xBA") ? 3 : 0; /* 小見出 */
		if (level) {
			if (mark_target(L, a, t, tn, PRES_BOLD))
				L->heading = level;
		} else if (find(rest, rn, "\xE5\x82\x8D\xE7\x82\xB9") || /* 傍点 */
		           find(rest, rn, "\xE5\xA4\xAA\xE5\xAD\x97")) { /* 太字 */
			mark_target(L, a, t, tn, PRES_BOLD);
		} else if (find(rest, rn, "\xE5\x82\x8D\xE7\xB7\x9A")) { /* 傍線 */
			mark_target(L, a, t, tn, PRES_UNDERLINE);
		} else if (find(rest, rn, "\xE6\x96\x9C\xE4\xBD\x93")) { /* 斜体 */
			mark_target(L, a, t, tn, PRES_ITALIC);
		}
		return;
	}
	if (at(c, cn, 0, "\xE3\x81\x93\xE3\x81\x93")) /* ここ: a block, for the lines after */
		return;
	if (find(c, cn, "\xE5\xAD\x97\xE4\xB8\x8B\xE3\x81\x92") && a <= first_text) { /* N字下げ */
		int v = number(c, cn);
		if (v > 0)
			L->indent = v * 2;
	} else if (find(c, cn, "\xE5\x9C\xB0\xE4\xBB\x98\xE3\x81\x8D") || /* 地付き */
	           find(c, cn, "\xE5\xAD\x97\xE4\xB8\x8A\xE3\x81\x92")) { /* 字上げ */
		L->right = true;
	} else if (find(c, cn, "\xE6\x94\xB9\xE3\x83\x9A\xE3\x83\xBC\xE3\x82\xB8") || /* 改ページ */
	           find(c, cn, "\xE6\x94\xB9\xE4\xB8\x81") ||                         /* 改丁 */
	           find(c, cn, "\xE6\x94\xB9\xE6\xAE\xB5") ||                         /* 改段 */
	           find(c, cn, "\xE6\x94\xB9\xE8\xA6\x8B\xE9\x96\x8B\xE3\x81\x8D")) {  /* 改見開き */
		L->rule = true;
	} else {
		int level = at(c, cn, 0, "\xE5\xA4\xA7\xE8\xA6\x8B\xE5\x87\xBA\xE3\x81\x97") ? 1
		            : at(c, cn, 0, "\xE4\xB8\xAD\xE8\xA6\x8B\xE5\x87\xBA\xE3\x81\x97") ? 2
		            : at(c, cn, 0, "\xE5\xB0\x8F\xE8\xA6\x8B\xE5\x87\xBA\xE3\x81\x97") ? 3 : 0;
		if (level && !find(c, cn, "\xE7\xB5\x82\xE3\x82\x8F\xE3\x82\x8A")) { /* 終わり */
			/* ［＃中見出し］…［＃中見出し終わり］: the text between */
			L->heading = level;
			for (size_t i = e; i < L->n; i++) {
				if (at(L->s + L->ls, L->n, i, S_BRK_OPEN))
					break;
				if (L->kind[i] == K_SHOW || L->kind[i] == K_BASE)
					L->sty[i] |= PRES_BOLD;
			}
		}
	}
}

/* Classifies the line's bytes: annotations, ruby, gaiji.  Readings are
 * hidden unless they are shown inline. */
static void scan_line(line *L, bool hide_ruby)
{
	L->ngroups = 0;
	const uint8_t *s = L->s + L->ls;
	size_t n = L->n;
	size_t bar = (size_t)-1, after_ruby = 0, first_text = (size_t)-1;
	/* annotations are done after the ruby (their targets skip readings) */
	size_t *ann = NULL, nann = 0;
	for (size_t i = 0; i < n;) {
		if (at(s, n, i, S_BRK_OPEN)) {
			size_t e = annot_end(s, n, i);
			if (e) {
				char out[16];
				if (i >= 3 && at(s, n, i - 3, S_KOME) && L->kind[i - 3] == K_SHOW &&
				    gaiji(s + i, e - i, out, sizeof out)) {
					L->kind[i - 3] = K_SUB;
					snprintf(L->sub[i - 3], sizeof L->sub[i - 3], "%s", out);
					for (size_t k = i - 2; k < e; k++)
						L->kind[k] = K_HIDE;
				} else if (i >= 3 && at(s, n, i - 3, S_KOME) && L->kind[i - 3] == K_SHOW &&
				           find(s + i, e - i, "\xE6\xB0\xB4\xE6\xBA\x96")) {
					/* a gaiji that cannot be had: the geta mark */
					L->kind[i - 3] = K_SUB;
					snprintf(L->sub[i - 3], sizeof L->sub[i - 3], "\xE3\x80\x93");
					for (size_t k = i - 2; k < e; k++)
						L->kind[k] = K_HIDE;
				} else {
					for (size_t k = i; k < e; k++)
						L->kind[k] = K_HIDE;
					size_t *na = realloc(ann, (nann + 2) * sizeof *ann);
					if (na) {
						ann = na;
						ann[nann++] = i;
						ann[nann++] = e;
					}
				}
				i = e;
				continue;
			}
		}
		if (at(s, n, i, S_BAR)) {
			bar = i;
			i += 3;
			continue;
		}
		if (at(s, n, i, S_RUBY_L)) {
			const uint8_t *close = find(s + i + 3, n - i - 3, S_RUBY_R);
			size_t base_a = i, r_end = close ? (size_t)(close - s) : 0;
			if (close && bar != (size_t)-1 && bar >= after_ruby) {
				base_a = bar + 3;
			} else if (close) {
				/* the run of one script before 《, kanji above all */
				size_t j = i, l;
				uint32_t c0 = cp_before(s, j, &l);
				int sc = script(c0);
				while (sc && j > after_ruby) {
					uint32_t c = cp_before(s, j, &l);
					if (script(c) != sc || L->kind[j - l] != K_SHOW)
						break;
					j -= l;
				}
				base_a = j;
			}
			if (close && base_a < i && r_end > i + 3) {
				if (bar != (size_t)-1 && bar >= after_ruby && base_a == bar + 3)
					for (size_t k = bar; k < bar + 3; k++)
						L->kind[k] = K_HIDE;
				for (size_t k = base_a; k < i; k++)
					L->kind[k] = K_BASE;
				uint8_t rk = hide_ruby ? K_HIDE : K_READ;
				for (size_t k = i; k < i + 3; k++)
					L->kind[k] = hide_ruby ? K_HIDE : K_LBR;
				for (size_t k = i + 3; k < r_end; k++)
					L->kind[k] = L->kind[k] == K_HIDE ? K_HIDE : rk;
				for (size_t k = r_end; k < r_end + 3; k++)
					L->kind[k] = hide_ruby ? K_HIDE : K_RBR;
				if (L->ngroups == L->gcap) {
					size_t nc = L->gcap ? L->gcap * 2 : 16;
					size_t(*ng)[4] = realloc(L->groups, nc * sizeof *ng);
					if (ng) {
						L->groups = ng;
						L->gcap = nc;
					}
				}
				if (L->ngroups < L->gcap) {
					size_t *g = L->groups[L->ngroups++];
					g[0] = base_a;
					g[1] = i;
					g[2] = i + 3;
					g[3] = r_end;
				}
				bar = (size_t)-1;
				after_ruby = i = r_end + 3;
				continue;
			}
		}
		if (first_text == (size_t)-1 && s[i] != ' ' && !at(s, n, i, "\xE3\x80\x80"))
			first_text = i;
		size_t l;
		cp_at(s, n, i, &l);
		i += l;
	}
	for (size_t k = 0; k + 1 < nann; k += 2)
		annotation(L, ann[k], ann[k + 1], first_text == (size_t)-1 ? n : first_text);
	free(ann);
}

/* Puts the line out as a paragraph (nothing for a line of annotations
 * alone, which takes no room in print either). */
static void emit_line(pres_pb *pb, line *L, const lstate *bs, const pres_opts *o)
{
	size_t n = L->n;
	bool above = o->ruby == PRES_RUBY_ABOVE;
	bool shown = false;
	for (size_t i = 0; i < n; i++)
		if (L->kind[i] != K_HIDE) {
			shown = true;
			break;
		}
	if (!shown && L->any_annot && !L->rule)
		return;
	pres_pb_begin(pb, L->ls);
	pres_para *p = &pb->cur;
	p->indent = (uint16_t)(L->indent ? L->indent : bs->indent);
	p->hang = (uint16_t)(L->indent ? 0 : bs->hang);
	p->align = (L->right || bs->right) ? PRES_RIGHT : PRES_LEFT;
	p->heading = (uint8_t)L->heading;
	pres_style base = {0, PRES_C_TEXT, PRES_COLOR_DEFAULT, PRES_COLOR_DEFAULT};
	if (bs->dim) {
		base.attrs = PRES_DIM;
		base.cls = PRES_C_DIM;
	}
	if (L->rule) {
		int w = o->width - p->indent;
		if (w > 40)
			w = 40;
		if (w < 1)
			w = 1;
		char rule[160];
		size_t k = 0;
		for (int i = 0; i < w; i++) {
			memcpy(rule + k, "\xE2\x94\x80", 3);
			k += 3;
		}
		pres_style st = base;
		st.attrs |= PRES_DIM;
		st.cls = PRES_C_RULE;
		pres_pb_put(pb, rule, k, L->ls, n, &st, PRES_NOSEARCH);
		pres_pb_end(pb);
		return;
	}
	for (size_t i = 0; i < n;) {
		uint8_t k = L->kind[i];
		uint16_t a = L->sty[i];
		size_t j = i + 1;
		if (k != K_SUB)
			while (j < n && L->kind[j] == k && L->sty[j] == a && k != K_LBR && k != K_RBR)
				j++;
		else
			while (j < n && L->kind[j] == K_HIDE)
				j++;
		size_t src = L->ls + i;
		pres_style st = base;
		st.attrs |= a;
		if (a & PRES_BOLD)
			st.cls = L->heading ? PRES_C_HEADING : PRES_C_STRONG;
		switch (k) {
		case K_SHOW:
			pres_pb_copy(pb, src, j - i, &st, 0);
			break;
		case K_BASE:
			/* A reading shown above: at its base's place in the text. */
			for (size_t g = 0; above && g < L->ngroups; g++)
				if (L->groups[g][0] == i)
					pres_pb_ruby(pb, pres_pb_len(pb), L->groups[g][1] - i, L->ls + L->groups[g][2],
					             L->groups[g][3] - L->groups[g][2]);
			pres_pb_copy(pb, src, j - i, &st, PRES_KEEP);
			break;
		case K_READ:
			st.attrs |= PRES_DIM;
			st.cls = PRES_C_RUBY;
			pres_pb_copy(pb, src, j - i, &st, PRES_GLUE | PRES_NOSEARCH);
			break;
		case K_LBR:
		case K_RBR:
			j = i + 3;
			st.attrs |= PRES_DIM;
			st.cls = PRES_C_RUBY;
			pres_pb_put(pb, k == K_LBR ? "(" : ")", 1, src, 3, &st, PRES_GLUE | PRES_NOSEARCH);
			break;
		case K_SUB:
			pres_pb_put(pb, L->sub[i], strlen(L->sub[i]), src, j - i, &st, 0);
			break;
		default:
			break;
		}
		i = j;
	}
	/* The readings, for search, whether they are shown or not. */
	for (size_t i = 0; i < n;) {
		if (at(L->s + L->ls, n, i, S_RUBY_L) && (L->kind[i] == K_LBR || (L->kind[i] == K_HIDE && i > 0 && L->kind[i - 1] == K_BASE))) {
			size_t j = i + 3;
			while (j < n && !at(L->s + L->ls, n, j, S_RUBY_R))
				j++;
			pres_pb_extra(pb, L->ls + i + 3, j - i - 3);
			i = j;
			continue;
		}
		i++;
	}
	pres_pb_end(pb);
}

bool pres_aozora_make(const doc *d, const pres_opts *o, size_t a, size_t b, pres_pb *pb)
{
	size_t cap = 0;
	line L;
	memset(&L, 0, sizeof L);
	L.s = d->data;
	bool ok = true;
	lstate bs;
	block_state(d, a, &bs);
	for (size_t off = a; off < b || (off == a && a == b);) {
		size_t ls, le, next;
		pres_line(d, off, &ls, &le, &next);
		if (le > b)
			le = b;
		size_t n = le - off;
		if (n + 1 > cap) {
			cap = (n + 1) * 2;
			uint8_t *nk = realloc(L.kind, cap);
			uint16_t *ns = realloc(L.sty, cap * sizeof *ns);
			char(*nsub)[16] = realloc(L.sub, cap * sizeof *nsub);
			if (nk)
				L.kind = nk;
			if (ns)
				L.sty = ns;
			if (nsub)
				L.sub = nsub;
			if (!nk || !ns || !nsub) {
				ok = false;
				break;
			}
		}
		L.ls = off;
		L.n = n;
		memset(L.kind, K_SHOW, n);
		memset(L.sty, 0, n * sizeof *L.sty);
		L.heading = L.indent = 0;
		L.ngroups = 0;
		L.right = L.rule = L.any_annot = false;
		enum meta m = meta_line(d, off);
		bs.dim = m != M_BODY;
		/* The notes on symbols at the top show the notation itself. */
		if (m != M_NOTES)
			scan_line(&L, o->ruby != PRES_RUBY_INLINE);
		emit_line(pb, &L, &bs, o);
		/* Block annotations on this line hold for the lines after it. */
		for (size_t i = 0; i < n;) {
			const uint8_t *s = d->data + off;
			if (at(s, n, i, S_BRK_OPEN "\xE3\x81\x93\xE3\x81\x93")) {
				size_t e = annot_end(s, n, i);
				if (!e)
					break;
				const uint8_t *c = s + i + 6;
				size_t cn = e - 3 - (i + 6);
				bool end = at(c, cn, 6, "\xE3\x81\xA7");
				if (find(c, cn, "\xE5\xAD\x97\xE4\xB8\x8B\xE3\x81\x92")) {
					if (end) {
						bs.indent = bs.hang = 0;
					} else {
						bool ind;
						block_start(c, cn, &bs, &ind);
					}
				} else if (find(c, cn, "\xE5\x9C\xB0\xE4\xBB\x98\xE3\x81\x8D") ||
				           find(c, cn, "\xE5\xAD\x97\xE4\xB8\x8A\xE3\x81\x92")) {
					bs.right = !end;
				}
				i = e;
				continue;
			}
			i++;
		}
		if (next <= off)
			break;
		off = next;
	}
	free(L.kind);
	free(L.sty);
	free(L.sub);
	free(L.groups);
	return ok;
}

/* ---- detection --------------------------------------------------------------- */

bool pres_aozora_detect(const uint8_t *s, size_t n)
{
	if (find(s, n, "\xE3\x80\x90\xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9\xE3\x83\x88\xE4\xB8\xAD\xE3\x81\xAB")) /* 【テキスト中に */
		return true;
	size_t annots = 0, ruby = 0, kana_ruby = 0, bars = 0;
	for (const uint8_t *p = s, *end = s + n; p < end && (p = memmem(p, (size_t)(end - p), S_BRK_OPEN, 6)); p += 6)
		annots++;
	for (const uint8_t *p = s, *end = s + n; p < end && (p = memmem(p, (size_t)(end - p), S_RUBY_L, 3)); p += 3) {
		ruby++;
		size_t i = (size_t)(p - s), l;
		if (i == 0 || script(cp_before(s, i, &l)) == 0)
			continue;
		/* a reading: kana only, then 》 */
		size_t j = i + 3;
		bool kana = true;
		while (j < n && !at(s, n, j, S_RUBY_R) && j - i < 60) {
			uint32_t c = cp_at(s, n, j, &l);
			if (script(c) != 2 && script(c) != 3)
				kana = false;
			j += l;
		}
		if (kana && j < n && j > i + 3)
			kana_ruby++;
	}
	for (const uint8_t *p = s, *end = s + n; p < end && (p = memmem(p, (size_t)(end - p), S_BAR, 3)); p += 3)
		bars++;
	if (annots >= 2)
		return true;
	return kana_ruby >= 5 && kana_ruby * 5 >= ruby * 4 && (annots >= 1 || bars >= 1 || kana_ruby >= 10);
}
