/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * search: finding a query in a document, with Unicode case folding and
 * compatibility (width) folding, so that ＡＳＩ finds ASI, １２３ finds 123
 * and ｶﾀｶﾅ finds カタカナ.  Text is folded a block at a time through an
 * offset map, so every match is reported as a range of the original bytes.
 * Literal by default; regular expressions through PCRE2 in UTF mode.
 * Work is bounded: each call scans at most a given number of bytes, so the
 * UI can stop a search when a key arrives.  Headless.
 */
#ifndef FANYE_SEARCH_H
#define FANYE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fanye/doc.h"
#include "fanye/pres.h"

enum search_case { SEARCH_SMART, SEARCH_SENSITIVE, SEARCH_INSENSITIVE };

typedef struct search_opts {
	enum search_case case_mode;
	bool width_fold;   /* NFKC: full-width, half-width and compatibility forms */
	bool kana_fold;    /* katakana matches hiragana */
	bool regex;        /* PCRE2 pattern instead of a literal */
	bool script_fold;  /* traditional and simplified Chinese match each other
	                    * (OpenCC's t2s, a character at a time) */
} search_opts;

typedef struct search search;

/* Compiles a query.  On a bad pattern returns NULL with the message in err. */
search *search_new(const char *query, const search_opts *o, char *err, size_t errlen);
void search_free(search *s);
/* Matches the text as P presents it (hidden markup skipped, ruby readings
 * found on their own) rather than the source; matches are still source
 * offsets.  NULL, or a plain presentation, searches the source. */
void search_use_pres(search *s, pres *P);
/* Scans of at least this many bytes find where a literal may match with
 * a prefilter (include/fanye/prefilter.h) before folding; shorter ones
 * fold all they scan.  1 MiB unless set; for tests. */
void search_prefilter_from(search *s, size_t bytes);
/* A scan forward in slices (search_forward with a budget) over this many
 * bytes or more has its second half scanned at once on a second thread,
 * for a literal query on unpresented text.  64 MiB unless set; SIZE_MAX
 * never; for tests. */
void search_ahead_from(search *s, size_t bytes);
/* How many scans the second thread's half answered. */
unsigned long search_ahead_answers(const search *s);
/* Stops the second thread, if one is at work (the next call scans all
 * itself).  Call it before the document's bytes change (doc_refresh). */
void search_halt(search *s);
/* True when the query is matched without regard to case (after smart case). */
bool search_caseless(const search *s);

/* Folds s[0..n) as the query was folded.  Returns a malloc'd string (its
 * length in *outlen) and, if map is not NULL, a malloc'd array of n_out + 1
 * offsets: map[i] is the offset in s of the character that folded byte i
 * came from.  Exposed for tests. */
char *search_fold(const search *s, const char *text, size_t n, size_t *outlen, size_t **map);

enum search_result { SEARCH_FOUND, SEARCH_NONE, SEARCH_MORE };

/* Looks for the first match starting in [*pos, end).  Scans at most budget
 * bytes (0: no limit): SEARCH_MORE means call again with the updated *pos.
 * On SEARCH_FOUND, [*ms, *me) is the match in document offsets. */
enum search_result search_forward(search *s, const doc *d, size_t *pos, size_t end,
                                  size_t budget, size_t *ms, size_t *me);
/* Looks for the last match starting in [begin, *pos), scanning backwards. */
enum search_result search_backward(search *s, const doc *d, size_t begin, size_t *pos,
                                   size_t budget, size_t *ms, size_t *me);
/* Whether a regular expression reached PCRE2's match or depth limit (a
 * costly pattern, such as (x+x+)+y): the line where it did was passed over
 * and the search went on.  *at is the first such place since the last
 * search_stopped_reset. */
bool search_stopped(const search *s, size_t *at);
void search_stopped_reset(search *s);
/* Calls fn for every match starting in [a, b) (the lines around them are
 * scanned whole).  Returns the number of matches. */
size_t search_each(search *s, const doc *d, size_t a, size_t b,
                   void (*fn)(void *ctx, size_t ms, size_t me), void *ctx);

#endif
