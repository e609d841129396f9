/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_doc: loading, the BOM, line terminators and line numbers. */
#include "build.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "suites.h"
#include <uniconv.h>
#include "fanye/doc.h"

START_TEST(bom_is_skipped)
{
	doc *d = doc_from_bytes("t", "\xEF\xBB\xBFhello", 8);
	ck_assert_uint_eq(d->len, 5);
	ck_assert_int_eq(memcmp(d->data, "hello", 5), 0);
	doc_close(d);
}
END_TEST

START_TEST(line_numbers_lf_crlf_cr)
{
	const char *t = "one\r\ntwo\rthree\nfour";
	doc *d = doc_from_bytes("t", t, strlen(t));
	ck_assert_uint_eq(doc_line_number(d, 0, 0), 1);
	ck_assert_uint_eq(doc_line_number(d, 3, 0), 1);  /* the CR */
	ck_assert_uint_eq(doc_line_number(d, 4, 0), 1);  /* the LF of CRLF */
	ck_assert_uint_eq(doc_line_number(d, 5, 0), 2);
	ck_assert_uint_eq(doc_line_number(d, 9, 0), 3);
	ck_assert_uint_eq(doc_line_number(d, 15, 0), 4);
	ck_assert_uint_eq(doc_line_offset(d, 1), 0);
	ck_assert_uint_eq(doc_line_offset(d, 2), 5);
	ck_assert_uint_eq(doc_line_offset(d, 3), 9);
	ck_assert_uint_eq(doc_line_offset(d, 4), 15);
	ck_assert_uint_eq(doc_line_offset(d, 99), 15);
	ck_assert_uint_eq(doc_line_start(d, 12), 9);
	ck_assert_uint_eq(doc_line_start(d, 4), 0);
	ck_assert_uint_eq(doc_next_line(d, 0), 5);
	ck_assert_uint_eq(doc_next_line(d, 6), 9);
	doc_close(d);
}
END_TEST

/* Line numbers stay right across index checkpoints, with a CRLF straddling one. */
START_TEST(line_index_across_checkpoints)
{
	size_t n = DOC_CKPT * 3 + 100;
	char *buf = malloc(n);
	size_t lines = 0;
	for (size_t i = 0; i < n; i++)
		buf[i] = 'x';
	for (size_t i = 50; i < n; i += 77) {
		buf[i] = '\n';
	}
	buf[DOC_CKPT - 1] = '\r';
	buf[DOC_CKPT] = '\n';
	buf[2 * DOC_CKPT + 5] = '\r';
	doc *d = doc_from_bytes("t", buf, n);
	for (size_t i = 0; i < n; i++) {
		if (i % 4099 == 0 || (i > DOC_CKPT - 3 && i < DOC_CKPT + 3)) {
			size_t want = lines + 1;
			ck_assert_uint_eq(doc_line_number(d, i, 0), want);
			if (i == 0 || buf[i - 1] == '\n' || (buf[i - 1] == '\r' && buf[i] != '\n'))
				ck_assert_uint_eq(doc_line_offset(d, want), i);
		}
		if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 >= n || buf[i + 1] != '\n')))
			lines++;
	}
	doc_close(d);
	free(buf);
}
END_TEST

/* Numbered in any order (near the last line numbered, far, back, across
 * checkpoints), a line gets the number a fresh count gives. */
START_TEST(line_numbers_in_any_order)
{
	size_t n = DOC_CKPT * 2 + 300;
	char *buf = malloc(n);
	for (size_t i = 0; i < n; i++)
		buf[i] = (i * 2654435761u >> 7) % 13 == 0 ? '\n' : (i % 97 == 0 ? '\r' : 'y');
	size_t *line = malloc(n * sizeof *line);
	size_t l = 1;
	for (size_t i = 0; i < n; i++) {
		line[i] = l;
		if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 >= n || buf[i + 1] != '\n')))
			l++;
	}
	doc *d = doc_from_bytes("t", buf, n);
	size_t off = 0, seed = 12345;
	for (int k = 0; k < 3000; k++) {
		seed = seed * 6364136223846793005u + 1442695040888963407u;
		size_t step = (seed >> 33) % 7;
		if (step < 3)
			off = off + (seed >> 40) % 200 < n ? off + (seed >> 40) % 200 : 0; /* near, forward */
		else if (step < 5)
			off = off > (seed >> 40) % 200 ? off - (seed >> 40) % 200 : n - 1; /* near, back */
		else
			off = (seed >> 20) % n; /* anywhere */
		size_t ls = doc_line_start(d, off);
		ck_assert_uint_eq(doc_line_number(d, off, 0), line[ls]);
		/* the line ends in any span: what a fresh count says */
		size_t a = (seed >> 17) % n, b = a + (seed >> 45) % (n - a);
		ck_assert_uint_eq(doc_count_eols(d, a, b), line[b] - line[a]);
	}
	doc_close(d);
	free(line);
	free(buf);
}
END_TEST

/* A text of nothing but line ends, counted in any span (a counter that
 * counts many bytes at once must not overflow). */
START_TEST(blank_lines_counted_whole)
{
	size_t n = 70000;
	char *buf = malloc(n);
	memset(buf, '\n', n);
	doc *d = doc_from_bytes("t", buf, n);
	ck_assert_uint_eq(doc_count_eols(d, 0, n), n);
	ck_assert_uint_eq(doc_count_eols(d, 3, n - 5), n - 8);
	memset(buf, '\r', n);
	doc *r = doc_from_bytes("r", buf, n);
	ck_assert_uint_eq(doc_count_eols(r, 1, n), n - 1);
	doc_close(r);
	doc_close(d);
	free(buf);
}
END_TEST

START_TEST(open_errors_name_the_file)
{
	char err[256];
	ck_assert_ptr_null(doc_open("/nonexistent/fanye-test", err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/fanye-test"));
	ck_assert_ptr_null(doc_open("/", err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "directory"));
}
END_TEST

START_TEST(open_maps_a_file_and_reads_empty)
{
	char path[] = "/tmp/fanye-docXXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "\xEF\xBB\xBF" "a\nb\n", 7), 7);
	char err[256];
	doc *d = doc_open(path, err, sizeof err);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->len, 4);
	ck_assert_uint_eq(doc_line_number(d, 2, 0), 2);
	doc_close(d);
	ck_assert_int_eq(ftruncate(fd, 0), 0);
	d = doc_open(path, err, sizeof err);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->len, 0);
	ck_assert_uint_eq(doc_line_number(d, 0, 0), 1);
	doc_close(d);
	close(fd);
	unlink(path);
}
END_TEST

static const char *ZH = "我们在扩展什么？这是一个关于人工智能的访谈，内容涉及预训练、泛化和价值函数。";
static const char *TW = "我們在擴展什麼？這是一個關於人工智慧的訪談，內容涉及預訓練、泛化和價值函數。";
static const char *JA = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。"
                        "何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。";

/* text in enc, once (short) or repeated past the 64 KiB sample (long). */
static char *encoded(const char *enc, const char *text, bool lng, size_t *n)
{
	size_t l;
	char *b = u8_conv_to_encoding(enc, iconveh_error, (const uint8_t *)text, strlen(text), NULL, NULL, &l);
	ck_assert_ptr_nonnull(b);
	if (!lng) {
		*n = l;
		return b;
	}
	size_t cap = 200000, k = 0;
	char *big = malloc(cap);
	while (k + l + 1 < cap) {
		memcpy(big + k, b, l);
		k += l;
		big[k++] = '\n';
	}
	free(b);
	*n = k;
	return big;
}

START_TEST(detects_chinese_and_japanese_encodings)
{
	struct { const char *enc, *text, *want; } cases[] = {
		{"GB18030", ZH, "GB18030"}, {"GBK", ZH, "GB18030"}, {"BIG5", TW, "BIG5"},
		{"SHIFT_JIS", JA, "SHIFT_JIS"}, {"EUC-JP", JA, "EUC-JP"}, {"UTF-8", ZH, "UTF-8"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		for (int lng = 0; lng < 2; lng++) {
			size_t n;
			char *b = encoded(cases[i].enc, cases[i].text, lng, &n);
			ck_assert_msg(strcmp(doc_detect((unsigned char *)b, n), cases[i].want) == 0,
			              "%s %s -> %s", cases[i].enc, lng ? "long" : "short",
			              doc_detect((unsigned char *)b, n));
			free(b);
		}
}
END_TEST

static const char *KO = "오늘은 날씨가 정말 좋습니다. 우리는 공원에 가서 책을 읽고 산책을 했습니다. "
                        "저녁에는 친구들과 함께 맛있는 음식을 먹으며 이야기를 나누었습니다.";
static const char *RU = "Сегодня прекрасная погода. Мы пошли в парк, читали книги и гуляли вдоль реки. "
                        "Вечером мы ужинали с друзьями и долго разговаривали о литературе.";
static const char *FR = "« Aujourd’hui, il fait très beau », dit-elle. Nous sommes allés au café près de la "
                        "rivière ; l’été dernier, nous avions déjà lu ce roman étrange.";
static const char *EN = "“Hello,” she said. It’s a fine day — the best of the year, and we walked along the "
                        "river until dark.";
static const char *LATIN1 = "À côté du marché, le garçon lisait un vieux roman sur la plage.";

/* The longest start of text whose encoding in enc fits max bytes (cut
 * between characters), malloc'd; *n its bytes. */
static char *start_of(const char *enc, const char *text, size_t max, size_t *n)
{
	size_t cut = strlen(text);
	for (;;) {
		size_t l;
		char *b = u8_conv_to_encoding(enc, iconveh_error, (const uint8_t *)text, cut, NULL, NULL, &l);
		ck_assert_ptr_nonnull(b);
		if (l <= max) {
			*n = l;
			return b;
		}
		free(b);
		do
			cut--;
		while (cut && ((unsigned char)text[cut] & 0xC0) == 0x80);
	}
}

/* Every encoding of the issue, from sentences of each language, at 20
 * bytes, 200 bytes and whole: detected, and by whom. */
START_TEST(detects_every_encoding_and_says_how)
{
	struct { const char *enc, *text, *want, *how; } cases[] = {
		{"GB18030", ZH, "GB18030", "detected"},     {"BIG5", TW, "BIG5", "detected"},
		{"SHIFT_JIS", JA, "SHIFT_JIS", "detected"}, {"EUC-JP", JA, "EUC-JP", "detected"},
		{"ISO-2022-JP", JA, "ISO-2022-JP", "detected"},
		{"EUC-KR", KO, "UHC", "uchardet"},          {"KOI8-R", RU, "KOI8-R", "uchardet"},
		{"CP1251", RU, "WINDOWS-1251", "uchardet"}, {"CP1252", FR, "WINDOWS-1252", "uchardet"},
		{"CP1252", EN, "WINDOWS-1252", "uchardet"}, {"ISO-8859-1", LATIN1, "WINDOWS-1252", "uchardet"},
		{"UTF-16LE", ZH, "UTF-16LE", "detected"},   {"UTF-16BE", ZH, "UTF-16BE", "detected"},
		{"UTF-16LE", EN, "UTF-16LE", "detected"},   {"UTF-32LE", ZH, "UTF-32LE", "detected"},
		{"UTF-8", KO, "UTF-8", "detected"},
	};
	static const size_t sizes[] = {20, 200, 100000};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		for (size_t z = 0; z < 3; z++) {
			size_t n;
			char *b = start_of(cases[i].enc, cases[i].text, sizes[z], &n);
			const char *how, *got = doc_detect_how((unsigned char *)b, n, &how);
			ck_assert_msg(strcmp(got, cases[i].want) == 0 && strcmp(how, cases[i].how) == 0,
			              "%s %s, %zu bytes: %s (%s)", cases[i].enc, cases[i].text, n, got, how);
			free(b);
		}
	/* the byte-order marks */
	const char *how;
	ck_assert_str_eq(doc_detect_how((const unsigned char *)"\xFF\xFE" "a\0", 4, &how), "UTF-16LE");
	ck_assert_str_eq(how, "byte-order mark");
	ck_assert_str_eq(doc_detect_how((const unsigned char *)"\xFF\xFE\0\0" "a\0\0\0", 8, &how), "UTF-32LE");
	/* ASCII is UTF-8; four bytes of 中文 in GB18030 are not KOI8-R */
	ck_assert_str_eq(doc_detect_how((const unsigned char *)"plain text\n", 11, &how), "UTF-8");
	ck_assert_str_eq(doc_detect_how((const unsigned char *)"\xD6\xD0\xCE\xC4", 4, &how), "GB18030");
}
END_TEST

/* An opened file says its encoding and how it was chosen. */
START_TEST(open_says_how_the_encoding_was_chosen)
{
	size_t n;
	char *b = start_of("KOI8-R", RU, 1000, &n);
	doc *d = test_open_bytes(b, n, NULL);
	ck_assert_str_eq(d->encoding, "KOI8-R");
	ck_assert_str_eq(d->encoding_how, "uchardet");
	ck_assert(memcmp(d->data, "Сегодня", strlen("Сегодня")) == 0);
	doc_close(d);
	d = test_open_bytes(b, n, "CP1251");
	ck_assert_str_eq(d->encoding, "CP1251");
	ck_assert_str_eq(d->encoding_how, "set by --encoding");
	doc_close(d);
	free(b);
	/* UTF-16 without a mark decodes to the text */
	b = start_of("UTF-16LE", ZH, 1000, &n);
	d = test_open_bytes(b, n, NULL);
	ck_assert_uint_eq(d->len, strlen(ZH));
	ck_assert(memcmp(d->data, ZH, d->len) == 0);
	doc_close(d);
	free(b);
}
END_TEST

doc *test_open_bytes(const void *b, size_t n, const char *enc)
{
	char path[] = "/tmp/fanye-docXXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, b, n), (ssize_t)n);
	close(fd);
	char err[256];
	doc *d = doc_open_enc(path, enc, err, sizeof err);
	unlink(path);
	ck_assert_msg(d != NULL, "%s", err);
	return d;
}

START_TEST(decodes_to_utf8_keeping_lines)
{
	size_t n;
	char *b = encoded("GB18030", "第一章 开始\r\n正文。\r\n第二章 结束\r\n", false, &n);
	doc *d = test_open_bytes(b, n, NULL);
	ck_assert_str_eq(d->encoding, "GB18030");
	const char *want = "第一章 开始\r\n正文。\r\n第二章 结束\r\n";
	ck_assert_uint_eq(d->len, strlen(want));
	ck_assert_int_eq(memcmp(d->data, want, d->len), 0);
	ck_assert_uint_eq(doc_line_number(d, d->len - 1, 0), 3);
	doc_close(d);
	free(b);
	/* UTF-16 with a byte-order mark, both ways. */
	const unsigned char le[] = {0xFF, 0xFE, 'a', 0, 0x2D, 0x4E, '\n', 0};
	d = test_open_bytes(le, sizeof le, NULL);
	ck_assert_str_eq(d->encoding, "UTF-16LE");
	ck_assert_uint_eq(d->len, 5);
	ck_assert_int_eq(memcmp(d->data, "a中\n", 5), 0);
	ck_assert(!d->binary);
	doc_close(d);
	const unsigned char be[] = {0xFE, 0xFF, 0, 'a', 0x4E, 0x2D};
	d = test_open_bytes(be, sizeof be, NULL);
	ck_assert_str_eq(d->encoding, "UTF-16BE");
	ck_assert_int_eq(memcmp(d->data, "a中", 4), 0);
	doc_close(d);
	/* An override wins over detection. */
	b = encoded("BIG5", TW, false, &n);
	d = test_open_bytes(b, n, "BIG5");
	ck_assert_str_eq(d->encoding, "BIG5");
	ck_assert_uint_eq(d->len, strlen(TW));
	ck_assert_int_eq(memcmp(d->data, TW, d->len), 0);
	doc_close(d);
	free(b);
	ck_assert_int_eq(doc_check_encoding("GB18030"), 0);
	ck_assert_int_eq(doc_check_encoding("NO-SUCH-ENCODING"), -1);
}
END_TEST

START_TEST(undecodable_input_falls_back_with_replacements)
{
	/* Bytes that are valid in none of the candidates. */
	const unsigned char junk[] = {'o', 'k', 0x81, 0x20, 0xFF, 0xFE, 0x80, 'z', '\n'};
	doc *d = test_open_bytes(junk, sizeof junk, NULL);
	ck_assert_str_eq(d->encoding, "GB18030");
	ck_assert_ptr_nonnull(memmem(d->data, d->len, "\xEF\xBF\xBD", 3)); /* U+FFFD */
	ck_assert_int_eq(memcmp(d->data, "ok", 2), 0);
	doc_close(d);
	/* NUL bytes: binary. */
	const char bin[] = "ELF\0\0\0\x01\x02\x03";
	d = test_open_bytes(bin, sizeof bin, NULL);
	ck_assert(d->binary);
	doc_close(d);
}
END_TEST

START_TEST(the_corpus_copies_decode_alike)
{
	const char *shared = getenv("SHARED");
	char a[512], b[512];
	snprintf(a, sizeof a, "%s/corpus/interview.txt", shared ? shared : "/nonexistent");
	snprintf(b, sizeof b, "%s/corpus/interview.gb18030.txt", shared ? shared : "/nonexistent");
	char err[256];
	doc *u = doc_open(a, err, sizeof err), *g = doc_open(b, err, sizeof err);
	if (!u || !g) { /* no ../shared here (make distcheck) */
		doc_close(u);
		doc_close(g);
		return;
	}
	ck_assert_str_eq(g->encoding, "GB18030");
	ck_assert_uint_eq(u->len, g->len);
	ck_assert_int_eq(memcmp(u->data, g->data, u->len), 0);
	doc_close(u);
	doc_close(g);
}
END_TEST

Suite *doc_suite(void)
{
	Suite *s = suite_create("doc");
	TCase *tc = tcase_create("doc");
	tcase_add_test(tc, bom_is_skipped);
	tcase_add_test(tc, line_numbers_lf_crlf_cr);
	tcase_add_test(tc, line_index_across_checkpoints);
	tcase_add_test(tc, blank_lines_counted_whole);
	tcase_add_test(tc, line_numbers_in_any_order);
	tcase_add_test(tc, open_errors_name_the_file);
	tcase_add_test(tc, open_maps_a_file_and_reads_empty);
	tcase_add_test(tc, detects_chinese_and_japanese_encodings);
	tcase_add_test(tc, detects_every_encoding_and_says_how);
	tcase_add_test(tc, open_says_how_the_encoding_was_chosen);
	tcase_add_test(tc, decodes_to_utf8_keeping_lines);
	tcase_add_test(tc, undecodable_input_falls_back_with_replacements);
	tcase_add_test(tc, the_corpus_copies_decode_alike);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
