/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main: runs every unit-test suite of the core (headless, no terminal). */
#include "build.h"
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include "suites.h"

int main(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8")) {
		fprintf(stderr, "check_core: no C.UTF-8 locale\n");
		return 1;
	}
	SRunner *sr = srunner_create(doc_suite());
	srunner_add_suite(sr, layout_suite());
	srunner_add_suite(sr, pres_suite());
	srunner_add_suite(sr, keymap_suite());
	srunner_add_suite(sr, outline_suite());
	srunner_add_suite(sr, lineshape_suite());
	srunner_add_suite(sr, search_suite());
	srunner_add_suite(sr, config_suite());
	srunner_add_suite(sr, marks_suite());
	srunner_add_suite(sr, quote_suite());
	srunner_add_suite(sr, book_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
