/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_search: folding (case, width, NFKC, kana) with offsets back to the
 * original text, literal and regex matching, both directions, bad patterns. */
#include "build.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "fanye/search.h"
#include "fanye/prefilter.h"

static const search_opts defaults = {SEARCH_SMART, true, false, false, false};

/* The first match of q in text (forward from 0): "start-end", or "none". */
static char *find(const char *text, const char *q, search_opts o)
{
	static char buf[64];
	char err[256];
	search *s = search_new(q, &o, err, sizeof err);
	ck_assert_msg(s != NULL, "%s", err);
	doc *d = doc_from_bytes("t", text, strlen(text));
	size_t pos = 0, ms, me;
	enum search_result r = search_forward(s, d, &pos, d->len, 0, &ms, &me);
	if (r == SEARCH_FOUND)
		snprintf(buf, sizeof buf, "%zu-%zu", ms, me);
	else
		snprintf(buf, sizeof buf, "none");
	doc_close(d);
	search_free(s);
	return buf;
}

static void count_one(void *ctx, size_t ms, size_t me)
{
	(void)ms;
	(void)me;
	++*(size_t *)ctx;
}

START_TEST(width_folding_finds_both_ways)
{
	ck_assert_str_eq(find("the ASI heading", "ＡＳＩ", defaults), "4-7");
	ck_assert_str_eq(find("xxＡＳＩyy", "asi", defaults), "2-11");
	ck_assert_str_eq(find("call 123 now", "１２３", defaults), "5-8");
	ck_assert_str_eq(find("カタカナ", "ｶﾀｶﾅ", defaults), "0-12");
	ck_assert_str_eq(find("ｶﾀｶﾅ", "カタカナ", defaults), "0-12");
	ck_assert_str_eq(find("ｶﾞｲﾄﾞ", "ガイド", defaults), "0-15");
	ck_assert_str_eq(find("会社㈱です", "株", defaults), "6-9");
	ck_assert_str_eq(find("好，的", ",", defaults), "3-6");
	search_opts nowidth = defaults;
	nowidth.width_fold = false;
	ck_assert_str_eq(find("the ASI heading", "ＡＳＩ", nowidth), "none");
}
END_TEST

START_TEST(smart_case_and_unicode_case_folding)
{
	ck_assert_str_eq(find("Hello Ilya", "ilya", defaults), "6-10");
	ck_assert_str_eq(find("Hello ilya", "Ilya", defaults), "none");
	ck_assert_str_eq(find("Hello Ilya", "Ilya", defaults), "6-10");
	ck_assert_str_eq(find("die Straße", "strasse", defaults), "4-11");
	ck_assert_str_eq(find("ΣΊΣΥΦΟΣ", "σίσυφος", defaults), "0-14");
	search_opts ins = defaults;
	ins.case_mode = SEARCH_INSENSITIVE;
	ck_assert_str_eq(find("Hello ilya", "ILYA", ins), "6-10");
	search_opts sens = defaults;
	sens.case_mode = SEARCH_SENSITIVE;
	ck_assert_str_eq(find("Hello Ilya", "ilya", sens), "none");
}
END_TEST

START_TEST(combining_sequences_fold_together)
{
	ck_assert_str_eq(find("cafe\xCC\x81!", "café", defaults), "0-6");
	ck_assert_str_eq(find("café!", "cafe\xCC\x81", defaults), "0-5");
}
END_TEST

START_TEST(kana_folding_is_optional)
{
	search_opts k = defaults;
	ck_assert_str_eq(find("カタカナ", "かたかな", k), "none");
	k.kana_fold = true;
	ck_assert_str_eq(find("カタカナ", "かたかな", k), "0-12");
	ck_assert_str_eq(find("ｶﾀｶﾅ", "かたかな", k), "0-12");
}
END_TEST

/* The script fold: either Chinese script finds both, with offsets into
 * the original; off, or without an ideograph in the query, nothing
 * changes. */
START_TEST(script_folding_finds_both_scripts)
{
	search_opts o = defaults;
	o.script_fold = true;
	/* 贾雨村 in simplified text from the traditional query, and back */
	ck_assert_str_eq(find("那贾雨村来了", "賈雨村", o), "3-12");
	ck_assert_str_eq(find("那賈雨村來了", "贾雨村来", o), "3-15");
	/* a query mixing the scripts */
	ck_assert_str_eq(find("后来头发干了", "後來頭髮", o), "0-12");
	/* the phrase dictionaries' characters: 乾 and 幹 both fold to 干 */
	ck_assert_str_eq(find("乾淨", "干净", o), "0-6");
	/* Extension A and the compatibility ideographs keep their place */
	ck_assert_str_eq(find("x\xE4\xB6\xAE国y", "國", o), "4-7");
	/* off: only the script typed */
	o.script_fold = false;
	ck_assert_str_eq(find("那贾雨村来了", "賈雨村", o), "none");
	/* with other folds: ＡＳＩ and 後 in one query */
	o.script_fold = true;
	ck_assert_str_eq(find("the ASI 后来", "ＡＳＩ 後來", o), "4-14");
	/* a folded block costs no more offsets: the text after a match too */
	size_t n;
	char err[200];
	search *s = search_new("國家", &o, err, sizeof err);
	ck_assert_ptr_nonnull(s);
	char *f = search_fold(s, "我们的国家", strlen("我们的国家"), &n, NULL);
	ck_assert_str_eq(f, "我们的国家");
	free(f);
	f = search_fold(s, "我們的國家", strlen("我們的國家"), &n, NULL);
	ck_assert_str_eq(f, "我们的国家");
	free(f);
	search_free(s);
}
END_TEST

START_TEST(fold_offsets_point_into_the_original)
{
	char err[128];
	search *s = search_new("x", &defaults, err, sizeof err);
	size_t n, *map;
	char *f = search_fold(s, "AＢ…c", strlen("AＢ…c"), &n, &map);
	ck_assert_str_eq(f, "ab...c");
	size_t want[] = {0, 1, 4, 4, 4, 7, 8};
	for (size_t i = 0; i <= n; i++)
		ck_assert_uint_eq(map[i], want[i]);
	free(f);
	free(map);
	search_free(s);
}
END_TEST

START_TEST(regex_search_and_errors)
{
	search_opts re = defaults;
	re.regex = true;
	ck_assert_str_eq(find("Hello Ilya Sutskever", "Ily[a-z]+\\s+S", re), "6-12");
	ck_assert_str_eq(find("Hello ILYA", "ilya", re), "6-10");
	ck_assert_str_eq(find("ab\nxy", "^x", re), "3-4");
	ck_assert_str_eq(find("aaa", "b*", re), "none");
	char err[256];
	ck_assert_ptr_null(search_new("(unclosed", &re, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "bad pattern"));
	ck_assert_ptr_null(search_new("", &defaults, err, sizeof err));
}
END_TEST

START_TEST(invalid_bytes_never_match_or_crash)
{
	ck_assert_str_eq(find("a\xFF\xFE" "b\xE4" "asi", "asi", defaults), "5-8");
	search_opts re = defaults;
	re.regex = true;
	ck_assert_str_eq(find("\xFF\xC0" "abc", "b.", re), "3-5");
}
END_TEST

static void count_cb(void *ctx, size_t ms, size_t me)
{
	(void)ms;
	(void)me;
	(*(int *)ctx)++;
}

START_TEST(backward_and_each)
{
	const char *t = "one ASI\ntwo asi\nthree ＡＳＩ\n";
	doc *d = doc_from_bytes("t", t, strlen(t));
	char err[64];
	search *s = search_new("asi", &defaults, err, sizeof err);
	size_t pos = d->len, ms, me;
	ck_assert_int_eq(search_backward(s, d, 0, &pos, 0, &ms, &me), SEARCH_FOUND);
	ck_assert_uint_eq(ms, 22);
	ck_assert_uint_eq(me, 31);
	ck_assert_int_eq(search_backward(s, d, 0, &pos, 0, &ms, &me), SEARCH_FOUND);
	ck_assert_uint_eq(ms, 12);
	ck_assert_int_eq(search_backward(s, d, 0, &pos, 0, &ms, &me), SEARCH_FOUND);
	ck_assert_uint_eq(ms, 4);
	ck_assert_int_eq(search_backward(s, d, 0, &pos, 0, &ms, &me), SEARCH_NONE);
	int n = 0;
	ck_assert_uint_eq(search_each(s, d, 0, d->len, count_cb, &n), 3);
	ck_assert_int_eq(n, 3);
	n = 0;
	ck_assert_uint_eq(search_each(s, d, 8, 16, count_cb, &n), 1);
	search_free(s);
	doc_close(d);
}
END_TEST

START_TEST(budgeted_search_resumes)
{
	size_t n = 3 << 20;
	char *t = malloc(n + 16);
	for (size_t i = 0; i < n; i++)
		t[i] = (i % 80 == 79) ? '\n' : 'x';
	memcpy(t + n - 10, "ZZQUERY", 7);
	doc *d = doc_from_bytes("t", t, n);
	char err[64];
	search *s = search_new("zzquery", &defaults, err, sizeof err);
	size_t pos = 0, ms = 0, me = 0;
	int rounds = 0;
	enum search_result r;
	while ((r = search_forward(s, d, &pos, d->len, 64 << 10, &ms, &me)) == SEARCH_MORE)
		rounds++;
	ck_assert_int_eq(r, SEARCH_FOUND);
	ck_assert_uint_eq(ms, n - 10);
	ck_assert_int_gt(rounds, 5);
	search_free(s);
	doc_close(d);
	free(t);
}
END_TEST

/* Every match of s forward in d, in slices of 100 KiB, written to f. */
static void list_forward(search *s, const doc *d, FILE *f)
{
	size_t pos = 0, ms, me;
	enum search_result r;
	while ((r = search_forward(s, d, &pos, d->len, 100 << 10, &ms, &me)) != SEARCH_NONE)
		if (r == SEARCH_FOUND)
			fprintf(f, "%zu-%zu ", ms, me);
}

/* Every match of q forward, then backward, in d, as one string. */
static char *all_matches(const doc *d, const char *q)
{
	char err[64];
	search *s = search_new(q, &defaults, err, sizeof err);
	ck_assert_ptr_nonnull(s);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	list_forward(s, d, f);
	fputs("| ", f);
	size_t pos = d->len, ms, me;
	enum search_result r;
	while ((r = search_backward(s, d, 0, &pos, 100 << 10, &ms, &me)) != SEARCH_NONE)
		if (r == SEARCH_FOUND)
			fprintf(f, "%zu-%zu ", ms, me);
	fclose(f);
	search_free(s);
	return out;
}

/* 1.2 MiB of Chinese lines with "the ＡＳＩ 匹配 " every 37 KiB or so:
 * also around each 256 KiB if at_edges, further apart further on if
 * spread.  Its length in *len. */
static char *match_text(size_t *len, bool at_edges, bool spread)
{
	size_t n = (size_t)1200 << 10, k = 0, next = 0;
	char *t = malloc(n);
	while (k + 64 < n) {
		bool edge = at_edges && k % (256 << 10) > (256 << 10) - 64;
		if (k >= next || edge) {
			k += (size_t)snprintf(t + k, n - k, "the ＡＳＩ 匹配 ");
			next = k + 37000 + (spread ? k / 3 : 0);
		}
		k += (size_t)snprintf(t + k, n - k, "一行中文文字，");
		if (k % 5 == 0)
			t[k++] = '\n';
	}
	*len = k;
	return t;
}

/* A mapped file's blocks, read through the mapping: the matches, at block
 * edges too, are those found in the same text in memory. */
START_TEST(mapped_blocks_match_in_memory)
{
	/* matches every 37 KiB or so, and ones around each 256 KiB (the
	 * block size) */
	size_t n;
	char *t = match_text(&n, true, false);
	doc *m = test_open_bytes(t, n, NULL);
	ck_assert(doc_mapped(m));
	doc *d = doc_from_bytes("t", t, n);
	ck_assert(!doc_mapped(d));
	const char *qs[] = {"asi", "ａｓｉ 匹配"};
	for (size_t i = 0; i < 2; i++) {
		char *a = all_matches(m, qs[i]), *b = all_matches(d, qs[i]);
		ck_assert_uint_gt(strlen(a), 200);
		ck_assert_str_eq(a, b);
		free(a);
		free(b);
	}
	doc_close(m);
	doc_close(d);
	free(t);
}
END_TEST

/* Every match of q forward in d, in slices of 100 KiB, the scans of
 * ahead_from bytes or more halved with a second thread; as one string,
 * and how many scans the second thread answered. */
static char *matches_ahead(const doc *d, const char *q, size_t ahead_from, unsigned long *answers)
{
	char err[64];
	search *s = search_new(q, &defaults, err, sizeof err);
	ck_assert_ptr_nonnull(s);
	search_ahead_from(s, ahead_from);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	list_forward(s, d, f);
	fclose(f);
	*answers = search_ahead_answers(s);
	search_free(s);
	return out;
}

/* With the second half of each scan on a second thread, a search finds
 * what one thread finds: a match in the first half stops the second
 * thread, and past the half, its answer (a match, or none) is the
 * search's.  Also with a new scan before the second thread is done. */
START_TEST(second_thread_finds_the_same)
{
	size_t n;
	char *t = match_text(&n, false, true);
	doc *m = test_open_bytes(t, n, NULL);
	const char *qs[] = {"asi", "ａｓｉ 匹配", "the", "absent"};
	for (size_t i = 0; i < 4; i++) {
		unsigned long one, two;
		char *a = matches_ahead(m, qs[i], SIZE_MAX, &one), *b = matches_ahead(m, qs[i], 1, &two);
		ck_assert_str_eq(b, a);
		ck_assert_uint_eq(one, 0);
		ck_assert_uint_gt(two, 0); /* at least the last scan, which finds none */
		free(a);
		free(b);
	}
	/* a scan begun, then another from elsewhere: the first one's second
	 * thread is stopped, and the other has one of its own */
	char err[64];
	search *s = search_new("absent", &defaults, err, sizeof err);
	search_ahead_from(s, 1);
	size_t pos = 0, ms, me;
	ck_assert_int_eq(search_forward(s, m, &pos, m->len, 4096, &ms, &me), SEARCH_MORE);
	pos = 10;
	enum search_result r;
	while ((r = search_forward(s, m, &pos, m->len, 4096, &ms, &me)) == SEARCH_MORE)
		;
	ck_assert_int_eq(r, SEARCH_NONE);
	ck_assert_uint_eq(search_ahead_answers(s), 1);
	search_free(s);
	doc_close(m);
	free(t);
}
END_TEST

/* A pattern that reaches PCRE2's limits on one line is passed over there,
 * the place is kept, and a match further on is still found, in both
 * directions and by search_each. */
START_TEST(costly_pattern_is_stopped_not_lost)
{
	const search_opts re = {SEARCH_SMART, true, false, true, false};
	/* pattern, text, first match forward, last match backward: the first
	 * line reaches the match limit (and is passed over), the second holds
	 * the match. */
	const struct { const char *q, *text; size_t fwd, back; } cases[] = {
		{"(x+x+)+y", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx!y\nfiller\nxxy\n", 55, 55},
		{"(a*)*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!b\nab\n", 51, 52},
	};
	for (size_t i = 0; i < 2; i++) {
		char err[200];
		search *s = search_new(cases[i].q, &re, err, sizeof err);
		ck_assert_msg(s != NULL, "%s", err);
		doc *d = doc_from_bytes("t", cases[i].text, strlen(cases[i].text));
		size_t pos = 0, ms = 0, me = 0, at = 99;
		enum search_result r;
		while ((r = search_forward(s, d, &pos, d->len, 64 << 10, &ms, &me)) == SEARCH_MORE)
			;
		ck_assert_int_eq(r, SEARCH_FOUND);
		ck_assert_uint_eq(ms, cases[i].fwd);
		ck_assert(search_stopped(s, &at));
		ck_assert_uint_eq(at, 0);
		search_stopped_reset(s);
		ck_assert(!search_stopped(s, NULL));
		pos = d->len;
		while ((r = search_backward(s, d, 0, &pos, 64 << 10, &ms, &me)) == SEARCH_MORE)
			;
		ck_assert_int_eq(r, SEARCH_FOUND);
		ck_assert_uint_eq(ms, cases[i].back);
		ck_assert(search_stopped(s, NULL));
		size_t n = 0;
		ck_assert_uint_eq(search_each(s, d, 0, d->len, count_one, &n), 1 + (i == 1));
		search_free(s);
		doc_close(d);
	}
}
END_TEST

/* Empty matches and long lines cost a step each, not a line each: before,
 * z* on a 256 KiB line took about a minute (the subject was checked as
 * UTF-8 at every call).  The test case's timeout is what fails here. */
START_TEST(regex_on_a_long_line_is_linear)
{
	const search_opts re = {SEARCH_SMART, true, false, true, false};
	size_t n = (size_t)1 << 20;
	char *t = malloc(n + 1);
	memset(t, 'a', n);
	t[n] = '\n';
	doc *d = doc_from_bytes("t", t, n + 1);
	const char *qs[] = {"z*", "a+z", "\\w+\\d"};
	for (size_t i = 0; i < 3; i++) {
		char err[200];
		search *s = search_new(qs[i], &re, err, sizeof err);
		ck_assert_msg(s != NULL, "%s", err);
		size_t pos = 0, ms, me, cnt = 0;
		enum search_result r;
		while ((r = search_forward(s, d, &pos, d->len, 256 << 10, &ms, &me)) == SEARCH_MORE)
			;
		ck_assert_int_eq(r, SEARCH_NONE);
		search_each(s, d, 0, d->len, count_one, &cnt);
		ck_assert_uint_eq(cnt, 0);
		search_free(s);
	}
	doc_close(d);
	free(t);
}
END_TEST

/* ---- the prefilter: folding only the lines it names loses nothing ---------- */

/* Characters with every kind of fold, and what they fold to. */
static const char *const pool[] = {
	"a", "q", "Q", "z", "Z", "k", "K", "s", "S", "i", "I", "e", "f", " ", ",", "1", "\n",
	"ａ", "Ｑ", "ｑ", "ℚ", "ⓠ", "ß", "ſ", "\u212A", "İ", "ﬁ", "㎏", "①", "é", "e\u0301", "\u0301",
	"ｶ", "ﾞ", "カ", "か", "が", "ガ", "賈", "贾", "㊥", "中", "，", "⒬", "\xff", "\xc3", "𝐐",
};

static uint32_t lcg(uint32_t *x)
{
	*x = *x * 1103515245u + 12345u;
	return *x >> 8;
}

static void note_start(void *ctx, size_t ms, size_t me)
{
	(void)me;
	char *out = ctx;
	size_t n = strlen(out);
	if (n + 24 < 4096)
		snprintf(out + n, 4096 - n, "%zu ", ms);
}

/* The match starts of s in text[0..n) found by folding all of it at once. */
static void fold_all_starts(search *s, const char *text, size_t n, const char *q, char *out)
{
	out[0] = 0;
	size_t fq, ft, last = SIZE_MAX;
	size_t *map;
	char *fold_q = search_fold(s, q, strlen(q), &fq, NULL);
	char *fold_t = search_fold(s, text, n, &ft, &map);
	ck_assert(fold_q && fold_t);
	for (size_t f = 0; fq && f + fq <= ft;) {
		const char *h = memmem(fold_t + f, ft - f, fold_q, fq);
		if (!h)
			break;
		size_t at = (size_t)(h - fold_t);
		if (map[at] != last) /* one a place: ß folds to ss */
			note_start(out, map[at], 0);
		last = map[at];
		f = at + 1;
	}
	free(fold_q);
	free(fold_t);
	free(map);
}

/* Random texts and queries of the characters above, under every fold:
 * search_each (which folds only the lines the prefilter names) finds
 * exactly what folding the whole text finds. */
START_TEST(prefilter_agrees_with_folding_all)
{
	uint32_t x = 20261206;
	size_t npool = sizeof pool / sizeof pool[0];
	char *expect = malloc(4096), *got = malloc(4096), *text = malloc(8192);
	int compared = 0;
	for (int round = 0; round < 3000; round++) {
		size_t n = 0;
		int len = 20 + (int)(lcg(&x) % 200);
		for (int i = 0; i < len; i++) {
			const char *c = pool[lcg(&x) % npool];
			memcpy(text + n, c, strlen(c));
			n += strlen(c);
		}
		char q[64] = "";
		int ql = 1 + (int)(lcg(&x) % 3);
		for (int i = 0; i < ql; i++) {
			const char *c = pool[lcg(&x) % npool];
			if (strchr(c, '\n') || strlen(q) + strlen(c) >= sizeof q)
				continue;
			strcat(q, c);
		}
		if (!q[0])
			continue;
		search_opts o = {(enum search_case)(lcg(&x) % 3), lcg(&x) & 1, lcg(&x) & 1, false, lcg(&x) & 1};
		char err[256];
		search *s = search_new(q, &o, err, sizeof err);
		if (!s)
			continue;
		search_prefilter_from(s, 0);
		doc *d = doc_from_bytes("t", text, n);
		fold_all_starts(s, (const char *)d->data, d->len, q, expect);
		got[0] = 0;
		search_each(s, d, 0, d->len, note_start, got);
		ck_assert_msg(strcmp(got, expect) == 0, "query \"%s\" opts %d%d%d%d: prefiltered [%s], folded [%s]", q,
		              o.case_mode, o.width_fold, o.kana_fold, o.script_fold, got, expect);
		compared += expect[0] != 0;
		doc_close(d);
		search_free(s);
	}
	ck_assert_int_gt(compared, 300); /* most rounds find something */
	free(expect);
	free(got);
	free(text);
}
END_TEST

/* The prefilter is made for a rare character and names where its forms
 * are, full-width, compatibility and case forms included; none is made
 * for a query of characters that compositions make or that are common. */
START_TEST(prefilter_names_the_forms_of_a_rare_character)
{
	uint32_t hist[256] = {0};
	const char *sample = "the quick brown fox, 一行中文文字，";
	for (int i = 0; i < 100; i++)
		prefilter_count((const uint8_t *)sample, strlen(sample), hist);
	prefilter_fold f = {true, false, NULL, 0, 0};
	prefilter *p = prefilter_new((const uint8_t *)"zzquery", 7, &f, hist);
	ck_assert_ptr_nonnull(p);
	const char *t = "aaa ℤ bbb Ｚ ccc z Z 𝐳 ⓩ";
	size_t n = strlen(t), at[16], k = 0;
	for (size_t i = prefilter_next(p, (const uint8_t *)t, n, 0); i < n && k < 16;
	     i = prefilter_next(p, (const uint8_t *)t, n, i + 1))
		at[k++] = i;
	ck_assert_uint_eq(k, 6);
	ck_assert_uint_eq(at[0], 4);
	ck_assert(memcmp(t + at[1], "Ｚ", 3) == 0);
	ck_assert(memcmp(t + at[5], "ⓩ", 3) == 0);
	prefilter_free(p);
	/* case-sensitive: z is not Z */
	f.caseless = false;
	p = prefilter_new((const uint8_t *)"Z", 1, &f, hist);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(prefilter_next(p, (const uint8_t *)"zzz Z", 5, 0), 4);
	prefilter_free(p);
	/* é and が are made by composition: no prefilter stands on them */
	ck_assert_ptr_null(prefilter_new((const uint8_t *)"é", 2, &f, hist));
	ck_assert_ptr_null(prefilter_new((const uint8_t *)"が", 3, &f, hist));
	/* every character common in the sample */
	uint32_t common[256] = {0};
	for (int i = 0; i < 100; i++)
		prefilter_count((const uint8_t *)"then the other ", 15, common);
	ck_assert_ptr_null(prefilter_new((const uint8_t *)"the", 3, &f, common));
}
END_TEST

Suite *search_suite(void)
{
	Suite *s = suite_create("search");
	TCase *tc = tcase_create("search");
	tcase_add_test(tc, width_folding_finds_both_ways);
	tcase_add_test(tc, smart_case_and_unicode_case_folding);
	tcase_add_test(tc, combining_sequences_fold_together);
	tcase_add_test(tc, kana_folding_is_optional);
	tcase_add_test(tc, script_folding_finds_both_scripts);
	tcase_add_test(tc, fold_offsets_point_into_the_original);
	tcase_add_test(tc, regex_search_and_errors);
	tcase_add_test(tc, invalid_bytes_never_match_or_crash);
	tcase_add_test(tc, backward_and_each);
	tcase_add_test(tc, budgeted_search_resumes);
	tcase_add_test(tc, mapped_blocks_match_in_memory);
	tcase_add_test(tc, second_thread_finds_the_same);
	tcase_add_test(tc, costly_pattern_is_stopped_not_lost);
	tcase_add_test(tc, regex_on_a_long_line_is_linear);
	tcase_add_test(tc, prefilter_agrees_with_folding_all);
	tcase_add_test(tc, prefilter_names_the_forms_of_a_rare_character);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
