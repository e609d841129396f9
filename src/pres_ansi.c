/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_ansi: text coloured for a terminal, as pagers are given it (git's
 * --color, ls, grep, man's overstrike).  SGR sequences become styles and
 * are hidden; an OSC 8 hyperlink shows its text; overstrike X\bX is bold
 * X and _\bX underlined X.  Every other control stays in the text, where
 * the layout shows it inert (^[ and the like), exactly as in plain text.
 * Each line is a paragraph and starts with no style, as in less -R.
 */
#include "build.h"
#include "pres_priv.h"

#include <string.h>

#include <unistr.h>

#define ESC 0x1B

/* Lines per chunk, and bytes: a chunk ends at whichever comes first. */
#define CHUNK_LINES 64
#define CHUNK_BYTES ((size_t)16 << 10)

void pres_ansi_bounds(const doc *d, size_t off, size_t *a, size_t *b)
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

/* The end of the CSI sequence at s[i] (ESC [ ...), or 0 if it is not a
 * complete one; *final gets its final byte. */
static size_t csi_end(const uint8_t *s, size_t n, size_t i, uint8_t *final)
{
	size_t j = i + 2;
	while (j < n && s[j] >= 0x30 && s[j] <= 0x3F)
		j++;
	while (j < n && s[j] >= 0x20 && s[j] <= 0x2F)
		j++;
	if (j >= n || s[j] < 0x40 || s[j] > 0x7E)
		return 0;
	*final = s[j];
	return j + 1;
}

/* The end of the OSC sequence at s[i] (ESC ] ... BEL or ESC \), or 0. */
static size_t osc_end(const uint8_t *s, size_t n, size_t i)
{
	for (size_t j = i + 2; j < n && j < i + 4096; j++) {
		if (s[j] == 0x07)
			return j + 1;
		if (s[j] == ESC)
			return j + 1 < n && s[j + 1] == '\\' ? j + 2 : 0;
		if (s[j] < 0x20)
			return 0;
	}
	return 0;
}

/* Reads one SGR parameter list (the bytes between ESC [ and m) into st. */
static void apply_sgr(pres_style *st, const uint8_t *p, size_t n)
{
	int v[32], nv = 0;
	bool sub[32] = {false}; /* v[k] followed a ':' */
	long cur = -1;
	bool colon = false;
	for (size_t i = 0; i <= n && nv < 32; i++) {
		if (i < n && p[i] >= '0' && p[i] <= '9') {
			cur = (cur < 0 ? 0 : cur) * 10 + (p[i] - '0');
			if (cur > 100000)
				cur = 100000;
			continue;
		}
		if (i < n && p[i] != ';' && p[i] != ':')
			return; /* private or odd parameters: left alone */
		sub[nv] = colon;
		v[nv++] = cur < 0 ? -1 : (int)cur;
		cur = -1;
		colon = i < n && p[i] == ':';
	}
	for (int k = 0; k < nv; k++) {
		int c = v[k] < 0 ? 0 : v[k];
		if (sub[k])
			continue;
		if (c == 0) {
			*st = (pres_style){0, PRES_C_SGR, PRES_COLOR_DEFAULT, PRES_COLOR_DEFAULT};
		} else if (c == 1) {
			st->attrs |= PRES_BOLD;
		} else if (c == 2) {
			st->attrs |= PRES_DIM;
		} else if (c == 3) {
			st->attrs |= PRES_ITALIC;
		} else if (c == 4 || c == 21) {
			st->attrs |= PRES_UNDERLINE;
			if (k + 1 < nv && sub[k + 1] && v[k + 1] == 0)
				st->attrs &= (uint16_t)~PRES_UNDERLINE; /* 4:0 */
		} else if (c == 7) {
			st->attrs |= PRES_REVERSE;
		} else if (c == 9) {
			st->attrs |= PRES_STRIKE;
		} else if (c == 22) {
			st->attrs &= (uint16_t)~(PRES_BOLD | PRES_DIM);
		} else if (c == 23) {
			st->attrs &= (uint16_t)~PRES_ITALIC;
		} else if (c == 24) {
			st->attrs &= (uint16_t)~PRES_UNDERLINE;
		} else if (c == 27) {
			st->attrs &= (uint16_t)~PRES_REVERSE;
		} else if (c == 29) {
			st->attrs &= (uint16_t)~PRES_STRIKE;
		} else if ((c >= 30 && c <= 37) || (c >= 40 && c <= 47)) {
			*(c < 40 ? &st->fg : &st->bg) = c % 10;
		} else if (c >= 90 && c <= 97) {
			st->fg = c - 90 + 8;
		} else if (c >= 100 && c <= 107) {
			st->bg = c - 100 + 8;
		} else if (c == 39) {
			st->fg = PRES_COLOR_DEFAULT;
		} else if (c == 49) {
			st->bg = PRES_COLOR_DEFAULT;
		} else if (c == 38 || c == 48) {
			int32_t *dst = c == 38 ? &st->fg : &st->bg;
			/* 38;5;N and 38;2;R;G;B, or with colons (38:2::R:G:B). */
			int k2 = k + 1;
			if (k2 < nv && v[k2] == 5 && k2 + 1 < nv) {
				if (v[k2 + 1] >= 0 && v[k2 + 1] <= 255)
					*dst = v[k2 + 1];
				k = k2 + 1;
			} else if (k2 < nv && v[k2] == 2) {
				int q = k2 + 1;
				/* the colon form may hold a colour-space id first */
				if (q + 3 < nv && sub[q] && sub[q + 3])
					q++;
				if (q + 2 < nv) {
					int r = v[q], g = v[q + 1], b = v[q + 2];
					if (r >= 0 && r <= 255 && g >= 0 && g <= 255 && b >= 0 && b <= 255)
						*dst = PRES_RGB | (r << 16) | (g << 8) | b;
					k = q + 2;
				} else {
					k = nv;
				}
			} else {
				k = nv;
			}
			while (k + 1 < nv && sub[k + 1])
				k++;
		}
	}
}

/* Decodes the character at s[i] (its length; 1 for a bad byte). */
static size_t char_len(const uint8_t *s, size_t n, size_t i)
{
	ucs4_t c;
	int l = u8_mbtoucr(&c, s + i, n - i);
	return l > 0 ? (size_t)l : 1;
}

/* One line s[ls..le) as one paragraph. */
static void one_line(pres_pb *pb, const uint8_t *s, size_t ls, size_t le)
{
	pres_style st = {0, PRES_C_SGR, PRES_COLOR_DEFAULT, PRES_COLOR_DEFAULT};
	bool link = false;
	pres_pb_begin(pb, ls);
	size_t i = ls, run = ls; /* run: the start of text not yet added */
#define FLUSH(to)                                                                 \
	do {                                                                          \
		if ((to) > run) {                                                         \
			pres_style shown = st;                                                \
			if (link)                                                             \
				shown.attrs |= PRES_UNDERLINE;                                    \
			pres_pb_copy(pb, run, (to) - run, &shown, 0);                         \
		}                                                                         \
	} while (0)
	while (i < le) {
		uint8_t b = s[i];
		if (b == ESC && i + 1 < le && s[i + 1] == '[') {
			uint8_t final = 0;
			size_t e = csi_end(s, le, i, &final);
			if (e && final == 'm') {
				FLUSH(i);
				apply_sgr(&st, s + i + 2, e - 1 - (i + 2));
				i = run = e;
				continue;
			}
		} else if (b == ESC && i + 1 < le && s[i + 1] == ']') {
			size_t e = osc_end(s, le, i);
			if (e && e - i > 4 && s[i + 2] == '8' && s[i + 3] == ';') {
				/* OSC 8 ; params ; URI ST: the link's text follows. */
				FLUSH(i);
				size_t semi = i + 4;
				while (semi < e && s[semi] != ';')
					semi++;
				size_t uri_end = e - (s[e - 1] == 0x07 ? 1 : 2);
				link = semi + 1 < uri_end;
				i = run = e;
				continue;
			}
		} else if (b != 0x08 && b >= 0x20) {
			/* Overstrike: a character, backspace, a character, and so on.
			 * The same character twice is bold; with an underscore, the
			 * other character underlined; else the last one written. */
			size_t l = char_len(s, le, i);
			size_t j = i + l;
			if (j + 1 < le && s[j] == 0x08 && s[j + 1] >= 0x20) {
				FLUSH(i);
				size_t at = i, al = l;
				bool bold = false, under = false;
				while (j + 1 < le && s[j] == 0x08 && s[j + 1] >= 0x20) {
					size_t k = j + 1, kl = char_len(s, le, k);
					bool x_us = al == 1 && s[at] == '_', y_us = kl == 1 && s[k] == '_';
					if (kl == al && memcmp(s + at, s + k, al) == 0) {
						bold = true;
						at = k;
					} else if (x_us) {
						under = true;
						at = k;
						al = kl;
					} else if (y_us) {
						under = true;
					} else {
						at = k;
						al = kl;
					}
					j = k + kl;
				}
				pres_style o = st;
				if (bold)
					o.attrs |= PRES_BOLD;
				if (under || link)
					o.attrs |= PRES_UNDERLINE;
				pres_pb_copy(pb, at, al, &o, 0);
				i = run = j;
				continue;
			}
			i += l;
			continue;
		}
		i++;
	}
	FLUSH(le);
#undef FLUSH
	pres_pb_end(pb);
}

bool pres_ansi_make(const doc *d, const pres_opts *o, size_t a, size_t b, pres_pb *pb)
{
	(void)o;
	for (size_t off = a; off < b || (off == a && a == b);) {
		size_t ls, le, next;
		pres_line(d, off, &ls, &le, &next);
		if (le > b)
			le = b;
		one_line(pb, d->data, off, le);
		if (next <= off)
			break;
		off = next;
	}
	return true;
}

bool pres_ansi_detect(const uint8_t *s, size_t n)
{
	size_t sgr = 0, over = 0;
	for (const uint8_t *p = s, *end = s + n; p < end && (p = memchr(p, ESC, (size_t)(end - p)));) {
		size_t i = (size_t)(p - s);
		uint8_t final = 0;
		if (i + 1 < n && s[i + 1] == '[' && csi_end(s, n, i, &final) && final == 'm')
			sgr++;
		p++;
	}
	for (const uint8_t *p = s, *end = s + n; p < end && (p = memchr(p, 0x08, (size_t)(end - p)));) {
		size_t i = (size_t)(p - s);
		if (i > 0 && i + 1 < n && s[i - 1] >= 0x20 && s[i + 1] >= 0x20 && s[i - 1] != 0x7F)
			over++;
		p++;
	}
	return sgr >= 1 || over >= 3;
}
