/*
 * help: the help overlay, generated from the action table through the
 * keymap, so it always shows the keys that are really bound.
 */
#include "build.h"
#include "ui_priv.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

/* True if action a matches the filter in its name, keys or help. */
static bool matches(const ui *u, keymap_action a)
{
	const char *f = u->help_filter;
	if (!*f)
		return true;
	char keys[128];
	keymap_keys_string(u->km, a, keys, sizeof keys);
	return strcasestr(keymap_action_name(a), f) || strcasestr(keymap_action_help(a), f) ||
	       strcasestr(keys, f);
}

/* Writes help line i into buf; returns false past the end.  Lines are: a
 * title, then per group a blank line, the group name and its actions. */
static bool help_line(const ui *u, int i, char *buf, size_t n, bool *heading)
{
	*heading = false;
	if (i == 0) {
		snprintf(buf, n, "fanye %s: keys (a number before a key is a count)", PACKAGE_VERSION);
		*heading = true;
		return true;
	}
	int line = 1;
	const char *group = NULL;
	for (int a = 0; a < ACT_COUNT; a++) {
		if (!matches(u, (keymap_action)a))
			continue;
		const char *g = keymap_action_group((keymap_action)a);
		if (!group || strcmp(group, g) != 0) {
			group = g;
			if (line++ == i) {
				buf[0] = 0;
				return true;
			}
			if (line++ == i) {
				snprintf(buf, n, "%s", g);
				*heading = true;
				return true;
			}
		}
		if (line++ == i) {
			char keys[128];
			keymap_keys_string(u->km, (keymap_action)a, keys, sizeof keys);
			snprintf(buf, n, "  %-24s %s", keys, keymap_action_help((keymap_action)a));
			return true;
		}
	}
	return false;
}

int ui_help_lines(const ui *u)
{
	char buf[256];
	bool h;
	int n = 0;
	while (help_line(u, n, buf, sizeof buf, &h))
		n++;
	return n;
}

void ui_help_draw(ui *u)
{
	int rows = LINES - 1;
	for (int y = 0; y < rows; y++) {
		wmove(stdscr, y, 0);
		wclrtoeol(stdscr);
		char buf[256];
		bool heading;
		if (help_line(u, u->help_top + y, buf, sizeof buf, &heading))
			ui_draw_text(stdscr, y, 0, buf, strlen(buf), COLS, heading ? A_BOLD : A_NORMAL, &u->lo);
	}
	wmove(stdscr, LINES - 1, 0);
	wattrset(stdscr, A_REVERSE);
	for (int x = 0; x < COLS; x++)
		waddch(stdscr, ' ');
	char s[160];
	if (u->help_typing || u->help_filter[0])
		snprintf(s, sizeof s, "HELP  /%s%s", u->help_filter,
		         u->help_typing ? "_   (Enter keeps it, Esc clears it)" : "   (/ changes it, q closes)");
	else
		snprintf(s, sizeof s, "HELP  j/k scroll, Space/b page, / searches, q or Esc closes");
	ui_draw_text(stdscr, LINES - 1, 1, s, strlen(s), COLS - 1, A_REVERSE, &u->lo);
	wattrset(stdscr, A_NORMAL);
}

void ui_help_key(ui *u, int key)
{
	int rows = LINES - 1 > 0 ? LINES - 1 : 1;
	int maxtop = ui_help_lines(u) - rows;
	if (maxtop < 0)
		maxtop = 0;
	keymap_action a = keymap_lookup(u->km, key);
	if (u->help_typing) {
		size_t n = strlen(u->help_filter);
		if (key == KEYMAP_ENTER) {
			u->help_typing = false;
		} else if (key == KEYMAP_ESC) {
			u->help_typing = false;
			u->help_filter[0] = 0;
		} else if (key == KEYMAP_BACKSPACE && n) {
			ucs4_t uc;
			const uint8_t *p = u8_prev(&uc, (const uint8_t *)u->help_filter + n,
			                           (const uint8_t *)u->help_filter);
			u->help_filter[p ? (size_t)(p - (const uint8_t *)u->help_filter) : 0] = 0;
		} else if (key >= 0x20 && key < KEYMAP_SPECIAL && key != 0x7F) {
			uint8_t b[8];
			int l = u8_uctomb(b, (ucs4_t)key, sizeof b);
			if (l > 0 && n + (size_t)l < sizeof u->help_filter) {
				memcpy(u->help_filter + n, b, (size_t)l);
				u->help_filter[n + (size_t)l] = 0;
			}
		}
		u->help_top = 0;
		return;
	}
	if (key == '/') {
		u->help_typing = true;
		u->help_filter[0] = 0;
		return;
	}
	if (key == KEYMAP_ESC && u->help_filter[0]) {
		u->help_filter[0] = 0;
		return;
	}
	if (key == KEYMAP_ESC || a == ACT_QUIT || a == ACT_HELP) {
		u->view = VIEW_PAGER;
		return;
	}
	switch (a) {
	case ACT_LINE_DOWN: u->help_top++; break;
	case ACT_LINE_UP: u->help_top--; break;
	case ACT_PAGE_DOWN: case ACT_HALF_DOWN: u->help_top += rows; break;
	case ACT_PAGE_UP: case ACT_HALF_UP: u->help_top -= rows; break;
	case ACT_TOP: u->help_top = 0; break;
	case ACT_BOTTOM: u->help_top = maxtop; break;
	default: break;
	}
	if (u->help_top > maxtop)
		u->help_top = maxtop;
	if (u->help_top < 0)
		u->help_top = 0;
}

void ui_act_help(ui *u, long count)
{
	(void)count;
	u->view = VIEW_HELP;
	u->help_top = 0;
	u->help_filter[0] = 0;
	u->help_typing = false;
}
