/*
 * palette: a colour for each speaker: named in [speakers], else from the
 * configured palette, on 256-colour terminals one pair per speaker; eight
 * fixed colours on others; bold, underline and reverse without colour
 * (NO_COLOR, a mono terminal).
 */
#include "build.h"
#include "ui_priv.h"

#include <strings.h>

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
		return COLOR_PAIR(PAIR_BASE + k % u->pal.n);
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

