/*
 * prompt: a one-line text input at the bottom of the screen, for bookmark
 * labels, notes and renames.  Editing is by whole characters.
 */
#include "build.h"
#include "ui_priv.h"

#include <stdio.h>
#include <string.h>

#include <unistr.h>

void ui_prompt_open(ui *u, const char *title, const char *text, ui_prompt_done done)
{
	ui_prompt *p = &u->prompt;
	p->active = true;
	snprintf(p->title, sizeof p->title, "%s", title);
	size_t n = text ? strlen(text) : 0;
	if (n >= sizeof p->buf)
		n = sizeof p->buf - 1;
	while (n > 0 && u8_check((const uint8_t *)text, n))
		n--; /* never half a character */
	memcpy(p->buf, text ? text : "", n);
	p->buf[n] = 0;
	p->len = n;
	p->done = done;
	leaveok(stdscr, FALSE);
	curs_set(1);
}

void ui_prompt_draw(ui *u)
{
	ui_prompt *p = &u->prompt;
	int y = LINES - 1;
	wmove(stdscr, y, 0);
	wattrset(stdscr, A_NORMAL);
	wclrtoeol(stdscr);
	wattrset(stdscr, A_BOLD);
	mvwaddnstr(stdscr, y, 0, p->title, COLS > 1 ? COLS - 1 : 1);
	wattrset(stdscr, A_NORMAL);
	int x = (int)strlen(p->title) + 1;
	int room = COLS - x - 1;
	int used = ui_draw_tail(stdscr, y, x, p->buf, p->len, room, &u->lo);
	wmove(stdscr, y, x + used);
}

static void finish(ui *u, bool ok)
{
	ui_prompt *p = &u->prompt;
	p->active = false;
	curs_set(0);
	leaveok(stdscr, TRUE);
	p->buf[p->len] = 0;
	if (p->done)
		p->done(u, p->buf, ok);
}

void ui_prompt_key(ui *u, int key)
{
	ui_prompt *p = &u->prompt;
	if (key == KEYMAP_ENTER) {
		finish(u, true);
	} else if (key == KEYMAP_ESC) {
		finish(u, false);
	} else if (key == KEYMAP_BACKSPACE) {
		if (p->len) {
			ucs4_t uc;
			const uint8_t *q = u8_prev(&uc, (const uint8_t *)p->buf + p->len, (const uint8_t *)p->buf);
			p->len = q ? (size_t)(q - (const uint8_t *)p->buf) : 0;
			p->buf[p->len] = 0;
		}
	} else if (key == 0x15) { /* C-u */
		p->len = 0;
		p->buf[0] = 0;
	} else if (key >= 0x20 && key < KEYMAP_SPECIAL && key != 0x7F && !(key & KEYMAP_META)) {
		uint8_t b[8];
		int l = u8_uctomb(b, (ucs4_t)key, sizeof b);
		if (l > 0 && p->len + (size_t)l < sizeof p->buf) {
			memcpy(p->buf + p->len, b, (size_t)l);
			p->len += (size_t)l;
			p->buf[p->len] = 0;
		}
	}
}
