/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outline: classifies each physical line of a document and resolves the
 * candidates into headings, speakers and turns.
 *
 * One pass over the lines (a big file's parts shared with a second
 * thread: "the second core" below), with one non-blank line of
 * lookahead, records candidates: definite headings, name lines (a name
 * alone on a line, or an inline label), and title lines (short lines
 * just before a name line).
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
#include "fanye/worker.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <time.h>

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


/* Headings and titles carry no line number (24 bytes each, not 40):
 * --outline counts lines as it prints. */
typedef struct cand_head {
	size_t off;
	char *title;
	int level;      /* Markdown level, or the rank for the others */
	bool md;
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
	size_t off;
	char *title;
	uint32_t name_idx; /* the name candidate right after it */
	bool own_para;     /* a blank line (or the start) before it */
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
	/* The published turns: bit i of turn_bits is set when name candidate
	 * i is one, and turn_rank[w] counts those in the words before word w
	 * (turn_words of them in use; turn_cap allocated).  A turn costs a
	 * bit, not an index: 0.7 MiB less for 100 MiB of transcript. */
	uint64_t *turn_bits;
	uint32_t *turn_rank;
	size_t turn_words;
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
	struct strblock *strs; /* where the titles are kept */
	struct helper *helper; /* the second thread's parts, while they are made */
	size_t bound;          /* where to look at them next (SIZE_MAX: none) */
};


/* The byte at offset off of the document. */
static const uint8_t *at(const struct outline_state *st, size_t off)
{
	return st->d->data + off;
}

static int table_id(struct outline_state *st, const uint8_t *s, size_t n);

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
	return table_id(st, s, n);
}

/* The id of the name s[0..n) as it is (no alias), added if new; -1 on no
 * memory. */
static int table_id(struct outline_state *st, const uint8_t *s, size_t n)
{
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

/* The titles are kept in blocks mapped for them, not a malloc each: a
 * malloc costs its header and rounding (a third of a 21-byte title), and
 * a part's (the second thread's: "the second core" below) are all given
 * back when the part is freed.  (Kept one by one, a part's titles and
 * what was freed around them stayed in that thread's arena: after the
 * outline of 5 GiB, 260 MiB of private memory against 251.)  They are
 * freed with the outline. */
typedef struct strblock {
	struct strblock *next;
	size_t used, size;
	char text[];
} strblock;
#define STRBLOCK ((size_t)256 << 10)

/* A copy of title t in st's blocks; NULL on no memory. */
static char *copy_title(struct outline_state *st, const char *t)
{
	size_t n = strlen(t) + 1;
	strblock *b = st->strs;
	if (!b || b->size - b->used < n) {
		size_t size = n + sizeof *b > STRBLOCK ? n + sizeof *b : STRBLOCK;
		void *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			return NULL;
		b = m;
		*b = (strblock){st->strs, 0, size - sizeof *b};
		st->strs = b;
	}
	char *k = b->text + b->used;
	memcpy(k, t, n);
	b->used += n;
	return k;
}

/* The title t (malloc'd, or NULL) as st keeps it: a copy in its blocks,
 * t freed.  NULL on no memory. */
static char *keep_title(struct outline_state *st, char *t)
{
	char *k = t ? copy_title(st, t) : NULL;
	free(t);
	return k;
}

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
	title = keep_title(st, title);
	cand_head h = {.off = L->off, .title = title, .level = level, .md = md};
	if (title)
		(void)VEC_PUSH(st->heads, h); /* (without memory, not a heading) */
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
		cand_title t = {.off = P->off, .title = keep_title(st, lineshape_clean_title(s + a, b - a)),
		                .name_idx = (uint32_t)st->names.n /* N is the next name candidate */,
		                .own_para = P->para_start};
		if (t.title)
			(void)VEC_PUSH(st->titles, t);
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
		free(o->st->turn_bits);
		free(o->st->turn_rank);
		o->st->turn_bits = NULL;
		o->st->turn_rank = NULL;
		o->st->turn_words = 0;
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

/* Makes the turn bitmap hold `words` words, the new ones zero. */
static bool turn_room(struct outline_state *st, size_t words)
{
	if (words <= st->turn_cap)
		return true;
	size_t nc = words + words / 4 + 16;
	uint64_t *b = realloc(st->turn_bits, nc * sizeof *b);
	if (!b)
		return false;
	st->turn_bits = b;
	uint32_t *r = realloc(st->turn_rank, nc * sizeof *r);
	if (!r)
		return false;
	st->turn_rank = r;
	memset(b + st->turn_cap, 0, (nc - st->turn_cap) * sizeof *b);
	memset(r + st->turn_cap, 0, (nc - st->turn_cap) * sizeof *r);
	st->turn_cap = nc;
	return true;
}

/* Counts the turns again from word w on, after new ones were marked. */
static void turn_count(struct outline_state *st, size_t w, size_t words)
{
	for (w = w ? w : 1; w < words; w++)
		st->turn_rank[w] = st->turn_rank[w - 1] + (uint32_t)__builtin_popcountll(st->turn_bits[w - 1]);
	st->turn_words = words;
}

/* The name candidate of turn t (t < o->nturns): the last word with at
 * most t turns before it holds it. */
static size_t turn_name(const struct outline_state *st, size_t t)
{
	size_t lo = 0, hi = st->turn_words;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (st->turn_rank[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	uint64_t b = st->turn_bits[lo];
	for (size_t k = t - st->turn_rank[lo]; k > 0; k--)
		b &= b - 1;
	return lo * 64 + (size_t)__builtin_ctzll(b);
}

/* The turns among name candidates [0, i). */
static size_t turns_before(const struct outline_state *st, size_t i)
{
	size_t w = i / 64;
	if (w >= st->turn_words)
		return st->turn_words ? st->turn_rank[st->turn_words - 1] +
		                            (size_t)__builtin_popcountll(st->turn_bits[st->turn_words - 1])
		                      : 0;
	uint64_t below = i % 64 ? st->turn_bits[w] & (((uint64_t)1 << (i % 64)) - 1) : 0;
	return st->turn_rank[w] + (size_t)__builtin_popcountll(below);
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
	size_t words = (st->names.n + 63) / 64;
	if (!room((void **)&o->headings, &st->head_cap, st->heads.n + st->titles.n, sizeof *o->headings) ||
	    !turn_room(st, words) ||
	    !room((void **)&o->speakers, &st->speaker_cap, st->table.n, sizeof *o->speakers))
		goto fail;
	if (!same && st->turn_cap)
		memset(st->turn_bits, 0, st->turn_cap * sizeof *st->turn_bits);
	size_t from_word = r.names / 64;
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
		st->turn_bits[i / 64] |= (uint64_t)1 << (i % 64);
		o->nturns++;
	}
	turn_count(st, from_word, words);
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
				o->headings[o->nheadings++] = (outline_heading){ct->off, r.map[LINESHAPE_CHAPTER], ct->title};
			t++;
		} else {
			o->headings[o->nheadings++] =
				(outline_heading){ch->off, ch->md ? ch->level : r.map[ch->level], ch->title};
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

static void helper_start(outline *o, const outline_opts *oo);
static void helper_drop(struct outline_state *st);

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
	st->bound = SIZE_MAX;
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
	helper_start(o, oo);
	return o;
}

void outline_free(outline *o)
{
	if (!o)
		return;
	struct outline_state *st = o->st;
	helper_drop(st);
	free_result(o);
	free(st->res.speaker);
	free(st->res.spk);
	free(st->shapes);
	while (st->strs) { /* the titles */
		strblock *b = st->strs;
		st->strs = b->next;
		munmap(b, b->size + sizeof *b);
	}
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
		cand_head c = {.off = h[st->book_next].off, .title = copy_title(st, h[st->book_next].title),
		               .level = h[st->book_next].level, .md = true};
		if (c.title)
			(void)VEC_PUSH(st->heads, c);
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

/* Feeds the line at st->pos (up to avail) and moves past it. */
static void next_line(struct outline_state *st, size_t avail)
{
	size_t off = st->pos;
	size_t e = line_end(st, off, avail);
	feed(st, off, e);
	/* After the terminator: CRLF is one. */
	st->pos = e < avail ? e + (*at(st, e) == '\r' && e + 1 < avail && *at(st, e + 1) == '\n' ? 2 : 1) : avail;
	if (st->book)
		book_heads_to(st, st->pos);
	st->line++;
}

/* ---- the second core ---------------------------------------------------------------
 *
 * A big file is cut into parts at line starts.  This thread scans from the
 * start, as before; a second thread takes the parts from the end, one at
 * a time, each with a state of its own (its own name table and
 * candidates; no resolving, no publishing).  Whichever thread comes to a
 * part first takes it, so they meet near where the work is halved however
 * busy either is.
 *
 * Where a part of the second thread's begins, its scan could not know what
 * the text before told (the line before, an open code fence).  So this
 * thread reads on past that place, and at each of the part's first SNAPS
 * line ends compares the two states.  Once they agree, the part's
 * candidates from there on are the ones this thread would find, and they
 * are taken over with their names' ids mapped, and this thread goes on
 * from the part's end; if they never agree, this thread scans the part
 * itself.  Either way the outline is the one a single thread makes.
 *
 * What the threads share, and how it is guarded:
 * - the document's bytes, read by both and written by neither (the UI
 *   calls outline_halt before it reads the file again);
 * - which parts are whose (owners: lo and hi in one word, changed by
 *   compare-and-swap);
 * - a part's snapshots, each written once by the second thread before it
 *   publishes their count (release), read by this one after it loads
 *   the count (acquire);
 * - a part's done (release/acquire), and its finished under the mutex
 *   with a condition variable for a wait (--outline's; the pager's
 *   thread never waits for the mutex: the second thread runs as
 *   SCHED_IDLE and may be off its core while it holds it); a part's
 *   state is touched by this thread only once it is done;
 * - stop and a part's dropped, which only ask the second thread to stop.
 * tests/unit/threads.c runs all of it under ThreadSanitizer. */

#define SNAPS 64
#define SPLIT_MIN ((size_t)8 << 20) /* a smaller file is one thread's */
#define SPLIT_PARTS 32                /* of a file up to 512 MiB; */
#define SPLIT_MAX ((size_t)16 << 20) /* a bigger one's are this big: a part's
                                       * merge and resolve keep a key waiting
                                       * as long as a 16 MiB resolve did */

/* A part's state after one of its lines. */
typedef struct snap {
	size_t pos, line;
	size_t heads, names, nexts, titles, nblank, ncontent;
	bool have_pending, prev_blank, in_fence;
	char fence;
	linfo pending; /* its title not owned */
} snap;

typedef struct part {
	size_t from, to;      /* line starts */
	outline *o;           /* the second thread's scan of it, from `from` */
	snap snaps[SNAPS];
	atomic_size_t nsnaps; /* published */
	atomic_bool done;     /* finished (release), for a look without the mutex */
	atomic_bool dropped;  /* this thread scans it itself */
	bool finished;        /* under mu, for a wait on cv */
} part;

struct helper {
	pthread_t thread;
	part *parts;          /* part 0 is this thread's from the start */
	size_t nparts;
	/* Parts below lo are this thread's, from hi on the second's: lo in the
	 * low 32 bits, hi in the high, changed by compare-and-swap (neither
	 * thread ever waits for the other to take a part). */
	_Atomic uint64_t owners;
	atomic_bool stop;
	atomic_bool exited;   /* the thread has returned: a join does not wait */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	/* this thread's own */
	size_t cur;           /* the part it is in, or is to meet */
	size_t next;          /* the snapshot of parts[cur] to compare next */
	bool meeting;         /* reading past parts[cur].from to meet its scan */
	bool met;             /* met at snaps[next]: the part is taken when finished */
	long long met_at;     /* when, in ms (a part not finished 50 ms on is scanned here) */
};

/* Takes the next part of the owners word: the lowest free one for this
 * thread if it is part j (mine), or the highest for the second thread.
 * Returns its index, or -1 if it is not free. */
static long owners_take(_Atomic uint64_t *w, bool mine, size_t j)
{
	uint64_t v = atomic_load(w), nv;
	long got;
	do {
		uint64_t lo = v & 0xFFFFFFFFu, hi = v >> 32;
		if (hi <= lo || (mine && lo != j))
			return -1;
		got = mine ? (long)lo : (long)hi - 1;
		nv = mine ? (hi << 32 | (lo + 1)) : ((hi - 1) << 32 | lo);
	} while (!atomic_compare_exchange_weak(w, &v, nv));
	return got;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void snap_take(const struct outline_state *st, snap *s)
{
	*s = (snap){st->pos, st->line, st->heads.n, st->names.n, st->nexts.n, st->titles.n, st->nblank,
	            st->ncontent, st->have_pending, st->prev_blank, st->in_fence, st->fence, st->pending};
}

/* Whether state st goes on from here as the one snapshot s was taken of
 * (the same line pending, read alike; the name ids aside: the same bytes
 * are the same name). */
static bool snap_same(const struct outline_state *st, const snap *s)
{
	if (st->pos != s->pos || st->have_pending != s->have_pending || st->prev_blank != s->prev_blank ||
	    st->in_fence != s->in_fence || (st->in_fence && st->fence != s->fence) ||
	    (st->in_front && st->pos < st->front_until))
		return false;
	if (!st->have_pending)
		return true;
	const linfo *a = &st->pending, *b = &s->pending;
	return a->kind == b->kind && a->off == b->off && a->end == b->end && a->level == b->level &&
	       a->md == b->md && a->label_end == b->label_end && a->maybe_title == b->maybe_title &&
	       a->para_start == b->para_start && a->after_name == b->after_name && a->quoted == b->quoted &&
	       a->underline == b->underline && a->name_a == b->name_a && a->name_b == b->name_b &&
	       a->expl == b->expl && (a->name_id < 0) == (b->name_id < 0);
}

/* The second thread's scan of part p, snapshots published as it goes. */
static void part_scan(struct helper *h, part *p)
{
	struct outline_state *ps = p->o->st;
	size_t n = 0;
	while (ps->pos < p->to) {
		next_line(ps, p->to);
		if (n < SNAPS) {
			snap_take(ps, &p->snaps[n]);
			atomic_store_explicit(&p->nsnaps, ++n, memory_order_release);
			pthread_mutex_lock(&h->mu); /* for a wait in part_meets */
			pthread_cond_broadcast(&h->cv);
			pthread_mutex_unlock(&h->mu);
		} else if ((ps->line & 1023) == 0 && (atomic_load_explicit(&h->stop, memory_order_relaxed) ||
		                                      atomic_load_explicit(&p->dropped, memory_order_relaxed))) {
			break;
		}
	}
	free(ps->shapes); /* (made again if ever needed) */
	ps->shapes = NULL;
}

/* The second thread: scans the last part, then takes parts from the end
 * until it meets this thread. */
static void *helper_run(void *arg)
{
	struct helper *h = arg;
	part *p = &h->parts[h->nparts - 1]; /* the last is its from the start */
	/* Only a core nothing else wants: a task that wakes takes this
	 * thread's core (the scheduler counts it idle), not the reader's,
	 * whose key would wait.  This thread then does fewer parts, and the
	 * reader's never waits on it long (helper_turn). */
	struct sched_param idle = {0};
	(void)pthread_setschedparam(pthread_self(), SCHED_IDLE, &idle);
	for (;;) {
		part_scan(h, p);
		pthread_mutex_lock(&h->mu);
		p->finished = true;
		atomic_store_explicit(&p->done, true, memory_order_release);
		pthread_cond_broadcast(&h->cv);
		pthread_mutex_unlock(&h->mu);
		long j = atomic_load_explicit(&h->stop, memory_order_relaxed) ? -1 : owners_take(&h->owners, false, 0);
		if (j < 0) {
			atomic_store_explicit(&h->exited, true, memory_order_release);
			return NULL;
		}
		p = &h->parts[j];
	}
}

/* Frees what is left of h; its thread has been joined. */
static void helper_free(struct helper *h)
{
	for (size_t i = 0; i < h->nparts; i++)
		outline_free(h->parts[i].o);
	pthread_mutex_destroy(&h->mu);
	pthread_cond_destroy(&h->cv);
	free(h->parts);
	free(h);
}

/* The parts of a document of len bytes: about `size` each (0: the
 * automatic cut of a big file), cut after a line end; their count. */
static size_t cut_parts(const doc *d, size_t size, part **out)
{
	if (size == 0)
		size = d->len / SPLIT_PARTS < SPLIT_MAX ? d->len / SPLIT_PARTS : SPLIT_MAX;
	size_t n = 0, cap = 0;
	part *v = NULL;
	for (size_t from = 0; from < d->len;) {
		size_t want = d->len - from > size ? from + size : d->len;
		const uint8_t *lf = want < d->len ? memchr(d->data + want - 1, '\n', d->len - want + 1) : NULL;
		size_t to = lf ? (size_t)(lf - d->data) + 1 : d->len;
		if (n == cap) {
			part *nv = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof *v);
			if (!nv) {
				free(v);
				return 0;
			}
			v = nv;
		}
		memset(&v[n], 0, sizeof v[n]);
		v[n].from = from;
		v[n++].to = to;
		from = to;
	}
	*out = v;
	return n;
}

/* Starts the second thread on a big file's parts (or on parts of
 * oo->split bytes), if it has any to do. */
static void helper_start(outline *o, const outline_opts *oo)
{
	struct outline_state *st = o->st;
	const doc *d = st->d;
	size_t split = oo ? oo->split : 0;
	if (split == SIZE_MAX || d->streaming || st->book || doc_complete_len(d) != d->len ||
	    (split == 0 && d->len < SPLIT_MIN))
		return;
	struct helper *h = calloc(1, sizeof *h);
	if (!h || (h->nparts = cut_parts(d, split, &h->parts)) < 2 || h->nparts >= ((size_t)1 << 31)) {
		if (h)
			free(h->parts);
		free(h);
		return;
	}
	pthread_mutex_init(&h->mu, NULL);
	pthread_cond_init(&h->cv, NULL);
	outline_opts one = oo ? *oo : (outline_opts){0};
	one.split = SIZE_MAX;
	for (size_t i = 1; i < h->nparts; i++) {
		part *p = &h->parts[i];
		if (!(p->o = outline_new(d, &one))) {
			helper_free(h);
			return;
		}
		p->o->st->pos = p->o->st->cr_at = p->from;
		p->o->st->in_front = false;
		atomic_init(&p->nsnaps, 0);
		atomic_init(&p->done, false);
		atomic_init(&p->dropped, false);
	}
	atomic_init(&h->owners, (uint64_t)(h->nparts - 1) << 32 | 1);
	atomic_init(&h->stop, false);
	atomic_init(&h->exited, false);
	if (!worker_start(&h->thread, helper_run, h)) {
		helper_free(h);
		return;
	}
	st->helper = h;
	st->bound = h->parts[0].to;
}

/* Stops the second thread and forgets its parts: this thread scans on. */
static void helper_drop(struct outline_state *st)
{
	struct helper *h = st->helper;
	if (!h)
		return;
	atomic_store_explicit(&h->stop, true, memory_order_relaxed);
	pthread_join(h->thread, NULL);
	helper_free(h);
	st->helper = NULL;
	st->bound = SIZE_MAX;
}

/* Whether part p has no snapshot yet at or past pos, and may have one. */
static bool snap_ahead(part *p, size_t pos)
{
	size_t n = atomic_load_explicit(&p->nsnaps, memory_order_acquire);
	return n < SNAPS && (n == 0 || p->snaps[n - 1].pos < pos) &&
	       !atomic_load_explicit(&p->done, memory_order_acquire);
}

/* Whether this state, past where part p begins, now agrees with p's scan
 * (1), may yet (0: read a line more), or never will (-1). */
static int part_meets(struct helper *h, const struct outline_state *st, part *p, size_t *next, bool wait)
{
	/* A part's first snapshots are made long before this thread gets
	 * there, but for a small part (or a second thread with no core to
	 * run on): then, if `wait`, they are waited for, so that the same
	 * places are always compared. */
	if (wait && snap_ahead(p, st->pos)) {
		pthread_mutex_lock(&h->mu);
		while (snap_ahead(p, st->pos))
			pthread_cond_wait(&h->cv, &h->mu);
		pthread_mutex_unlock(&h->mu);
	}
	size_t n = atomic_load_explicit(&p->nsnaps, memory_order_acquire);
	while (*next < n && p->snaps[*next].pos < st->pos)
		++*next;
	if (*next < n && p->snaps[*next].pos == st->pos && snap_same(st, &p->snaps[*next]))
		return 1;
	return *next >= n && (n == SNAPS || st->pos >= p->to) ? -1 : 0;
}

/* Appends the second thread's candidates after snapshot s to st, its
 * names mapped to st's ids; false (st unchanged but for names added to
 * its table) on no memory. */
static bool helper_merge(struct outline_state *st, struct outline_state *hs, const snap *s)
{
	size_t nh = hs->heads.n - s->heads, nn = hs->names.n - s->names, nx = hs->nexts.n - s->nexts,
	       nt = hs->titles.n - s->titles;
	int *map = malloc((hs->table.n + 1) * sizeof *map);
	if (!map || !room((void **)&st->heads.v, &st->heads.cap, st->heads.n + nh, sizeof *st->heads.v) ||
	    !room((void **)&st->names.v, &st->names.cap, st->names.n + nn, sizeof *st->names.v) ||
	    !room((void **)&st->nexts.v, &st->nexts.cap, st->nexts.n + nx, sizeof *st->nexts.v) ||
	    !room((void **)&st->titles.v, &st->titles.cap, st->titles.n + nt, sizeof *st->titles.v) ||
	    st->names.n + nn >= UINT32_MAX) {
		free(map);
		return false;
	}
	/* Ids in the part's order of first sight: names first seen after s
	 * come after all of st's, in the order st would add them. */
	for (size_t i = 0; i < hs->table.n; i++) {
		const char *nm = hs->table.v[i].name;
		if ((map[i] = table_id(st, (const uint8_t *)nm, strlen(nm))) < 0) {
			free(map);
			return false;
		}
		st->table.v[map[i]].explicit_ |= hs->table.v[i].explicit_;
	}
	size_t line_shift = st->line - s->line, name_shift = st->names.n - s->names;
	/* The titles are copied into st's blocks (on no memory, those copied
	 * are left unused there), and the pending line's with malloc */
	const char *last = hs->have_pending ? hs->pending.title : NULL;
	char **copies = calloc(nh + nt + 1, sizeof *copies);
	if (copies && last && !(copies[nh + nt] = strdup(last))) {
		free(copies);
		copies = NULL;
	}
	for (size_t i = 0; copies && i < nh + nt; i++) {
		const char *t = i < nh ? hs->heads.v[s->heads + i].title : hs->titles.v[s->titles + i - nh].title;
		if (!(copies[i] = copy_title(st, t))) {
			free(copies[nh + nt]);
			free(copies);
			copies = NULL;
		}
	}
	if (!copies) {
		free(map);
		return false;
	}
	for (size_t i = s->heads; i < hs->heads.n; i++) {
		cand_head c = hs->heads.v[i];
		c.title = copies[i - s->heads];
		st->heads.v[st->heads.n++] = c;
	}
	for (size_t i = s->names; i < hs->names.n; i++) {
		cand_name c = hs->names.v[i];
		c.id = (uint32_t)map[c.id];
		name_ent *e = &st->table.v[c.id];
		e->seen++;
		e->quoted += c.quoted;
		e->valid += c.valid;
		e->alone += c.valid && !c.inline_;
		st->names.v[st->names.n++] = c;
	}
	for (size_t i = s->nexts; i < hs->nexts.n; i++) {
		cand_next c = hs->nexts.v[i];
		c.idx = (uint32_t)(c.idx + name_shift);
		c.next_id = map[c.next_id];
		st->nexts.v[st->nexts.n++] = c;
	}
	for (size_t i = s->titles; i < hs->titles.n; i++) {
		cand_title c = hs->titles.v[i];
		c.name_idx += name_shift;
		c.title = copies[nh + i - s->titles];
		st->titles.v[st->titles.n++] = c;
	}
	st->nblank += hs->nblank - s->nblank;
	st->ncontent += hs->ncontent - s->ncontent;
	/* and where the part ends */
	if (st->have_pending)
		free(st->pending.title);
	st->have_pending = hs->have_pending;
	st->pending = hs->pending;
	st->pending.title = copies[nh + nt];
	st->pending.line += line_shift;
	if (hs->have_pending && (st->pending.kind == LK_NAME || st->pending.kind == LK_LABEL) &&
	    st->pending.name_id >= 0)
		st->pending.name_id = map[st->pending.name_id];
	free(copies);
	st->prev_blank = hs->prev_blank;
	st->in_fence = hs->in_fence;
	st->fence = hs->fence;
	st->in_front = false;
	st->line = hs->line + line_shift;
	st->pos = st->cr_at = hs->pos;
	free(map);
	return true;
}

/* Whether part p is finished, waiting for it if `wait` (else not at all:
 * the mutex is the second thread's now and then, and that thread may
 * have no core to run on). */
static bool part_wait(struct helper *h, part *p, bool wait)
{
	if (atomic_load_explicit(&p->done, memory_order_acquire))
		return true;
	if (!wait)
		return false;
	pthread_mutex_lock(&h->mu);
	while (!p->finished)
		pthread_cond_wait(&h->cv, &h->mu);
	pthread_mutex_unlock(&h->mu);
	return true;
}

/* Done with the parts: the second thread is asked to stop, and joined if
 * `wait` or if it has returned (else at outline_halt or outline_free). */
static void helper_end(struct outline_state *st, bool wait)
{
	struct helper *h = st->helper;
	atomic_store_explicit(&h->stop, true, memory_order_relaxed);
	if (wait || atomic_load_explicit(&h->exited, memory_order_acquire))
		helper_drop(st);
	else
		st->bound = SIZE_MAX;
}

/* This thread scans part p itself, from where it is. */
static void part_abandon(struct outline_state *st, part *p)
{
	atomic_store_explicit(&p->dropped, true, memory_order_relaxed);
	st->helper->meeting = st->helper->met = false;
	st->bound = p->to;
}

/* This thread is at st->bound: the end of a part of its own, or a line
 * past the start of a part of the second thread's.  Takes the next part,
 * or reads on to meet it, or takes it over.  False while the part is not
 * finished (waited for if `wait`; if not, and still not 50 ms after the
 * states met, this thread scans the rest of it itself). */
static bool helper_turn(outline *o, bool wait)
{
	struct outline_state *st = o->st;
	struct helper *h = st->helper;
	for (;;) {
		if (!h->meeting) {
			size_t j = h->cur + 1; /* st->pos is at or past parts[cur].to */
			if (j >= h->nparts) {
				helper_end(st, wait);
				return true;
			}
			bool mine = owners_take(&h->owners, true, j) >= 0;
			h->cur = j;
			if (mine) {
				st->bound = h->parts[j].to;
				return true;
			}
			h->meeting = true;
			h->next = 0;
			st->bound = 0; /* a look after each line */
		}
		part *p = &h->parts[h->cur];
		if (!h->met) {
			int m = part_meets(h, st, p, &h->next, wait);
			if (m < 0)
				part_abandon(st, p);
			if (m <= 0)
				return true;
			h->met = true;
			h->met_at = now_ms();
		}
		if (!part_wait(h, p, wait)) {
			if (now_ms() - h->met_at <= 50)
				return false;
			part_abandon(st, p); /* its thread has no core: scan it here */
			return true;
		}
		size_t at = st->pos;
		if (!helper_merge(st, p->o->st, &p->snaps[h->next])) {
			part_abandon(st, p);
			return true;
		}
		o->helped += st->pos - at;
		outline_free(p->o);
		p->o = NULL;
		h->meeting = h->met = false;
		if (!wait)
			return true; /* a part a slice: a key waits for no more */
	}
}

/* Lets *v (of *cap elements) go down to its n, if it can. */
static void shrink(void **v, size_t *cap, size_t n, size_t elem)
{
	if (n == 0 || n >= *cap)
		return;
	void *nv = realloc(*v, n * elem);
	if (nv) {
		*v = nv;
		*cap = n;
	}
}

/* Once the outline is made: the arrays lose the room they kept for
 * growing (up to half of each), and the memory the C library holds free
 * goes back to the system, the second thread's arena with it.  For a
 * 100 MiB transcript that is a third of what the outline had. */
static void settle_memory(outline *o)
{
	struct outline_state *st = o->st;
	shrink((void **)&st->names.v, &st->names.cap, st->names.n, sizeof *st->names.v);
	shrink((void **)&st->heads.v, &st->heads.cap, st->heads.n, sizeof *st->heads.v);
	shrink((void **)&st->nexts.v, &st->nexts.cap, st->nexts.n, sizeof *st->nexts.v);
	shrink((void **)&st->titles.v, &st->titles.cap, st->titles.n, sizeof *st->titles.v);
	shrink((void **)&st->table.v, &st->table.cap, st->table.n, sizeof *st->table.v);
	shrink((void **)&o->headings, &st->head_cap, o->nheadings, sizeof *o->headings);
	free(st->shapes); /* (made again if ever needed) */
	st->shapes = NULL;
	worker_trim();
}

void outline_halt(outline *o)
{
	if (o)
		helper_drop(o->st);
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
		/* (a part of the second thread's merged moves pos to its end) */
		if (st->pos >= st->bound && (!helper_turn(o, budget == 0) || st->pos >= stop))
			break;
		next_line(st, avail);
	}
	o->scanned = st->pos;
	bool at_end = st->pos >= d->len && !d->streaming;
	if (at_end) {
		if (st->have_pending) {
			settle(st, &st->pending, NULL);
			free(st->pending.title);
			st->have_pending = false;
		}
		/* Done once the second thread is gone with its parts: in the
		 * pager, when it has stopped (it is not waited for). */
		if (st->helper)
			helper_end(st, budget == 0);
		if (st->helper) /* stopping: a core left idle a moment is its */
			nanosleep(&(struct timespec){0, 1000000}, NULL);
	}
	/* Resolving costs what was found since the last time (all the
	 * candidates only when a decision has changed, which the first
	 * megabytes settle): do it at the end, the first time, and every
	 * 16 MiB.  Resolving all each time made a 5 GiB file's outline
	 * quadratic (26 s of its 48) and held a key up to 283 ms. */
	size_t gap = (size_t)16 << 20;
	if ((at_end && st->resolved_at != st->pos) || !st->resolved || st->pos - st->resolved_at >= gap) {
		resolve(o);
		st->resolved = true;
		st->resolved_at = st->pos;
	}
	if (at_end && !st->helper) {
		o->done = true;
		settle_memory(o);
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
	const cand_name *c = &st->names.v[turn_name(st, (size_t)t)];
	return (outline_turn){cand_off(c), c->label_len, st->res.spk[c->id]};
}

/* The last turn starting at or before off (strictly before if `strict`):
 * the turns among the name candidates before it (they are in the
 * text's order), less one. */
static long last_turn(const outline *o, size_t off, bool strict)
{
	const struct outline_state *st = o->st;
	size_t lo = 0, hi = st->res.names; /* candidates [0, lo) are before */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		size_t at_mid = cand_off(&st->names.v[mid]);
		if (at_mid < off || (!strict && at_mid == off))
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t n = turns_before(st, lo);
	return (long)(n < o->nturns ? n : o->nturns) - 1;
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

/* The first turn's name candidate at or after candidate i (one is). */
static size_t turn_from(const struct outline_state *st, size_t i)
{
	size_t w = i / 64;
	uint64_t b = st->turn_bits[w] & (~(uint64_t)0 << (i % 64));
	while (!b)
		b = st->turn_bits[++w];
	return w * 64 + (size_t)__builtin_ctzll(b);
}

void outline_print(const outline *o, FILE *f)
{
	const struct outline_state *st = o->st;
	const doc *d = st->d;
	size_t i = 0, j = 0, at = 0, line = 1, k = 0; /* k: turn j's candidate */
	while (i < o->nheadings || j < o->nturns) {
		const cand_name *c = NULL;
		if (j < o->nturns)
			c = &st->names.v[k = turn_from(st, k)];
		bool head = !c || (i < o->nheadings && o->headings[i].off <= cand_off(c));
		size_t off = head ? o->headings[i].off : cand_off(c);
		line += doc_count_eols(d, at, off); /* turns carry no line: count as we go */
		at = off;
		if (head) {
			const outline_heading *h = &o->headings[i++];
			print_row(f, line, 'H', h->level, h->title);
		} else {
			print_row(f, line, 'S', -1, o->speakers[st->res.spk[c->id]].name);
			j++;
			k++;
		}
	}
}
