/* test_marks: the bookmark store: round trip, two writers merged, a damaged
 * file moved aside, re-anchoring after edits before the passage, an edited
 * document's store found among other documents' stores, a passage that is
 * gone kept as not found, nothing created by opening, files that cannot
 * be written. */
#include "config.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "suites.h"
#include "fanye/marks.h"

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

Suite *marks_suite(void)
{
	Suite *s = suite_create("marks");
	TCase *tc = tcase_create("marks");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, two_writers_merge);
	tcase_add_test(tc, damaged_store_is_moved_aside);
	tcase_add_test(tc, reanchored_after_edits_before_the_passage);
	tcase_add_test(tc, edited_document_found_among_others);
	tcase_add_test(tc, gone_passages_are_kept_as_not_found);
	tcase_add_test(tc, opening_creates_nothing);
	tcase_add_test(tc, unwritable_places_give_messages);
	suite_add_tcase(s, tc);
	return s;
}
