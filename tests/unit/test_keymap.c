/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_keymap: key names, defaults from the action table, rebinding. */
#include "build.h"
#include <string.h>
#include "suites.h"
#include "fanye/keymap.h"

START_TEST(key_names_parse_and_print_back)
{
	const char *names[] = {"j", "G", "C-f", "M-v", "Space", "Enter", "Tab", "S-Tab",
	                       "Esc", "Backspace", "Up", "Down", "Left", "Right", "PageUp",
	                       "PageDown", "Home", "End", "F1", "F12", "M-x", "中", "%", "C-?"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		int k;
		ck_assert_msg(keymap_parse_key(names[i], &k) == 0, "%s", names[i]);
		char buf[32];
		keymap_key_name(k, buf, sizeof buf);
		ck_assert_str_eq(buf, names[i]);
	}
	int k;
	ck_assert_int_eq(keymap_parse_key("C-f", &k), 0);
	ck_assert_int_eq(k, 6);
	ck_assert_int_eq(keymap_parse_key("M-x", &k), 0);
	ck_assert_int_eq(k, 'x' | KEYMAP_META);
	ck_assert_int_eq(keymap_parse_key("pagedown", &k), 0);
	ck_assert_int_eq(k, KEYMAP_PAGEDOWN);
	const char *bad[] = {"", "F13", "F0", "C-", "C-ab", "Foo", "ab", "M-", "\x01"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(keymap_parse_key(bad[i], &k) == -1, "%s", bad[i]);
}
END_TEST

START_TEST(defaults_come_from_the_table)
{
	keymap *km = keymap_new();
	ck_assert_int_eq(keymap_lookup(km, VIEW_PAGER, 'j'), ACT_LINE_DOWN);
	ck_assert_int_eq(keymap_lookup(km, VIEW_PAGER, KEYMAP_DOWN), ACT_LINE_DOWN);
	ck_assert_int_eq(keymap_lookup(km, VIEW_PAGER, ' '), ACT_PAGE_DOWN);
	ck_assert_int_eq(keymap_lookup(km, VIEW_PAGER, 'q'), ACT_QUIT);
	ck_assert_int_eq(keymap_lookup(km, VIEW_PAGER, KEYMAP_F1), ACT_HELP);
	ck_assert_int_eq(keymap_lookup(km, VIEW_PAGER, 'v' | KEYMAP_META), ACT_PAGE_UP);
	ck_assert_int_eq(keymap_lookup(km, VIEW_PAGER, 'Z'), ACT_NONE);
	ck_assert_int_eq(keymap_action_by_name("page-down"), ACT_PAGE_DOWN);
	ck_assert_int_eq(keymap_action_by_name("nope"), ACT_NONE);
	char buf[128];
	keymap_keys_string(km, ACT_QUIT, buf, sizeof buf);
	ck_assert_str_eq(buf, "q Q");
	keymap_free(km);
}
END_TEST

START_TEST(rebinding_moves_keys)
{
	keymap *km = keymap_new();
	char err[128];
	ck_assert_int_eq(keymap_bind(km, ACT_QUIT, "x C-c", err, sizeof err), 0);
	ck_assert_int_eq(keymap_lookup(km, VIEW_PAGER, 'x'), ACT_QUIT);
	ck_assert_int_eq(keymap_lookup(km, VIEW_PAGER, 'q'), ACT_NONE);
	/* A key taken from another action leaves that one. */
	ck_assert_int_eq(keymap_bind(km, ACT_QUIT, "j", err, sizeof err), 0);
	ck_assert_int_eq(keymap_lookup(km, VIEW_PAGER, 'j'), ACT_QUIT);
	ck_assert_int_eq(keymap_bind(km, ACT_HELP, "none", err, sizeof err), 0);
	keymap_keys_string(km, ACT_HELP, err, sizeof err);
	ck_assert_str_eq(err, "none");
	ck_assert_int_eq(keymap_bind(km, ACT_HELP, "Fx1", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "Fx1"));
	keymap_free(km);
}
END_TEST

START_TEST(views_take_their_parents_keys)
{
	keymap *km = keymap_new();
	char err[128];
	/* A list's own keys, and the bookmark list's over them. */
	ck_assert_int_eq(keymap_lookup(km, VIEW_LIST, 'j'), ACT_LIST_DOWN);
	ck_assert_int_eq(keymap_lookup(km, VIEW_LIST, KEYMAP_ENTER), ACT_LIST_CHOOSE);
	ck_assert_int_eq(keymap_lookup(km, VIEW_LIST, 'u'), ACT_LIST_PAGE_UP);
	ck_assert_int_eq(keymap_lookup(km, VIEW_BOOKMARKS, 'u'), ACT_BOOKMARK_UNDO);
	ck_assert_int_eq(keymap_lookup(km, VIEW_BOOKMARKS, 'j'), ACT_LIST_DOWN);
	ck_assert_int_eq(keymap_lookup(km, VIEW_HELP, '/'), ACT_HELP_FILTER);
	ck_assert_int_eq(keymap_lookup(km, VIEW_LIST, '/'), ACT_NONE);
	/* The search prompt: its history over the line editor's keys. */
	ck_assert_int_eq(keymap_lookup(km, VIEW_SEARCH, KEYMAP_UP), ACT_SEARCH_OLDER);
	ck_assert_int_eq(keymap_lookup(km, VIEW_SEARCH, 0x15), ACT_LINE_KILL);
	ck_assert_int_eq(keymap_lookup(km, VIEW_LINE, KEYMAP_UP), ACT_NONE);
	ck_assert_int_eq(keymap_lookup(km, VIEW_SEARCH, 'j'), ACT_NONE);
	/* Rebinding in one view leaves the others alone. */
	ck_assert_int_eq(keymap_bind(km, ACT_LIST_DOWN, "x", err, sizeof err), 0);
	ck_assert_int_eq(keymap_lookup(km, VIEW_BOOKMARKS, 'x'), ACT_LIST_DOWN);
	ck_assert_int_eq(keymap_lookup(km, VIEW_LIST, 'j'), ACT_NONE);
	ck_assert_int_eq(keymap_lookup(km, VIEW_PAGER, 'j'), ACT_LINE_DOWN);
	ck_assert_int_eq(keymap_bind(km, ACT_BOOKMARK_UNDO, "x", err, sizeof err), 0);
	ck_assert_int_eq(keymap_lookup(km, VIEW_BOOKMARKS, 'x'), ACT_BOOKMARK_UNDO);
	ck_assert_int_eq(keymap_lookup(km, VIEW_LIST, 'x'), ACT_LIST_DOWN);
	ck_assert_int_eq(keymap_action_view(ACT_SEARCH_OLDER), VIEW_SEARCH);
	ck_assert_int_eq(keymap_view_parent(VIEW_SEARCH), VIEW_LINE);
	ck_assert(keymap_action_jumps(ACT_TOP));
	ck_assert(!keymap_action_jumps(ACT_LINE_DOWN));
	keymap_free(km);
}
END_TEST

Suite *keymap_suite(void)
{
	Suite *s = suite_create("keymap");
	TCase *tc = tcase_create("keymap");
	tcase_add_test(tc, key_names_parse_and_print_back);
	tcase_add_test(tc, defaults_come_from_the_table);
	tcase_add_test(tc, rebinding_moves_keys);
	tcase_add_test(tc, views_take_their_parents_keys);
	suite_add_tcase(s, tc);
	return s;
}
