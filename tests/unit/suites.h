/* suites: the Check suites of the core's unit tests. */
#ifndef FANYE_TEST_SUITES_H
#define FANYE_TEST_SUITES_H
#include <check.h>
Suite *doc_suite(void);
Suite *layout_suite(void);
Suite *keymap_suite(void);
Suite *outline_suite(void);
Suite *search_suite(void);
Suite *config_suite(void);
Suite *marks_suite(void);
#endif
