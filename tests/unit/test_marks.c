/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_marks: the bookmark store: round trip, two writers merged, a damaged
 * file moved aside, re-anchoring after edits before the passage, an edited
 * document's store found among other documents' stores, a passage that is
 * gone kept as not found, nothing created by opening, files that cannot
 * be written, old stores of a position only expiring. */
#include "build.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "suites.h"
#include "fanye/marks.h"
#include "fanye/anchor.h"

static char dir[64], docpath[128];

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/fanye-marks-%d", (int)getpid());
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	mkdir(dir, 0700);
	setenv("XDG_STATE_HOME", dir, 1);
	snprintf(docpath, sizeof docpath, "%s/doc.txt", dir);
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cleanup failed\n");
}

static doc *write_doc(const char *text)
{
	FILE *f = fopen(docpath, "w");
	fputs(text, f);
	fclose(f);
	char err[256];
	doc *d = doc_open(docpath, err, sizeof err);
	ck_assert_msg(d != NULL, "%s", err);
	return d;
}

static const char *TEXT =
	"# Title\n\nFirst paragraph of the text.\n\n## ASI\n\n"
	"The passage we bookmark is here, with enough words to be unique.\n\nLast line.\n";

static size_t offset_of(const doc *d, const char *needle)
{
	const char *p = memmem(d->data, d->len, needle, strlen(needle));
	ck_assert_ptr_nonnull(p);
	return (size_t)(p - (const char *)d->data);
}

START_TEST(round_trip)
{
	doc *d = write_doc(TEXT);
	marks_store s;
	marks_open(&s, d, docpath);
	ck_assert_str_eq(s.msg, "");
	size_t at = offset_of(d, "The passage");
	marks_set_mark(&s, d, 'a', at);
	marks_set_mark(&s, d, 'A', 0);
	marks_add_bookmark(&s, d, at, "label; with # and \"quotes\"\\", "a note\nwith a newline", "ASI");
	marks_set_position(&s, d, at);
	char err[256];
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	marks_close(&s);
	marks_open(&s, d, docpath);
	ck_assert_uint_eq(s.n, 3);
	ck_assert(s.has_position);
	ck_assert_uint_eq(s.position, at);
	ck_assert_uint_eq(marks_find_mark(&s, 'a')->offset, at);
	ck_assert_uint_eq(marks_find_mark(&s, 'A')->offset, 0);
	bool found = false;
	for (size_t i = 0; i < s.n; i++)
		if (!s.e[i].letter) {
			ck_assert_str_eq(s.e[i].label, "label; with # and \"quotes\"\\");
			ck_assert_str_eq(s.e[i].note, "a note\nwith a newline");
			ck_assert_str_eq(s.e[i].section, "ASI");
			found = true;
		}
	ck_assert(found);
	/* The file is private. */
	struct stat st;
	ck_assert_int_eq(stat(s.file, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	marks_close(&s);
	doc_close(d);
}
END_TEST

START_TEST(two_writers_merge)
{
	doc *d = write_doc(TEXT);
	marks_store a, b;
	marks_open(&a, d, docpath);
	marks_open(&b, d, docpath);
	marks_add_bookmark(&a, d, 10, "from a", NULL, NULL);
	marks_add_bookmark(&b, d, 20, "from b", NULL, NULL);
	marks_set_mark(&b, d, 'x', 30);
	char err[256];
	ck_assert_int_eq(marks_save(&a, d, err, sizeof err), 0);
	ck_assert_int_eq(marks_save(&b, d, err, sizeof err), 0);
	ck_assert_uint_eq(b.n, 3); /* b now sees a's bookmark too */
	ck_assert_int_eq(marks_save(&a, d, err, sizeof err), 0);
	ck_assert_uint_eq(a.n, 3);
	/* A deletion in one is not undone by the other's stale copy... */
	for (size_t i = 0; i < a.n; i++)
		if (a.e[i].letter == 'x') {
			marks_entry e = marks_delete(&a, i);
			free(e.label); free(e.note); free(e.section); free(e.before); free(e.after);
			break;
		}
	ck_assert_int_eq(marks_save(&a, d, err, sizeof err), 0);
	marks_close(&a);
	marks_close(&b);
	marks_open(&a, d, docpath);
	ck_assert_uint_eq(a.n, 2);
	marks_close(&a);
	doc_close(d);
}
END_TEST

START_TEST(damaged_store_is_moved_aside)
{
	doc *d = write_doc(TEXT);
	marks_store s;
	marks_open(&s, d, docpath);
	marks_set_mark(&s, d, 'a', 5);
	char err[256];
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	char file[sizeof s.file];
	snprintf(file, sizeof file, "%s", s.file);
	marks_close(&s);
	FILE *f = fopen(file, "w");
	fputs("this is not\n[an ini file\n\x01\x02 garbage = = =\n", f);
	fclose(f);
	marks_open(&s, d, docpath);
	ck_assert_ptr_nonnull(strstr(s.msg, "moved aside"));
	ck_assert_uint_eq(s.n, 0);
	/* And fanye carries on: a new store can be written. */
	marks_set_mark(&s, d, 'b', 5);
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	marks_close(&s);
	char aside[600];
	snprintf(aside, sizeof aside, "%s/fanye/docs", dir);
	DIR *dd = opendir(aside);
	int corrupt = 0;
	struct dirent *de;
	while ((de = readdir(dd)))
		corrupt += strstr(de->d_name, ".corrupt-") != NULL;
	closedir(dd);
	ck_assert_int_eq(corrupt, 1);
	doc_close(d);
}
END_TEST

START_TEST(reanchored_after_edits_before_the_passage)
{
	doc *d = write_doc(TEXT);
	marks_store s;
	marks_open(&s, d, docpath);
	size_t at = offset_of(d, "The passage");
	marks_add_bookmark(&s, d, at, "asi", NULL, "ASI");
	marks_set_mark(&s, d, 'q', offset_of(d, "Last line"));
	marks_set_position(&s, d, at);
	char err[256];
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	marks_close(&s);
	doc_close(d);
	/* Insert a paragraph near the top and delete a word before the passage. */
	d = write_doc("# Title\n\nA new paragraph, inserted near the top of the file.\n\n"
	              "First paragraph of text.\n\n## ASI\n\n"
	              "The passage we bookmark is here, with enough words to be unique.\n\nLast line.\n");
	marks_open(&s, d, docpath);
	ck_assert_uint_eq(s.n, 2);
	size_t want = offset_of(d, "The passage");
	for (size_t i = 0; i < s.n; i++) {
		ck_assert(!s.e[i].lost);
		if (!s.e[i].letter)
			ck_assert_uint_eq(s.e[i].offset, want);
		else
			ck_assert_uint_eq(s.e[i].offset, offset_of(d, "Last line"));
	}
	ck_assert_uint_eq(s.position, want);
	marks_close(&s);
	doc_close(d);
	/* The passage edited a little: the best near match. */
	d = write_doc("# Title\n\n## ASI\n\nThe passage we bookmark is HERE, with other words.\n");
	marks_open(&s, d, docpath);
	for (size_t i = 0; i < s.n; i++)
		if (!s.e[i].letter) {
			ck_assert(!s.e[i].lost);
			ck_assert_uint_eq(s.e[i].offset, offset_of(d, "The passage"));
		}
	marks_close(&s);
	doc_close(d);
}
END_TEST

/* Opens the store of d (read from path), sets mark letter at off, saves. */
static void save_mark(doc *d, const char *path, int letter, size_t off)
{
	marks_store t;
	marks_open(&t, d, path);
	marks_set_mark(&t, d, letter, off);
	char err[256];
	ck_assert_int_eq(marks_save(&t, d, err, sizeof err), 0);
	marks_close(&t);
}

START_TEST(edited_document_found_among_others)
{
	/* Other documents' stores, one of them under a path that begins as
	 * this one's does: passed over without being taken. */
	char other[160];
	for (int i = 0; i < 4; i++) {
		if (i == 0)
			snprintf(other, sizeof other, "%s.bak", docpath);
		else
			snprintf(other, sizeof other, "%s/other%d.txt", dir, i);
		FILE *f = fopen(other, "w");
		fprintf(f, "Another document, number %d, with a passage of its own.\n", i);
		fclose(f);
		char err[256];
		doc *o = doc_open(other, err, sizeof err);
		ck_assert_msg(o != NULL, "%s", err);
		save_mark(o, other, 'z', 0);
		doc_close(o);
	}
	doc *d = write_doc(TEXT);
	save_mark(d, docpath, 'q', offset_of(d, "Last line"));
	doc_close(d);
	d = write_doc("A line added at the top.\n\n# Title\n\nLast line.\n");
	marks_store s;
	marks_open(&s, d, docpath);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_int_eq(s.e[0].letter, 'q');
	ck_assert_uint_eq(s.e[0].offset, offset_of(d, "Last line"));
	marks_close(&s);
	doc_close(d);
}
END_TEST

START_TEST(gone_passages_are_kept_as_not_found)
{
	doc *d = write_doc(TEXT);
	marks_store s;
	marks_open(&s, d, docpath);
	marks_add_bookmark(&s, d, offset_of(d, "The passage"), "asi", NULL, NULL);
	char err[256];
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	marks_close(&s);
	doc_close(d);
	d = write_doc("Something else entirely.\n");
	marks_open(&s, d, docpath);
	ck_assert_uint_eq(s.n, 1);
	ck_assert(s.e[0].lost);
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	marks_close(&s);
	marks_open(&s, d, docpath);
	ck_assert_uint_eq(s.n, 1); /* never dropped */
	marks_close(&s);
	doc_close(d);
}
END_TEST

/* Opening reads the state directory and creates nothing; the first save
 * makes the directory and the store, which the next opening finds. */
START_TEST(opening_creates_nothing)
{
	doc *d = write_doc(TEXT);
	char state[200], docs[260];
	snprintf(state, sizeof state, "%s/new-state", dir);
	snprintf(docs, sizeof docs, "%s/fanye/docs", state);
	setenv("XDG_STATE_HOME", state, 1);
	marks_store s;
	marks_open(&s, d, docpath);
	ck_assert_str_eq(s.msg, "");
	struct stat st;
	ck_assert_int_ne(stat(state, &st), 0);
	marks_set_mark(&s, d, 'a', offset_of(d, "The passage"));
	char err[256];
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	ck_assert_int_eq(stat(docs, &st), 0);
	ck_assert_int_eq((int)(st.st_mode & 0777), 0700);
	ck_assert_int_eq(stat(s.file, &st), 0);
	marks_close(&s);
	marks_open(&s, d, docpath);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_uint_eq(s.e[0].offset, offset_of(d, "The passage"));
	marks_close(&s);
	/* Another document of the same size is not taken for this one. */
	doc_close(d);
	char other[512];
	snprintf(other, sizeof other, "%s", TEXT);
	other[2] = 'X';
	d = write_doc(other);
	marks_open(&s, d, "/elsewhere/doc.txt");
	ck_assert_uint_eq(s.n, 0);
	marks_close(&s);
	doc_close(d);
}
END_TEST

START_TEST(unwritable_places_give_messages)
{
	doc *d = write_doc(TEXT);
	marks_store s;
	/* A state directory under a regular file cannot exist. */
	char bad[200];
	snprintf(bad, sizeof bad, "%s/doc.txt/state", dir);
	setenv("XDG_STATE_HOME", bad, 1);
	marks_open(&s, d, docpath);
	ck_assert_ptr_nonnull(strstr(s.msg, "will not be kept"));
	ck_assert_ptr_nonnull(strstr(s.msg, "doc.txt/state")); /* the place named */
	marks_sort(&s); /* an empty store sorts (UBSan: no NULL to qsort) */
	char err[256];
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), -1);
	marks_close(&s);
	setenv("XDG_STATE_HOME", dir, 1);
	/* A symbolic link planted where the store goes is not written through
	 * (the store's name is known once something has been saved). */
	marks_open(&s, d, docpath);
	marks_set_mark(&s, d, 'b', 2);
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	char target[200];
	snprintf(target, sizeof target, "%s/target", dir);
	ck_assert_int_eq(unlink(s.file), 0);
	ck_assert_int_eq(symlink(target, s.file), 0);
	marks_set_mark(&s, d, 'a', 1);
	/* The link is moved aside, never written through. */
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	ck_assert_ptr_nonnull(strstr(s.msg, "moved aside"));
	struct stat st;
	ck_assert_int_ne(stat(target, &st), 0);
	ck_assert_int_eq(lstat(s.file, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	marks_close(&s);
	doc_close(d);
}
END_TEST

/* The store file of d, made by saving one mark. */
static void store_file(const doc *d, const char *path, char *file, size_t n)
{
	marks_store s;
	marks_open(&s, d, path);
	marks_set_mark(&s, d, 'z', 0);
	char err[256];
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	snprintf(file, n, "%s", s.file);
	marks_close(&s);
}

static size_t count_aside(void)
{
	char docs[600];
	snprintf(docs, sizeof docs, "%s/fanye/docs", dir);
	DIR *dd = opendir(docs);
	size_t n = 0;
	struct dirent *de;
	while (dd && (de = readdir(dd)))
		n += strstr(de->d_name, ".corrupt-") != NULL;
	if (dd)
		closedir(dd);
	return n;
}

/* A path of 4,000 bytes makes a `path =` line longer than iniparser read
 * (1,022): the store is found again by content and by that path. */
START_TEST(a_4000_byte_path)
{
	char p[4200];
	int k = snprintf(p, sizeof p, "%s", dir);
	const char *seg = "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd";
	while (k < 4000 - 8) {
		int room = 4000 - 8 - k - 1; /* this directory's name, then "/doc.txt" */
		k += snprintf(p + k, sizeof p - (size_t)k, "/%.*s", room < 200 ? room : 200, seg);
		mkdir(p, 0700);
	}
	k += snprintf(p + k, sizeof p - (size_t)k, "/doc.txt");
	ck_assert_int_ge(k, 4000);
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(TEXT, f);
	fclose(f);
	char err[256];
	doc *d = doc_open(p, err, sizeof err);
	ck_assert_ptr_nonnull(d);
	marks_store s;
	marks_open(&s, d, p);
	marks_add_bookmark(&s, d, offset_of(d, "The passage"), "deep", NULL, NULL);
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	marks_close(&s);
	marks_open(&s, d, p);
	ck_assert_str_eq(s.msg, "");
	ck_assert_uint_eq(s.n, 1);
	ck_assert_str_eq(s.doc_path, p);
	marks_close(&s);
	doc_close(d);
	/* Edited: found by the long path, re-anchored. */
	f = fopen(p, "w");
	fprintf(f, "A new first line.\n%s", TEXT);
	fclose(f);
	d = doc_open(p, err, sizeof err);
	marks_open(&s, d, p);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_uint_eq(s.e[0].offset, offset_of(d, "The passage"));
	ck_assert_uint_eq(count_aside(), 0);
	marks_close(&s);
	doc_close(d);
}
END_TEST

/* 100,000 entries open in one pass (quadratic before: 20,000 took 10 s, so
 * the case's timeout fails that), all of them, and are saved again. */
START_TEST(a_store_of_100000_entries)
{
	doc *d = write_doc(TEXT);
	char file[4200];
	store_file(d, docpath, file, sizeof file);
	FILE *f = fopen(file, "a");
	for (int i = 0; i < 100000; i++)
		fprintf(f, "\n[entry b%d]\noffset = 2\nletter = 0\ncreated = %d\nmodified = %d\nlabel = n%d\n"
		        "before = # \nafter = Title\n", i, i, i, i);
	fclose(f);
	marks_store s;
	marks_open(&s, d, docpath);
	ck_assert_str_eq(s.msg, "");
	ck_assert_uint_eq(s.n, 100001);
	marks_add_bookmark(&s, d, 3, "one more", NULL, NULL);
	char err[256];
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	marks_close(&s);
	marks_open(&s, d, docpath);
	ck_assert_uint_eq(s.n, 100002);
	marks_close(&s);
	doc_close(d);
}
END_TEST

/* Two documents of one size with the same first and last 16 KiB have one
 * fingerprint: the other's places are checked against their text and
 * found again by it, never shown at the same offset on other text. */
START_TEST(same_size_same_ends)
{
	size_t n = 40000, k = 0;
	char *a = malloc(n + 1), *b = malloc(n + 1);
	for (int line = 0; k + 40 < n; line++)
		k += (size_t)snprintf(a + k, n - k, "line %05d of the middle part here.\n", line);
	memset(a + k, 'z', n - k);
	a[n - 1] = '\n';
	a[n] = 0;
	/* b: the middle 4 KiB (whole lines) swapped for the 4 KiB after them. */
	memcpy(b, a, n + 1);
	size_t m = 18000 - 18000 % 36, half = 2052;
	memcpy(b + m, a + m + half, half);
	memcpy(b + m + half, a + m, half);
	doc *d = write_doc(a);
	size_t at = offset_of(d, "line 00505");
	marks_store s;
	marks_open(&s, d, docpath);
	marks_add_bookmark(&s, d, at, "in the middle", NULL, NULL);
	marks_set_mark(&s, d, 'a', at);
	char err[256];
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	marks_close(&s);
	doc_close(d);
	char other[200];
	snprintf(other, sizeof other, "%s/other.txt", dir);
	FILE *f = fopen(other, "w");
	fputs(b, f);
	fclose(f);
	d = doc_open(other, err, sizeof err);
	marks_open(&s, d, other);
	ck_assert_uint_eq(s.n, 2);
	size_t want = offset_of(d, "line 00505");
	ck_assert_uint_ne(want, at);
	for (size_t i = 0; i < s.n; i++) {
		ck_assert_uint_eq(s.e[i].offset, want);
		ck_assert(!s.e[i].lost);
	}
	marks_close(&s);
	doc_close(d);
	free(a);
	free(b);
}
END_TEST

/* A same-size edit that shifts the text by one byte: the mark is found
 * again on its text and never lands inside a character. */
START_TEST(shifted_by_one_byte)
{
	const char *t1 = "xx第一段的文字，这里有书签。\n第二段的文字在这里。\n";
	const char *t2 = "x第一段的文字，这里有书签。\n第二段的文字在这里。\nx";
	doc *d = write_doc(t1);
	size_t at = offset_of(d, "这里有");
	marks_store s;
	marks_open(&s, d, docpath);
	marks_set_mark(&s, d, 'a', at);
	char err[256];
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	marks_close(&s);
	doc_close(d);
	d = write_doc(t2);
	marks_open(&s, d, docpath);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_uint_eq(s.e[0].offset, at - 1);
	ck_assert_int_ne(d->data[s.e[0].offset] & 0xC0, 0x80);
	marks_close(&s);
	doc_close(d);
}
END_TEST

/* What a label or the context starts or ends with comes back as it was:
 * quotes, spaces, backslashes, ; and #. */
START_TEST(values_keep_their_quotes)
{
	const char *text = "'quoted at the start' and \"double\" ; # = \\ end'\n";
	doc *d = write_doc(text);
	marks_store s;
	marks_open(&s, d, docpath);
	marks_add_bookmark(&s, d, 0, "'single'", " 'note' ", NULL);
	marks_set_position(&s, d, 0);
	char err[256];
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	marks_close(&s);
	marks_open(&s, d, docpath);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_str_eq(s.e[0].label, "'single'");
	ck_assert_str_eq(s.e[0].note, " 'note' ");
	ck_assert_str_eq(s.e[0].after, text);
	ck_assert(!s.e[0].lost);
	marks_close(&s);
	doc_close(d);
}
END_TEST

/* An older session that still has a bookmark another deleted does not
 * bring it back when it saves; one it changed since stays. */
START_TEST(deleted_stays_deleted)
{
	doc *d = write_doc(TEXT);
	marks_store a, b;
	marks_open(&a, d, docpath);
	marks_add_bookmark(&a, d, 10, "x", NULL, NULL);
	marks_add_bookmark(&a, d, 20, "y", NULL, NULL);
	char err[256];
	ck_assert_int_eq(marks_save(&a, d, err, sizeof err), 0);
	marks_open(&b, d, docpath); /* the older session: it has x and y */
	ck_assert_uint_eq(b.n, 2);
	for (size_t i = a.n; i-- > 0;) {
		marks_entry e = marks_delete(&a, i);
		free(e.label); free(e.note); free(e.section); free(e.before); free(e.after);
	}
	ck_assert_int_eq(marks_save(&a, d, err, sizeof err), 0);
	/* b renames y (a change of its own), then saves. */
	for (size_t i = 0; i < b.n; i++)
		if (strcmp(b.e[i].label, "y") == 0)
			marks_rename(&b, i, "y renamed");
	marks_set_mark(&b, d, 'q', 30);
	ck_assert_int_eq(marks_save(&b, d, err, sizeof err), 0);
	marks_close(&a);
	marks_close(&b);
	marks_open(&a, d, docpath);
	ck_assert_uint_eq(a.n, 2);
	for (size_t i = 0; i < a.n; i++)
		ck_assert(a.e[i].letter == 'q' || strcmp(a.e[i].label, "y renamed") == 0);
	marks_close(&a);
	doc_close(d);
}
END_TEST

/* The state directory: one of another user is refused (as root, the test
 * can give it away); one removed while fanye is open is made again. */
START_TEST(state_directory_checked_and_remade)
{
	doc *d = write_doc(TEXT);
	char file[4200], err[256];
	store_file(d, docpath, file, sizeof file);
	char docs[600];
	snprintf(docs, sizeof docs, "%s/fanye/docs", dir);
	if (geteuid() == 0) {
		ck_assert_int_eq(chown(docs, 12345, 12345), 0);
		ck_assert_int_eq(chmod(docs, 0777), 0);
		marks_store s;
		marks_open(&s, d, docpath);
		ck_assert_ptr_nonnull(strstr(s.msg, "belongs to another user"));
		ck_assert_uint_eq(s.n, 0);
		marks_set_mark(&s, d, 'a', 1);
		ck_assert_int_eq(marks_save(&s, d, err, sizeof err), -1);
		marks_close(&s);
		ck_assert_int_eq(chown(docs, 0, 0), 0);
	}
	marks_store s;
	marks_open(&s, d, docpath);
	ck_assert_uint_eq(s.n, 1);
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf %s/fanye", dir);
	ck_assert_int_eq(system(cmd), 0);
	marks_set_mark(&s, d, 'b', 2);
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	marks_close(&s);
	marks_open(&s, d, docpath);
	ck_assert_uint_eq(s.n, 2);
	struct stat st;
	ck_assert_int_eq(stat(docs, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0700);
	marks_close(&s);
	doc_close(d);
}
END_TEST

/* A store over the size cap is not read and never written over. */
START_TEST(too_large_is_not_written_over)
{
	doc *d = write_doc(TEXT);
	char file[4200], err[256];
	store_file(d, docpath, file, sizeof file);
	FILE *f = fopen(file, "a");
	ck_assert_int_eq(ftruncate(fileno(f), (off_t)MARKS_STORE_MAX + 1), 0);
	fclose(f);
	marks_store s;
	marks_open(&s, d, docpath);
	ck_assert_ptr_nonnull(strstr(s.msg, "larger than 64 MiB"));
	marks_set_mark(&s, d, 'a', 1);
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), -1);
	marks_close(&s);
	struct stat st;
	ck_assert_int_eq(stat(file, &st), 0);
	ck_assert_int_eq(st.st_size, (off_t)MARKS_STORE_MAX + 1);
	ck_assert_uint_eq(count_aside(), 0);
	doc_close(d);
}
END_TEST

/* Three damaged stores set aside within one second keep three copies. */
START_TEST(set_aside_names_are_unique)
{
	doc *d = write_doc(TEXT);
	char file[4200];
	for (int i = 0; i < 3; i++) {
		store_file(d, docpath, file, sizeof file);
		FILE *f = fopen(file, "w");
		fprintf(f, "garbage %d\n", i);
		fclose(f);
		marks_store s;
		marks_open(&s, d, docpath);
		ck_assert_ptr_nonnull(strstr(s.msg, "moved aside"));
		marks_close(&s);
	}
	ck_assert_uint_eq(count_aside(), 3);
	doc_close(d);
}
END_TEST

static int asked;
static bool stop_at_second(void *ctx)
{
	(void)ctx;
	return ++asked >= 2;
}

/* Opening a large store can be stopped: nothing is used, nothing written. */
START_TEST(opening_can_be_stopped)
{
	doc *d = write_doc(TEXT);
	char file[4200], err[256];
	store_file(d, docpath, file, sizeof file);
	FILE *f = fopen(file, "a");
	for (int i = 0; i < 20000; i++)
		fprintf(f, "\n[entry b%d]\noffset = 1\n", i);
	fclose(f);
	struct stat before, after;
	stat(file, &before);
	marks_store s;
	asked = 0;
	ck_assert(!marks_open_cancel(&s, d, docpath, stop_at_second, NULL));
	ck_assert(s.readonly);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_ptr_nonnull(strstr(s.msg, "interrupted"));
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), -1);
	marks_close(&s);
	stat(file, &after);
	ck_assert_int_eq(before.st_size, after.st_size);
	asked = -1000000;
	ck_assert(marks_open_cancel(&s, d, docpath, stop_at_second, NULL));
	ck_assert_uint_eq(s.n, 20001);
	marks_close(&s);
	doc_close(d);
}
END_TEST

/* anchor_find in a mapped file of 3 MiB: text that moved by 200 KiB is found
 * (the growing windows), also when it straddles a 1 MiB read of the scan;
 * text that is nowhere is lost, the offset clamped to a character. */
START_TEST(anchor_in_a_large_mapped_file)
{
	size_t n = (size_t)3 << 20;
	char *t = malloc(n);
	for (size_t i = 0; i < n; i++)
		t[i] = "abcdefghij\n"[i % 11];
	const char *mark = "THE-UNIQUE-PLACE-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKL";
	size_t ml = strlen(mark);
	/* at 2 MiB - 30: its bytes cross the second 1 MiB read */
	size_t at = ((size_t)2 << 20) - 30;
	memcpy(t + at - 40, mark, ml); /* unique text on both sides of it */
	doc *d = test_open_bytes(t, n, NULL);
	ck_assert(doc_mapped(d));
	char *before, *after;
	anchor_context(d, at, &before, &after);
	ck_assert(anchor_holds(d, at, before, after));
	bool lost;
	for (size_t from = 0; from < n; from += (size_t)200 << 10) {
		ck_assert_uint_eq(anchor_find(d, from, before, after, &lost), at);
		ck_assert(!lost);
	}
	/* Only the text after it known, and the text before it alone. */
	ck_assert_uint_eq(anchor_find(d, at + (200 << 10), NULL, after, &lost), at);
	ck_assert_uint_eq(anchor_find(d, 5, before, "nowhere-to-be-found", &lost), at);
	ck_assert(!lost);
	ck_assert_uint_eq(anchor_find(d, 123457, "zzzz-nowhere-before", "zzzz-nowhere-after", &lost), 123457);
	ck_assert(lost);
	free(before);
	free(after);
	doc_close(d);
	free(t);
}
END_TEST

/* The store of a document written with text, its position or a mark set. */
static void store_of(const char *name, bool mark, char *file, size_t n)
{
	char path[200];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	fprintf(f, "The document called %s, with a passage of its own.\n", name);
	fclose(f);
	char err[256];
	doc *d = doc_open(path, err, sizeof err);
	ck_assert_msg(d != NULL, "%s", err);
	marks_store s;
	marks_open(&s, d, path);
	if (mark)
		marks_set_mark(&s, d, 'a', 4);
	else
		marks_set_position(&s, d, 4);
	ck_assert_int_eq(marks_save(&s, d, err, sizeof err), 0);
	snprintf(file, n, "%s", s.file);
	marks_close(&s);
	doc_close(d);
}

static void age_days(const char *file, int days)
{
	struct timeval tv[2];
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= (time_t)days * 86400;
	tv[1] = tv[0];
	ck_assert_int_eq(utimes(file, tv), 0);
}

START_TEST(position_only_stores_expire)
{
	char old_pos[4400], old_mark[4400], new_pos[4400], stamp[700], other[4400];
	store_of("old-position.txt", false, old_pos, sizeof old_pos);
	store_of("old-mark.txt", true, old_mark, sizeof old_mark);
	store_of("new-position.txt", false, new_pos, sizeof new_pos);
	age_days(old_pos, 200);
	age_days(old_mark, 200);
	/* the daily look was done by the first save: not again today */
	store_of("another.txt", false, other, sizeof other);
	ck_assert_int_eq(access(old_pos, F_OK), 0);
	/* a day later it is done again */
	snprintf(stamp, sizeof stamp, "%s/fanye/docs/.expired", dir);
	age_days(stamp, 2);
	store_of("yet-another.txt", false, other, sizeof other);
	ck_assert_int_ne(access(old_pos, F_OK), 0);   /* a position 200 days old: gone */
	ck_assert_int_eq(access(old_mark, F_OK), 0);  /* a bookmark never expires */
	ck_assert_int_eq(access(new_pos, F_OK), 0);   /* a recent position stays */
}
END_TEST

Suite *marks_suite(void)
{
	Suite *s = suite_create("marks");
	TCase *tc = tcase_create("marks");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, position_only_stores_expire);
	tcase_add_test(tc, two_writers_merge);
	tcase_add_test(tc, damaged_store_is_moved_aside);
	tcase_add_test(tc, reanchored_after_edits_before_the_passage);
	tcase_add_test(tc, edited_document_found_among_others);
	tcase_add_test(tc, gone_passages_are_kept_as_not_found);
	tcase_add_test(tc, opening_creates_nothing);
	tcase_add_test(tc, unwritable_places_give_messages);
	tcase_add_test(tc, a_4000_byte_path);
	tcase_add_test(tc, a_store_of_100000_entries);
	tcase_add_test(tc, same_size_same_ends);
	tcase_add_test(tc, shifted_by_one_byte);
	tcase_add_test(tc, values_keep_their_quotes);
	tcase_add_test(tc, deleted_stays_deleted);
	tcase_add_test(tc, state_directory_checked_and_remade);
	tcase_add_test(tc, too_large_is_not_written_over);
	tcase_add_test(tc, set_aside_names_are_unique);
	tcase_add_test(tc, opening_can_be_stopped);
	tcase_add_test(tc, anchor_in_a_large_mapped_file);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
