/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * line: the one line editor of every prompt (the search, a bookmark's
 * label and note, a rename, the help's filter).  It edits by whole
 * characters with a cursor; its keys are the line-* actions of the table,
 * and what they edit is the line of the mode that has the keys.
 */
#include "build.h"
#include "ui_priv.h"

#include <string.h>

#include <unistr.h>

void ui_line_set(ui_line *l, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n >= sizeof l->buf)
		n = sizeof l->buf - 1;
	while (n > 0 && u8_check((const uint8_t *)s, n))
		n--; /* never half a character */
	if (n)
		memcpy(l->buf, s, n);
	l->buf[n] = 0;
	l->len = l->cur = n;
}

/* The offset of the character before the one at i. */
static size_t before(const ui_line *l, size_t i)
{
	ucs4_t uc;
	const uint8_t *p = u8_prev(&uc, (const uint8_t *)l->buf + i, (const uint8_t *)l->buf);
	return p ? (size_t)(p - (const uint8_t *)l->buf) : 0;
}

/* The offset of the character after the one at i. */
static size_t after(const ui_line *l, size_t i)
{
	int n = u8_mblen((const uint8_t *)l->buf + i, l->len - i);
	return i + (n > 0 ? (size_t)n : 1);
}

/* Removes [a, b) and puts the cursor at a. */
static void cut(ui_line *l, size_t a, size_t b)
{
	memmove(l->buf + a, l->buf + b, l->len - b + 1);
	l->len -= b - a;
	l->cur = a;
}

bool ui_line_insert(ui_line *l, int key)
{
	if (key < 0x20 || key >= KEYMAP_SPECIAL || key == 0x7F || (key & KEYMAP_META) ||
	    (key >= 0x80 && key < 0xA0))
		return false;
	uint8_t b[8];
	int n = u8_uctomb(b, (ucs4_t)key, sizeof b);
	if (n <= 0 || l->len + (size_t)n >= sizeof l->buf)
		return false;
	memmove(l->buf + l->cur + n, l->buf + l->cur, l->len - l->cur + 1);
	memcpy(l->buf + l->cur, b, (size_t)n);
	l->len += (size_t)n;
	l->cur += (size_t)n;
	return true;
}

bool ui_line_edit(ui_line *l, keymap_action a)
{
	size_t len = l->len;
	switch (a) {
	case ACT_LINE_BACKSPACE:
		if (l->cur)
			cut(l, before(l, l->cur), l->cur);
		break;
	case ACT_LINE_DELETE:
		if (l->cur < l->len)
			cut(l, l->cur, after(l, l->cur));
		break;
	case ACT_LINE_KILL: cut(l, 0, l->len); break;
	case ACT_LINE_KILL_END: cut(l, l->cur, l->len); break;
	case ACT_LINE_KILL_WORD: {
		size_t a0 = l->cur;
		while (a0 && l->buf[a0 - 1] == ' ')
			a0--;
		while (a0 && l->buf[a0 - 1] != ' ')
			a0 = before(l, a0);
		cut(l, a0, l->cur);
		break;
	}
	case ACT_LINE_LEFT: if (l->cur) l->cur = before(l, l->cur); break;
	case ACT_LINE_RIGHT: if (l->cur < l->len) l->cur = after(l, l->cur); break;
	case ACT_LINE_START: l->cur = 0; break;
	case ACT_LINE_END: l->cur = l->len; break;
	default: break;
	}
	return l->len != len;
}

int ui_line_draw(WINDOW *w, int y, int x, int room, const ui_line *l, const layout_opts *o)
{
	if (room < 1)
		return x;
	/* Start far enough on for the cursor to be in view, one cell spare. */
	size_t start = 0;
	while (start < l->cur && ui_draw_width(l->buf + start, l->cur - start, o) > room - 1)
		start = after(l, start);
	int left = ui_draw_width(l->buf + start, l->cur - start, o);
	ui_draw_text(w, y, x, l->buf + start, l->len - start, room, A_NORMAL, o);
	return x + left;
}
