/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_layout: cells, wrapping, kinsoku, graphemes, sanitising, navigation. */
#include "build.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <unistr.h>
#include "suites.h"
#include "fanye/layout.h"
#include "fanye/unidata.h"

/* The rows of text under options o, joined with '|'. */
static char *rows_with(const char *text, size_t n, const layout_opts *o)
{
	doc *d = doc_from_bytes("t", text, n);
	layout *L = layout_new(d, o);
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
	doc_close(d);
	return out;
}

/* The rows of text at width W, joined with '|'. */
static char *rows_of(const char *text, size_t n, int W, bool amb)
{
	layout_opts o = {W, amb, 8, 0, false, false};
	return rows_with(text, n, &o);
}

#define WRAP(text, W, want) do { \
	char *got_ = rows_of(text, strlen(text), W, false); \
	ck_assert_str_eq(got_, want); \
	free(got_); } while (0)

START_TEST(cjk_wraps_at_width)
{
	WRAP("中文中文中文", 4, "中文|中文|中文");
	WRAP("中文中文中", 5, "中文|中文|中");
	WRAP("中文中文中文", 12, "中文中文中文");
	WRAP("中a文b", 3, "中a|文b");
}
END_TEST

START_TEST(kinsoku_closing_punctuation_never_starts_a_row)
{
	/* 。would start row 2 at width 8: one character goes with it. */
	WRAP("中文中文。中文", 8, "中文中|文。中文");
	WRAP("他说：「你好，世界。」然后走了", 10, "他说：「你|好，世|界。」然后|走了");
	WRAP("中文中文，，中文", 8, "中文中|文，，中|文");
	WRAP("あいうえっお", 8, "あいう|えっお");
	WRAP("アイウエーオ", 8, "アイウ|エーオ");
	WRAP("中文中文……好", 8, "中文中|文……好");
}
END_TEST

START_TEST(kinsoku_opening_bracket_never_ends_a_row)
{
	WRAP("中文中「文」", 8, "中文中|「文」");
	WRAP("中文中（文）", 8, "中文中|（文）");
	WRAP("中文中“文”", 7, "中文中|“文”");
}
END_TEST

START_TEST(latin_words_stay_whole)
{
	WRAP("hello world foo", 8, "hello|world|foo");
	WRAP("hello world", 11, "hello world");
	WRAP("hello   world", 5, "hello|world");
	WRAP("internationalization", 10, "internatio|nalization");
	WRAP("Say hi, world.", 6, "Say|hi,|world.");
	WRAP("中文English中文", 6, "中文|Englis|h中文");
}
END_TEST

START_TEST(graphemes_are_never_split)
{
	/* e + combining acute is one column; a ZWJ family stays together. */
	WRAP("e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2, "e\xCC\x81" "e\xCC\x81|e\xCC\x81");
	const char *fam = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
	char buf[64];
	snprintf(buf, sizeof buf, "ab%s", fam);
	char *got = rows_of(buf, strlen(buf), 4, false);
	/* The family is 6 columns by wcwidth: alone on a row, shown as >>>>. */
	ck_assert_ptr_nonnull(strchr(got, '|'));
	ck_assert_str_eq(got, "ab|>>>>");
	free(got);
	WRAP("\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3", 2,
	     "\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5|\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3");
}
END_TEST

START_TEST(emoji_are_wide)
{
	WRAP("\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 5,
	     "\xF0\x9F\x98\x80\xF0\x9F\x98\x80|\xF0\x9F\x98\x80");
}
END_TEST

START_TEST(invalid_bytes_are_shown)
{
	const char t[] = "a\xE4" "b\xFF\xC0\x80";
	char *got = rows_of(t, sizeof t - 1, 80, false);
	ck_assert_str_eq(got, "a<E4>b<FF><C0><80>");
	free(got);
	/* A truncated sequence at the end. */
	const char t2[] = "中\xE4\xB8";
	got = rows_of(t2, sizeof t2 - 1, 80, false);
	ck_assert_str_eq(got, "中<E4><B8>");
	free(got);
}
END_TEST

START_TEST(controls_are_shown_inert)
{
	WRAP("a\x1b]0;pwned\x07Z", 80, "a^[]0;pwned^GZ");
	WRAP("a\x1b[2Jb", 80, "a^[[2Jb");
	WRAP("x\x08y\x7fz", 80, "x^Hy^?z");
	WRAP("a\xC2\x9B" "31mb", 80, "a<U+009B>31mb");
	WRAP("a\xE2\x80\xAE" "b\xE2\x81\xA6" "c", 80, "a<U+202E>b<U+2066>c");
	WRAP("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", 80, "a<U+2028>b<U+2029>c");
	WRAP("a\x0c" "b", 80, "a^Lb");
	/* Nothing in the output is below 0x20 or DEL. */
	char all[256];
	for (int i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	char *got = rows_of(all, 255, 40, false);
	for (const char *p = got; *p; p++)
		ck_assert((unsigned char)*p >= 0x20 && *p != 0x7F);
	free(got);
}
END_TEST

START_TEST(tabs_are_expanded)
{
	WRAP("a\tb", 80, "a       b");
	WRAP("abcdefgh\tb", 80, "abcdefgh        b");
	WRAP("中\tb", 80, "中      b");
	/* A tab never pushes a row past the width. */
	WRAP("abcdef\tg", 7, "abcdef |g");
}
END_TEST

START_TEST(lines_end_at_lf_crlf_and_cr)
{
	WRAP("a\r\nb\rc\nd", 80, "a|b|c|d");
	WRAP("a\n\nb\n", 80, "a||b");
	WRAP("", 80, "");
	WRAP("\n", 80, "");
}
END_TEST

START_TEST(paragraph_spacing)
{
	doc *d = doc_from_bytes("t", "ab\ncd\n\nef", 9);
	layout_opts o = {80, false, 8, 1, false, false};
	layout *L = layout_new(d, &o);
	const char *want[] = {"ab", "", "cd", "", "", "ef"};
	layout_row r = layout_first(L);
	for (size_t i = 0; i < 6; i++) {
		char *t = layout_row_text(L, &r, NULL);
		ck_assert_str_eq(t, want[i]);
		free(t);
		bool more = layout_next(L, &r, &r);
		ck_assert(more == (i < 5));
	}
	/* Backwards through the same rows, and each offset finds its row. */
	for (int i = 5; i > 0; i--)
		ck_assert(layout_prev(L, &r, &r));
	ck_assert_uint_eq(r.start, 0);
	ck_assert_uint_eq(layout_row_at(L, 2).start, 2); /* the spacing row at the LF */
	layout_free(L);
	doc_close(d);
}
END_TEST

START_TEST(tiny_widths)
{
	WRAP("中文", 1, ">|>");
	WRAP("中文", 2, "中|文");
	WRAP("中文", 3, "中|文");
	WRAP("abc", 1, "a|b|c");
	WRAP("a\x1b" "b", 1, "a|>|b");
}
END_TEST

START_TEST(ambiguous_width_option)
{
	/* “ and ” are ambiguous: 1 column each by default, 2 when asked. */
	char *got = rows_of("\xE2\x80\x9C" "ab" "\xE2\x80\x9D", 8, 4, false);
	ck_assert_str_eq(got, "\xE2\x80\x9C" "ab" "\xE2\x80\x9D");
	free(got);
	got = rows_of("\xE2\x80\x9C" "ab" "\xE2\x80\x9D", 8, 4, true);
	ck_assert_ptr_nonnull(strchr(got, '|'));
	free(got);
	layout_opts o = {80, true, 8, 0, false, false};
	ck_assert_int_eq(layout_cp_width(0x2460, &o), 2);
	o.ambiguous_wide = false;
	ck_assert_int_eq(layout_cp_width(0x2460, &o), 1);
	ck_assert_int_eq(layout_cp_width(0x4E2D, &o), 2);
	ck_assert_int_eq(layout_cp_width(0x0301, &o), 0);
}
END_TEST

/* ---- properties on generated text ---- */

static unsigned long rng_state = 12345;
static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng_state >> 33) % n);
}

static const char *pieces[] = {
	"中", "文", "。", "，", "「", "」", "（", "）", "…", "ー", "っ", "、", "？",
	"hello", "world", " ", " ", " ", "internationalization", ",", ".", "(", ")",
	"\xF0\x9F\x98\x80", "e\xCC\x81", "\t", "\x1b", "\xE4", "\xE2\x80\xAE", "Ａ", "１",
	"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", "\r\n", "\n", "\r", "\n\n",
};

static char *gen_text(size_t target, size_t *n, bool long_lines)
{
	size_t cap = target + 64, len = 0;
	char *t = malloc(cap);
	size_t np = sizeof pieces / sizeof *pieces;
	while (len < target) {
		const char *p = pieces[rnd((unsigned)np)];
		if (long_lines && (p[0] == '\n' || p[0] == '\r'))
			continue;
		size_t l = strlen(p);
		memcpy(t + len, p, l);
		len += l;
	}
	*n = len;
	return t;
}

/* Forward and backward walks agree, rows tile the text, widths hold, and
 * row_at finds the row of any offset. */
static void check_walks(const char *text, size_t n, int W)
{
	doc *d = doc_from_bytes("t", text, n);
	layout_opts o = {W, false, 8, 0, false, false};
	layout *L = layout_new(d, &o);
	size_t cap = 1024, nr = 0;
	layout_row *rows = malloc(cap * sizeof *rows);
	layout_row r = layout_first(L);
	ck_assert_uint_eq(r.start, 0);
	for (;;) {
		if (nr == cap)
			rows = realloc(rows, (cap *= 2) * sizeof *rows);
		rows[nr++] = r;
		ck_assert(r.start <= r.end && r.end <= r.next);
		ck_assert(r.width <= W || r.end - r.start <= 32);
		for (size_t i = r.end; i < r.next; i++)
			ck_assert(text[i] == ' ' || text[i] == '\n' || text[i] == '\r');
		layout_row nx;
		if (!layout_next(L, &r, &nx))
			break;
		ck_assert_uint_eq(nx.start, r.next);
		ck_assert(nx.start > r.start);
		r = nx;
	}
	ck_assert(rows[nr - 1].last);
	/* Backward, from the last row. */
	r = layout_last(L);
	ck_assert_uint_eq(r.start, rows[nr - 1].start);
	for (size_t i = nr - 1; i > 0; i--) {
		ck_assert(layout_prev(L, &r, &r));
		ck_assert_uint_eq(r.start, rows[i - 1].start);
	}
	ck_assert(!layout_prev(L, &r, &r));
	/* Random offsets. */
	for (int k = 0; k < 300; k++) {
		size_t off = n ? rnd((unsigned)n) : 0;
		layout_row a = layout_row_at(L, off);
		ck_assert(a.start <= off);
		ck_assert(off < a.next || a.last);
	}
	free(rows);
	layout_free(L);
	doc_close(d);
}

START_TEST(walks_agree_on_mixed_text)
{
	size_t n;
	char *t = gen_text(20000, &n, false);
	for (int W = 1; W <= 41; W += 4)
		check_walks(t, n, W);
	check_walks(t, n, 80);
	check_walks(t, n, 120);
	free(t);
}
END_TEST

START_TEST(walks_agree_on_lines_longer_than_a_segment)
{
	size_t n;
	char *t = gen_text(LAYOUT_SEG_MAX * 3 + 777, &n, true);
	check_walks(t, n, 37);
	check_walks(t, n, 80);
	free(t);
}
END_TEST

START_TEST(resize_keeps_the_passage)
{
	size_t n;
	char *t = gen_text(30000, &n, false);
	doc *d = doc_from_bytes("t", t, n);
	layout_opts o = {80, false, 8, 0, false, false};
	layout *L = layout_new(d, &o);
	layout_row top = layout_first(L);
	layout_move(L, &top, 100);
	size_t keep = top.start;
	o.width = 37;
	layout_set_opts(L, &o);
	layout_row r = layout_row_at(L, keep);
	ck_assert(r.start <= keep && (keep < r.next || r.last));
	layout_free(L);
	doc_close(d);
	free(t);
}
END_TEST

/* keep for the filter tests: paragraphs holding the text in ctx. */
static bool holds(void *ctx, size_t a, size_t b)
{
	const char *want = ((const char **)ctx)[0];
	const char *text = ((const char **)ctx)[1];
	size_t n = strlen(want);
	for (size_t i = a; i + n <= b; i++)
		if (memcmp(text + i, want, n) == 0)
			return true;
	return false;
}

/* The rows the filter keeps, forward from the first and backward from the
 * last, as "start-end" lists. */
static void filtered(const char *text, const char *want, char *fw, char *bw)
{
	doc *d = doc_from_bytes("t", text, strlen(text));
	layout_opts o = {20, false, 8, 0, false, false};
	layout *L = layout_new(d, &o);
	const char *ctx[2] = {want, text};
	layout_set_filter(L, holds, ctx);
	fw[0] = bw[0] = 0;
	layout_row r = layout_first(L);
	do
		sprintf(fw + strlen(fw), "%zu-%zu ", r.start, r.end);
	while (layout_next(L, &r, &r));
	r = layout_last(L);
	do
		sprintf(bw + strlen(bw), "%zu-%zu ", r.start, r.end);
	while (layout_prev(L, &r, &r));
	layout_free(L);
	doc_close(d);
}

START_TEST(filter_keeps_only_matching_paragraphs)
{
	char fw[200], bw[200];
	/* lines: 0 "1", 2 "77", 5 "3", 7 "177", 11 "5" */
	const char *text = "1\n77\n3\n177\n5\n";
	filtered(text, "77", fw, bw);
	ck_assert_str_eq(fw, "2-4 7-10 ");
	/* backward ends at the first kept row: nothing before it, not an
	 * empty row for the hidden first paragraph */
	ck_assert_str_eq(bw, "7-10 2-4 ");
	filtered(text, "5", fw, bw);
	ck_assert_str_eq(fw, "11-12 ");
	ck_assert_str_eq(bw, "11-12 ");
	filtered(text, "zz", fw, bw);
	ck_assert_str_eq(fw, "0-0 ");
	ck_assert_str_eq(bw, "0-0 ");
}
END_TEST

/* A line of 100 characters across each multiple of 64 KiB is one row: the
 * fixed segments of long lines do not cut short ones. */
START_TEST(no_seam_at_64_kib)
{
	for (int cjk = 0; cjk < 2; cjk++) {
		size_t cap = 4 << 17, n = 0;
		char *t = malloc(cap);
		const char *line = cjk ? "\xE4\xB8\xAD" : "w";
		size_t ll = strlen(line), count = cjk ? 40 : 100;
		for (size_t k = 1; k <= 3; k++) {
			size_t seam = k * 65536;
			while (n + 81 < seam - 30)
				n += (size_t)sprintf(t + n, "%.*s\n", 79, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
			while (n < seam - 30)
				t[n++] = '\n';
			for (size_t c = 0; c < count; c++, n += ll)
				memcpy(t + n, line, ll);
			t[n++] = '\n';
		}
		n += (size_t)sprintf(t + n, "end\n");
		char *rows = rows_of(t, n, 120, false);
		char want[512] = "|";
		for (size_t c = 0; c < count; c++)
			strcat(want, line);
		strcat(want, "|");
		size_t found = 0;
		for (char *p = rows; (p = strstr(p, want)) != NULL; p++)
			found++;
		ck_assert_msg(found == 3, "%s: the line across a seam is whole %zu times of 3", cjk ? "CJK" : "Latin", found);
		free(rows);
		free(t);
	}
}
END_TEST

/* A space with a combining mark on it is one cluster: not a space to break
 * at, never cut from its mark. */
START_TEST(space_with_a_mark_stays_whole)
{
	WRAP("aaaa \xCC\x81" "bbb", 4, "aaaa| \xCC\x81" "bbb");
	WRAP("eeee \xE2\x83\x9D ffff", 4, "eeee| \xE2\x83\x9D|ffff");
}
END_TEST

/* LB29: no break between a full stop, comma or colon and a letter. */
START_TEST(no_break_after_a_stop_before_a_letter)
{
	WRAP("He got a Ph.D. in 1990", 12, "He got a|Ph.D. in|1990");
	WRAP("(https://mp.weixin.qq.com/s/x)", 20, "(https://|mp.weixin.qq.com/s/|x)");
	WRAP("**Jerod Santo:** Hi there", 12, "**Jerod|Santo:** Hi|there");
	/* a number's stop joins its digits */
	WRAP("pi is 3.14159 ok", 8, "pi is|3.14159|ok");
}
END_TEST

/* The kinsoku classes hold every character of JLREQ's (W3C, Appendix A):
 * cl-02 closing brackets, cl-03 hyphens, cl-04 dividing punctuation, cl-05
 * middle dots, cl-06 full stops, cl-07 commas, cl-09 iteration marks, cl-10
 * the prolonged sound mark and cl-11 small kana never start a row; cl-01
 * opening brackets never end one. */
START_TEST(kinsoku_holds_the_jlreq_classes)
{
	static const uint32_t no_start[] = {
		/* cl-02 */ 0x2019, 0x201D, 0x0029, 0xFF09, 0x3015, 0x005D, 0xFF3D, 0x007D, 0xFF5D, 0x3009, 0x300B,
		0x300D, 0x300F, 0x3011, 0x2986, 0xFF60, 0x3019, 0x3017, 0x00BB, 0x301F,
		/* cl-03 */ 0x2010, 0x301C, 0x30A0, 0x2013,
		/* cl-04 */ 0x003F, 0x0021, 0xFF1F, 0xFF01, 0x203C, 0x2047, 0x2048, 0x2049,
		/* cl-05 */ 0x30FB, 0x003A, 0x003B, 0xFF1A, 0xFF1B,
		/* cl-06 */ 0x3002, 0x002E, 0xFF0E,
		/* cl-07 */ 0x3001, 0x002C, 0xFF0C,
		/* cl-09 */ 0x30FD, 0x30FE, 0x309D, 0x309E, 0x3005, 0x303B,
		/* cl-10 */ 0x30FC,
		/* cl-11 */ 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x3063,
		0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5,
		0x30F6, 0x31F0, 0x31F5, 0x31FF,
	};
	static const uint32_t no_end[] = {
		/* cl-01 */ 0x2018, 0x201C, 0x0028, 0xFF08, 0x3014, 0x005B, 0xFF3B, 0x007B, 0xFF5B, 0x3008, 0x300A,
		0x300C, 0x300E, 0x3010, 0x2985, 0xFF5F, 0x3018, 0x3016, 0x00AB, 0x301D,
	};
	for (size_t k = 0; k < sizeof no_start / sizeof *no_start; k++)
		ck_assert_msg(layout_no_start(no_start[k]), "U+%04X may start a row", (unsigned)no_start[k]);
	for (size_t k = 0; k < sizeof no_end / sizeof *no_end; k++)
		ck_assert_msg(layout_no_end(no_end[k]), "U+%04X may end a row", (unsigned)no_end[k]);
	/* and none of them the other way, nor letters and ideographs */
	for (size_t k = 0; k < sizeof no_end / sizeof *no_end; k++)
		ck_assert(!layout_no_start(no_end[k]));
	static const uint32_t free_[] = {'a', 0x4E2D, 0x3042, 0x30A2, 0xAC00, '1', 0x2014};
	for (size_t k = 0; k < sizeof free_ / sizeof *free_; k++)
		ck_assert(!layout_no_start(free_[k]) && !layout_no_end(free_[k]));
	/* An opening mark before a space does not end a row either. */
	WRAP("他说吧。” 然后 “ 好的 ”", 16, "他说吧。” 然后|“ 好的 ”");
	/* A run too long to keep fills its rows rather than a character each. */
	WRAP("あ！！！！！", 4, "あ！|！！|！！");
	/* a hyphen stays after its space rather than start a row */
	WRAP("word ‐hyphen", 6, "word ‐|hyphen");
	WRAP("ab 〻cd", 5, "ab 〻|cd");
}
END_TEST

/* --ambiguous-width=2 widens exactly East Asian Width A. */
START_TEST(ambiguous_means_east_asian_ambiguous)
{
	layout_opts o = {80, true, 8, 0, false, false};
	static const uint32_t narrow[] = {0x0628, 0x0E01, 0x0915, 0x0452, 0x00A9, 0x00AB, 0x2801, 'a'};
	for (size_t k = 0; k < sizeof narrow / sizeof *narrow; k++)
		ck_assert_msg(layout_cp_width(narrow[k], &o) == 1, "U+%04X widened", (unsigned)narrow[k]);
	static const uint32_t wide[] = {0xFFFD, 0xF0000, 0x100000, 0x2460, 0x201C, 0x00B7, 0x0414};
	for (size_t k = 0; k < sizeof wide / sizeof *wide; k++)
		ck_assert_msg(layout_cp_width(wide[k], &o) == 2, "U+%04X not widened", (unsigned)wide[k]);
	/* across every code point: wider only where Ambiguous */
	layout_opts n = o;
	n.ambiguous_wide = false;
	for (uint32_t cp = 0xA0; cp < 0x110000; cp++) {
		if (cp >= 0xD800 && cp < 0xE000)
			continue;
		int a = layout_cp_width(cp, &o), b = layout_cp_width(cp, &n);
		if (a != b)
			ck_assert_msg(a == 2 && b == 1 && layout_cp_width(cp, &o) == 2, "U+%04X", (unsigned)cp);
	}
}
END_TEST

/* Unicode 15's emoji, which glibc 2.36 does not know: a placeholder of the
 * right width, never a <U+...> token. */
START_TEST(newer_characters_get_a_placeholder)
{
	WRAP("\xF0\x9F\xA9\xB7" "x" "\xF0\x9F\xAA\xBC", 10, "\xE3\x80\x93" "x" "\xE3\x80\x93");
	WRAP("\xF0\x9F\xA9\xB7\xF0\x9F\xA9\xB7", 2, "\xE3\x80\x93|\xE3\x80\x93");
	/* an unassigned one stays a token */
	WRAP("\xCD\xB8", 20, "<U+0378>");
}
END_TEST

/* [display] hanging-punctuation: the text keeps one column free, and a 。
 * that would start a row hangs into it instead of pulling a character down;
 * no row is wider than the width. */
START_TEST(hanging_punctuation)
{
	const char *t = "这是一个很长的句子用来测试悬挂标点的效果。后面还有更多的文字、以及逗号，然后结束。";
	layout_opts o = {10, false, 8, 0, false, true};
	char *got = rows_with(t, strlen(t), &o);
	ck_assert_str_eq(got, "这是一个|很长的句|子用来测|试悬挂标|点的效果。|后面还有|更多的文|字、以及|逗号，然|后结束。");
	free(got);
	/* without it, 。 pulls 果 down */
	got = rows_of(t, strlen(t), 10, false);
	ck_assert_ptr_nonnull(strstr(got, "|果。后面还"));
	free(got);
	/* an odd width has no room for a wide mark to hang: nothing hangs */
	o.width = 11;
	got = rows_with(t, strlen(t), &o);
	ck_assert_ptr_null(strstr(got, "。|"));
	free(got);
}
END_TEST

/* ---- typography (issue 19) ------------------------------------------- */

/* Unicode's LineBreakTest.txt (Debian: unicode-data), or $FANYE_UCD's. */
static FILE *ucd_file(const char *name)
{
	const char *dir = getenv("FANYE_UCD");
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/unicode", name);
	FILE *f = fopen(path, "r");
	ck_assert_msg(f != NULL, "%s: install unicode-data (or set FANYE_UCD)", path);
	return f;
}

/* Every position of LineBreakTest.txt where the wrapper decides (between
 * grapheme clusters, where kinsoku does not overrule UAX #14) agrees with
 * the test in at least 99.5% of them.  The tailorings are counted apart:
 * a cluster is never split (UAX #29), and kinsoku forbids some breaks that
 * UAX #14 allows (after an opening or before a closing mark), no row is
 * made of leading spaces alone, and numbers keep LB25's pairs. */
START_TEST(agrees_with_line_break_test)
{
	FILE *f = ucd_file("auxiliary/LineBreakTest.txt");
	char line[4096];
	size_t total = 0, agree = 0, cluster = 0, kinsoku = 0, indent = 0, numbers = 0;
	while (fgets(line, sizeof line, f)) {
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		uint8_t s[512];
		size_t n = 0, off[128], ncp = 0;
		bool brk[128];
		char *p = line;
		while (*p && ncp < 127 && n < sizeof s - 8) {
			if (!strncmp(p, "\xC3\x97", 2) || !strncmp(p, "\xC3\xB7", 2)) {
				brk[ncp] = p[1] == '\xB7'; /* the mark before code point ncp */
				p += 2;
				continue;
			}
			char *end;
			unsigned long cp = strtoul(p, &end, 16);
			if (end == p) {
				p++;
				continue;
			}
			off[ncp++] = n;
			int l = u8_uctomb(s + n, (ucs4_t)cp, 6);
			n += l > 0 ? (size_t)l : 0;
			p = end;
		}
		if (ncp < 2)
			continue;
		uint32_t cps[128];
		for (size_t k = 0; k < ncp; k++) {
			ucs4_t u;
			u8_mbtouc(&u, s + off[k], n - off[k]);
			cps[k] = u;
		}
		char out[512];
		ck_assert(layout_breaks(s, n, false, out));
		for (size_t k = 1; k < ncp; k++) {
			char o = out[off[k]];
			if (o == LAYOUT_BREAK_CLUSTER) {
				cluster++;
				continue;
			}
			if (o == LAYOUT_BREAK_KINSOKU) {
				kinsoku++;
				continue;
			}
			if (o == LAYOUT_BREAK_INDENT) {
				indent++;
				continue;
			}
			/* the test's numbers follow UAX #14's Example 7, which breaks
			 * "a.|2"; fanye keeps LB25's pair IS × NU, as ICU does */
			size_t b = k - 1;
			while (b > 0 && unidata_lb(cps[b]) == UNIDATA_LB_CM)
				b--;
			if (brk[k] && o == LAYOUT_BREAK_NO && unidata_lb(cps[b]) == UNIDATA_LB_IS &&
			    unidata_lb(cps[k]) == UNIDATA_LB_NU) {
				numbers++;
				continue;
			}
			total++;
			agree += (o == LAYOUT_BREAK_YES) == brk[k];
		}
	}
	fclose(f);
	printf("LineBreakTest: %zu of %zu positions agree (%.2f%%); tailored: %zu inside clusters, "
	       "%zu kinsoku, %zu after leading spaces, %zu IS x NU\n",
	       agree, total, 100.0 * (double)agree / (double)total, cluster, kinsoku, indent, numbers);
	ck_assert_msg(agree * 1000 >= total * 995, "LineBreakTest: %zu of %zu", agree, total);
}
END_TEST

Suite *layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("wrap");
	tcase_add_test(tc, cjk_wraps_at_width);
	tcase_add_test(tc, kinsoku_closing_punctuation_never_starts_a_row);
	tcase_add_test(tc, kinsoku_opening_bracket_never_ends_a_row);
	tcase_add_test(tc, latin_words_stay_whole);
	tcase_add_test(tc, graphemes_are_never_split);
	tcase_add_test(tc, emoji_are_wide);
	tcase_add_test(tc, invalid_bytes_are_shown);
	tcase_add_test(tc, controls_are_shown_inert);
	tcase_add_test(tc, tabs_are_expanded);
	tcase_add_test(tc, lines_end_at_lf_crlf_and_cr);
	tcase_add_test(tc, tiny_widths);
	tcase_add_test(tc, paragraph_spacing);
	tcase_add_test(tc, ambiguous_width_option);
	tcase_add_test(tc, filter_keeps_only_matching_paragraphs);
	tcase_add_test(tc, agrees_with_line_break_test);
	tcase_add_test(tc, no_seam_at_64_kib);
	tcase_add_test(tc, space_with_a_mark_stays_whole);
	tcase_add_test(tc, no_break_after_a_stop_before_a_letter);
	tcase_add_test(tc, kinsoku_holds_the_jlreq_classes);
	tcase_add_test(tc, ambiguous_means_east_asian_ambiguous);
	tcase_add_test(tc, newer_characters_get_a_placeholder);
	tcase_add_test(tc, hanging_punctuation);
	suite_add_tcase(s, tc);
	TCase *tp = tcase_create("properties");
	tcase_add_test(tp, walks_agree_on_mixed_text);
	tcase_add_test(tp, walks_agree_on_lines_longer_than_a_segment);
	tcase_add_test(tp, resize_keeps_the_passage);
	tcase_set_timeout(tp, 300);
	suite_add_tcase(s, tp);
	return s;
}
