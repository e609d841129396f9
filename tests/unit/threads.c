/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * threads: the outline's second thread under ThreadSanitizer (this program
 * is built with -fsanitize=thread, the core with it).  A generated
 * transcript (speakers, headings, code fences, CRLF lines), mapped from a
 * file as the reader maps one, is outlined with the second thread given
 * parts of many sizes, built in slices of several sizes, and sometimes
 * halted on the way; each outline must be the one a single thread makes,
 * and the second thread's parts must be taken over in most runs.  Then
 * searches in slices, each scan's second half on a second thread, must
 * find what one thread finds.  TSan
 * reports any access the two threads make to the same memory without an
 * order between them, and fails the run.
 */
#include "build.h"
#include "fanye/doc.h"
#include "fanye/outline.h"
#include "fanye/search.h"
#include "dump.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A transcript of about n bytes, the same for a seed. */
static char *transcript(size_t n, uint32_t seed, size_t *len)
{
	static const char *const who[] = {"Alice", "Bob", "Carol", "主持人", "嘉宾"};
	static const char *const said[] = {
		"I think the scaling era is ending, and research is back.\n",
		"你知道最疯狂的是什么吗？是这一切都是真的。\n",
		"Well, that depends on what you mean by generalisation.\r\n",
		"Short.\n",
	};
	char *s = malloc(n + 4096);
	size_t k = 0;
	if (!s)
		return NULL;
	bool marked = false;
	for (int part = 1; k < n; part++) {
		if (!marked && k > n / 10 * 9) {
			k += (size_t)sprintf(s + k, "ZZMARK, once, near the end\n");
			marked = true;
		}
		seed = seed * 1103515245u + 12345u;
		int r = (int)(seed >> 16);
		if (r % 23 == 0)
			k += (size_t)sprintf(s + k, "\n## Part %d\n\n", part);
		else if (r % 31 == 0)
			k += (size_t)sprintf(s + k, "```\nBob: in code\n# not a heading\n```\n");
		else if (r % 2)
			k += (size_t)sprintf(s + k, "%s: %s", who[r % 5], said[(r >> 4) % 4]);
		else
			k += (size_t)sprintf(s + k, "%s\n%s\n", who[r % 5], said[(r >> 4) % 4]);
	}
	*len = k;
	return s;
}

/* Every match of q forward in slices of 64 KiB, each scan's second half
 * on a second thread when ahead_from is 1 (never when SIZE_MAX). */
static char *matches(const doc *d, const char *q, size_t ahead_from, unsigned long *answers)
{
	char err[200];
	search_opts so = {0};
	search *s = search_new(q, &so, err, sizeof err);
	if (!s)
		return NULL;
	search_ahead_from(s, ahead_from);
	char *buf = NULL;
	size_t len = 0, pos = 0, ms, me;
	FILE *f = open_memstream(&buf, &len);
	enum search_result r;
	while ((r = search_forward(s, d, &pos, d->len, (size_t)64 << 10, &ms, &me)) != SEARCH_NONE)
		if (r == SEARCH_FOUND)
			fprintf(f, "%zu-%zu ", ms, me);
	fclose(f);
	*answers = search_ahead_answers(s);
	search_free(s);
	return buf;
}

int main(void)
{
	size_t len;
	char *text = transcript((size_t)2 << 20, 7, &len);
	char path[] = "/tmp/fanye-threads-XXXXXX", err[300];
	int fd = mkstemp(path);
	if (!text || fd < 0 || write(fd, text, len) != (ssize_t)len) {
		fprintf(stderr, "threads: cannot write %s\n", path);
		return 1;
	}
	close(fd);
	doc *d = doc_open(path, err, sizeof err);
	unlink(path);
	free(text);
	if (!d) {
		fprintf(stderr, "threads: %s\n", err);
		return 1;
	}
	size_t helped;
	char *want = outline_text(d, SIZE_MAX, 0, -1, &helped);
	int runs = 0, whole = 0, taken = 0, bad = 0;
	static const size_t steps[] = {0, (size_t)32 << 10, (size_t)1 << 20};
	for (int p = 1; p < 16; p++)
		for (int s = 0; s < 3; s++) {
			/* halted in one run of three: at once, or after a few slices */
			int halt = s == 1 && p % 3 == 0 ? p % 5 : -1;
			char *got = outline_text(d, d->len / 64 * (size_t)p, steps[s], halt, &helped);
			runs++;
			/* (in slices the second thread is not waited for: which parts
			 * meet depends on its speed) */
			whole += steps[s] == 0;
			taken += steps[s] == 0 && helped > 0;
			if (!want || !got || strcmp(got, want) != 0) {
				fprintf(stderr, "threads: parts of %d/64, slices of %zu: not the one thread's outline\n", p,
				        steps[s]);
				bad++;
			}
			free(got);
		}
	printf("threads: %d outlines; of the %d made at once, some of the second thread's parts taken over in %d\n",
	       runs, whole, taken);
	free(want);
	/* and the search's second thread */
	const char *qs[] = {"part 14", "zzmark", "ＢＯＢ: in code", "absent words"};
	unsigned long answered = 0;
	for (int i = 0; i < 4; i++) {
		unsigned long one, two;
		char *a = matches(d, qs[i], SIZE_MAX, &one), *b = matches(d, qs[i], 1, &two);
		if (!a || !b || strcmp(a, b) != 0) {
			fprintf(stderr, "threads: search \"%s\": not what one thread finds\n", qs[i]);
			bad++;
		}
		answered += two;
		free(a);
		free(b);
	}
	printf("threads: 4 searches, %lu scans answered by the second thread\n", answered);
	if (answered < 5) { /* the last scan of each, and a match far on */
		fprintf(stderr, "threads: the search's second thread answered too few scans\n");
		bad++;
	}
	doc_close(d);
	if (taken * 2 < whole) {
		fprintf(stderr, "threads: the states met at too few places\n");
		bad++;
	}
	return bad ? 1 : 0;
}
