/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_lineshape: a table of lines and what each recogniser says of them. */
#include "build.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "fanye/lineshape.h"

static const struct shape_case {
	const char *line;
	const char *label;    /* the name of an inline label, or NULL */
	bool label_explicit;
	const char *alone;    /* the name alone on the line, or NULL */
	bool alone_explicit;
	int cn, cn_indented, en, aozora; /* heading ranks, 0: none */
	bool title, list;
} cases[] = {
	{"Ilya Sutskever: I think so.", "Ilya Sutskever", 0, NULL, 0, 0, 0, 0, 0, 0, 0},
	{"**Dwarkesh Patel:** Hello there", "Dwarkesh Patel", 1, NULL, 0, 0, 0, 0, 0, 0, 0},
	{"**Dwarkesh Patel**: Hello there", "Dwarkesh Patel", 1, NULL, 0, 0, 0, 0, 0, 0, 0},
	{"伊利亚：我认为是这样。", "伊利亚", 0, NULL, 0, 0, 0, 0, 0, 0, 0},
	{"[00:12:34] Ilya: yes", "Ilya", 1, NULL, 0, 0, 0, 0, 0, 0, 0},
	{"Ilya (00:12:34) yes we did", "Ilya", 1, NULL, 0, 0, 0, 0, 0, 1, 0},
	{"Note: this is important", NULL, 0, NULL, 0, 0, 0, 0, 0, 1, 0},
	{"The answer is: yes", NULL, 0, NULL, 0, 0, 0, 0, 0, 1, 0},
	{"http://example.com: a link", NULL, 0, NULL, 0, 0, 0, 0, 0, 1, 0},
	{"HAMLET", NULL, 0, "HAMLET", 0, 0, 0, 0, 0, 1, 0},
	{"HAMLET.", NULL, 0, "HAMLET", 0, 0, 0, 0, 0, 0, 0},
	{"HAMLET. To be, or not to be", "HAMLET", 0, NULL, 0, 0, 0, 0, 0, 0, 0},
	{"（张三）大家好", "张三", 0, NULL, 0, 0, 0, 0, 0, 0, 0},
	{"Yes.", NULL, 0, NULL, 0, 0, 0, 0, 0, 0, 0},
	{"Ilya Sutskever", NULL, 0, "Ilya Sutskever", 0, 0, 0, 0, 0, 1, 0},
	{"**Ilya:**", NULL, 0, "Ilya", 1, 0, 0, 0, 0, 0, 0},
	{"[00:12] Ilya", NULL, 0, "Ilya", 1, 0, 0, 0, 0, 0, 0},
	{"Dwarkesh Patel (00:01:02)", NULL, 0, "Dwarkesh Patel", 1, 0, 0, 0, 0, 1, 0},
	{"we went home", NULL, 0, NULL, 0, 0, 0, 0, 0, 1, 0},
	{"第一章 开端", NULL, 0, NULL, 0, 2, 2, 0, 0, 1, 0},
	{"第十二回　宝玉", NULL, 0, NULL, 0, 2, 2, 0, 0, 1, 0},
	{"　　第一回中说的是很多事情", NULL, 0, NULL, 0, 0, 0, 0, 0, 1, 0},
	{"序章", NULL, 0, "序章", 0, 2, 2, 0, 0, 1, 0},
	{"第三卷", NULL, 0, "第三卷", 0, 1, 1, 0, 0, 1, 0},
	{"その二", NULL, 0, "その二", 0, 2, 0, 0, 0, 1, 0},
	{"その３　別れ", NULL, 0, NULL, 0, 2, 0, 0, 0, 1, 0},
	{"その一方で、彼は何も言わなかった。", NULL, 0, NULL, 0, 0, 0, 0, 0, 0, 0},
	{"あとがき", NULL, 0, "あとがき", 0, 2, 2, 0, 0, 1, 0},
	{"エピローグ", NULL, 0, "エピローグ", 0, 2, 2, 0, 0, 1, 0},
	{"Chapter 12", NULL, 0, "Chapter 12", 0, 0, 0, 2, 0, 1, 0},
	{"CHAPTER XII. The Return", NULL, 0, "CHAPTER XII. The Return", 0, 0, 0, 2, 0, 1, 0},
	{"Part One", NULL, 0, "Part One", 0, 0, 0, 1, 0, 1, 0},
	{"ACT II", NULL, 0, "ACT II", 0, 0, 0, 1, 0, 1, 0},
	{"Prologue", NULL, 0, "Prologue", 0, 0, 0, 2, 0, 1, 0},
	{"Chapter twelve was long and boring and we read it.", NULL, 0, NULL, 0, 0, 0, 0, 0, 0, 0},
	{"［＃３字下げ］第一章［＃「第一章」は中見出し］", NULL, 0, NULL, 0, 0, 0, 0, 2, 1, 0},
	{"［＃５字下げ］一［＃「一」は大見出し］", NULL, 0, NULL, 0, 0, 0, 0, 1, 1, 0},
	{"第一章《だいいっしょう》", NULL, 0, NULL, 0, 2, 0, 0, 0, 1, 0},
	{"The Long Road", NULL, 0, "The Long Road", 0, 0, 0, 0, 0, 1, 0},
	{"He said, \"no.\"", NULL, 0, NULL, 0, 0, 0, 0, 0, 0, 0},
	{"A sentence that ends.", NULL, 0, NULL, 0, 0, 0, 0, 0, 0, 0},
	{"- an item", NULL, 0, NULL, 0, 0, 0, 0, 0, 0, 1},
	{"1. first", NULL, 0, NULL, 0, 0, 0, 0, 0, 1, 1},
	{"• bullet", NULL, 0, NULL, 0, 0, 0, 0, 0, 1, 1},
	{"・ 項目", NULL, 0, NULL, 0, 0, 0, 0, 0, 1, 1},
	{"-not", NULL, 0, NULL, 0, 0, 0, 0, 0, 0, 0},
};

START_TEST(each_line_gets_its_verdicts)
{
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct shape_case *c = &cases[i];
		const uint8_t *s = (const uint8_t *)c->line;
		size_t n = strlen(c->line), a = 0, b = 0, le = 0;
		bool ex = false;
		bool lab = lineshape_label(s, n, &a, &b, &le, &ex);
		ck_assert_msg(lab == (c->label != NULL), "label: %s", c->line);
		if (lab) {
			ck_assert_msg(b - a == strlen(c->label) && memcmp(c->line + a, c->label, b - a) == 0,
			              "label name: %s", c->line);
			ck_assert_msg(ex == c->label_explicit, "label explicit: %s", c->line);
			ck_assert_msg(le > b && le <= n, "label end: %s", c->line);
		}
		bool alone = lineshape_name_alone(s, n, &a, &b, &ex);
		ck_assert_msg(alone == (c->alone != NULL), "alone: %s", c->line);
		if (alone) {
			ck_assert_msg(b - a == strlen(c->alone) && memcmp(c->line + a, c->alone, b - a) == 0,
			              "alone name: %s", c->line);
			ck_assert_msg(ex == c->alone_explicit, "alone explicit: %s", c->line);
		}
		ck_assert_msg(lineshape_cn_chapter(s, n, false) == c->cn, "cn: %s", c->line);
		ck_assert_msg(lineshape_cn_chapter(s, n, true) == c->cn_indented, "cn indented: %s", c->line);
		ck_assert_msg(lineshape_en_heading(s, n) == c->en, "en: %s", c->line);
		ck_assert_msg(lineshape_aozora_heading(s, n) == c->aozora, "aozora: %s", c->line);
		ck_assert_msg(lineshape_title_shaped(s, n) == c->title, "title: %s", c->line);
		ck_assert_msg(lineshape_list_item(s, n) == c->list, "list: %s", c->line);
	}
}
END_TEST

START_TEST(aozora_titles_lose_their_annotations)
{
	const char *in[] = {"［＃３字下げ］第一章［＃「第一章」は中見出し］", "第一章《だいいっしょう》",
	                    "｜青空《あおぞら》文庫"};
	const char *want[] = {"第一章", "第一章", "青空文庫"};
	for (size_t i = 0; i < 3; i++) {
		char *t = lineshape_aozora_title((const uint8_t *)in[i], strlen(in[i]));
		ck_assert_ptr_nonnull(t);
		ck_assert_str_eq(t, want[i]);
		free(t);
	}
	const char *raw = "  **Bold**\t  `title`\x01 ";
	char *t = lineshape_clean_title((const uint8_t *)raw, strlen(raw));
	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t, "Bold title");
	free(t);
}
END_TEST

/* A label's colon, an Aozora annotation and a chapter's name found at
 * every place in a line, on both sides of each sixteen-byte block the
 * recognisers compare at a time. */
START_TEST(shapes_are_found_at_every_place)
{
	char line[512];
	for (size_t k = 1; k <= 70; k++) {
		/* "Abbb...: text": a name of k bytes */
		memset(line, 'b', k);
		line[0] = 'A';
		strcpy(line + k, ": some text after the label, long enough to fill blocks");
		size_t n = strlen(line), a = 0, b = 0, le = 0;
		bool ex = false;
		bool lab = lineshape_label((const uint8_t *)line, n, &a, &b, &le, &ex);
		ck_assert_msg(lab == (k <= 48), "label with a name of %zu bytes", k);
		if (lab)
			ck_assert_uint_eq(b - a, k);
		/* the same after k bytes of full-width commas and letters: the
		 * colon '：' shares its lead byte with them */
		size_t m = 0;
		for (size_t j = 0; j < k; j++)
			m += (size_t)sprintf(line + m, j % 2 ? "，" : "ｂ");
		sprintf(line + m, "［＃「一」は大見出し］");
		ck_assert_int_eq(lineshape_aozora_heading((const uint8_t *)line, strlen(line)), LINESHAPE_VOLUME);
		sprintf(line + m, "［＃「一」は大見出し");
		ck_assert_int_eq(lineshape_aozora_heading((const uint8_t *)line, strlen(line)), 0);
		sprintf(line + m, "［一］は大見出し］");
		ck_assert_int_eq(lineshape_aozora_heading((const uint8_t *)line, strlen(line)), 0);
		sprintf(line + m, "：话");
		n = strlen(line);
		ck_assert_msg(!lineshape_label((const uint8_t *)line, n, &a, &b, &le, &ex) || b == m,
		              "a full-width label after %zu characters", k);
	}
	/* A named chapter, alone or with a short title, and no longer. */
	ck_assert_int_eq(lineshape_cn_chapter((const uint8_t *)"尾声", strlen("尾声"), false), LINESHAPE_CHAPTER);
	ck_assert_int_eq(lineshape_cn_chapter((const uint8_t *)"尾声 二十四个字以内的标题", strlen("尾声 二十四个字以内的标题"), false),
	                 LINESHAPE_CHAPTER);
	const char *longer = "尾声 这一行的标题远远超过了二十四个字所以它不是一个章节的标题而是正文";
	ck_assert_int_eq(lineshape_cn_chapter((const uint8_t *)longer, strlen(longer), false), 0);
}
END_TEST

Suite *lineshape_suite(void)
{
	Suite *s = suite_create("lineshape");
	TCase *tc = tcase_create("lineshape");
	tcase_add_test(tc, each_line_gets_its_verdicts);
	tcase_add_test(tc, aozora_titles_lose_their_annotations);
	tcase_add_test(tc, shapes_are_found_at_every_place);
	suite_add_tcase(s, tc);
	return s;
}
