/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_pres: the presentation layer: source in, the shown text, its styles
 * and offsets out, for Markdown, Aozora Bunko and coloured input, with the
 * traps of each; search across hidden markup; rows that never split a ruby
 * from its base. */
#include "build.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "fanye/layout.h"
#include "fanye/pres.h"
#include "fanye/search.h"

typedef struct fx {
	doc *d;
	pres *P;
} fx;

static fx open_fx(const char *text, enum pres_format f, int width)
{
	fx x;
	x.d = doc_from_bytes("t", text, strlen(text));
	pres_opts o = {.format = f, .ruby = PRES_RUBY_INLINE, .width = width, .tab_width = 8};
	x.P = pres_new(x.d, &o);
	ck_assert_ptr_nonnull(x.P);
	return x;
}

static void close_fx(fx *x)
{
	pres_free(x->P);
	doc_close(x->d);
}

/* Every paragraph's text joined with '|'; checks on the way that the
 * paragraphs tile the document and that runs never go back. */
static char *paras(fx *x)
{
	size_t cap = 4096, len = 0, off = 0, prev_next = 0;
	char *out = malloc(cap);
	out[0] = 0;
	do {
		const pres_para *p = pres_para_at(x->P, off);
		ck_assert_uint_eq(p->start, prev_next);
		ck_assert_uint_gt(p->next, p->start);
		size_t last = 0;
		for (size_t k = 0; k < p->nruns; k++) {
			ck_assert_uint_ge(p->runs[k].src, last);
			last = p->runs[k].src;
			if (p->runs[k].flags & PRES_COPY)
				ck_assert(memcmp(p->text + p->runs[k].at, x->d->data + p->start + p->runs[k].src,
				                 p->runs[k].len) == 0);
		}
		while (len + p->len + 2 > cap)
			out = realloc(out, cap *= 2);
		if (off)
			out[len++] = '|';
		memcpy(out + len, p->text, p->len);
		len += p->len;
		out[len] = 0;
		prev_next = off = p->next;
	} while (off < x->d->len);
	return out;
}

#define PARAS(text, fmt, want) do { \
	fx x_ = open_fx(text, fmt, 40); \
	char *got_ = paras(&x_); \
	ck_assert_str_eq(got_, want); \
	free(got_); \
	close_fx(&x_); } while (0)

/* The style of the shown byte at the first occurrence of s in p. */
static const pres_style *style_of(const pres_para *p, const char *s)
{
	const uint8_t *at = memmem(p->text, p->len, s, strlen(s));
	ck_assert_ptr_nonnull(at);
	size_t i = (size_t)(at - p->text);
	for (size_t k = 0; k < p->nruns; k++)
		if (i >= p->runs[k].at && i < p->runs[k].at + p->runs[k].len)
			return &p->styles[p->runs[k].style];
	return &p->styles[0];
}

/* ---- Markdown ------------------------------------------------------------- */

START_TEST(md_headings_lose_their_markup)
{
	const char *t = "# 01   Intro\n\nText.\n\n## Part *two*\n";
	PARAS(t, PRES_MARKDOWN, "01   Intro|Text.|Part two");
	fx x = open_fx(t, PRES_MARKDOWN, 40);
	const pres_para *p = pres_para_at(x.P, 0);
	ck_assert_int_eq(p->heading, 1);
	ck_assert(style_of(p, "Intro")->attrs & PRES_BOLD);
	p = pres_para_at(x.P, strstr(t, "Part") - t);
	ck_assert_int_eq(p->heading, 2);
	ck_assert(style_of(p, "two")->attrs & PRES_ITALIC);
	close_fx(&x);
}
END_TEST

START_TEST(md_labels_escapes_and_entities)
{
	const char *t = "**Jerod Santo:** Well, \\[laughs\\] &amp; &#x4E2D; &nosuch;\n";
	PARAS(t, PRES_MARKDOWN, "Jerod Santo: Well, [laughs] & 中 &nosuch;");
	fx x = open_fx(t, PRES_MARKDOWN, 40);
	const pres_para *p = pres_para_at(x.P, 0);
	ck_assert(style_of(p, "Jerod")->attrs & PRES_BOLD);
	ck_assert(!(style_of(p, "Well")->attrs & PRES_BOLD));
	/* shown byte of "Well" maps back to its source, and back again */
	size_t w = (size_t)(strstr(t, "Well") - t);
	size_t sw = pres_shown(p, w);
	ck_assert(memcmp(p->text + sw, "Well", 4) == 0);
	ck_assert_uint_eq(pres_src(p, sw), w);
	close_fx(&x);
}
END_TEST

START_TEST(md_strong_across_a_line_break)
{
	/* ** opened on one line and closed on the next: one paragraph, bold
	 * through the soft break, which is a space in English and nothing
	 * between two CJK characters */
	PARAS("**bold\nstill** plain\n", PRES_MARKDOWN, "bold still plain");
	PARAS("中文**加粗\n仍然**结束\n", PRES_MARKDOWN, "中文加粗仍然结束");
	fx x = open_fx("**bold\nstill** plain\n", PRES_MARKDOWN, 40);
	ck_assert(style_of(pres_para_at(x.P, 0), "still")->attrs & PRES_BOLD);
	close_fx(&x);
}
END_TEST

START_TEST(md_code_block_is_verbatim)
{
	const char *t = "Before.\n\n```\n# not a heading\n  *kept*\n\n```\n\nAfter.\n";
	PARAS(t, PRES_MARKDOWN, "Before.|# not a heading|  *kept*||After.");
	fx x = open_fx(t, PRES_MARKDOWN, 40);
	const pres_para *p = pres_para_at(x.P, strstr(t, "# not") - t);
	ck_assert(p->code);
	ck_assert_int_eq(p->heading, 0);
	close_fx(&x);
}
END_TEST

START_TEST(md_lists_links_tables_rules_front_matter)
{
	PARAS("- one\n- two\n  - inner\n", PRES_MARKDOWN, "• one|• two|◦ inner");
	PARAS("3. three\n4. four\n", PRES_MARKDOWN, "3. three|4. four");
	PARAS("See [the site](http://x.org) now.\n", PRES_MARKDOWN, "See the site http://x.org now.");
	PARAS("![a cat](c.png)\n", PRES_MARKDOWN, "[image: a cat]");
	PARAS("a\n\n---\n\nb\n", PRES_MARKDOWN,
	      "a|────────────────────────────────────────|b");
	PARAS("---\ntitle: T\n---\n\nBody.\n", PRES_MARKDOWN, "title: T|Body.");
	PARAS("| a | 中文 |\n|---|---|\n| xx | y |\n", PRES_MARKDOWN,
	      "a  │ 中文|───┼─────|xx │ y");
	/* a table too wide for the width: cells one after the other */
	fx x = open_fx("| aaaaaaaaaaaa | bbbbbbbbbbbb |\n|---|---|\n| c | d |\n", PRES_MARKDOWN, 20);
	char *got = paras(&x);
	ck_assert_str_eq(got, "aaaaaaaaaaaa │ bbbbbbbbbbbb|────┼────|c │ d");
	free(got);
	close_fx(&x);
}
END_TEST

START_TEST(md_inline_text_for_titles)
{
	char *t = pres_markdown_inline("A [link](http://x) and `code` &amp; **b**", 41);
	ck_assert_str_eq(t, "A link and code & b");
	free(t);
}
END_TEST

START_TEST(md_detection_is_conservative)
{
	const char *plain = "Price: 5 * 3 = 15, and 2 * 4 = 8.\n# not markdown either\nJust text.\n";
	doc *d = doc_from_bytes("notes.txt", plain, strlen(plain));
	ck_assert_int_eq(pres_detect(d, "notes.txt"), PRES_PLAIN);
	doc_close(d);
	const char *md = "# Title\n\n**Host:** hello\n\n**Guest:** hi [link](http://a)\n";
	d = doc_from_bytes("t", md, strlen(md));
	ck_assert_int_eq(pres_detect(d, "talk.txt"), PRES_MARKDOWN);
	ck_assert_int_eq(pres_detect(d, NULL), PRES_MARKDOWN);
	doc_close(d);
	d = doc_from_bytes("t", plain, strlen(plain));
	ck_assert_int_eq(pres_detect(d, "notes.md"), PRES_MARKDOWN); /* the name says so */
	doc_close(d);
}
END_TEST

/* ---- Aozora Bunko -------------------------------------------------------------- */

START_TEST(aozora_ruby_and_annotations)
{
	PARAS("本文\n見附《みつ》けた\n", PRES_AOZORA, "本文|見附(みつ)けた");
	PARAS("本文\n｜銀河鉄道《ぎんがてつどう》の夜\n", PRES_AOZORA, "本文|銀河鉄道(ぎんがてつどう)の夜");
	/* a nested annotation and an unknown one: never shown */
	PARAS("本文\nあ［＃「［＃注］」は謎の注記］い［＃未知の注記］う\n", PRES_AOZORA, "本文|あいう");
	/* a heading: its text bold, the level from 大/中/小 */
	const char *t = "本文\n［＃３字下げ］五、天気輪《てんきりん》の柱［＃「五、天気輪の柱」は中見出し］\n";
	PARAS(t, PRES_AOZORA, "本文|五、天気輪(てんきりん)の柱");
	fx x = open_fx(t, PRES_AOZORA, 40);
	const pres_para *p = pres_para_at(x.P, strstr(t, "五") - t);
	ck_assert_int_eq(p->heading, 2);
	ck_assert_int_eq(p->indent, 6);
	ck_assert(style_of(p, "柱")->attrs & PRES_BOLD);
	close_fx(&x);
	/* hidden readings */
	fx h = open_fx("本文\n見附《みつ》けた\n", PRES_AOZORA, 40);
	pres_opts o = *pres_get_opts(h.P);
	o.ruby = PRES_RUBY_HIDE;
	pres_set_opts(h.P, &o);
	char *got = paras(&h);
	ck_assert_str_eq(got, "本文|見附けた");
	free(got);
	close_fx(&h);
}
END_TEST

START_TEST(aozora_gaiji_and_breaks)
{
	/* 第3水準1-85-54 through EUC-JISX0213; an unknown one is 〓 */
	PARAS("本文\nあ※［＃「木＋吶のつくり」、第3水準1-85-54］い\n", PRES_AOZORA, "本文|あ枘い");
	PARAS("本文\nあ※［＃「謎」、U+5F45、12-3］い\n", PRES_AOZORA, "本文|あ彅い");
	PARAS("本文\nあ※［＃「読めない字」］い\n", PRES_AOZORA, "本文|あ※い");
	fx x = open_fx("本文\n［＃改ページ］\n次\n", PRES_AOZORA, 6);
	char *got = paras(&x);
	ck_assert_str_eq(got, "本文|──────|次");
	free(got);
	close_fx(&x);
}
END_TEST

/* The rows of an Aozora text at width W, joined with '|'. */
static char *aozora_rows(const char *text, int W)
{
	doc *d = doc_from_bytes("t", text, strlen(text));
	layout_opts lo = {W, false, 8, 0, false, false};
	layout *L = layout_new(d, &lo);
	pres_opts po = {.format = PRES_AOZORA, .width = W, .tab_width = 8};
	pres *P = pres_new(d, &po);
	layout_use_pres(L, P);
	size_t cap = 4096, len = 0;
	char *out = malloc(cap);
	out[0] = 0;
	layout_row r = layout_first(L);
	for (bool first = true;; first = false) {
		size_t tl;
		char *t = layout_row_text(L, &r, &tl);
		while (len + tl + 2 > cap)
			out = realloc(out, cap *= 2);
		if (!first)
			out[len++] = '|';
		memcpy(out + len, t, tl);
		len += tl;
		out[len] = 0;
		free(t);
		if (!layout_next(L, &r, &r))
			break;
	}
	layout_free(L);
	pres_free(P);
	doc_close(d);
	return out;
}

START_TEST(aozora_ruby_above)
{
	/* the reading in a row of its own, over its base */
	doc *d = doc_from_bytes("t", "本文\nあいう見附《みつ》けた\n", strlen("本文\nあいう見附《みつ》けた\n"));
	layout_opts lo = {40, false, 8, 0, false, false};
	layout *L = layout_new(d, &lo);
	pres_opts po = {.format = PRES_AOZORA, .ruby = PRES_RUBY_ABOVE, .width = 40, .tab_width = 8};
	pres *P = pres_new(d, &po);
	layout_use_pres(L, P);
	layout_row r = layout_first(L);
	ck_assert(layout_next(L, &r, &r));
	ck_assert(r.ruby);
	char *t = layout_row_text(L, &r, NULL);
	ck_assert_str_eq(t, "      みつ"); /* 見附 at columns 6-9, and みつ over it */
	free(t);
	size_t ruby_start = r.start;
	ck_assert(layout_next(L, &r, &r));
	ck_assert(!r.ruby);
	ck_assert_uint_gt(r.start, ruby_start);
	t = layout_row_text(L, &r, NULL);
	ck_assert_str_eq(t, "あいう見附けた");
	free(t);
	/* back up from the text row: the readings' row first */
	layout_row b;
	ck_assert(layout_prev(L, &r, &b));
	ck_assert(b.ruby);
	layout_free(L);
	pres_free(P);
	doc_close(d);
}
END_TEST

START_TEST(aozora_ruby_never_split_from_its_base)
{
	const char *t = "本文\nあいうえおかきくけこ見附《みつ》けたさしすせそ天気輪《てんきりん》たちつてと\n";
	/* from the width that holds 天気輪(てんきりん), 18 columns, whole */
	for (int W = 18; W <= 60; W++) {
		char *rows = aozora_rows(t, W);
		/* every "(" starts in the same row as the base before it, and
		 * the reading is whole in that row */
		for (const char *p = rows; (p = strchr(p, '(')); p++) {
			ck_assert_msg(p > rows && p[-1] != '|', "width %d: a reading starts a row: %s", W, rows);
			const char *close = strchr(p, ')'), *bar = strchr(p, '|');
			ck_assert_msg(close && (!bar || close < bar), "width %d: a reading is split: %s", W, rows);
		}
		ck_assert_msg(!strstr(rows, "見|附") && !strstr(rows, "天|気") && !strstr(rows, "気|輪"),
		              "width %d: a base is split: %s", W, rows);
		free(rows);
	}
}
END_TEST

/* ---- colour and overstrike --------------------------------------------------- */

START_TEST(ansi_sgr_becomes_styles)
{
	const char *t = "\x1b[33mcommit\x1b[m abc\n\x1b[1;38;5;196mred\x1b[0m \x1b[38;2;1;2;3mrgb\x1b[39m x\n";
	PARAS(t, PRES_ANSI, "commit abc|red rgb x");
	fx x = open_fx(t, PRES_ANSI, 40);
	const pres_para *p = pres_para_at(x.P, 0);
	ck_assert_int_eq(style_of(p, "commit")->fg, 3);
	ck_assert_int_eq(style_of(p, "abc")->fg, PRES_COLOR_DEFAULT);
	p = pres_para_at(x.P, strstr(t, "red") - t);
	ck_assert_int_eq(style_of(p, "red")->fg, 196);
	ck_assert(style_of(p, "red")->attrs & PRES_BOLD);
	ck_assert_int_eq(style_of(p, "rgb")->fg, PRES_RGB | 0x010203);
	ck_assert_int_eq(style_of(p, "x")->fg, PRES_COLOR_DEFAULT);
	close_fx(&x);
}
END_TEST

START_TEST(ansi_the_rest_stays_inert)
{
	/* other CSI, OSC and an SGR holding an OSC stay in the text (the layout
	 * shows them as ^[...); an OSC 8 link shows its text */
	PARAS("a\x1b[2Jb\x1b]0;T\x07" "c\n", PRES_ANSI, "a\x1b[2Jb\x1b]0;T\x07" "c");
	PARAS("\x1b[31;\x1b]0;EVIL\x07mX\n", PRES_ANSI, "\x1b[31;\x1b]0;EVIL\x07mX");
	PARAS("see \x1b]8;;http://x\x1b\\the link\x1b]8;;\x1b\\ now\n", PRES_ANSI, "see the link now");
	/* a sequence cut by the end of what has arrived: inert until it is
	 * whole (a stream's presentation is made again as it grows) */
	PARAS("ok \x1b[3", PRES_ANSI, "ok \x1b[3");
	PARAS("ok \x1b[31mred\n", PRES_ANSI, "ok red");
}
END_TEST

START_TEST(ansi_overstrike)
{
	const char *t = "N\bNA\bAM\bME\bE\n_\bu_\bn x\n中\b中\n";
	PARAS(t, PRES_ANSI, "NAME|un x|中");
	fx x = open_fx(t, PRES_ANSI, 40);
	ck_assert(style_of(pres_para_at(x.P, 0), "NAME")->attrs & PRES_BOLD);
	const pres_para *p = pres_para_at(x.P, strstr(t, "_") - t);
	ck_assert(style_of(p, "un")->attrs & PRES_UNDERLINE);
	ck_assert(!(style_of(p, "x")->attrs & PRES_UNDERLINE));
	close_fx(&x);
	doc *d = doc_from_bytes("t", t, strlen(t));
	ck_assert(!d->binary || true);
	ck_assert_int_eq(pres_detect(d, NULL), PRES_ANSI);
	doc_close(d);
}
END_TEST

/* ---- search in the shown text --------------------------------------------------- */

/* Offsets of every match of q in text presented as f ("a-b,c-d"). */
static char *matches(const char *text, enum pres_format f, const char *q)
{
	fx x = open_fx(text, f, 40);
	search_opts so = {SEARCH_SMART, true, false, false, false};
	char err[128];
	search *s = search_new(q, &so, err, sizeof err);
	ck_assert_ptr_nonnull(s);
	search_use_pres(s, x.P);
	static char out[256];
	out[0] = 0;
	size_t pos = 0, ms, me;
	while (search_forward(s, x.d, &pos, x.d->len, 0, &ms, &me) == SEARCH_FOUND) {
		char b[32];
		snprintf(b, sizeof b, "%s%zu-%zu", out[0] ? "," : "", ms, me);
		strcat(out, b);
	}
	/* backward finds the same, in the other order */
	size_t n = 0;
	pos = x.d->len;
	while (search_backward(s, x.d, 0, &pos, 0, &ms, &me) == SEARCH_FOUND)
		n++;
	size_t commas = 0;
	for (const char *p = out; *p; p++)
		commas += *p == ',';
	ck_assert_uint_eq(n, out[0] ? commas + 1 : 0);
	search_free(s);
	close_fx(&x);
	return out;
}

START_TEST(search_across_hidden_markup)
{
	/* "Jerod Santo:" across the ** that end in the middle of it */
	const char *t = "**Jerod Santo:** Well.\n\n**Jerod** Santo: again\n";
	ck_assert_str_eq(matches(t, PRES_MARKDOWN, "Jerod Santo:"), "2-14,26-40");
	/* the base whole, and the reading on its own */
	const char *a = "本文\n見附《みつ》けた\n";
	char want[64];
	size_t b = (size_t)(strstr(a, "見") - a), r = (size_t)(strstr(a, "み") - a);
	snprintf(want, sizeof want, "%zu-%zu", b, (size_t)(strstr(a, "た") - a) + 3);
	ck_assert_str_eq(matches(a, PRES_AOZORA, "見附けた"), want);
	snprintf(want, sizeof want, "%zu-%zu", r, r + 6);
	ck_assert_str_eq(matches(a, PRES_AOZORA, "みつ"), want);
	/* SGR is not text */
	ck_assert_str_eq(matches("a\x1b[31mbc\x1b[0md\n", PRES_ANSI, "abcd"), "0-13");
	ck_assert_str_eq(matches("a\x1b[31mbc\n", PRES_ANSI, "31m"), "");
}
END_TEST

/* [display] script: the text shown in another script, every source offset
 * where it was: a character of other bytes (䑽, which s2t makes the astral
 * 𦪙) stands for its source as replaced text; as-is shows the source
 * again. */
START_TEST(script_conversion_keeps_offsets)
{
	const char *t = "国家的头发很长，后来\xE4\x91\xBD。\nascii line\n";
	doc *d = doc_from_bytes("t", t, strlen(t));
	pres_opts o = {.format = PRES_PLAIN, .script = PRES_SCRIPT_TRADITIONAL, .width = 40, .tab_width = 8};
	pres *P = pres_new(d, &o);
	const pres_para *p = pres_para_at(P, 0);
	size_t first = strlen("国家的头发很长，后来\xE4\x91\xBD。");
	ck_assert_uint_eq(p->len, first + 1);
	ck_assert(memcmp(p->text, "國家的頭髮很長，後來\xF0\xA6\xAA\x99。", first + 1) == 0);
	ck_assert_uint_eq(pres_src(p, 3), 3);
	ck_assert_uint_eq(pres_src(p, first + 1 - 3), first - 3); /* 。 */
	ck_assert_uint_eq(pres_shown(p, first - 3), first + 1 - 3);
	p = pres_para_at(P, first + 1);
	ck_assert(memcmp(p->text, "ascii line", 10) == 0);
	o.script = PRES_SCRIPT_ASIS;
	pres_set_opts(P, &o);
	p = pres_para_at(P, 0);
	ck_assert(memcmp(p->text, t, first) == 0);
	o.script = PRES_SCRIPT_SIMPLIFIED;
	pres_set_opts(P, &o);
	pres_free(P);
	doc_close(d);
	/* and back: traditional text simplified */
	const char *tw = "這是一個關於人工智慧的訪談";
	d = doc_from_bytes("t", tw, strlen(tw));
	P = pres_new(d, &o);
	p = pres_para_at(P, 0);
	ck_assert(memcmp(p->text, "这是一个关于人工智慧的访谈", p->len) == 0);
	pres_free(P);
	doc_close(d);
	ck_assert_int_eq(pres_script_parse("taiwan"), PRES_SCRIPT_TAIWAN);
	ck_assert_int_eq(pres_script_parse("nope"), -1);
}
END_TEST

/* The rows of d through P at width W: "start:text" joined by '|'. */
static char *script_rows(doc *d, pres *P, int W)
{
	layout_opts lo = {W, false, 8, 0, false, false};
	layout *L = layout_new(d, &lo);
	pres_opts po = *pres_get_opts(P);
	po.width = W;
	pres_set_opts(P, &po);
	layout_use_pres(L, P);
	char *out = calloc(1, 4096);
	size_t len = 0;
	layout_row r = layout_first(L);
	for (bool first = true;; first = false) {
		char *t = layout_row_text(L, &r, NULL);
		len += (size_t)snprintf(out + len, 4096 - len, "%s%zu:%s", first ? "" : "|", r.start, t);
		free(t);
		if (!layout_next(L, &r, &r))
			break;
	}
	layout_free(L);
	return out;
}

/* taiwan-phrases (s2twp) changes words, and their length: 内存 is 記憶體.
 * A changed word stands for its source whole, is never cut at a row's
 * end, and the words around it keep their own offsets; mainland-phrases
 * (tw2sp) goes back. */
START_TEST(script_phrases_change_length)
{
	const char *t = "这个程序的源代码在硬盘上，内存不够。";
	doc *d = doc_from_bytes("t", t, strlen(t));
	pres_opts o = {.format = PRES_PLAIN, .script = PRES_SCRIPT_TAIWAN_PHRASES, .width = 40, .tab_width = 8};
	pres *P = pres_new(d, &o);
	const pres_para *p = pres_para_at(P, 0);
	const char *want = "這個程式的原始碼在硬碟上，記憶體不夠。";
	ck_assert_uint_eq(p->len, strlen(want));
	ck_assert(memcmp(p->text, want, p->len) == 0);
	size_t mem = (size_t)(strstr(t, "内存") - t), shown = (size_t)(strstr(want, "記憶體") - want);
	ck_assert_uint_eq(pres_shown(p, mem), shown);
	ck_assert_uint_eq(pres_src(p, shown + 3), mem); /* inside the word: its start */
	ck_assert_uint_eq(pres_src(p, shown + 9), mem + 6); /* 不 */
	/* at every width from 6 to 40 columns, 記憶體 is whole on one row, and
	 * rows start further on in the source than the one before */
	for (int W = 6; W <= 40; W++) {
		char *rows = script_rows(d, P, W);
		ck_assert_msg(strstr(rows, "記憶體") != NULL, "width %d: %s", W, rows);
		size_t last = 0;
		bool first = true;
		for (char *q = rows; q; q = strchr(q, '|')) {
			q += *q == '|';
			size_t st = strtoul(q, NULL, 10);
			ck_assert_msg(first || st > last, "width %d: %s", W, rows);
			last = st;
			first = false;
		}
		free(rows);
	}
	pres_free(P);
	doc_close(d);
	const char *tw = "我用滑鼠打開了軟體，資料在網際網路上。";
	d = doc_from_bytes("t", tw, strlen(tw));
	o.script = PRES_SCRIPT_MAINLAND_PHRASES;
	P = pres_new(d, &o);
	char *rows = script_rows(d, P, 80);
	ck_assert_str_eq(rows, "0:我用鼠标打开了软件，数据在互联网上。");
	free(rows);
	pres_free(P);
	doc_close(d);
}
END_TEST

Suite *pres_suite(void)
{
	Suite *s = suite_create("pres");
	TCase *t = tcase_create("formats");
	tcase_add_test(t, md_headings_lose_their_markup);
	tcase_add_test(t, script_conversion_keeps_offsets);
	tcase_add_test(t, script_phrases_change_length);
	tcase_add_test(t, md_labels_escapes_and_entities);
	tcase_add_test(t, md_strong_across_a_line_break);
	tcase_add_test(t, md_code_block_is_verbatim);
	tcase_add_test(t, md_lists_links_tables_rules_front_matter);
	tcase_add_test(t, md_inline_text_for_titles);
	tcase_add_test(t, md_detection_is_conservative);
	tcase_add_test(t, aozora_ruby_and_annotations);
	tcase_add_test(t, aozora_gaiji_and_breaks);
	tcase_add_test(t, aozora_ruby_above);
	tcase_add_test(t, aozora_ruby_never_split_from_its_base);
	tcase_add_test(t, ansi_sgr_becomes_styles);
	tcase_add_test(t, ansi_the_rest_stays_inert);
	tcase_add_test(t, ansi_overstrike);
	tcase_add_test(t, search_across_hidden_markup);
	suite_add_tcase(s, t);
	return s;
}
