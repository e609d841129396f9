/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * palette: a colour for each speaker: named in [speakers], else from the
 * configured palette (16 colours that read on dark and light backgrounds),
 * on 256-colour terminals one pair per speaker; six fixed colours on
 * others; speakers past the colours again in bold, then underlined; bold,
 * underline and reverse without colour (NO_COLOR, a mono terminal).
 */
#include "build.h"
#include "ui_priv.h"

#include <strings.h>
#include <term.h>

/* 8-colour terminals: a fixed palette (the configured one is 256-colour). */
static const short pal8[] = {COLOR_BLUE, COLOR_RED, COLOR_GREEN, COLOR_MAGENTA, COLOR_CYAN,
                             COLOR_YELLOW};
#define NPAL8 (int)(sizeof pal8 / sizeof *pal8)
#define PAIR_BASE 1
#define MAX_SPK_PAIRS 32 /* 256-colour: pairs 1..32 labels, 33..64 bars */

void ui_palette_init(ui *u)
{
	u->pal.on = false;
	if (!has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	u->pal.c256 = COLORS >= 256 && COLOR_PAIRS > 2 * MAX_SPK_PAIRS + 8;
	if (!u->pal.c256) {
		for (int k = 0; k < NPAL8; k++)
			if (init_pair((short)(PAIR_BASE + k), pal8[k], -1) == ERR ||
			    init_pair((short)(PAIR_BASE + NPAL8 + k), -1, pal8[k]) == ERR)
				return;
		u->pal.n = NPAL8;
	} else {
		u->pal.n = MAX_SPK_PAIRS;
	}
	u->pal.pairs = 0;
	u->pal.on = true;
	ui_palette_speakers(u);
}

/* The colours the speakers go round: the palette's on 256 colours, the
 * fixed six on 8. */
static int ncolors(const ui *u)
{
	if (!u->pal.c256)
		return NPAL8;
	int n = u->cfg ? u->cfg->v[CONFIG_PALETTE].colors.n : 0;
	return n > 0 ? n : 16;
}

/* Speakers past the colours, told apart from those with the same colour:
 * the second round bold, the third underlined, the fourth both. */
static attr_t round_attr(const ui *u, int k)
{
	static const attr_t rounds[] = {A_NORMAL, A_BOLD, A_UNDERLINE, A_BOLD | A_UNDERLINE};
	return rounds[(k / ncolors(u)) % 4];
}

/* The colour of speaker k: named in [speakers], else from the palette. */
static short speaker_color(const ui *u, int k)
{
	const outline *o = u->ol;
	if (u->cfg && o && k < (int)o->nspeakers)
		for (int i = 0; i < u->cfg->nspeakers; i++)
			if (u->cfg->speakers[i].color >= 0 &&
			    strcasecmp(u->cfg->speakers[i].name, o->speakers[k].name) == 0)
				return (short)u->cfg->speakers[i].color;
	if (u->cfg && u->cfg->v[CONFIG_PALETTE].colors.n > 0) {
		int n = u->cfg->v[CONFIG_PALETTE].colors.n;
		return u->cfg->v[CONFIG_PALETTE].colors.c[k % n];
	}
	return (short)(33 + 30 * k % 200);
}

void ui_palette_speakers(ui *u)
{
	if (!u->pal.on || !u->pal.c256 || !u->ol)
		return;
	int n = (int)u->ol->nspeakers;
	if (n > MAX_SPK_PAIRS)
		n = MAX_SPK_PAIRS;
	for (int k = u->pal.pairs; k < n; k++) {
		short c = speaker_color(u, k);
		init_pair((short)(PAIR_BASE + k), c, -1);
		init_pair((short)(PAIR_BASE + MAX_SPK_PAIRS + k), -1, c);
	}
	if (n > u->pal.pairs)
		u->pal.pairs = n;
}

attr_t ui_palette_speaker(const ui *u, int k)
{
	if (k < 0)
		return A_NORMAL;
	/* Colour alone, without bold: over a slow link every label costs the
	 * bytes of its attributes (16 instead of 31 on xterm). */
	if (u->pal.on)
		return COLOR_PAIR(PAIR_BASE + k % u->pal.n) | round_attr(u, k);
	/* No colours: bold, underline, reverse and their mixes tell them apart. */
	static const attr_t mono[] = {A_BOLD, A_UNDERLINE, A_REVERSE, A_BOLD | A_UNDERLINE,
	                              A_BOLD | A_REVERSE, A_UNDERLINE | A_REVERSE};
	return mono[k % 6];
}

attr_t ui_palette_swatch(const ui *u, int k)
{
	if (k < 0 || !u->pal.on)
		return A_NORMAL;
	return COLOR_PAIR(PAIR_BASE + u->pal.n + k % u->pal.n);
}


/* ---- presented styles ------------------------------------------------------ */

/* The nearest of the 6x6x6 cube and the grey ramp of 256 colours. */
static int rgb_to_256(int r, int g, int b)
{
	static const int lv[] = {0, 95, 135, 175, 215, 255};
#define LVL(v) ((v) < 48 ? 0 : (v) < 115 ? 1 : ((v) - 35) / 40)
	int ri = LVL(r), gi = LVL(g), bi = LVL(b);
#undef LVL
	int cube = 16 + 36 * ri + 6 * gi + bi;
	int dc = (lv[ri] - r) * (lv[ri] - r) + (lv[gi] - g) * (lv[gi] - g) + (lv[bi] - b) * (lv[bi] - b);
	int avg = (r + g + b) / 3;
	int gi2 = avg > 238 ? 23 : avg < 3 ? 0 : (avg - 3) / 10;
	int gv = 8 + 10 * gi2;
	int dg = (gv - r) * (gv - r) + (gv - g) * (gv - g) + (gv - b) * (gv - b);
	return dg < dc ? 232 + gi2 : cube;
}

/* The nearest of the eight basic colours to palette colour c (0-255). */
static int to_8(int c)
{
	if (c < 16)
		return c % 8;
	int r, g, b;
	if (c >= 232) {
		r = g = b = 8 + 10 * (c - 232);
	} else {
		static const int lv[] = {0, 95, 135, 175, 215, 255};
		int k = c - 16;
		r = lv[k / 36];
		g = lv[k / 6 % 6];
		b = lv[k % 6];
	}
	return (r > 127 ? 1 : 0) | (g > 127 ? 2 : 0) | (b > 127 ? 4 : 0);
}

/* A presented colour as one the terminal has, or -1 (its default). */
static int term_color(int32_t c)
{
	if (c == PRES_COLOR_DEFAULT)
		return -1;
	if (c & PRES_RGB)
		c = rgb_to_256((int)(c >> 16 & 255), (int)(c >> 8 & 255), (int)(c & 255));
	if (c >= COLORS)
		c = to_8((int)c);
	return c < COLORS ? (int)c : -1;
}

attr_t ui_palette_style(ui *u, const pres_style *st)
{
	if (!st)
		return A_NORMAL;
	static int italic = -1;
	if (italic < 0) {
		const char *sitm = tigetstr("sitm");
		italic = sitm && sitm != (char *)-1;
	}
	attr_t a = A_NORMAL;
	if (st->attrs & PRES_BOLD)
		a |= A_BOLD;
	if (st->attrs & PRES_DIM)
		a |= A_DIM;
	if (st->attrs & PRES_UNDERLINE)
		a |= A_UNDERLINE;
	if (st->attrs & PRES_REVERSE)
		a |= A_REVERSE;
	if (st->attrs & PRES_ITALIC)
		a |= italic ? A_ITALIC : A_UNDERLINE;
	if (st->attrs & PRES_STRIKE)
		a |= A_DIM;
	if (!u->pal.on)
		return a;
	int fg = term_color(st->fg), bg = term_color(st->bg);
	if (st->cls == PRES_C_CODE && fg < 0 && bg < 0)
		fg = COLOR_CYAN;
	if (fg < 0 && bg < 0)
		return a;
	int pair = alloc_pair(fg, bg);
	/* A pair past what an attribute holds: the colours are left out. */
	if (pair > 0 && pair < 256)
		a |= COLOR_PAIR(pair);
	return a;
}
