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
	ck_assert_int_eq(keymap_lookup(km, 'j'), ACT_LINE_DOWN);
	ck_assert_int_eq(keymap_lookup(km, KEYMAP_DOWN), ACT_LINE_DOWN);
	ck_assert_int_eq(keymap_lookup(km, ' '), ACT_PAGE_DOWN);
	ck_assert_int_eq(keymap_lookup(km, 'q'), ACT_QUIT);
	ck_assert_int_eq(keymap_lookup(km, KEYMAP_F1), ACT_HELP);
	ck_assert_int_eq(keymap_lookup(km, 'v' | KEYMAP_META), ACT_PAGE_UP);
	ck_assert_int_eq(keymap_lookup(km, 'Z'), ACT_NONE);
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
	ck_assert_int_eq(keymap_lookup(km, 'x'), ACT_QUIT);
	ck_assert_int_eq(keymap_lookup(km, 'q'), ACT_NONE);
	/* A key taken from another action leaves that one. */
	ck_assert_int_eq(keymap_bind(km, ACT_QUIT, "j", err, sizeof err), 0);
	ck_assert_int_eq(keymap_lookup(km, 'j'), ACT_QUIT);
	ck_assert_int_eq(keymap_bind(km, ACT_HELP, "none", err, sizeof err), 0);
	keymap_keys_string(km, ACT_HELP, err, sizeof err);
	ck_assert_str_eq(err, "none");
	ck_assert_int_eq(keymap_bind(km, ACT_HELP, "Fx1", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "Fx1"));
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
	suite_add_tcase(s, tc);
	return s;
}
