/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_marks: the bookmark store's reader, merge and writer on arbitrary
 * store files, in a private state directory and never through a shell.
 * The input is written where the document's store lives; the store is
 * opened (read, places checked), merged with a change of this process's
 * own and written; what was written must then read back with the same
 * entries, and never be set aside. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fanye/marks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], docs[128], store[4200];
static const char *text = "a document\nwith two lines\n第三行的文字\n";

/* Empties the docs directory but for the store file. */
static void clean(void)
{
	DIR *d = opendir(docs);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char f[4400];
		snprintf(f, sizeof f, "%s/%s", docs, de->d_name);
		if (strcmp(f, store) != 0)
			unlink(f);
	}
	closedir(d);
}

/* The store's name, known once something has been saved. */
static void set_up(doc *d)
{
	snprintf(dir, sizeof dir, "/tmp/fanye-fuzz-marks-%d", (int)getpid());
	mkdir(dir, 0700);
	setenv("XDG_STATE_HOME", dir, 1);
	snprintf(docs, sizeof docs, "%s/fanye/docs", dir);
	marks_store s;
	marks_open(&s, d, NULL);
	marks_set_mark(&s, d, 'z', 0);
	char err[256];
	if (marks_save(&s, d, err, sizeof err) != 0)
		abort();
	snprintf(store, sizeof store, "%s", s.file);
	marks_close(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	doc *d = doc_from_bytes("f", text, strlen(text));
	if (!store[0])
		set_up(d);
	FILE *f = fopen(store, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	marks_store s;
	marks_open(&s, d, NULL);
	for (size_t i = 0; i < s.n; i++)
		if (s.e[i].offset > d->len || (s.e[i].offset < d->len && (d->data[s.e[i].offset] & 0xC0) == 0x80))
			abort(); /* a place outside the text or inside a character */
	marks_set_mark(&s, d, 'a', 3);
	marks_add_bookmark(&s, d, 11, (const char *)"label ' ; # = \\ \x01", NULL, NULL);
	if (s.n > 1)
		marks_rename(&s, 0, "renamed");
	char err[600];
	int rc = marks_save(&s, d, err, sizeof err);
	/* What was written reads back the same, and is never damaged. */
	if (rc == 0) {
		marks_store t;
		marks_open(&t, d, NULL);
		if (strstr(t.msg, "moved aside") || t.n != s.n)
			abort();
		for (size_t i = 0; i < s.n; i++) {
			if (strcmp(s.e[i].id, t.e[i].id) != 0 || s.e[i].offset != t.e[i].offset)
				abort();
			/* (a label is kept to its first 200 bytes) */
			const char *a = s.e[i].label, *b = t.e[i].label;
			if ((a == NULL) != (b == NULL) || (a && strncmp(a, b, strlen(b)) != 0) ||
			    (a && strlen(b) < strlen(a) && strlen(b) + 4 < 200))
				abort();
		}
		marks_close(&t);
	}
	marks_close(&s);
	clean();
	doc_close(d);
	return 0;
}
