/* test_doc: loading, the BOM, line terminators and line numbers. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "suites.h"
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

Suite *doc_suite(void)
{
	Suite *s = suite_create("doc");
	TCase *tc = tcase_create("doc");
	tcase_add_test(tc, bom_is_skipped);
	tcase_add_test(tc, line_numbers_lf_crlf_cr);
	tcase_add_test(tc, line_index_across_checkpoints);
	tcase_add_test(tc, open_errors_name_the_file);
	tcase_add_test(tc, open_maps_a_file_and_reads_empty);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
