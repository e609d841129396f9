/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * help: the help overlay, generated from the action table through the
 * keymap, so it always shows the keys that are really bound, view by view.
 * Its lines scroll as a list; / filters them.
 */
#include "build.h"
#include "ui_priv.h"
#include "fanye/i18n.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

/* True if action a matches the filter in its name, keys or help. */
static bool matches(const ui *u, keymap_action a)
{
	const char *f = u->help.filter.buf;
	if (!*f)
		return true;
	char keys[128];
	keymap_keys_string(u->km, a, keys, sizeof keys);
	return strcasestr(keymap_action_name(a), f) || strcasestr(keymap_action_help(a), f) ||
	       strcasestr(_(keymap_action_help(a)), f) || strcasestr(keys, f);
}

static const keymap_action essentials[] = {
#define E(id) ACT_##id,
	FANYE_ESSENTIALS(E)
#undef E
};

/* One action's line: its keys and its help. */
static void action_line(const ui *u, keymap_action a, char *buf, size_t n)
{
	char keys[128];
	keymap_keys_string(u->km, a, keys, sizeof keys);
	snprintf(buf, n, "  %-24s %s", keys, _(keymap_action_help(a)));
}

/* Writes help line i into buf; returns false past the end.  Lines are: a
 * title, the essentials, then per group a blank line, the group name and
 * its actions. */
static bool help_line(const ui *u, int i, char *buf, size_t n, bool *heading)
{
	*heading = false;
	if (i == 0) {
		snprintf(buf, n, _("fanye %s: keys (a number before a key is a count)"), PACKAGE_VERSION);
		*heading = true;
		return true;
	}
	int line = 1;
	bool any = false;
	for (size_t e = 0; e < sizeof essentials / sizeof *essentials; e++) {
		if (!matches(u, essentials[e]))
			continue;
		if (!any) {
			any = true;
			if (line++ == i) {
				buf[0] = 0;
				return true;
			}
			if (line++ == i) {
				snprintf(buf, n, "%s", _("Essentials"));
				*heading = true;
				return true;
			}
		}
		if (line++ == i) {
			action_line(u, essentials[e], buf, n);
			return true;
		}
	}
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
				snprintf(buf, n, "%s", _(g));
				*heading = true;
				return true;
			}
		}
		if (line++ == i) {
			action_line(u, (keymap_action)a, buf, n);
			return true;
		}
	}
	return false;
}

/* Lines of the help text (generated from the keymap). */
static long help_lines(const ui *u)
{
	char buf[256];
	bool h;
	long n = 0;
	while (help_line(u, (int)n, buf, sizeof buf, &h))
		n++;
	return n;
}

ui_list *ui_help_list(ui *u)
{
	u->help.list.rows = LINES - 1;
	u->help.list.n = help_lines(u);
	u->help.list.scroll = true;
	return &u->help.list;
}

/* Draws help line i on row y (headings in bold). */
static void draw_line(ui *u, int y, long i, bool sel)
{
	(void)sel; /* the help has no selection: it scrolls */
	char buf[256];
	bool heading;
	if (help_line(u, (int)i, buf, sizeof buf, &heading))
		ui_draw_text(stdscr, y, 0, buf, strlen(buf), COLS, heading ? A_BOLD : A_NORMAL, &u->lo);
}

void ui_help_draw(ui *u)
{
	ui_list_draw(u, ui_help_list(u), draw_line);
	ui_draw_fill(stdscr, LINES - 1, 0, COLS, A_REVERSE);
	char s[256], kd[32], ku[32], kf[32], kc[32], kq[32];
	ui_mode_key_name(u, ACT_HELP_FILTER, kf, sizeof kf);
	ui_mode_key_name(u, ACT_LIST_CLOSE, kc, sizeof kc);
	if (u->help.filter.len)
		snprintf(s, sizeof s, _("HELP  /%.100s   (%s changes it, %s clears it)"), u->help.filter.buf, kf, kc);
	else
		snprintf(s, sizeof s, _("HELP  %s/%s scroll, %s filters, %s closes the help (then %s quits fanye)"),
		         ui_mode_key_name(u, ACT_LIST_DOWN, kd, sizeof kd),
		         ui_mode_key_name(u, ACT_LIST_UP, ku, sizeof ku), kf, kc,
		         ui_mode_key_name(u, ACT_QUIT, kq, sizeof kq));
	ui_draw_text(stdscr, LINES - 1, 1, s, strlen(s), COLS - 1, A_REVERSE, &u->lo);
	wattrset(stdscr, A_NORMAL);
}

void ui_help_close(ui *u)
{
	if (u->help.filter.len)
		ui_line_set(&u->help.filter, "");
	else
		ui_mode_pop(u);
}

void ui_act_help(ui *u, long count)
{
	(void)count;
	ui_line_set(&u->help.filter, "");
	u->help.list.sel = u->help.list.top = 0;
	ui_mode_push(u, MODE_HELP);
}

/* ---- the filter ------------------------------------------------------------ */

void ui_act_help_filter(ui *u, long count)
{
	(void)count;
	ui_line_set(&u->help.filter, "");
	u->help.list.sel = 0;
	ui_mode_push(u, MODE_HELP_FILTER);
}

ui_line *ui_help_line(ui *u)
{
	return &u->help.filter;
}

void ui_help_filter_draw(ui *u)
{
	int y = LINES - 1;
	ui_draw_fill(stdscr, y, 0, COLS, A_NORMAL);
	const char *hint = "   (Enter keeps it, Esc clears it)";
	int hw = (int)strlen(hint);
	mvwaddstr(stdscr, y, 0, "/");
	int room = COLS - 2 - (COLS > 40 ? hw : 0);
	int x = ui_line_draw(stdscr, y, 1, room, &u->help.filter, &u->lo);
	if (COLS > 40) {
		wattrset(stdscr, A_DIM);
		mvwaddstr(stdscr, y, COLS - 1 - hw, hint);
		wattrset(stdscr, A_NORMAL);
	}
	wmove(stdscr, y, x);
}

void ui_help_filter_cancel(ui *u)
{
	ui_line_set(&u->help.filter, "");
	ui_mode_pop(u);
}

void ui_help_filter_changed(ui *u)
{
	u->help.list.sel = 0;
}
