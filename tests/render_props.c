/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_props: checks the rows `fanye --render=W FILE` printed (on stdin)
 * against FILE, independently of fanye's own tables:
 *   - no row is wider than W columns by glibc wcwidth;
 *   - no row that continues a paragraph starts with closing punctuation or
 *     small kana, and none that is continued ends with an opening bracket;
 *   - the text is preserved: the non-space characters are the same, in order;
 *   - no row starts with a combining mark (a grapheme cluster cut);
 *   - a line of the file no wider than W (and without tabs) is one row.
 * Usage: render_props W FILE < rows.  Exit 0 if all hold, 1 with a message.
 */
#define _GNU_SOURCE
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static const wchar_t no_start[] =
	L"，。、；：？！）」』】》〉…々ー,.;:?!)ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ";
static const wchar_t no_end[] = L"（「『【《〈“";

typedef struct { wchar_t c; long para; } ch;

static int is_ws(wchar_t c)
{
	return c == L' ' || c == L'\t' || c == L'\r' || c == L'\n';
}

static char *slurp(FILE *f, size_t *n)
{
	size_t cap = 1 << 16, len = 0;
	char *b = malloc(cap);
	size_t r;
	while ((r = fread(b + len, 1, cap - len, f)) > 0) {
		len += r;
		if (len == cap)
			b = realloc(b, cap *= 2);
	}
	*n = len;
	return b;
}

/* Decodes UTF-8; returns the count, or -1 on invalid input. */
static long decode(const char *s, size_t n, wchar_t *out)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	long k = 0;
	for (size_t i = 0; i < n;) {
		size_t l = mbrtowc(&out[k], s + i, n - i, &st);
		if (l == (size_t)-1 || l == (size_t)-2)
			return -1;
		if (l == 0)
			l = 1;
		i += l;
		k++;
	}
	return k;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: render_props W FILE < rows\n");
		return 2;
	}
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		return 2;
	int W = atoi(argv[1]);
	FILE *f = fopen(argv[2], "rb");
	if (!f) {
		perror(argv[2]);
		return 2;
	}
	size_t on, rn;
	char *orig = slurp(f, &on);
	fclose(f);
	char *rows = slurp(stdin, &rn);
	size_t skip = (on >= 3 && memcmp(orig, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
	wchar_t *ow = malloc((on + 1) * sizeof *ow), *rw = malloc((rn + 1) * sizeof *rw);
	long onw = decode(orig + skip, on - skip, ow), rnw = decode(rows, rn, rw);
	if (onw < 0 || rnw < 0) {
		fprintf(stderr, "render_props: input is not valid UTF-8\n");
		return 2;
	}
	/* The original's non-space characters with their paragraph numbers,
	 * and each paragraph's width (-1: it holds a tab). */
	ch *oc = malloc((size_t)(onw + 1) * sizeof *oc);
	long *pw = calloc((size_t)onw + 2, sizeof *pw);
	long no = 0, para = 0;
	for (long i = 0; i < onw; i++) {
		if (ow[i] == L'\n' || (ow[i] == L'\r' && (i + 1 >= onw || ow[i + 1] != L'\n'))) {
			para++;
			continue;
		}
		if (ow[i] == L'\t' || pw[para] < 0 || wcwidth(ow[i]) < 0)
			pw[para] = -1; /* a tab, or a placeholder's width: not checked */
		else if (ow[i] != L'\r')
			pw[para] += wcwidth(ow[i]) > 0 ? wcwidth(ow[i]) : 0;
		if (!is_ws(ow[i]))
			oc[no++] = (ch){ow[i], para};
	}
	long k = 0, rowno = 0, bad = 0;
	for (long i = 0; i < rnw;) {
		long j = i;
		while (j < rnw && rw[j] != L'\n')
			j++;
		rowno++;
		int width = 0;
		long first = -1, last = -1;
		for (long x = i; x < j; x++) {
			int w = wcwidth(rw[x]);
			if (w < 0) {
				fprintf(stderr, "row %ld: non-printable U+%04X\n", rowno, (unsigned)rw[x]);
				bad++;
				w = 0;
			}
			width += w;
			if (is_ws(rw[x]))
				continue;
			/* a character newer than glibc shows as 〓 or U+FFFD */
			bool placeholder = k < no && (rw[x] == 0x3013 || rw[x] == 0xFFFD) && wcwidth(oc[k].c) < 0;
			if (k >= no || (oc[k].c != rw[x] && !placeholder)) {
				fprintf(stderr, "row %ld: text differs from the file at character %ld\n", rowno, k);
				exit(1);
			}
			if (first < 0)
				first = k;
			last = k;
			k++;
		}
		if (width > W) {
			fprintf(stderr, "row %ld: %d columns, wider than %d\n", rowno, width, W);
			bad++;
		}
		if (j > i && wcwidth(rw[i]) == 0) {
			fprintf(stderr, "row %ld starts with the combining mark U+%04X\n", rowno, (unsigned)rw[i]);
			bad++;
		}
		if (first > 0 && oc[first - 1].para == oc[first].para && pw[oc[first].para] >= 0 &&
		    pw[oc[first].para] <= W) {
			fprintf(stderr, "row %ld: a line of %ld columns broken at width %d\n", rowno, pw[oc[first].para], W);
			bad++;
		}
		if (first > 0 && oc[first - 1].para == oc[first].para && wcschr(no_start, oc[first].c)) {
			fprintf(stderr, "row %ld starts with '%lc'\n", rowno, (wint_t)oc[first].c);
			bad++;
		}
		if (last >= 0 && last + 1 < no && oc[last + 1].para == oc[last].para &&
		    wcschr(no_end, oc[last].c)) {
			fprintf(stderr, "row %ld ends with '%lc'\n", rowno, (wint_t)oc[last].c);
			bad++;
		}
		i = j + 1;
	}
	if (k != no) {
		fprintf(stderr, "render_props: %ld characters of the file are missing\n", no - k);
		bad++;
	}
	free(oc);
	free(pw);
	free(ow);
	free(rw);
	free(orig);
	free(rows);
	return bad ? 1 : 0;
}
