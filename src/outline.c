/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outline: classifies each physical line of a document and resolves the
 * candidates into headings, speakers and turns.
 *
 * One pass over the lines, with one non-blank line of lookahead, records
 * candidates: definite headings, name lines (a name alone on a line, or an
 * inline label), and title lines (short lines just before a name line).
 * Whether a name is a speaker depends on the whole document (it must be
 * explicit, like "**Name:**" or a timestamp, or recur), so the result is
 * resolved again from the candidates as the scan goes on: what was found
 * since is added to it, or, when a decision has changed, it is made again.
 *
 * The shapes of a single line (a label, a chapter heading) are
 * recognised by lineshape.c; what is here is the scanner: the lines,
 * the look-ahead, the candidates and their resolution.
 *
 * The text is read where it is: through the mapping of a file (under the
 * SIGBUS guard of doc.c), as search reads it.  A window copied from the
 * file with pread once stood in between, for a machine where each page
 * of a mapping cost a fault; on today's machines it cost more than the
 * faults (the 100 MiB bench file's outline in the pager, outline.py:
 * 103 ms through a window, 94 ms in place; --outline of 5 GiB 5.2 s and
 * 4.5 s).
 */
#include "build.h"
#include "fanye/outline.h"
#include "fanye/pres.h"
#include "fanye/lineshape.h"
#include "fanye/book.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

/* ---- growable arrays ---------------------------------------------------- */

#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_PUSH(vec, x) \
	((((vec).n == (vec).cap) ? vec_grow((void **)&(vec).v, &(vec).cap, sizeof *(vec).v) : true) && \
	 ((vec).v[(vec).n++] = (x), true))

static bool vec_grow(void **v, size_t *cap, size_t elem)
{
	size_t nc = *cap ? *cap * 2 : 64;
	void *nv = realloc(*v, nc * elem);
	if (!nv)
		return false;
	*v = nv;
	*cap = nc;
	return true;
}

/* ---- candidates ----------------------------------------------------------- */


typedef struct cand_head {
	size_t line, off;
	int level;      /* Markdown level, or the rank for the others */
	bool md;
	char *title;
} cand_head;

/* 12 bytes: a big transcript has millions of them (9 million in the
 * 5 GiB bench file).  The name on the next line, which matters only for
 * a name alone with nothing said, is kept apart (cand_next). */
typedef struct cand_name {
	uint32_t off_lo;          /* the offset's low 32 bits */
	uint32_t off_hi : 14;     /* and its high bits: offsets below CAND_OFF_END */
	uint32_t label_len : 16;  /* at most CAND_LABEL_MAX */
	uint32_t quoted : 1;      /* a label whose text opens with a quotation mark */
	uint32_t gap : 1;         /* a name alone with nothing said, a blank line after */
	uint32_t id : 30;         /* into the name table: below CAND_IDS */
	uint32_t valid : 1;       /* a turn: the name has text after it */
	uint32_t inline_ : 1;     /* an inline label, not a name alone on its line */
} cand_name;
#define CAND_OFF_END ((uint64_t)1 << 46)
#define CAND_LABEL_MAX 0xFFFFu
#define CAND_IDS ((size_t)1 << 30)
_Static_assert(sizeof(cand_name) == 12, "a name candidate is 12 bytes");

/* For name candidate idx, a name alone with nothing said and no blank
 * line after it: the id of the name on the next line. */
typedef struct cand_next {
	uint32_t idx;
	int32_t next_id;
} cand_next;

static size_t cand_off(const cand_name *c)
{
	return (size_t)((uint64_t)c->off_hi << 32 | c->off_lo);
}

/* A candidate for the name at off; false if off is past what one holds. */
static bool cand_make(cand_name *c, size_t off, size_t label_len, int id, bool valid, bool inline_,
                      bool quoted, bool gap)
{
	if ((uint64_t)off >= CAND_OFF_END)
		return false;
	*c = (cand_name){.off_lo = (uint32_t)off, .off_hi = (uint32_t)((uint64_t)off >> 32),
	                 .label_len = label_len > CAND_LABEL_MAX ? CAND_LABEL_MAX : label_len,
	                 .quoted = quoted, .gap = gap, .id = (uint32_t)id, .valid = valid, .inline_ = inline_};
	return true;
}

typedef struct cand_title {
	size_t line, off;
	char *title;
	size_t name_idx; /* the name candidate right after it */
	bool own_para;   /* a blank line (or the start) before it */
} cand_title;

typedef struct name_ent {
	char *name;
	size_t valid;   /* valid occurrences */
	size_t alone;   /* of which names alone on their line */
	size_t quoted;  /* labels whose text opens with a quotation mark */
	size_t seen;    /* lines of its shape, turns or not */
	bool explicit_; /* seen in an explicit format */
} name_ent;

enum line_kind {
	LK_CONTENT, LK_HEADING, LK_NAME, LK_LABEL, LK_LIST, LK_UNDERLINE, LK_SKIP
};

typedef struct linfo {
	enum line_kind kind;
	size_t line, off, end; /* [off, end) is the text without the terminator */
	int level;
	bool md;
	char *title;           /* heading title (owned until stored) */
	int name_id;
	size_t label_end;
	bool maybe_title;      /* may be a title: title_shaped() tells, when asked */
	bool para_start;       /* the line before it is blank, or it is the first */
	bool after_name;       /* the line before it is a name line */
	bool quoted;           /* LK_LABEL whose text opens with a quotation mark */
	char underline;        /* '=' or '-' */
	/* LK_NAME, LK_LABEL: the name, from the start of the trimmed text, and
	 * whether its form is explicit */
	uint32_t name_a, name_b;
	bool expl;
} linfo;

/* A short line's shape, kept by its bytes: a transcript's speaker lines
 * and a play's come again and again, and classifying one costs several
 * hundred nanoseconds.  Only what a line's bytes alone decide is kept
 * (not a heading, whose title is made each time). */
#define SHAPE_CACHE 1024
#define SHAPE_MAX 48
typedef struct shape_ent {
	uint8_t len, ta;       /* trimmed length and indent; len 0: empty */
	uint8_t kind, underline;
	bool maybe_title, quoted, expl;
	uint8_t name_a, name_b;
	uint16_t lend;         /* LK_LABEL: end of the label from the trimmed start */
	uint8_t bytes[SHAPE_MAX];
} shape_ent;

/* What the last resolve decided, for the next to go on from where it
 * stopped when nothing it decided has changed. */
typedef struct resolved {
	bool *speaker;         /* per name id: is_speaker */
	size_t nids, cap;
	int *spk;              /* per name id: its index in o->speakers, or -1 */
	size_t spk_cap;
	bool am, paragraphs, explicit_heads;
	int map[4];
	size_t names, heads, titles; /* candidates already in the result */
	size_t nexts;          /* and cand_nexts */
	bool valid;
} resolved;

struct outline_state {
	const doc *d;
	size_t resolved_at;    /* pos when last resolved */
	bool resolved;
	/* what the published arrays have room for: resolving again reuses
	 * them (new arrays of a big file's turns cost a page fault a page) */
	size_t head_cap, turn_cap, speaker_cap;
	uint32_t *turns;       /* the published turns: indexes into names */
	resolved res;          /* what the last resolve decided */
	shape_ent *shapes;     /* SHAPE_CACHE of them, made when first needed */
	size_t pos, line;
	size_t cr_at; /* the next CR at or after pos, or where the search for it stopped */
	bool started, in_front, in_fence;
	size_t front_until;
	char fence;
	bool prev_blank;
	size_t nblank, ncontent; /* blank lines and others so far */
	bool have_pending;
	linfo pending;
	VEC(cand_head) heads;
	VEC(cand_name) names;
	VEC(cand_next) nexts;
	VEC(cand_title) titles;
	VEC(name_ent) table;
	int *hash;             /* open addressing: name id + 1, 0 = empty */
	size_t hcap;
	/* A book's headings are its table of contents (book.h), not lines that
	 * look like headings; the next of them to place. */
	const book *book;
	size_t book_next, turn_next;
	bool book_speakers;    /* the book says who speaks (subtitles) */
	bool established;      /* some name has two turns: the shape is set */
	bool caps_established; /* two names in capitals have two turns each */
	/* from the configuration */
	bool has_heading_re, has_speaker_re;
	bool markdown;
	pcre2_code *heading_re, *speaker_re;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	char **alias_from, **alias_to;
	size_t nalias;
};


/* The byte at offset off of the document. */
static const uint8_t *at(const struct outline_state *st, size_t off)
{
	return st->d->data + off;
}

/* The id of a name (added to the table if new), or -1 on no memory.
 * Configured aliases are merged into their speaker first. */
static int name_id(struct outline_state *st, const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < st->nalias; i++)
		if (strlen(st->alias_from[i]) == n && strncasecmp(st->alias_from[i], (const char *)s, n) == 0) {
			s = (const uint8_t *)st->alias_to[i];
			n = strlen(st->alias_to[i]);
			break;
		}
	if (st->table.n * 2 >= st->hcap) {
		size_t nc = st->hcap ? st->hcap * 2 : 256;
		int *nh = calloc(nc, sizeof *nh);
		if (!nh)
			return -1;
		for (size_t i = 0; i < st->table.n; i++) {
			const char *nm = st->table.v[i].name;
			size_t h = lineshape_hash(nm, strlen(nm)) & (nc - 1);
			while (nh[h])
				h = (h + 1) & (nc - 1);
			nh[h] = (int)i + 1;
		}
		free(st->hash);
		st->hash = nh;
		st->hcap = nc;
	}
	size_t h = lineshape_hash((const char *)s, n) & (st->hcap - 1);
	while (st->hash[h]) {
		const char *nm = st->table.v[st->hash[h] - 1].name;
		if (strlen(nm) == n && memcmp(nm, s, n) == 0)
			return st->hash[h] - 1;
		h = (h + 1) & (st->hcap - 1);
	}
	if (st->table.n >= CAND_IDS - 1)
		return -1; /* more names than a candidate's id holds */
	char *copy = malloc(n + 1);
	if (!copy)
		return -1;
	memcpy(copy, s, n);
	copy[n] = 0;
	name_ent e = {copy, 0, 0, 0, 0, false};
	if (!VEC_PUSH(st->table, e)) {
		free(copy);
		return -1;
	}
	st->hash[h] = (int)st->table.n;
	return (int)st->table.n - 1;
}

/* ---- classification ---------------------------------------------------------- */

/* The patterns from the configuration, tried before the built-in ones
 * (PCRE2, on the line's bytes; a line where one reaches PCRE2's limits is
 * taken as not matching). */
static bool config_patterns(struct outline_state *st, linfo *L, const uint8_t *t, size_t n, size_t ta)
{
	bool hit = false;
	if (st->has_heading_re && pcre2_match(st->heading_re, t, n, 0, 0, st->md, st->mc) >= 0) {
		L->kind = LK_HEADING;
		L->md = false;
		L->level = LINESHAPE_CHAPTER;
		L->title = lineshape_clean_title(t, n);
		hit = L->title != NULL;
	} else if (st->has_speaker_re && pcre2_match(st->speaker_re, t, n, 0, 0, st->md, st->mc) >= 2) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
		if (ov[2] != PCRE2_UNSET && ov[3] > ov[2]) {
			size_t a = ov[2], b = ov[3];
			lineshape_trim(t, &a, &b);
			int id = a < b ? name_id(st, t + a, b - a) : -1;
			if (id >= 0) {
				size_t end = ov[1];
				L->kind = lineshape_spaces(t, n, end) >= n ? LK_NAME : LK_LABEL;
				L->name_id = id;
				L->label_end = L->kind == LK_NAME ? L->end : ta + end;
				st->table.v[id].explicit_ = true;
				hit = true;
			}
		}
	}
	return hit;
}

struct pcre2_real_code_8 *outline_pattern(const char *pattern, char *why, size_t n)
{
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	                               PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &ec, &eo, NULL);
	if (!re) {
		PCRE2_UCHAR msg[120];
		pcre2_get_error_message(ec, msg, sizeof msg);
		snprintf(why, n, "%s at character %zu", (const char *)msg, (size_t)eo + 1);
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

/* Classifies the non-blank line [a, b) (terminator excluded). */
/* A Markdown heading (# Title) or setext underline (=== or ---), with
 * the line's text t[0..n) indented by indent. */
static bool markdown_line(linfo *L, const uint8_t *t, size_t n, size_t indent)
{
	/* ATX: up to three spaces, 1-6 #, a space. */
	if (t[0] == '#' && indent <= 3) {
		size_t h = 0;
		while (h < n && t[h] == '#')
			h++;
		if (h <= 6 && (h == n || t[h] == ' ' || t[h] == '\t')) {
			size_t x = h, y = n;
			while (y > x && (t[y - 1] == '#' || t[y - 1] == ' ' || t[y - 1] == '\t'))
				y--;
			if (y > x) {
				L->kind = LK_HEADING;
				L->md = true;
				L->level = (int)h;
				L->title = lineshape_clean_title(t + x, y - x);
				return true;
			}
		}
	}
	if (indent == 0 && (t[0] == '=' || t[0] == '-')) {
		size_t k = 0;
		while (k < n && t[k] == t[0])
			k++;
		if (k == n && n >= (t[0] == '=' ? 2u : 3u)) {
			L->kind = LK_UNDERLINE;
			L->underline = (char)t[0];
			return true;
		}
	}
	return false;
}

/* A chapter heading in Chinese or English, or an Aozora Bunko one (a line
 * of Aozora annotations alone is content, and decided too). */
static bool chapter_line(linfo *L, const uint8_t *t, size_t n, bool indented)
{
	int r = lineshape_cn_chapter(t, n, indented);
	if (!r && !indented)
		r = lineshape_en_heading(t, n);
	if (r) {
		L->kind = LK_HEADING;
		L->md = false;
		L->level = r;
		L->title = lineshape_clean_title(t, n);
		return true;
	}
	if ((r = lineshape_aozora_heading(t, n)) == 0)
		return false;
	L->title = lineshape_aozora_title(t, n);
	if (L->title && !*L->title) { /* only annotations: plain content */
		free(L->title);
		L->title = NULL;
		return true;
	}
	L->kind = LK_HEADING;
	L->md = false;
	L->level = r;
	return true;
}

/* A name alone on the line, or an inline label at its start (at ta in
 * the line); the name goes into the table. */
static bool name_line(struct outline_state *st, linfo *L, const uint8_t *t, size_t n, size_t ta)
{
	size_t na, nb, lend;
	bool expl;
	/* "  Ham." and "  Ham. To be": an old play's speaker, indented */
	if (ta >= 1 && ta <= 3 && lineshape_abbrev(t, n, &na, &nb, &lend)) {
		int id = name_id(st, t + na, nb - na);
		if (id >= 0) {
			L->name_a = (uint32_t)na;
			L->name_b = (uint32_t)nb;
			L->expl = false;
			L->kind = lend >= n ? LK_NAME : LK_LABEL;
			L->name_id = id;
			L->label_end = L->kind == LK_NAME ? L->end : L->off + ta + lend;
			return true;
		}
	}
	if (lineshape_name_alone(t, n, &na, &nb, &expl)) {
		int id = name_id(st, t + na, nb - na);
		if (id >= 0) {
			L->name_a = (uint32_t)na;
			L->name_b = (uint32_t)nb;
			L->expl = expl;
			L->kind = LK_NAME;
			L->name_id = id;
			L->label_end = L->end;
			L->maybe_title = true;
			if (expl)
				st->table.v[id].explicit_ = true;
			return true;
		}
	}
	bool quoted = false;
	if (lineshape_label_quoted(t, n, &na, &nb, &lend, &expl, &quoted)) {
		int id = name_id(st, t + na, nb - na);
		if (id >= 0) {
			L->name_a = (uint32_t)na;
			L->name_b = (uint32_t)nb;
			L->expl = expl;
			L->kind = LK_LABEL;
			L->quoted = quoted;
			L->name_id = id;
			L->label_end = L->off + ta + lend;
			if (expl)
				st->table.v[id].explicit_ = true;
			return true;
		}
	}
	return false;
}

static void classify_shape(struct outline_state *st, linfo *L, const uint8_t *t, size_t n, size_t ta, bool indented);

/* Fills L from the kept shape of the same bytes; false when its name can
 * have no id (no memory), and the line is classified again. */
static bool shape_known(struct outline_state *st, linfo *L, const shape_ent *e, const uint8_t *t, size_t ta)
{
	L->kind = (enum line_kind)e->kind;
	L->underline = (char)e->underline;
	L->maybe_title = e->maybe_title;
	L->quoted = e->quoted;
	if (L->kind != LK_NAME && L->kind != LK_LABEL)
		return true;
	int id = name_id(st, t + e->name_a, (size_t)(e->name_b - e->name_a));
	if (id < 0)
		return false;
	L->name_id = id;
	L->name_a = e->name_a;
	L->name_b = e->name_b;
	L->expl = e->expl;
	L->label_end = L->kind == LK_NAME ? L->end : L->off + ta + e->lend;
	if (e->expl)
		st->table.v[id].explicit_ = true;
	return true;
}

/* Keeps the shape L found for the bytes t[0..n), indented ta. */
static void shape_keep(const linfo *L, shape_ent *e, const uint8_t *t, size_t n, size_t ta)
{
	e->len = (uint8_t)n;
	e->ta = (uint8_t)ta;
	e->kind = (uint8_t)L->kind;
	e->underline = (uint8_t)L->underline;
	e->maybe_title = L->maybe_title;
	e->quoted = L->quoted;
	e->expl = L->expl;
	e->name_a = (uint8_t)L->name_a;
	e->name_b = (uint8_t)L->name_b;
	e->lend = (uint16_t)(L->kind == LK_LABEL ? L->label_end - L->off - ta : 0);
	memcpy(e->bytes, t, n);
}

static void classify(struct outline_state *st, linfo *L)
{
	const uint8_t *s = at(st, L->off);
	size_t ta = 0, tb = L->end - L->off;
	L->kind = LK_CONTENT;
	L->title = NULL;
	L->maybe_title = false;
	L->underline = 0;
	lineshape_trim(s, &ta, &tb);
	bool indented = ta > 0;
	const uint8_t *t = s + ta;
	size_t n = tb - ta;
	if (n == 0)
		return;
	if (st->book_speakers)
		return; /* the book has said who speaks */
	if (st->book) {
		/* a book's heading is never a speaker's name */
		size_t nl;
		const book_line *bl = book_lines(st->book, &nl);
		long k = book_line_at(st->book, L->off); /* each line of the text is one of the book's */
		if (k >= 0 && bl[k].heading)
			return;
	}
	if ((st->has_heading_re || st->has_speaker_re) && n < 4096 && config_patterns(st, L, t, n, L->off + ta))
		return;
	shape_ent *e = NULL;
	if (n <= SHAPE_MAX && ta <= 3 && !st->book && !st->has_heading_re && !st->has_speaker_re &&
	    (st->shapes || (st->shapes = calloc(SHAPE_CACHE, sizeof *st->shapes)) != NULL)) {
		e = &st->shapes[(lineshape_hash((const char *)t, n) ^ (uint32_t)ta * 0x9E3779B9u) % SHAPE_CACHE];
		if (e->len == n && e->ta == ta && memcmp(e->bytes, t, n) == 0 && shape_known(st, L, e, t, ta))
			return;
	}
	classify_shape(st, L, t, n, ta, indented);
	if (e && L->kind != LK_HEADING && !L->title)
		shape_keep(L, e, t, n, ta);
}

/* Classifies the trimmed text t[0..n), indented ta, by its shape. */
static void classify_shape(struct outline_state *st, linfo *L, const uint8_t *t, size_t n, size_t ta, bool indented)
{
	if (markdown_line(L, t, n, ta))
		return;
	if (lineshape_list_item(t, n)) {
		L->kind = LK_LIST;
		return;
	}
	if (chapter_line(L, t, n, indented))
		return;
	/* Indented four columns or more: code, or a commit's message in a
	 * log, never a speaker's label. */
	if (ta < 4 && name_line(st, L, t, n, ta))
		return;
	L->maybe_title = !indented;
}

/* ---- candidates from lines ----------------------------------------------------- */

static void push_head(struct outline_state *st, linfo *L, int level, bool md, char *title)
{
	if (st->book) {
		free(title);
		return;
	}
	if (md && st->markdown && title) {
		/* The title as Markdown shows it: no emphasis, code or link
		 * markup (md4c reads it). */
		char *shown = pres_markdown_inline(title, strlen(title));
		if (shown && *shown) {
			free(title);
			title = shown;
		} else {
			free(shown);
		}
	}
	cand_head h = {L->line, L->off, level, md, title};
	if (!title || !VEC_PUSH(st->heads, h))
		free(title);
}

static void push_name(struct outline_state *st, const linfo *L, bool valid, const linfo *N)
{
	size_t ll = L->label_end - L->off;
	bool nname = N && (N->kind == LK_NAME || N->kind == LK_LABEL);
	cand_name c;
	bool gap = !valid && (!N || N->para_start);
	bool pushed = st->names.n < UINT32_MAX && /* a turn is published as its index */
	              cand_make(&c, L->off, ll, L->name_id, valid, L->kind == LK_LABEL, L->quoted, gap) &&
	              VEC_PUSH(st->names, c);
	/* (without memory for it, the name after is taken as not a speaker's) */
	if (pushed && !valid && !L->quoted && !gap && nname)
		(void)VEC_PUSH(st->nexts, ((cand_next){(uint32_t)(st->names.n - 1), N->name_id}));
	if (pushed)
		st->table.v[L->name_id].seen++;
	if (pushed && L->quoted)
		st->table.v[L->name_id].quoted++;
	if (pushed && valid) {
		st->table.v[L->name_id].valid++;
		if (L->kind == LK_NAME)
			st->table.v[L->name_id].alone++;
	}
}

/* Whether the line L is shaped like a title.  Asked
 * only of a line before a name or an underline: most lines never are. */
static bool title_shaped(struct outline_state *st, const linfo *L)
{
	const uint8_t *s = at(st, L->off);
	size_t a = 0, b = L->end - L->off;
	lineshape_trim(s, &a, &b);
	return lineshape_title_shaped(s + a, b - a);
}

/* Settles the pending line P now that the next non-blank line N (or the end
 * of the document, N == NULL) is known. */
static void settle(struct outline_state *st, linfo *P, const linfo *N)
{
	bool next_is_name = N && (N->kind == LK_NAME || N->kind == LK_LABEL);
	switch (P->kind) {
	case LK_HEADING:
		push_head(st, P, P->level, P->md, P->title);
		P->title = NULL;
		return;
	case LK_LABEL:
		push_name(st, P, !P->quoted, N);
		return;
	case LK_NAME:
		if (N && (N->kind == LK_CONTENT || N->kind == LK_LIST || N->kind == LK_UNDERLINE)) {
			push_name(st, P, true, N);
			return;
		}
		push_name(st, P, false, N); /* a name with nothing said: keep indexes aligned */
		break;
	default:
		break;
	}
	/* A short title line just before a name line, not itself the first line
	 * of a turn: a section title if that name proves to be a speaker. */
	if (P->maybe_title && !P->after_name && next_is_name && !st->book && title_shaped(st, P)) {
		const uint8_t *s = at(st, P->off);
		size_t a = 0, b = P->end - P->off;
		lineshape_trim(s, &a, &b);
		cand_title t = {P->line, P->off, lineshape_clean_title(s + a, b - a),
		                st->names.n /* N is the next name candidate */, P->para_start};
		if (!t.title || !VEC_PUSH(st->titles, t))
			free(t.title);
	}
}

/* Feeds one line (blank or not) to the lookahead. */
static void feed(struct outline_state *st, size_t off, size_t end)
{
	const uint8_t *s = at(st, off);
	size_t a = 0, b = end - off;
	lineshape_trim(s, &a, &b);
	if (a == b) {
		st->prev_blank = true;
		st->nblank++;
		return;
	}
	st->ncontent++;
	/* Front matter and fenced code are not structure. */
	if (st->in_front) {
		if (off >= st->front_until) {
			st->in_front = false;
		} else {
			st->prev_blank = false;
			return;
		}
	}
	if (b - a >= 3 && (lineshape_starts(s + a, b - a, "```") || lineshape_starts(s + a, b - a, "~~~"))) {
		if (!st->in_fence) {
			st->in_fence = true;
			st->fence = (char)s[a];
		} else if (s[a] == st->fence) {
			st->in_fence = false;
		}
		st->prev_blank = false;
		return;
	}
	if (st->in_fence) {
		st->prev_blank = false;
		return;
	}
	linfo L;
	memset(&L, 0, sizeof L);
	L.line = st->line;
	L.off = off;
	L.end = end;
	L.para_start = st->prev_blank || !st->have_pending;
	classify(st, &L);
	st->prev_blank = false;
	if (st->have_pending) {
		linfo *P = &st->pending;
		/* Setext: "Title" over "=====" or "-----". */
		if (L.kind == LK_UNDERLINE && P->para_start &&
		    (P->kind == LK_CONTENT || P->kind == LK_NAME) &&
		    (P->kind == LK_NAME || (P->maybe_title && title_shaped(st, P)))) {
			const uint8_t *ps = at(st, P->off);
			size_t x = 0, y = P->end - P->off;
			lineshape_trim(ps, &x, &y);
			if (P->kind == LK_NAME)
				push_name(st, P, false, &L);
			push_head(st, P, L.underline == '=' ? 1 : 2, true, lineshape_clean_title(ps + x, y - x));
			st->have_pending = false;
			return;
		}
		/* The line after a name alone is what that speaker says, even if it
		 * looks like a label ("一句话：它应该……"). */
		if (P->kind == LK_NAME && L.kind == LK_LABEL)
			L.kind = LK_CONTENT;
		L.after_name = P->kind == LK_NAME && (L.kind == LK_CONTENT || L.kind == LK_LIST);
		settle(st, P, &L);
		free(P->title);
	}
	st->pending = L;
	st->have_pending = true;
}

/* Finds YAML front matter at the start: "---" ... "---" or "...". */
static void front_matter(struct outline_state *st)
{
	const doc *d = st->d;
	if (!(d->len >= 4 && memcmp(d->data, "---", 3) == 0 && doc_is_eol(d, 3)))
		return;
	size_t off = doc_next_line(d, 0);
	for (int i = 0; i < 200 && off < d->len; i++) {
		size_t nx = doc_next_line(d, off);
		size_t e = off;
		while (e < d->len && !doc_is_eol(d, e))
			e++;
		if ((e - off == 3 && (memcmp(d->data + off, "---", 3) == 0 ||
		                      memcmp(d->data + off, "...", 3) == 0))) {
			st->in_front = true;
			st->front_until = nx;
			return;
		}
		off = nx;
	}
}

/* ---- resolution ------------------------------------------------------------------- */

static void free_result(outline *o)
{
	free(o->headings);
	free(o->speakers);
	o->headings = NULL;
	o->speakers = NULL;
	o->nheadings = o->nturns = o->nspeakers = 0;
	if (o->st) {
		free(o->st->turns);
		o->st->turns = NULL;
		o->st->head_cap = o->st->turn_cap = o->st->speaker_cap = 0;
		o->st->res.valid = false;
	}
}

/* A name is a speaker when its format is explicit or it recurs.  Where a
 * document's speakers are names alone on their lines, a plain inline label
 * ("举个例子:…" inside a turn) is prose unless that name is one of them. */
/* A name in capitals: no small letter, two capitals or more. */
static bool in_capitals(const char *s)
{
	size_t caps = 0;
	for (; *s; s++) {
		if (*s >= 'a' && *s <= 'z')
			return false;
		caps += *s >= 'A' && *s <= 'Z';
	}
	return caps >= 2;
}

static bool is_speaker(const struct outline_state *st, int id, bool alone_mode)
{
	const name_ent *e = &st->table.v[id];
	if (e->explicit_)
		return e->valid >= 1;
	/* where names stand alone, a label is a turn only for a name written
	 * as they are in plays, in capitals (HAMLET. To be, ...) */
	if (alone_mode && !e->alone && !in_capitals(e->name))
		return false;
	/* twice, or once and again in a quoted label (杨松琳：“…”), or once
	 * and again with nothing said where other speakers have set the
	 * shape (BRUTUS: before "Come:") */
	return e->valid >= 2 || (e->valid >= 1 && e->quoted >= 1) || (st->established && e->valid >= 1 && e->seen >= 2) ||
	       /* a play's speaker of one speech, in capitals among speakers
	        * in capitals (QUEEN. Did he receive you well?) */
	       (st->caps_established && e->valid >= 1 && in_capitals(e->name));
}

/* True if some name alone on its line recurs: a transcript of that shape. */
static bool alone_mode(const struct outline_state *st)
{
	for (size_t i = 0; i < st->table.n; i++)
		if (st->table.v[i].alone >= 2)
			return true;
	return false;
}

/* Makes *v (of *cap elements) hold at least n, keeping it if it does. */
static bool room(void **v, size_t *cap, size_t n, size_t elem)
{
	if (*v && n <= *cap)
		return true;
	size_t nc = n + n / 4 + 16;
	void *nv = realloc(*v, nc * elem);
	if (!nv)
		return false;
	*v = nv;
	*cap = nc;
	return true;
}

/* Whether title t is a section title, given the decisions in r (names
 * are known up to n; -1: not yet, its name is still to come). */
static int title_is_section(const struct outline_state *st, const resolved *r, const cand_title *t)
{
	if (t->name_idx >= st->names.n)
		return -1;
	const cand_name *c = &st->names.v[t->name_idx];
	return c->valid && r->speaker[c->id] && (t->own_para || !r->paragraphs) && !r->explicit_heads;
}

/* The decisions of this resolve into r; false on no memory. */
static bool decide(struct outline_state *st, resolved *r, bool *same)
{
	resolved *last = &st->res;
	bool am = alone_mode(st);
	st->established = false;
	size_t caps = 0;
	for (size_t i = 0; i < st->table.n; i++) {
		st->established |= st->table.v[i].valid >= 2;
		caps += st->table.v[i].valid >= 2 && in_capitals(st->table.v[i].name);
	}
	st->caps_established = caps >= 2;
	*r = *last;
	r->am = am;
	if (!room((void **)&r->speaker, &r->cap, st->table.n, sizeof *r->speaker))
		return false;
	bool changed = !last->valid || am != last->am;
	for (size_t i = 0; i < st->table.n; i++) {
		bool sp = is_speaker(st, (int)i, am);
		changed |= i < last->nids && sp != r->speaker[i];
		r->speaker[i] = sp;
	}
	r->nids = st->table.n;
	/* Ranks in use among the non-Markdown headings, compressed to 1.. */
	bool used[4] = {false, false, false, false};
	for (size_t i = 0; i < st->heads.n; i++)
		if (!st->heads.v[i].md)
			used[st->heads.v[i].level] = true;
	/* In a document of blank-line paragraphs, a title is a paragraph of
	 * its own: a short last line of a speech is not one.  Where headings
	 * are written as such (ACT and SCENE, 第一章, # Title) twice or more, a
	 * short line between turns is a stage direction or a remark, not a
	 * section. */
	r->paragraphs = st->nblank * 4 >= st->ncontent;
	r->explicit_heads = st->heads.n >= 2;
	for (size_t i = 0; i < st->titles.n && !used[LINESHAPE_CHAPTER]; i++)
		if (title_is_section(st, r, &st->titles.v[i]) == 1)
			used[LINESHAPE_CHAPTER] = true;
	int next = 1;
	for (int k = 0; k < 4; k++)
		r->map[k] = 0;
	for (int k = 1; k <= 3; k++)
		if (used[k])
			r->map[k] = next++;
	changed |= r->paragraphs != last->paragraphs || r->explicit_heads != last->explicit_heads ||
	           memcmp(r->map, last->map, sizeof r->map) != 0;
	*same = !changed;
	return true;
}

/* Brings the published result up to the candidates: the turns, headings
 * and titles found since the last resolve are added to it, or, when a
 * decision has changed (a name has become a speaker's, a rank come into
 * use), it is made again from all of them.  So resolving costs what the
 * scan has found since, nearly always. */
static void resolve(outline *o)
{
	struct outline_state *st = o->st;
	resolved r;
	bool same;
	if (!decide(st, &r, &same)) {
		r.valid = false;
		st->res = r;
		o->nheadings = o->nturns = o->nspeakers = 0;
		o->generation++;
		return;
	}
	if (!same) {
		o->nheadings = o->nturns = o->nspeakers = 0;
		r.names = r.heads = r.titles = r.nexts = 0;
		r.valid = true;
	}
	size_t old_spk = r.spk_cap;
	if (!room((void **)&r.spk, &r.spk_cap, st->table.n, sizeof *r.spk))
		goto fail;
	for (size_t i = same ? old_spk : 0; i < r.spk_cap; i++)
		r.spk[i] = -1;
	if (!room((void **)&o->headings, &st->head_cap, st->heads.n + st->titles.n, sizeof *o->headings) ||
	    !room((void **)&st->turns, &st->turn_cap, st->names.n, sizeof *st->turns) ||
	    !room((void **)&o->speakers, &st->speaker_cap, st->table.n, sizeof *o->speakers))
		goto fail;
	size_t nx = r.nexts; /* the cand_next at or after candidate i */
	for (size_t i = r.names; i < st->names.n; i++) {
		const cand_name *c = &st->names.v[i];
		if (!r.speaker[c->id])
			continue;
		/* Once a name is a speaker's, its label is a turn however the
		 * turn opens (with a quotation mark), and its name alone is one
		 * though nothing is said (an empty turn before a blank line, or
		 * before a line that only looks like a name: "Come:"). */
		if (!c->valid && !c->quoted && !c->gap) {
			while (nx < st->nexts.n && st->nexts.v[nx].idx < i)
				nx++;
			int next_id = nx < st->nexts.n && st->nexts.v[nx].idx == i ? st->nexts.v[nx].next_id : -1;
			if (!(next_id >= 0 && !r.speaker[next_id]))
				continue;
		}
		if (r.spk[c->id] < 0) {
			r.spk[c->id] = (int)o->nspeakers;
			o->speakers[o->nspeakers++] = (outline_speaker){st->table.v[c->id].name, 0};
		}
		o->speakers[r.spk[c->id]].turns++;
		st->turns[o->nturns++] = (uint32_t)i;
	}
	r.names = st->names.n;
	r.nexts = st->nexts.n;
	/* Headings and section titles in the order of the text (each list is
	 * in it), up to a title whose name is still to come. */
	size_t h = r.heads, t = r.titles;
	while (h < st->heads.n || t < st->titles.n) {
		const cand_title *ct = t < st->titles.n ? &st->titles.v[t] : NULL;
		const cand_head *ch = h < st->heads.n ? &st->heads.v[h] : NULL;
		if (ct && (!ch || ct->off < ch->off)) {
			int is = title_is_section(st, &r, ct);
			if (is < 0)
				break;
			if (is)
				o->headings[o->nheadings++] = (outline_heading){ct->line, ct->off, r.map[LINESHAPE_CHAPTER], ct->title};
			t++;
		} else {
			o->headings[o->nheadings++] =
				(outline_heading){ch->line, ch->off, ch->md ? ch->level : r.map[ch->level], ch->title};
			h++;
		}
	}
	r.heads = h;
	r.titles = t;
	st->res = r;
	o->generation++;
	return;
fail:
	/* no memory: nothing published, all made again next time */
	r.valid = false;
	st->res = r;
	o->nheadings = o->nturns = o->nspeakers = 0;
	o->generation++;
}

/* ---- the public side ------------------------------------------------------------- */

outline *outline_new(const doc *d, const outline_opts *oo)
{
	outline *o = calloc(1, sizeof *o);
	if (!o)
		return NULL;
	o->st = calloc(1, sizeof *o->st);
	if (!o->st) {
		free(o);
		return NULL;
	}
	struct outline_state *st = o->st;
	st->d = d;
	st->book = doc_book(d);
	st->book_speakers = st->book && book_timed(st->book);
	st->line = 1;
	front_matter(st);
	if (oo) {
		st->markdown = oo->markdown;
		char why[200];
		if (oo->heading_re && *oo->heading_re) {
			if (!(st->heading_re = outline_pattern(oo->heading_re, why, sizeof why))) {
				outline_free(o);
				return NULL;
			}
			st->has_heading_re = true;
		}
		if (oo->speaker_re && *oo->speaker_re) {
			if (!(st->speaker_re = outline_pattern(oo->speaker_re, why, sizeof why))) {
				outline_free(o);
				return NULL;
			}
			st->has_speaker_re = true;
		}
		if (st->has_heading_re || st->has_speaker_re) {
			/* the limits a search has (search.c): a pattern that
			 * backtracks without end is a line not matched */
			st->md = pcre2_match_data_create(4, NULL);
			st->mc = pcre2_match_context_create(NULL);
			if (!st->md || !st->mc) {
				outline_free(o);
				return NULL;
			}
			pcre2_set_match_limit(st->mc, 1000000);
			pcre2_set_depth_limit(st->mc, 10000);
		}
		if (oo->nalias) {
			st->alias_from = calloc(oo->nalias, sizeof *st->alias_from);
			st->alias_to = calloc(oo->nalias, sizeof *st->alias_to);
			if (!st->alias_from || !st->alias_to) {
				outline_free(o);
				return NULL;
			}
			for (size_t i = 0; i < oo->nalias; i++) {
				st->alias_from[i] = strdup(oo->alias_from[i]);
				st->alias_to[i] = strdup(oo->alias_to[i]);
				if (!st->alias_from[i] || !st->alias_to[i]) {
					st->nalias = i + 1;
					outline_free(o);
					return NULL;
				}
			}
			st->nalias = oo->nalias;
		}
	}
	return o;
}

void outline_free(outline *o)
{
	if (!o)
		return;
	struct outline_state *st = o->st;
	free_result(o);
	free(st->res.speaker);
	free(st->res.spk);
	free(st->shapes);
	for (size_t i = 0; i < st->heads.n; i++)
		free(st->heads.v[i].title);
	for (size_t i = 0; i < st->titles.n; i++)
		free(st->titles.v[i].title);
	for (size_t i = 0; i < st->table.n; i++)
		free(st->table.v[i].name);
	if (st->have_pending)
		free(st->pending.title);
	pcre2_code_free(st->heading_re);
	pcre2_code_free(st->speaker_re);
	pcre2_match_data_free(st->md);
	pcre2_match_context_free(st->mc);
	for (size_t i = 0; i < st->nalias; i++) {
		free(st->alias_from[i]);
		free(st->alias_to[i]);
	}
	free(st->alias_from);
	free(st->alias_to);
	free(st->heads.v);
	free(st->titles.v);
	free(st->names.v);
	free(st->nexts.v);
	free(st->table.v);
	free(st->hash);
	free(st);
	free(o);
}

/* The end of the line that starts at off: its LF or CR, or avail. */
static size_t line_end(struct outline_state *st, size_t off, size_t avail)
{
	const uint8_t *p = at(st, off);
	const uint8_t *lf = memchr(p, '\n', avail - off);
	size_t e = lf ? off + (size_t)(lf - p) : avail;
	/* A CR ends a line too.  Found ahead 64 KiB at a time rather than in
	 * each line: most documents have none, or one before each LF. */
	while (st->cr_at < e && (st->cr_at < off || *at(st, st->cr_at) != '\r')) {
		size_t from = st->cr_at < off ? off : st->cr_at;
		size_t w = avail - from < ((size_t)64 << 10) ? avail - from : (size_t)64 << 10;
		const uint8_t *q = at(st, from);
		const uint8_t *cr = memchr(q, '\r', w);
		st->cr_at = cr ? from + (size_t)(cr - q) : from + w;
	}
	return st->cr_at < e ? st->cr_at : e;
}

/* The book's table of contents up to offset pos, at the line being read. */
static void book_heads_to(struct outline_state *st, size_t pos)
{
	size_t n;
	const book_head *h = book_heads(st->book, &n);
	for (; st->book_next < n && h[st->book_next].off < pos; st->book_next++) {
		cand_head c = {st->line, h[st->book_next].off, h[st->book_next].level, true,
		               strdup(h[st->book_next].title)};
		if (!c.title || !VEC_PUSH(st->heads, c))
			free(c.title);
	}
	const book_turn *t = book_turns(st->book, &n);
	for (; st->turn_next < n && t[st->turn_next].off < pos; st->turn_next++) {
		int id = name_id(st, (const uint8_t *)t[st->turn_next].name, strlen(t[st->turn_next].name));
		if (id < 0)
			continue;
		cand_name c;
		if (st->names.n < UINT32_MAX &&
		    cand_make(&c, t[st->turn_next].off, t[st->turn_next].label_len, id, true, true, false, false) &&
		    VEC_PUSH(st->names, c)) {
			st->table.v[id].valid++;
			st->table.v[id].explicit_ = true;
		}
	}
}

bool outline_step(outline *o, size_t budget)
{
	struct outline_state *st = o->st;
	const doc *d = st->d;
	size_t avail = doc_complete_len(d); /* whole lines only, while input arrives */
	if (o->done && (d->streaming || st->pos < avail))
		o->done = false; /* the document grew */
	if (o->done)
		return true;
	size_t stop = budget && avail - st->pos > budget ? st->pos + budget : avail;
	while (st->pos < stop) {
		size_t off = st->pos;
		size_t e = line_end(st, off, avail);
		feed(st, off, e);
		/* After the terminator: CRLF is one. */
		st->pos = e < avail ? e + (*at(st, e) == '\r' && e + 1 < avail && *at(st, e + 1) == '\n' ? 2 : 1)
		                    : avail;
		if (st->book)
			book_heads_to(st, st->pos);
		st->line++;
	}
	o->scanned = st->pos;
	if (st->pos >= d->len && !d->streaming) {
		if (st->have_pending) {
			settle(st, &st->pending, NULL);
			free(st->pending.title);
			st->have_pending = false;
		}
		o->done = true;
	}
	/* Resolving costs what was found since the last time (all the
	 * candidates only when a decision has changed, which the first
	 * megabytes settle): do it at the end, the first time, and every
	 * 16 MiB.  Resolving all each time made a 5 GiB file's outline
	 * quadratic (26 s of its 48) and held a key up to 283 ms. */
	size_t gap = (size_t)16 << 20;
	if (o->done || !st->resolved || st->pos - st->resolved_at >= gap) {
		resolve(o);
		st->resolved = true;
		st->resolved_at = st->pos;
	}
	return o->done;
}

void outline_resolve(outline *o)
{
	if (o->st->resolved_at == o->st->pos && o->st->resolved)
		return;
	resolve(o);
	o->st->resolved = true;
	o->st->resolved_at = o->st->pos;
}

long outline_heading_at(const outline *o, size_t off)
{
	long lo = -1, hi = (long)o->nheadings;
	while (hi - lo > 1) {
		long mid = (lo + hi) / 2;
		if (o->headings[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

outline_turn outline_turn_get(const outline *o, long t)
{
	const struct outline_state *st = o->st;
	const cand_name *c = &st->names.v[st->turns[t]];
	return (outline_turn){cand_off(c), c->label_len, st->res.spk[c->id]};
}

/* The last turn starting at or before off (strictly before if `strict`). */
static long last_turn(const outline *o, size_t off, bool strict)
{
	long lo = -1, hi = (long)o->nturns;
	while (hi - lo > 1) {
		long mid = (lo + hi) / 2;
		size_t at_mid = cand_off(&o->st->names.v[o->st->turns[mid]]);
		if (at_mid < off || (!strict && at_mid == off))
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

long outline_turn_after(const outline *o, size_t off)
{
	long i = last_turn(o, off, false) + 1;
	return i < (long)o->nturns ? i : -1;
}

long outline_turn_before(const outline *o, size_t off)
{
	return last_turn(o, off, true);
}

long outline_turn_at(const outline *o, size_t off)
{
	long lo = last_turn(o, off, false);
	if (lo < 0)
		return -1;
	/* A heading between the turn and off ends the turn. */
	long h = outline_heading_at(o, off);
	if (h >= 0 && o->headings[h].off > outline_turn_get(o, lo).off)
		return -1;
	return lo;
}

/* One row of --outline: "LINE\tH2\tTitle" or "LINE\tS\tName" (level < 0).
 * Made by hand: a big transcript prints millions of rows, and fprintf
 * cost more than finding them. */
static void print_row(FILE *f, size_t line, char kind, int level, const char *text)
{
	char buf[48], *p = buf + sizeof buf;
	*--p = '\t';
	if (level >= 0) {
		do
			*--p = (char)('0' + level % 10);
		while ((level /= 10) > 0);
	}
	*--p = kind;
	*--p = '\t';
	do
		*--p = (char)('0' + line % 10);
	while ((line /= 10) > 0);
	fwrite(p, 1, (size_t)(buf + sizeof buf - p), f);
	fputs(text, f);
	putc('\n', f);
}

void outline_print(const outline *o, FILE *f)
{
	const doc *d = o->st->d;
	size_t i = 0, j = 0, at = 0, line = 1;
	while (i < o->nheadings || j < o->nturns) {
		bool head = j >= o->nturns || (i < o->nheadings && o->headings[i].off <= outline_turn_get(o, (long)j).off);
		size_t off = head ? o->headings[i].off : outline_turn_get(o, (long)j).off;
		line += doc_count_eols(d, at, off); /* turns carry no line: count as we go */
		at = off;
		if (head) {
			const outline_heading *h = &o->headings[i++];
			print_row(f, line, 'H', h->level, h->title);
		} else {
			print_row(f, line, 'S', -1, o->speakers[outline_turn_get(o, (long)j++).speaker].name);
		}
	}
}
