/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * marks_tool: drives the bookmark store and the search history from test
 * scripts, as a fanye process does, one acknowledged change at a time:
 *   marks_tool add DOC N PREFIX    adds bookmarks PREFIX-1 .. PREFIX-N, each
 *                                  saved at once; prints "saved PREFIX-i"
 *                                  after each save that succeeded
 *   marks_tool history N PREFIX    adds queries PREFIX-1 .. PREFIX-N to the
 *                                  history; prints "saved PREFIX-i"
 * SIGWINCH gets a handler without SA_RESTART, as ncurses installs it, so a
 * resize interrupts what the store is doing.  Exit 0, or 1 after a failed
 * save (its message on stderr).
 */
#include "build.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fanye/history.h"
#include "fanye/marks.h"

static void on_winch(int sig)
{
	(void)sig;
}

static int add_bookmarks(const char *path, long n, const char *prefix)
{
	char err[600];
	doc *d = doc_open(path, err, sizeof err);
	if (!d) {
		fprintf(stderr, "marks_tool: %s\n", err);
		return 1;
	}
	marks_store s;
	marks_open(&s, d, path);
	if (s.msg[0])
		fprintf(stderr, "marks_tool: %s\n", s.msg);
	int rc = 0;
	for (long i = 1; i <= n && rc == 0; i++) {
		char label[300];
		snprintf(label, sizeof label, "%s-%ld", prefix, i);
		size_t off = d->len ? (size_t)(i * 7) % d->len : 0;
		while (off > 0 && (d->data[off] & 0xC0) == 0x80)
			off--;
		marks_add_bookmark(&s, d, off, label, NULL, NULL);
		if (marks_save(&s, d, err, sizeof err) == 0) {
			printf("saved %s\n", label);
			fflush(stdout);
		} else {
			fprintf(stderr, "marks_tool: %s\n", err);
			rc = 1;
		}
	}
	marks_close(&s);
	doc_close(d);
	return rc;
}

static int add_queries(long n, const char *prefix)
{
	history h;
	history_load(&h);
	int rc = 0;
	for (long i = 1; i <= n && rc == 0; i++) {
		char q[300], err[600];
		snprintf(q, sizeof q, "%s-%ld", prefix, i);
		if (history_add(&h, q, err, sizeof err) == 0) {
			printf("saved %s\n", q);
			fflush(stdout);
		} else {
			fprintf(stderr, "marks_tool: %s\n", err);
			rc = 1;
		}
	}
	history_free(&h);
	return rc;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_winch;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
	if (argc == 5 && strcmp(argv[1], "add") == 0)
		return add_bookmarks(argv[2], atol(argv[3]), argv[4]);
	if (argc == 4 && strcmp(argv[1], "history") == 0)
		return add_queries(atol(argv[2]), argv[3]);
	fprintf(stderr, "usage: marks_tool add DOC N PREFIX | marks_tool history N PREFIX\n");
	return 2;
}
