/* SPDX-License-Identifier: GPL-3.0-or-later */
/* suites: the Check suites of the core's unit tests. */
#ifndef FANYE_TEST_SUITES_H
#define FANYE_TEST_SUITES_H
#include <check.h>
#include <stddef.h>
#include "fanye/doc.h"
Suite *doc_suite(void);
Suite *layout_suite(void);
Suite *pres_suite(void);
Suite *keymap_suite(void);
Suite *outline_suite(void);
Suite *lineshape_suite(void);
Suite *search_suite(void);
Suite *config_suite(void);
Suite *marks_suite(void);
Suite *quote_suite(void);
Suite *book_suite(void);
/* Writes n bytes to a file and opens it (mapped, decoded as enc, or
 * detected when enc is NULL); the file is gone once it is open. */
doc *test_open_bytes(const void *b, size_t n, const char *enc);
#endif
