/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_quote: the passage y copies: a turn with its speaker's name, a
 * paragraph, hard-wrapped lines joined, markup and controls left out, the
 * cap, and base64 for OSC 52. */
#include "build.h"
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "fanye/quote.h"

/* What quote_take gives at the first occurrence of `at` in text (count
 * units, cap bytes), in format f; malloc'd. */
static char *take(const char *text, enum pres_format f, const char *at, long count, size_t cap, quote *out)
{
	doc *d = doc_from_bytes("t", text, strlen(text));
	pres_opts po = {.format = f, .width = 80, .tab_width = 8};
	pres *P = pres_new(d, &po);
	outline *o = outline_new(d, NULL);
	ck_assert_ptr_nonnull(P);
	ck_assert_ptr_nonnull(o);
	outline_step(o, 0);
	const char *hit = strstr(text, at);
	ck_assert_ptr_nonnull(hit);
	quote q;
	ck_assert(quote_take(P, d, o, (size_t)(hit - text), count, cap, &q));
	char *r = strdup(q.text);
	if (out)
		*out = q;
	else
		quote_free(&q);
	outline_free(o);
	pres_free(P);
	doc_close(d);
	return r;
}

#define EXPECT(got, want) \
	do { \
		char *g_ = (got); \
		ck_assert_msg(strcmp(g_, (want)) == 0, "got [%s]\nwant [%s]", g_, (want)); \
		free(g_); \
	} while (0)

static const char *interview =
	"Ilya Sutskever\nThe first answer, one line.\nAnd a second line of it.\n"
	"Dwarkesh Patel\nA question?\n"
	"Ilya Sutskever\nAnother answer.\n"
	"Dwarkesh Patel\nAnd one more question.\n";

START_TEST(turn_with_name_alone_on_its_line)
{
	quote q;
	EXPECT(take(interview, PRES_PLAIN, "And a second", 1, 0, &q),
	       "Ilya Sutskever: The first answer, one line.\nAnd a second line of it.");
	ck_assert_int_eq(q.speaker, 0);
	ck_assert_uint_eq(q.start, 0);
	ck_assert_uint_eq(q.chars, strlen("Ilya Sutskever: The first answer, one line.\nAnd a second line of it."));
	quote_free(&q);
	/* two turns, from the label line itself */
	EXPECT(take(interview, PRES_PLAIN, "Dwarkesh", 2, 0, NULL),
	       "Dwarkesh Patel: A question?\nIlya Sutskever: Another answer.");
}
END_TEST

static const char *inline_labels =
	"# Part one\n\n"
	"Alice: Hello there, Bob.\nBob: Hi Alice, how was the trip?\n"
	"Alice: Long, but the sea was calm.\nBob: It always is in winter.\n"
	"\n# Part two\n\nAlice\xEF\xBC\x9A\xE6\x88\x91\xE4\xBB\xAC\xE8\xB5\xB0\xE5\x90\xA7\xE3\x80\x82\n"
	"Bob: Then spring it is.\n";

START_TEST(turn_with_inline_label)
{
	EXPECT(take(inline_labels, PRES_PLAIN, "how was", 1, 0, NULL), "Bob: Hi Alice, how was the trip?");
	/* the turn ends at the heading, not at the next turn after it */
	EXPECT(take(inline_labels, PRES_PLAIN, "always", 1, 0, NULL), "Bob: It always is in winter.");
	/* a full-width colon */
	EXPECT(take(inline_labels, PRES_PLAIN, "\xE6\x88\x91", 1, 0, NULL),
	       "Alice: \xE6\x88\x91\xE4\xBB\xAC\xE8\xB5\xB0\xE5\x90\xA7\xE3\x80\x82");
	/* the heading is a paragraph of its own */
	EXPECT(take(inline_labels, PRES_PLAIN, "Part two", 1, 0, NULL), "# Part two");
}
END_TEST

static const char *wrapped =
	"It was the best of times, it was the worst of times, it was\n"
	"the age of wisdom, it was the age of foolishness, it was the\n"
	"epoch of belief.\n"
	"\n"
	"There were a king with a large jaw and a queen with a plain\n"
	"face, on the throne of England.\n"
	"\n"
	"Short line.\nAnother short one.\n";

START_TEST(hard_wrapped_lines_are_one_paragraph)
{
	const char *first = "It was the best of times, it was the worst of times, it was the age of wisdom, "
	                    "it was the age of foolishness, it was the epoch of belief.";
	EXPECT(take(wrapped, PRES_PLAIN, "age of wisdom", 1, 0, NULL), first);
	EXPECT(take(wrapped, PRES_PLAIN, "epoch", 1, 0, NULL), first);
	/* a count takes the next paragraphs, over the blank line */
	char want[512];
	snprintf(want, sizeof want, "%s\nThere were a king with a large jaw and a queen with a plain face, on the throne of England.", first);
	EXPECT(take(wrapped, PRES_PLAIN, "best", 2, 0, NULL), want);
	/* short lines (a poem, a list) stay lines: only the one */
	EXPECT(take(wrapped, PRES_PLAIN, "Another", 1, 0, NULL), "Another short one.");
}
END_TEST

/* 红楼梦-like: one paragraph per line, of any length; and CJK wrapped at
 * 30 characters, joined without spaces. */
START_TEST(cjk_lines)
{
	const char *novel = "\xE3\x80\x80\xE3\x80\x80\xE6\xAD\xA4\xE5\xBC\x80\xE5\x8D\xB7\xE7\xAC\xAC\xE4\xB8\x80\xE5\x9B\x9E\xE4\xB9\x9F\xE3\x80\x82\n"
	                    "\xE3\x80\x80\xE3\x80\x80\xE4\xBD\x9C\xE8\x80\x85\xE8\x87\xAA\xE4\xBA\x91\xE3\x80\x82\n";
	EXPECT(take(novel, PRES_PLAIN, "\xE4\xBD\x9C", 1, 0, NULL),
	       "\xE3\x80\x80\xE3\x80\x80\xE4\xBD\x9C\xE8\x80\x85\xE8\x87\xAA\xE4\xBA\x91\xE3\x80\x82");
	char text[1024] = "", want[1024] = "";
	const char *zi = "\xE5\xAD\x97"; /* 字 */
	for (int l = 0; l < 3; l++) {
		for (int k = 0; k < (l < 2 ? 30 : 5); k++) {
			strcat(text, zi);
			strcat(want, zi);
		}
		strcat(text, "\n");
	}
	EXPECT(take(text, PRES_PLAIN, zi, 1, 0, NULL), want);
}
END_TEST

START_TEST(markdown_as_shown)
{
	const char *md = "# Title\n\nSome **bold** and `code`\ntext that wraps.\n\n- an item\n";
	EXPECT(take(md, PRES_MARKDOWN, "Some", 1, 0, NULL), "Some bold and code text that wraps.");
	EXPECT(take(md, PRES_MARKDOWN, "Title", 1, 0, NULL), "Title");
	/* a list keeps its bullets and nesting; a link shows its address */
	const char *list = "- one\n  - two [site](https://example.org)\n";
	EXPECT(take(list, PRES_MARKDOWN, "one", 2, 0, NULL), "\xE2\x80\xA2 one\n  \xE2\x97\xA6 two site https://example.org");
}
END_TEST

START_TEST(controls_are_left_out)
{
	EXPECT(take("a\x1b]52;c;eA==\x07 b\tc \xC2\x9B" "d\x7f" "e\n", PRES_PLAIN, "a", 1, 0, NULL), "a]52;c;eA== b\tc de");
	/* a byte that is not UTF-8 */
	EXPECT(take("x\xFFy\n", PRES_PLAIN, "x", 1, 0, NULL), "x\xEF\xBF\xBDy");
}
END_TEST

START_TEST(cap_cuts_at_a_character)
{
	quote q;
	EXPECT(take("\xE5\xAD\x97\xE5\xAD\x97\xE5\xAD\x97\n", PRES_PLAIN, "\xE5\xAD\x97", 1, 5, &q), "\xE5\xAD\x97");
	ck_assert(q.cut);
	ck_assert_uint_eq(q.chars, 1);
	quote_free(&q);
}
END_TEST

START_TEST(base64_rfc4648)
{
	static const char *in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
	static const char *out[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
	for (int k = 0; k < 7; k++) {
		char *b = quote_base64(in[k], strlen(in[k]));
		ck_assert_str_eq(b, out[k]);
		free(b);
	}
}
END_TEST

Suite *quote_suite(void)
{
	Suite *s = suite_create("quote");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, turn_with_name_alone_on_its_line);
	tcase_add_test(tc, turn_with_inline_label);
	tcase_add_test(tc, hard_wrapped_lines_are_one_paragraph);
	tcase_add_test(tc, cjk_lines);
	tcase_add_test(tc, markdown_as_shown);
	tcase_add_test(tc, controls_are_left_out);
	tcase_add_test(tc, cap_cuts_at_a_character);
	tcase_add_test(tc, base64_rfc4648);
	suite_add_tcase(s, tc);
	return s;
}
