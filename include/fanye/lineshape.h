/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lineshape: the pure recognisers of one line's shape, used by the outline:
 * a speaker's label or a name alone, chapter and heading forms in Chinese,
 * Japanese (Aozora Bunko) and English, a title-shaped line, a list item.
 * Each looks at the bytes s[0..n) of one line (no line end) and nothing
 * else; tests/unit/test_lineshape.c holds a table of lines and verdicts.
 */
#ifndef FANYE_LINESHAPE_H
#define FANYE_LINESHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Heading ranks: a part or volume, a chapter, a section. */
enum { LINESHAPE_VOLUME = 1, LINESHAPE_CHAPTER = 2, LINESHAPE_SECTION = 3 };

/* Trims spaces (ASCII and ideographic) from both ends of [*a, *b). */
void lineshape_trim(const uint8_t *s, size_t *a, size_t *b);
/* Whether s[0..n) begins with the string p (inline: with a literal p the
 * length is known when compiled, and the compare is a few instructions). */
static inline bool lineshape_starts(const uint8_t *s, size_t n, const char *p)
{
	size_t l = __builtin_strlen(p);
	return n >= l && __builtin_memcmp(s, p, l) == 0;
}
/* The index of the first byte at or after i that is not a space (ASCII or
 * ideographic). */
size_t lineshape_spaces(const uint8_t *s, size_t n, size_t i);
/* A clean copy of a title (malloc'd; NULL without memory): whitespace
 * runs become one space, markup characters (* _ `) and controls are
 * dropped, invalid bytes become U+FFFD. */
char *lineshape_clean_title(const uint8_t *s, size_t n);
/* A hash of s[0..n) (eight bytes at a time; for tables in memory). */
uint32_t lineshape_hash(const char *s, size_t n);
/* Whether s[0..n) is a word that is never a speaker's name ("Note",
 * "Q", "Chapter", "问"...). */
bool lineshape_stop_name(const uint8_t *s, size_t n);
/* Is s[0..n) (trimmed) a plausible person's name?  Latin: one to four
 * capitalised words ("Ilya Sutskever", "HAMLET", "Speaker 2", "J. R. Smith");
 * CJK: one to eight characters, with · allowed ("伊利亚·苏茨克维").
 * min_cjk is 2 for a name alone on a line, where one character is too weak. */
bool lineshape_name_ok(const uint8_t *s, size_t n, size_t min_cjk);
/* Skips a timestamp at s[*i]: 00:12, 1:02:03, in [], (), or \[ \].
 * Returns true if there was one. */
bool lineshape_timestamp(const uint8_t *s, size_t n, size_t *i);
/* A name alone on a line: "Name", "Name:", "**Name:**", "Name (00:12:34)",
 * "[00:12] Name".  Sets the name's span [*na, *nb) and whether the form is
 * explicit (a colon, bold, a timestamp). */
bool lineshape_name_alone(const uint8_t *s, size_t n, size_t *na, size_t *nb, bool *expl);
/* An inline label at the start of a line: "姓名：正文", "Name: text",
 * "**Name:** text", "**Name**: text", "Name (00:12:34) text", each with or
 * without a timestamp before it.  There must be text after the label.
 * Sets the name's span, where the label ends and whether it is explicit. */
bool lineshape_label(const uint8_t *s, size_t n, size_t *na, size_t *nb, size_t *lend, bool *expl);
/* An abbreviated name and a period, as old play texts write the speaker
 * ("Ham." alone, or "Ham. To be, or not to be"): the name's span and
 * where it ends (at n when alone).  Only on an indented line: the
 * outline asks for it there. */
bool lineshape_abbrev(const uint8_t *s, size_t n, size_t *na, size_t *nb, size_t *lend);
/* The same, and also where the text opens with a quotation mark (杨松琳：
 * “线性”…, 士隐笑道：“…”; *quoted then): a turn only where the name is a
 * speaker's. */
bool lineshape_label_quoted(const uint8_t *s, size_t n, size_t *na, size_t *nb, size_t *lend, bool *expl,
                            bool *quoted);
/* 第 + numeral + unit [title], or 序章/楔子/尾声 and the like: its rank,
 * or 0.  An indented line is a heading only in the bare form. */
int lineshape_cn_chapter(const uint8_t *s, size_t n, bool indented);
/* "Chapter 12", "CHAPTER XII. The Return", "Part One", "ACT II",
 * "Prologue": its rank, or 0. */
int lineshape_en_heading(const uint8_t *s, size_t n);
/* Aozora Bunko: "［＃３字下げ］第一章［＃「第一章」は中見出し］": its rank
 * (大, 中, 小見出し), or 0. */
int lineshape_aozora_heading(const uint8_t *s, size_t n);
/* The visible text of an Aozora line (malloc'd): annotations ［＃…］,
 * ruby 《…》 and the ruby marker ｜ removed. */
char *lineshape_aozora_title(const uint8_t *s, size_t n);
/* A short line that could be a section title: no sentence-final
 * punctuation, not dialogue, some letters in it. */
bool lineshape_title_shaped(const uint8_t *s, size_t n);
/* A list item: "- x", "* x", "1. x", "1) x", "• x", "・ x". */
bool lineshape_list_item(const uint8_t *s, size_t n);

#endif
