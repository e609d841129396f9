/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_outline: every recogniser of headings and speakers, and the traps
 * that must not be taken for structure. */
#include "build.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "suites.h"
#include "fanye/outline.h"
#include "dump.h"

/* --outline of document d, as a string; with step > 0, built in slices of
 * that size, resolved after each if resolve_each. */
static char *outline_doc_resolving(const doc *d, size_t step, bool resolve_each)
{
	outline *o = outline_new(d, NULL);
	ck_assert_ptr_nonnull(o);
	while (!outline_step(o, step))
		if (resolve_each)
			outline_resolve(o);
	char *buf = outline_string(o, outline_print);
	outline_free(o);
	return buf;
}

static char *outline_doc(const doc *d, size_t step)
{
	return outline_doc_resolving(d, step, false);
}

static char *outline_of(const char *text, size_t step)
{
	doc *d = doc_from_bytes("t", text, strlen(text));
	char *r = outline_doc(d, step);
	doc_close(d);
	return r;
}

/* A mapped file's outline, made in slices of any size, is the one made
 * at once. */
static void same_in_slices(const doc *d)
{
	char *want = outline_doc(d, 0);
	static const size_t steps[] = {1, 2, 3, 7, 64, 1000, 4096};
	for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
		char *got = outline_doc(d, steps[k]);
		ck_assert_msg(strcmp(got, want) == 0, "step %zu: %s\nnot\n%s", steps[k], got, want);
		free(got);
	}
	free(want);
}

/* The outline with parts of about split bytes for the second thread
 * (SIZE_MAX: none), built in slices of step (0: at once); *helped is
 * what was taken over from the second thread. */
static char *outline_split(const doc *d, size_t split, size_t step, size_t *helped)
{
	char *buf = outline_text(d, split, step, -1, helped);
	ck_assert_ptr_nonnull(buf);
	return buf;
}

/* However the document is cut in parts for the second thread (in parts
 * of every size from a byte to the whole, a size a line, or about
 * `points` sizes), the outline is the one thread's.  Returns how many of
 * the cuts tried had some part taken over (the two states met), through
 * *tried. */
static size_t same_split_anywhere(const doc *d, size_t points, size_t *tried)
{
	char *want = outline_split(d, SIZE_MAX, 0, NULL);
	size_t lines = 0, met = 0;
	for (size_t i = 0; i < d->len; i++)
		lines += d->data[i] == '\n';
	size_t stride = points && lines > points ? lines / points : 1, k = 0;
	*tried = 0;
	for (size_t i = 0; i + 1 < d->len; i++) {
		if (d->data[i] != '\n' || k++ % stride)
			continue;
		size_t helped = 0;
		bool whole = k & 1;
		char *got = outline_split(d, i + 1, whole ? 0 : 4096, &helped);
		ck_assert_msg(strcmp(got, want) == 0, "parts of %zu:\n%s\nnot\n%s", i + 1, got, want);
		free(got);
		/* (in slices, where the second thread is not waited for, which
		 * parts meet depends on its speed) */
		met += whole && helped > 0;
		*tried += whole;
	}
	free(want);
	return met;
}

#define OUTLINE(text, want) do { \
	char *got_ = outline_of(text, 0); \
	ck_assert_str_eq(got_, want); \
	free(got_); \
	got_ = outline_of(text, 7); \
	ck_assert_str_eq(got_, want); \
	free(got_); \
	doc *bd_ = doc_from_bytes("t", text, strlen(text)); \
	got_ = outline_doc_resolving(bd_, 7, true); \
	ck_assert_str_eq(got_, want); \
	free(got_); \
	doc_close(bd_); \
	doc *md_ = test_open_bytes(text, strlen(text), NULL); \
	got_ = outline_doc(md_, 5); \
	ck_assert_str_eq(got_, want); \
	free(got_); \
	same_in_slices(md_); \
	size_t tried_; \
	(void)same_split_anywhere(md_, 0, &tried_); \
	doc_close(md_); } while (0)

START_TEST(names_alone_on_their_lines)
{
	OUTLINE("访谈全文\n"
	        "Ilya Sutskever\n你知道最疯狂的是什么吗?\n"
	        "Dwarkesh Patel\n你指的是什么?\n"
	        "Ilya Sutskever\n长的回答。\n第二段继续。\n"
	        "情绪和价值\n"
	        "Dwarkesh Patel\n问题。\n"
	        "Ilya Sutskever:\n最后。\n",
	        "1\tH1\t访谈全文\n2\tS\tIlya Sutskever\n4\tS\tDwarkesh Patel\n"
	        "6\tS\tIlya Sutskever\n9\tH1\t情绪和价值\n10\tS\tDwarkesh Patel\n"
	        "12\tS\tIlya Sutskever\n");
}
END_TEST

START_TEST(short_answers_are_not_titles)
{
	/* "是第二个。" and "你指的是什么?" are whole turns, not section titles. */
	OUTLINE("A Person\n开始。\nB Person\n是第二个。\nA Person\n你指的是什么?\nB Person\n好。\n",
	        "1\tS\tA Person\n3\tS\tB Person\n5\tS\tA Person\n7\tS\tB Person\n");
	/* A question with a comma that ends a turn is not a title either. */
	OUTLINE("A Person\n开始。\n你觉得这两个人中,谁会更好?\nB Person\n第二个。\nA Person\n嗯。\n"
	        "B Person\n对。\n",
	        "1\tS\tA Person\n4\tS\tB Person\n6\tS\tA Person\n8\tS\tB Person\n");
	/* A name seen once, in no explicit form, is not a speaker. */
	OUTLINE("A Person\n开始。\nB Person\n第二个。\nA Person\n嗯。\n",
	        "1\tS\tA Person\n5\tS\tA Person\n");
}
END_TEST

START_TEST(play_script_names)
{
	OUTLINE("HAMLET:\nTo be, or not to be, that is the question.\n"
	        "OPHELIA:\nGood my lord.\nHAMLET:\nI humbly thank you.\nOPHELIA:\nWell, well.\n",
	        "1\tS\tHAMLET\n3\tS\tOPHELIA\n5\tS\tHAMLET\n7\tS\tOPHELIA\n");
}
END_TEST

START_TEST(inline_labels)
{
	OUTLINE("主持人：欢迎来到节目。\n嘉宾：谢谢。\n主持人：我们开始吧。\n嘉宾：好的。\n",
	        "1\tS\t主持人\n2\tS\t嘉宾\n3\tS\t主持人\n4\tS\t嘉宾\n");
	OUTLINE("Alice: Hello there.\nBob: Hi.\nAlice: How are you?\nBob: Fine.\n",
	        "1\tS\tAlice\n2\tS\tBob\n3\tS\tAlice\n4\tS\tBob\n");
	/* Explicit forms count from their first use. */
	OUTLINE("**Alice:** Hello.\n\n**Bob**: Hi.\n\nLex Fridman (00:12:34) Welcome.\n",
	        "1\tS\tAlice\n3\tS\tBob\n5\tS\tLex Fridman\n");
	OUTLINE("[00:12] Alice: One.\n\\[06:08\\] Bob: Two.\n[01:02:03] Alice: Three.\n",
	        "1\tS\tAlice\n2\tS\tBob\n3\tS\tAlice\n");
	OUTLINE("问：你好吗？\n答：很好。\n问：真的？\n答：真的。\n",
	        "1\tS\t问\n2\tS\t答\n3\tS\t问\n4\tS\t答\n");
	OUTLINE("Speaker 1  0:03\nHello.\nSpeaker 2  0:07\nHi.\n",
	        "1\tS\tSpeaker 1\n3\tS\tSpeaker 2\n");
	OUTLINE("Q: What is it?\nA: Nothing.\nQ: Really?\nA: Yes.\n",
	        "1\tS\tQ\n2\tS\tA\n3\tS\tQ\n4\tS\tA\n");
}
END_TEST

/* Turns looked up by offset (after, before, at) are what a walk over
 * all of them finds, at every offset, also while the outline is made in
 * slices: the turns are kept as a bitmap over the name candidates, with
 * names that are not turns between them. */
static void lookups_agree(const outline *o, const char *t, size_t len)
{
	size_t *at = malloc((o->nturns + 1) * sizeof *at);
	for (size_t i = 0; i < o->nturns; i++) {
		at[i] = outline_turn_get(o, (long)i).off;
		ck_assert(i == 0 || at[i] > at[i - 1]);
	}
	size_t n = 0; /* turns at or before off */
	for (size_t off = 0; off <= len; off++) {
		while (n < o->nturns && at[n] <= off)
			n++;
		long le = (long)n - 1, lt = n && at[n - 1] == off ? le - 1 : le;
		long gt = n < o->nturns ? (long)n : -1;
		long h = outline_heading_at(o, off);
		long in = le >= 0 && h >= 0 && o->headings[h].off > at[le] ? -1 : le;
		ck_assert_msg(outline_turn_after(o, off) == gt && outline_turn_before(o, off) == lt &&
		                  outline_turn_at(o, off) == in,
		              "at %zu of %.20s: %ld %ld %ld, not %ld %ld %ld", off, t, outline_turn_after(o, off),
		              outline_turn_before(o, off), outline_turn_at(o, off), gt, lt, in);
	}
	free(at);
}

START_TEST(turn_lookups_agree_with_a_walk)
{
	char *t = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&t, &len);
	for (int i = 0; i < 300; i++) {
		if (i % 50 == 7)
			fprintf(f, "\nCHAPTER %d\n\n", i / 50 + 1);
		if (i % 5 == 2)
			fprintf(f, "Guest%d: once only.\n", i); /* a name candidate, not a turn */
		fprintf(f, "%s: line %d.\n", i % 3 ? "Alice" : "Bob", i);
	}
	fclose(f);
	doc *d = doc_from_bytes("t", t, len);
	static const size_t steps[] = {0, 700, 4096};
	for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
		outline *o = outline_new(d, NULL);
		while (!outline_step(o, steps[k])) {
			outline_resolve(o);
			if (o->scanned / 700 % 5 == 0)
				lookups_agree(o, t, len);
		}
		ck_assert_uint_eq(o->nturns, 300);
		ck_assert_uint_ge(o->nheadings, 5);
		lookups_agree(o, t, len);
		outline_free(o);
	}
	doc_close(d);
	free(t);
}
END_TEST

START_TEST(names_are_normalised)
{
	OUTLINE("**Ilya Sutskever:** one.\nIlya Sutskever: two.\n[00:01] Ilya Sutskever: three.\n",
	        "1\tS\tIlya Sutskever\n2\tS\tIlya Sutskever\n3\tS\tIlya Sutskever\n");
}
END_TEST

START_TEST(continuation_paragraphs_belong_to_the_turn)
{
	const char *t = "Alice: first.\n\nmore from Alice.\n\nBob: second.\nAlice: third.\nBob: x.\n";
	doc *d = doc_from_bytes("t", t, strlen(t));
	outline *o = outline_new(d, NULL);
	outline_step(o, 0);
	ck_assert_uint_eq(o->nturns, 4);
	size_t more = (size_t)(strstr(t, "more") - t);
	ck_assert_int_eq(outline_turn_at(o, more), 0);
	ck_assert_str_eq(o->speakers[outline_turn_get(o, outline_turn_at(o, more)).speaker].name, "Alice");
	ck_assert_uint_eq(outline_turn_get(o, 0).label_len, strlen("Alice:"));
	ck_assert_uint_eq(o->speakers[0].turns, 2);
	outline_free(o);
	doc_close(d);
}
END_TEST

START_TEST(not_structure)
{
	/* Narrative speech, list items, a single unexplained label, a line of
	 * speech ending with ':' */
	OUTLINE("士隐笑道：“你来了。”\n雨村道：“是。”\n士隐笑道：“请坐。”\n雨村道：“好。”\n", "");
	OUTLINE("- Alice: one\n- Alice: two\n* Bob: three\n1. Bob: four\n", "");
	OUTLINE("Note: this is a note.\nNote: another.\n", "");
	OUTLINE("Warning: careful.\n", "");
	OUTLINE("他心想：这不对。\n他心想：还是不对。\n", "");
	OUTLINE("Here is the list:\nalpha\nbeta\n", "");
	OUTLINE("大概意思是:\n咋我说的时候没人当回事儿呢?\n", "");
	OUTLINE("http://example.org/a\nhttp://example.org/b\n", "");
	OUTLINE("At 10:30 we met.\nAt 11:30 we left.\n", "");
}
END_TEST

START_TEST(yaml_front_matter_is_skipped)
{
	OUTLINE("---\ntitle: Foo\nAuthor: Bar\nAlice: x\nAlice: y\n---\n# Real\ntext\n",
	        "7\tH1\tReal\n");
}
END_TEST

START_TEST(markdown_headings)
{
	OUTLINE("# One\n\n## Two ##\n\n###### Six\n\n####### Seven\n\n#NoSpace\n\n```\n# in code\n```\n",
	        "1\tH1\tOne\n3\tH2\tTwo\n5\tH6\tSix\n");
	OUTLINE("Title\n=====\n\ntext.\n\nSub\n---\n\nA sentence.\n---\n", "1\tH1\tTitle\n6\tH2\tSub\n");
	OUTLINE("## **Bold** title\n", "1\tH2\tBold title\n");
}
END_TEST

START_TEST(chinese_chapters)
{
	OUTLINE("第一卷 风起\n第一章 初入江湖\n正文。\n第二章：再会\n正文。\n第3节 小节\n",
	        "1\tH1\t第一卷 风起\n2\tH2\t第一章 初入江湖\n4\tH2\t第二章：再会\n6\tH3\t第3节 小节\n");
	OUTLINE("第一回　甄士隐梦幻识通灵　贾雨村风尘怀闺秀\n　　此开卷第一回也。\n第１２０回 结局\n",
	        "1\tH1\t第一回 甄士隐梦幻识通灵 贾雨村风尘怀闺秀\n3\tH1\t第１２０回 结局\n");
	OUTLINE("第十章初入江湖\n", "1\tH1\t第十章初入江湖\n");
	/* Indented body text that mentions 第一回 is not a heading. */
	OUTLINE("　　第一回中说的是甄士隐的故事，后来如何。\n　　第一回里写到。\n", "");
	OUTLINE("第一章说的是什么，大家都知道。\n", "");
	OUTLINE("序章\n正文。\n楔子 缘起\n", "1\tH1\t序章\n3\tH1\t楔子 缘起\n");
}
END_TEST

START_TEST(english_chapters)
{
	OUTLINE("Part One\nChapter 12\nCHAPTER XII. The Return\nChapter Twenty-One: Home\n",
	        "1\tH1\tPart One\n2\tH2\tChapter 12\n3\tH2\tCHAPTER XII. The Return\n"
	        "4\tH2\tChapter Twenty-One: Home\n");
	OUTLINE("Chapter 3 was the best part of the book.\nchapter 4\nChapters 1 to 3\n", "");
	OUTLINE("ACT I\nSCENE 2\nPrologue\n", "1\tH1\tACT I\n2\tH2\tSCENE 2\n3\tH2\tPrologue\n");
}
END_TEST

START_TEST(aozora_headings)
{
	OUTLINE("吾輩は猫である［＃「吾輩は猫である」は大見出し］\n"
	        "［＃３字下げ］第一章［＃「第一章」は中見出し］\n本文。\n"
	        "［＃５字下げ］一《いち》［＃「一」は小見出し］\n"
	        "［＃「消えた」は中見出し］\n",
	        "1\tH1\t吾輩は猫である\n2\tH2\t第一章\n4\tH3\t一\n");
}
END_TEST

START_TEST(mixed_transcript_and_markdown)
{
	OUTLINE("# Episode 12\n\n## Opening\n\n**Host:** Welcome.\n\n**Guest:** Thanks.\n\n"
	        "## Part two\n\nHost: Next.\n\nGuest: Sure.\n",
	        "1\tH1\tEpisode 12\n3\tH2\tOpening\n5\tS\tHost\n7\tS\tGuest\n9\tH2\tPart two\n"
	        "11\tS\tHost\n13\tS\tGuest\n");
}
END_TEST

START_TEST(crlf_and_cr_lines)
{
	OUTLINE("# A\r\nAlice: x\r\nBob: y\rAlice: z\rBob: w\r\n",
	        "1\tH1\tA\n2\tS\tAlice\n3\tS\tBob\n4\tS\tAlice\n5\tS\tBob\n");
}
END_TEST

/* Real documents, and one made to straddle slices: long lines, CRLF and
 * lone CRs, blank runs, a fence, headings and turns. */
START_TEST(slices_read_what_the_mapping_holds)
{
	const char *dirs[] = {getenv("SRCDIR"), getenv("SHARED")};
	const char *files[] = {"assets/sample.txt", "corpus/interview.txt", "corpus/interview.crlf.txt"};
	for (size_t i = 0; i < 3; i++) {
		const char *dir = dirs[i == 0 ? 0 : 1];
		if (!dir)
			continue;
		char path[4096], err[300];
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if (access(path, R_OK) != 0)
			continue;
		doc *d = doc_open(path, err, sizeof err);
		ck_assert_msg(d != NULL, "%s", err);
		same_in_slices(d);
		doc_close(d);
	}
	char *t = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&t, &n);
	for (int k = 0; k < 40; k++) {
		fprintf(f, "# Part %d\r\n\r\n", k);
		fprintf(f, "Alice: %*s\r\n", 300 + k * 37, "long");
		fprintf(f, "Bob: short\rAlice: cr only\r\n\n\n\n");
		fprintf(f, "Chapter %d\n%s\n", k + 1, k % 3 ? "text" : "```\nAlice: in a fence\n```");
		fprintf(f, "Setext %d\n======\n", k);
		fprintf(f, "访谈全文 %d\nIlya Sutskever\n你知道最疯狂的是什么吗?\nDwarkesh Patel\n问题。\n", k);
	}
	fclose(f);
	doc *d = test_open_bytes(t, n, NULL);
	same_in_slices(d);
	doc_close(d);
	free(t);
}
END_TEST

/* Resolving adds what the scan found since the last time, and makes it
 * all again when a decision changes: resolved after every slice of real
 * documents (plays, a transcript, Markdown, Aozora), the outline is the
 * one made at once. */
START_TEST(resolving_as_it_goes_gives_the_whole)
{
	const char *dirs[] = {getenv("SRCDIR"), getenv("SHARED")};
	const char *files[] = {"tests/docs/coriolanus.txt", "tests/docs/hamlet.txt", "tests/docs/interview.txt",
	                       "tests/docs/transcript.md", "tests/docs/aozora.txt", "assets/sample.txt",
	                       "corpus/interview.txt"};
	int done = 0;
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		const char *dir = dirs[i + 1 < sizeof files / sizeof *files ? 0 : 1];
		char path[4096], err[300];
		snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", files[i]);
		if (access(path, R_OK) != 0)
			continue;
		doc *d = doc_open(path, err, sizeof err);
		ck_assert_msg(d != NULL, "%s", err);
		char *want = outline_doc(d, 0);
		static const size_t steps[] = {1, 97, 4096};
		for (size_t k = 0; k < 3; k++) {
			char *got = outline_doc_resolving(d, steps[k], true);
			ck_assert_msg(strcmp(got, want) == 0, "%s, step %zu:\n%s\nnot\n%s", files[i], steps[k], got, want);
			free(got);
		}
		ck_assert_uint_gt(strlen(want), 20);
		free(want);
		/* The last part is always the second thread's, and the states
		 * meet in it unless it is too short (or the cut leaves one part);
		 * which of the others it takes depends on the two threads'
		 * speed: they only add to this. */
		size_t tried, met = same_split_anywhere(d, 40, &tried);
		ck_assert_msg(met * 2 >= tried, "%s: met at %zu of %zu places", files[i], met, tried);
		doc_close(d);
		done++;
	}
	ck_assert_int_ge(done, 6);
}
END_TEST

/* A code fence open where the second thread starts: that thread takes
 * its lines for text, and its lines after the fence for code, so its
 * part is taken over only once the two agree (after the fence, or
 * never): the outline is the one thread's wherever it starts. */
START_TEST(fences_across_the_split)
{
	char text[8192];
	size_t n = 0;
	n += (size_t)snprintf(text + n, sizeof text - n, "# Start\n\nAlice: one\n\nBob: two\n\n```\n");
	for (int k = 0; k < 12; k++)
		n += (size_t)snprintf(text + n, sizeof text - n, "Carol: in code %d\n~~~\n# not a heading %d\n\n", k, k);
	n += (size_t)snprintf(text + n, sizeof text - n, "```\n\n# After\n\nAlice: three\n\nBob: four\n\n~~~\n");
	for (int k = 0; k < 30; k++)
		n += (size_t)snprintf(text + n, sizeof text - n, "Dave: %d\n", k);
	n += (size_t)snprintf(text + n, sizeof text - n, "~~~\nAlice: five\n\nBob: six\n");
	OUTLINE(text, "1\tH1\tStart\n3\tS\tAlice\n5\tS\tBob\n58\tH1\tAfter\n60\tS\tAlice\n62\tS\tBob\n"
	              "96\tS\tAlice\n98\tS\tBob\n");
	/* nothing pending on either side: only the fences tell them apart */
	OUTLINE("```\n\n\nAlice: in code\n~~~\n# not\n~~~\n\n```\n\n# After\n\nAlice: one\n\nBob: two\n\nAlice: three\n",
	        "11\tH1\tAfter\n13\tS\tAlice\n17\tS\tAlice\n");
}
END_TEST

/* Halted, the second thread leaves the rest to this one, with the same
 * outline; not halted, its part is taken over.  Both with the
 * configuration's patterns and aliases, which the second thread has too. */
START_TEST(second_thread_halted_or_not)
{
	char path[4096], err[300];
	snprintf(path, sizeof path, "%s/tests/docs/interview.txt", getenv("SRCDIR") ? getenv("SRCDIR") : ".");
	doc *d = doc_open(path, err, sizeof err);
	ck_assert_msg(d != NULL, "%s", err);
	const char *from[] = {"Host"}, *to[] = {"THE HOST"};
	outline_opts conf = {.speaker_re = "^\\[(\\w+)\\] ", .alias_from = from, .alias_to = to, .nalias = 1};
	for (int c = 0; c < 2; c++) {
		outline_opts one = c ? conf : (outline_opts){0};
		one.split = SIZE_MAX;
		outline *o = outline_new(d, &one);
		ck_assert_ptr_nonnull(o);
		outline_step(o, 0);
		char *want = NULL, *got = NULL;
		size_t n;
		FILE *f = open_memstream(&want, &n);
		outline_print(o, f);
		fclose(f);
		outline_free(o);
		for (int halt = 0; halt < 2; halt++) {
			one.split = d->len / 2;
			o = outline_new(d, &one);
			ck_assert_ptr_nonnull(o);
			outline_step(o, 4096);
			if (halt)
				outline_halt(o);
			/* the rest at once: the second thread is waited for */
			while (!outline_step(o, 0))
				;
			f = open_memstream(&got, &n);
			outline_print(o, f);
			fclose(f);
			ck_assert_str_eq(got, want);
			if (halt)
				ck_assert_uint_eq(o->helped, 0);
			else
				ck_assert_uint_gt(o->helped, d->len / 4);
			free(got);
			outline_free(o);
		}
		free(want);
	}
	doc_close(d);
}
END_TEST

/* [structure] patterns are PCRE2: \d is a digit (a full-width one too),
 * the speaker pattern's first group is the name; a bad one is refused
 * with PCRE2's reason. */
START_TEST(configured_patterns_are_pcre2)
{
	const char *t = "Some prose at the start of the document, long enough to be prose.\n"
	                "1. First part\n"
	                "More prose follows here in the first part of it, long enough.\n"
	                "２. 第二部分\n"
	                "[Host] welcome to the show, and thanks for coming.\n";
	doc *d = doc_from_bytes("t", t, strlen(t));
	outline_opts oo = {.heading_re = "^\\d+\\. ", .speaker_re = "^\\[(\\w+)\\] "};
	outline *o = outline_new(d, &oo);
	ck_assert_ptr_nonnull(o);
	while (!outline_step(o, 0))
		;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	outline_print(o, f);
	fclose(f);
	ck_assert_str_eq(buf, "2\tH1\t1. First part\n4\tH1\t２. 第二部分\n5\tS\tHost\n");
	free(buf);
	outline_free(o);
	doc_close(d);
	char why[200];
	ck_assert_ptr_null(outline_pattern("(unclosed", why, sizeof why));
	ck_assert_str_eq(why, "missing closing parenthesis at character 10");
}
END_TEST

/* A play with blank lines between speeches (Coriolanus I.i, public
 * domain): the short last line of a speech ("Is't a verdict?") is not a
 * section, a stage direction between turns is not one where ACT and SCENE
 * are the headings, a speech of one word that looks like a name ("Come:")
 * and an empty turn before a blank line are turns. */
START_TEST(play_with_blank_lines)
{
	OUTLINE("ACT I\n\nSCENE I. Rome. A street.\n\n"
	        "First Citizen:\nBefore we proceed any further, hear me speak.\n\n"
	        "All:\nSpeak, speak.\n\n"
	        "First Citizen:\nLet us kill him, and we'll have corn at our own price.\nIs't a verdict?\n\n"
	        "All:\nNo more talking on't; let it be done: away, away!\n\n"
	        "Enter MENENIUS AGRIPPA\n\n"
	        "BRUTUS:\nCome:\n\n"
	        "SICINIUS:\n\n"
	        "BRUTUS:\nNot according to the prayer of the people.\n\n"
	        "SICINIUS:\nNature teaches beasts to know their friends.\n\n"
	        "MENENIUS:\nWhy, masters, my good friends, mine honest neighbours,\nWill you undo yourselves?\n\n"
	        "First Citizen:\nWe cannot, sir, we are undone already.\n\n"
	        "MENENIUS:\nI tell you, friends, most charitable care\nHave the patricians of you.\n",
	        "1\tH1\tACT I\n3\tH2\tSCENE I. Rome. A street.\n"
	        "5\tS\tFirst Citizen\n8\tS\tAll\n11\tS\tFirst Citizen\n15\tS\tAll\n"
	        "20\tS\tBRUTUS\n23\tS\tSICINIUS\n25\tS\tBRUTUS\n28\tS\tSICINIUS\n"
	        "31\tS\tMENENIUS\n35\tS\tFirst Citizen\n38\tS\tMENENIUS\n");
}
END_TEST

/* A label whose text opens with a quotation mark is a turn once the name
 * is a speaker's (a podcast: 杨松琳：“线性”…); in a novel, 宝玉道：“…”
 * stays narrative. */
START_TEST(quoted_turns)
{
	OUTLINE("杨松琳：我先说两句。\n\n主持人：好的，那我们聊聊别的。\n\n"
	        "杨松琳：“线性”这个词，我们今天先放一放。\n\n后面再说。\n\n主持人：明白了。\n\n"
	        "杨松琳：“稀疏”也很重要。\n",
	        "1\tS\t杨松琳\n3\tS\t主持人\n5\tS\t杨松琳\n9\tS\t主持人\n11\tS\t杨松琳\n");
	OUTLINE("第一回\n\n宝玉道：“我不去。”\n\n黛玉笑道：“你不去，我去。”\n\n宝玉道：我偏不去。\n\n"
	        "宝玉道：“好吧。”\n\n第二回\n\n宝玉道：“又是你。”\n",
	        "1\tH1\t第一回\n11\tH1\t第二回\n");
}
END_TEST

/* Project Gutenberg's play shapes (Hamlet III.i, public domain): a name
 * in capitals with a period alone on its line, or before the speech on
 * the same line; and subtitle-style （张三） labels. */
START_TEST(gutenberg_and_parenthesised_names)
{
	OUTLINE("ACT III.\n\nSCENE I. A room in the Castle.\n\n"
	        "KING.\nAnd can you by no drift of circumstance\nGet from him why he puts on this confusion?\n\n"
	        "ROSENCRANTZ.\nHe does confess he feels himself distracted.\n\n"
	        "KING.\nDid he receive you well?\n\n"
	        "ROSENCRANTZ.\nMost like a gentleman.\n\n"
	        "HAMLET. To be, or not to be, that is the question:\nWhether 'tis nobler in the mind to suffer\n\n"
	        "OPHELIA. Good my lord,\nHow does your honour for this many a day?\n\n"
	        "HAMLET. I humbly thank you; well, well, well.\n\n"
	        "OPHELIA. My lord, I have remembrances of yours.\n\n"
	        "QUEEN.\nI shall obey you.\n",
	        "1\tH1\tACT III.\n3\tH2\tSCENE I. A room in the Castle.\n"
	        "5\tS\tKING\n9\tS\tROSENCRANTZ\n12\tS\tKING\n15\tS\tROSENCRANTZ\n"
	        "18\tS\tHAMLET\n21\tS\tOPHELIA\n24\tS\tHAMLET\n26\tS\tOPHELIA\n28\tS\tQUEEN\n");
	OUTLINE("（张三）大家好，欢迎收听。\n（李四）谢谢邀请。\n（张三）我们先聊聊火车。\n（李四）好的。\n",
	        "1\tS\t张三\n2\tS\t李四\n3\tS\t张三\n4\tS\t李四\n");
	/* the First Folio's shape (Project Gutenberg #1524): "  Ham." with the
	 * speech after it, indented; "  Mr. Darcy" in an indented novel is no
	 * speaker */
	OUTLINE("  King. And can you by no drift of circumstance\nGet from him why he puts on this Confusion:\n\n"
	        "  Rosin. He does confesse he feeles himselfe distracted,\n\n"
	        "  Qu. Did he receiue you well?\n  Rosin. Most like a Gentleman\n\n"
	        "  King. With all my heart, and it doth much content me\n\n"
	        "  Qu. Did you assay him to any pastime?\n",
	        "1\tS\tKing\n4\tS\tRosin\n6\tS\tQu\n7\tS\tRosin\n9\tS\tKing\n11\tS\tQu\n");
	OUTLINE("  Mr. Darcy said nothing.\n  Mr. Bingley laughed.\n  Mrs. Bennet sighed.\n  Mr. Darcy left.\n", "");
	/* a sentence that starts with an acronym is not a label, once */
	OUTLINE("NASA. The agency said so.\n\nIt was late.\n", "");
}
END_TEST

Suite *outline_suite(void)
{
	Suite *s = suite_create("outline");
	TCase *tc = tcase_create("outline");
	tcase_add_test(tc, names_alone_on_their_lines);
	tcase_add_test(tc, configured_patterns_are_pcre2);
	tcase_add_test(tc, play_with_blank_lines);
	tcase_add_test(tc, quoted_turns);
	tcase_add_test(tc, gutenberg_and_parenthesised_names);
	tcase_add_test(tc, slices_read_what_the_mapping_holds);
	tcase_add_test(tc, short_answers_are_not_titles);
	tcase_add_test(tc, play_script_names);
	tcase_add_test(tc, inline_labels);
	tcase_add_test(tc, names_are_normalised);
	tcase_add_test(tc, continuation_paragraphs_belong_to_the_turn);
	tcase_add_test(tc, not_structure);
	tcase_add_test(tc, yaml_front_matter_is_skipped);
	tcase_add_test(tc, markdown_headings);
	tcase_add_test(tc, chinese_chapters);
	tcase_add_test(tc, english_chapters);
	tcase_add_test(tc, aozora_headings);
	tcase_add_test(tc, mixed_transcript_and_markdown);
	tcase_add_test(tc, crlf_and_cr_lines);
	tcase_add_test(tc, resolving_as_it_goes_gives_the_whole);
	tcase_add_test(tc, second_thread_halted_or_not);
	tcase_add_test(tc, fences_across_the_split);
	tcase_add_test(tc, turn_lookups_agree_with_a_walk);
	suite_add_tcase(s, tc);
	return s;
}
