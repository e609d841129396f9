/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * marks: the store of one document's marks, bookmarks and reading
 * position: its INI text (read in one pass by ini, escaped as \xHH where
 * needed), finding it, checking its places, merging with what other fanye
 * processes wrote, and writing it under its lock.
 */
#include "build.h"
#include "fanye/marks.h"
#include "fanye/anchor.h"
#include "fanye/ini.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define LABEL_MAX 200
/* How long a save waits for another process's save to finish. */
#define LOCK_WAIT_MS 10000
/* The reader asks whether to stop every this many lines. */
#define CANCEL_LINES 4096

static long long now_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

/* ---- ids: a hash index over an array of entries -------------------------------- */

typedef struct idx {
	size_t *slot;  /* entry index + 1, 0 when empty */
	size_t cap;    /* a power of two */
} idx;

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* An index of the n ids of e (the later of two equal ids wins). */
static bool idx_build(idx *x, const marks_entry *e, size_t n)
{
	x->cap = 16;
	while (x->cap < n * 2 + 1)
		x->cap *= 2;
	x->slot = calloc(x->cap, sizeof *x->slot);
	if (!x->slot)
		return false;
	for (size_t i = 0; i < n; i++) {
		size_t k = (size_t)hash_str(e[i].id) & (x->cap - 1);
		while (x->slot[k] && strcmp(e[x->slot[k] - 1].id, e[i].id) != 0)
			k = (k + 1) & (x->cap - 1);
		x->slot[k] = i + 1;
	}
	return true;
}

/* The index in e of id, or SIZE_MAX. */
static size_t idx_find(const idx *x, const marks_entry *e, const char *id)
{
	if (!x->slot)
		return SIZE_MAX;
	size_t k = (size_t)hash_str(id) & (x->cap - 1);
	while (x->slot[k]) {
		if (strcmp(e[x->slot[k] - 1].id, id) == 0)
			return x->slot[k] - 1;
		k = (k + 1) & (x->cap - 1);
	}
	return SIZE_MAX;
}

static void idx_free(idx *x)
{
	free(x->slot);
	x->slot = NULL;
}

/* ---- escaping ---------------------------------------------------------------------- */

/* Escapes bytes for a value as \xHH: controls, the backslash, the double
 * and single quotes, ;, # and =, and spaces at either end, so the value
 * reads back the same in any INI reader. */
static char *escape(const char *s, size_t n)
{
	char *o = malloc(n * 4 + 1);
	if (!o)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F || c == '"' || c == '\'' || c == ';' || c == '#' || c == '=' ||
		    c == '\\' || (c == ' ' && (i == 0 || i + 1 == n))) {
			k += (size_t)sprintf(o + k, "\\x%02X", c);
		} else {
			o[k++] = (char)c;
		}
	}
	o[k] = 0;
	return o;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The slice unescaped, malloc'd and NUL-terminated (an escaped NUL ends it). */
static char *unescape(const char *s, size_t n)
{
	char *o = malloc(n + 1);
	if (!o)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && s[i + 1] == '\\') {
			o[k++] = '\\';
			i++;
		} else if (s[i] == '\\' && i + 3 < n && s[i + 1] == 'x' && hexval(s[i + 2]) >= 0 &&
		           hexval(s[i + 3]) >= 0) {
			o[k++] = (char)(hexval(s[i + 2]) * 16 + hexval(s[i + 3]));
			i += 3;
		} else {
			o[k++] = s[i];
		}
	}
	o[k] = 0;
	return o;
}

static void free_entry(marks_entry *e)
{
	free(e->label);
	free(e->note);
	free(e->section);
	free(e->before);
	free(e->after);
}

static void copy_entry(marks_entry *dst, const marks_entry *src)
{
	*dst = *src;
	dst->label = src->label ? strdup(src->label) : NULL;
	dst->note = src->note ? strdup(src->note) : NULL;
	dst->section = src->section ? strdup(src->section) : NULL;
	dst->before = src->before ? strdup(src->before) : NULL;
	dst->after = src->after ? strdup(src->after) : NULL;
}

/* ---- reading a store file ------------------------------------------------------- */

/* What a store file holds. */
typedef struct disk {
	char path[4096], fingerprint[64], generation[40];
	bool has_position;
	size_t position;
	char *pos_before, *pos_after;
	marks_entry *e;
	size_t n, cap;
	state_stamp stamp;
} disk;

static void disk_free(disk *k)
{
	for (size_t i = 0; i < k->n; i++)
		free_entry(&k->e[i]);
	free(k->e);
	free(k->pos_before);
	free(k->pos_after);
	memset(k, 0, sizeof *k);
}

enum store_read { STORE_READ, STORE_ABSENT, STORE_DAMAGED, STORE_IO_ERROR, STORE_TOO_BIG, STORE_STOPPED };

/* The reader's place: the entry of the section at hand (or the document),
 * the ids seen, and what was wrong. */
typedef struct reader {
	disk *k;
	idx ids;           /* over k->e */
	long cur;          /* entry of the section at hand; -1 the document; -2 another */
	bool *has_offset;  /* per entry */
	bool bad, has_fp;
	marks_cancel cancel;
	void *cctx;
} reader;

static bool parse_size(const char *v, size_t n, size_t *out)
{
	if (n == 0 || n > 20)
		return false;
	unsigned long long x = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return false;
		unsigned long long y = x * 10 + (unsigned long long)(v[i] - '0');
		if (y / 10 != x)
			return false;
		x = y;
	}
	if (x > SIZE_MAX)
		return false;
	*out = (size_t)x;
	return true;
}

static long long parse_ll(const char *v, size_t n)
{
	size_t x;
	return parse_size(v, n, &x) && x <= (size_t)INT64_MAX ? (long long)x : 0;
}

/* Copies an unescaped slice into a fixed buffer. */
static void set_buf(char *dst, size_t cap, const char *v, size_t n)
{
	char *u = unescape(v, n);
	snprintf(dst, cap, "%s", u ? u : "");
	free(u);
}

static void set_str(char **dst, const char *v, size_t n)
{
	free(*dst);
	*dst = unescape(v, n);
}

/* Puts entry i of e into the index, growing it past half full. */
static bool idx_put(idx *x, const marks_entry *e, size_t i)
{
	if (!x->slot || (i + 1) * 2 > x->cap) {
		idx_free(x);
		return idx_build(x, e, i + 1);
	}
	size_t k = (size_t)hash_str(e[i].id) & (x->cap - 1);
	while (x->slot[k] && strcmp(e[x->slot[k] - 1].id, e[i].id) != 0)
		k = (k + 1) & (x->cap - 1);
	x->slot[k] = i + 1;
	return true;
}

/* A new [entry ID] section, or the entry of that id seen before (its keys
 * then go to the same entry); -2 for a section that cannot be one. */
static long enter_entry(reader *r, const char *id, size_t n)
{
	disk *k = r->k;
	char key[48];
	if (n == 0 || n >= sizeof key || memchr(id, 0, n))
		return -2;
	memcpy(key, id, n);
	key[n] = 0;
	size_t at = idx_find(&r->ids, k->e, key);
	if (at != SIZE_MAX)
		return (long)at;
	if (k->n == k->cap) {
		size_t nc = k->cap ? k->cap * 2 : 64;
		marks_entry *ne = realloc(k->e, nc * sizeof *ne);
		if (ne)
			k->e = ne;
		bool *nh = realloc(r->has_offset, nc * sizeof *nh);
		if (nh)
			r->has_offset = nh;
		if (!ne || !nh)
			return -2;
		k->cap = nc;
	}
	marks_entry *e = &k->e[k->n];
	memset(e, 0, sizeof *e);
	memcpy(e->id, key, n + 1);
	r->has_offset[k->n] = false;
	if (!idx_put(&r->ids, k->e, k->n))
		return -2;
	return (long)k->n++;
}

static void entry_key(reader *r, marks_entry *e, const ini_line *l)
{
	const char *v = l->val;
	size_t n = l->val_len;
	if (ini_is(l->key, l->key_len, "offset", true)) {
		if (parse_size(v, n, &e->offset))
			r->has_offset[r->cur] = true;
	} else if (ini_is(l->key, l->key_len, "letter", true)) {
		size_t x = 0;
		e->letter = parse_size(v, n, &x) && x < 128 ? (int)x : 0;
	} else if (ini_is(l->key, l->key_len, "label", true))
		set_str(&e->label, v, n);
	else if (ini_is(l->key, l->key_len, "note", true))
		set_str(&e->note, v, n);
	else if (ini_is(l->key, l->key_len, "section", true))
		set_str(&e->section, v, n);
	else if (ini_is(l->key, l->key_len, "before", true))
		set_str(&e->before, v, n);
	else if (ini_is(l->key, l->key_len, "after", true))
		set_str(&e->after, v, n);
	else if (ini_is(l->key, l->key_len, "created", true))
		e->created = parse_ll(v, n);
	else if (ini_is(l->key, l->key_len, "modified", true))
		e->modified = parse_ll(v, n);
	else if (ini_is(l->key, l->key_len, "lost", true))
		e->lost = ini_is(v, n, "yes", true);
}

static void document_key(reader *r, const ini_line *l)
{
	disk *k = r->k;
	const char *v = l->val;
	size_t n = l->val_len;
	if (ini_is(l->key, l->key_len, "fingerprint", true)) {
		set_buf(k->fingerprint, sizeof k->fingerprint, v, n);
		r->has_fp = n > 0;
	} else if (ini_is(l->key, l->key_len, "path", true))
		set_buf(k->path, sizeof k->path, v, n);
	else if (ini_is(l->key, l->key_len, "generation", true))
		set_buf(k->generation, sizeof k->generation, v, n);
	else if (ini_is(l->key, l->key_len, "position", true))
		k->has_position = parse_size(v, n, &k->position);
	else if (ini_is(l->key, l->key_len, "position-before", true))
		set_str(&k->pos_before, v, n);
	else if (ini_is(l->key, l->key_len, "position-after", true))
		set_str(&k->pos_after, v, n);
}

static int on_store_line(void *ctx, const ini_line *l)
{
	reader *r = ctx;
	if (r->cancel && l->line % CANCEL_LINES == 0 && r->cancel(r->cctx))
		return 1;
	if (l->kind == INI_BAD) {
		r->bad = true;
		return 0;
	}
	if (l->kind == INI_SECTION) {
		if (ini_is(l->sec, l->sec_len, "document", true))
			r->cur = -1;
		else if (l->sec_len > 6 && memcmp(l->sec, "entry ", 6) == 0)
			r->cur = enter_entry(r, l->sec + 6, l->sec_len - 6);
		else
			r->cur = -2; /* a section of a later version: passed over */
		return 0;
	}
	if (r->cur == -1)
		document_key(r, l);
	else if (r->cur >= 0)
		entry_key(r, &r->k->e[r->cur], l);
	return 0;
}

/* Reads a state file into k.  Damaged means read and proven bad: a line
 * that is not INI, or no fingerprint; anything that kept it from being
 * read (an I/O error, its size) is said as such. */
static enum store_read read_store(const char *file, disk *k, marks_cancel cancel, void *cctx,
                                  char *err, size_t errlen)
{
	memset(k, 0, sizeof *k);
	char *text;
	size_t len;
	switch (state_read_file(file, MARKS_STORE_MAX, &text, &len, &k->stamp, err, errlen)) {
	case STATE_ABSENT: return STORE_ABSENT;
	case STATE_IO_ERROR: return STORE_IO_ERROR;
	case STATE_TOO_BIG: return STORE_TOO_BIG;
	case STATE_NOT_FILE: return STORE_DAMAGED;
	case STATE_READ: break;
	}
	reader r;
	memset(&r, 0, sizeof r);
	r.k = k;
	r.cur = -2;
	r.cancel = cancel;
	r.cctx = cctx;
	int stopped = ini_parse(text, len, INI_RAW, on_store_line, &r);
	free(text);
	idx_free(&r.ids);
	/* An entry without a place is passed over; the rest are kept. */
	size_t n = 0;
	for (size_t i = 0; i < k->n; i++) {
		if (r.has_offset[i])
			k->e[n++] = k->e[i];
		else
			free_entry(&k->e[i]);
	}
	k->n = n;
	free(r.has_offset);
	for (size_t i = 0; i < k->n; i++) {
		k->e[i].on_disk = true;
		k->e[i].disk_modified = k->e[i].modified;
	}
	if (stopped)
		return STORE_STOPPED;
	if (r.bad || !r.has_fp) {
		snprintf(err, errlen, "%.300s: %s", file, r.bad ? "not a bookmarks file" : "no fingerprint");
		return STORE_DAMAGED;
	}
	return STORE_READ;
}

/* ---- writing ----------------------------------------------------------------------- */

static bool put(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int w = vsnprintf(*buf + *len, *cap - *len, fmt, ap);
		va_end(ap);
		if (w < 0)
			return false;
		if ((size_t)w < *cap - *len) {
			*len += (size_t)w;
			return true;
		}
		size_t nc = (*cap + (size_t)w) * 2;
		char *nb = realloc(*buf, nc);
		if (!nb)
			return false;
		*buf = nb;
		*cap = nc;
	}
}

static bool put_str(char **buf, size_t *len, size_t *cap, const char *key, const char *v)
{
	if (!v)
		return true;
	size_t n = strlen(v);
	if (strcmp(key, "label") == 0 || strcmp(key, "note") == 0 || strcmp(key, "section") == 0)
		if (n > LABEL_MAX) {
			/* Not inside a character: back over at most 3 continuation
			 * bytes (invalid text may hold a long run of them). */
			n = LABEL_MAX;
			while (n > LABEL_MAX - 3 && ((unsigned char)v[n] & 0xC0) == 0x80)
				n--;
		}
	char *e = escape(v, n);
	bool ok = e && put(buf, len, cap, "%s = %s\n", key, e);
	free(e);
	return ok;
}

static char *serialise(const marks_store *s, size_t *outlen)
{
	size_t cap = 4096, len = 0;
	char *b = malloc(cap);
	if (!b)
		return NULL;
	bool ok = put(&b, &len, &cap, "# fanye: marks, bookmarks and the reading position of one document\n"
	                              "[document]\ngeneration = %s\nfingerprint = %s\n",
	              s->generation, s->fingerprint);
	ok = ok && put_str(&b, &len, &cap, "path", s->doc_path);
	if (s->has_position) {
		ok = ok && put(&b, &len, &cap, "position = %zu\n", s->position);
		ok = ok && put_str(&b, &len, &cap, "position-before", s->pos_before);
		ok = ok && put_str(&b, &len, &cap, "position-after", s->pos_after);
	}
	ok = ok && put(&b, &len, &cap, "updated = %lld\n", now_us() / 1000000);
	for (size_t i = 0; i < s->n && ok; i++) {
		const marks_entry *e = &s->e[i];
		ok = put(&b, &len, &cap, "\n[entry %s]\noffset = %zu\nletter = %d\ncreated = %lld\nmodified = %lld\n",
		         e->id, e->offset, e->letter, e->created, e->modified);
		ok = ok && put_str(&b, &len, &cap, "label", e->label);
		ok = ok && put_str(&b, &len, &cap, "note", e->note);
		ok = ok && put_str(&b, &len, &cap, "section", e->section);
		ok = ok && put_str(&b, &len, &cap, "before", e->before);
		ok = ok && put_str(&b, &len, &cap, "after", e->after);
		if (e->lost)
			ok = ok && put(&b, &len, &cap, "lost = yes\n");
	}
	if (!ok) {
		free(b);
		return NULL;
	}
	*outlen = len;
	return b;
}

/* Moves a damaged file aside as FILE.corrupt-DATE-PID-N, a name no other
 * set-aside copy has. */
static void move_aside(marks_store *s, const char *file, const char *why)
{
	char aside[4400], date[32];
	time_t t = time(NULL);
	strftime(date, sizeof date, "%Y%m%d-%H%M%S", localtime(&t));
	int rc = -1, e = 0;
	for (int n = 0; n < 1000 && rc < 0; n++) {
		snprintf(aside, sizeof aside, "%s.corrupt-%s-%ld-%d", file, date, (long)getpid(), n);
		rc = link(file, aside);
		e = errno;
		if (rc < 0 && e != EEXIST) {
			/* No hard links here: a rename to a name that is free. */
			struct stat as;
			if (lstat(aside, &as) == 0)
				continue;
			rc = rename(file, aside);
			e = errno;
			break;
		}
	}
	struct stat st;
	if (rc == 0 && lstat(file, &st) == 0)
		unlink(file); /* the link made, the old name goes */
	if (rc == 0)
		snprintf(s->msg, sizeof s->msg, "damaged bookmarks file moved aside to %.400s (%.150s)", aside, why);
	else
		snprintf(s->msg, sizeof s->msg, "damaged bookmarks file %.300s: %s", file, strerror(e));
}

static int cmp_entry(const void *a, const void *b)
{
	const marks_entry *x = a, *y = b;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return strcmp(x->id, y->id);
}

void marks_sort(marks_store *s)
{
	if (s->n > 1) /* an empty store has no array to hand to qsort */
		qsort(s->e, s->n, sizeof *s->e, cmp_entry);
}

/* ---- opening ------------------------------------------------------------------------ */

/* Whether the store file plainly belongs to another path: its first 4 KiB
 * hold the line "path = V" as marks_save writes it, with V not esc (the
 * escaped path sought).  Anything less plain answers false and the file is
 * read in full: this only spares reading every store when a new document
 * opens. */
static bool other_path(const char *file, const char *esc)
{
	FILE *f = fopen(file, "rbe");
	if (!f)
		return false;
	char buf[4097];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	if (n == 0)
		return false;
	buf[n] = 0;
	const char *p = strstr(buf, "\npath = ");
	if (!p)
		return false;
	p += 8;
	const char *e = strchr(p, '\n');
	if (!e)
		return false; /* cut by the 4 KiB: undecided */
	size_t l = strlen(esc);
	return (size_t)(e - p) != l || memcmp(p, esc, l) != 0;
}

/* A place from the store, checked against the document: kept where the
 * text around it is the text it was made at (and the fingerprint is the
 * document's), found again by that text otherwise. */
static size_t check_place(const doc *d, size_t off, const char *before, const char *after,
                          bool same_doc, bool *lost)
{
	*lost = false;
	if (same_doc && anchor_holds(d, off, before, after))
		return off;
	return anchor_find(d, off, before, after, lost);
}

/* Takes the loaded disk state into s, every place checked (a place found
 * again by its text may search the document: cancel is asked between
 * them; false when it stopped the work). */
static bool adopt(marks_store *s, const doc *d, disk *k, marks_cancel cancel, void *cctx)
{
	bool same = strcmp(k->fingerprint, s->fingerprint) == 0;
	s->e = k->e;
	s->n = k->n;
	k->e = NULL;
	k->n = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (cancel && i % 64 == 63 && cancel(cctx))
			return false;
		marks_entry *e = &s->e[i];
		/* Not found in this very document before: not looked for again
		 * (on a 5 GiB file each look is several seconds). */
		if (same && e->lost)
			continue;
		bool lost;
		e->offset = check_place(d, e->offset, e->before, e->after, same, &lost);
		e->lost = lost;
	}
	if (k->has_position) {
		bool lost;
		s->position = check_place(d, k->position, k->pos_before, k->pos_after, same, &lost);
		s->has_position = true;
		s->pos_before = k->pos_before;
		s->pos_after = k->pos_after;
		k->pos_before = k->pos_after = NULL;
	}
	s->stamp = k->stamp;
	snprintf(s->generation, sizeof s->generation, "%s", k->generation);
	marks_sort(s);
	return true;
}

/* Whether path, which does not exist yet, could be made: its nearest
 * existing ancestor is a directory we may write in. */
static bool could_make(const char *path, char *err, size_t errlen)
{
	char p[4200];
	snprintf(p, sizeof p, "%s", path);
	for (char *slash = strrchr(p, '/'); slash && slash > p; slash = strrchr(p, '/')) {
		*slash = 0;
		struct stat st;
		if (stat(p, &st) < 0) {
			if (errno == ENOENT)
				continue;
			snprintf(err, errlen, "%.200s: %s", p, strerror(errno));
			return false;
		}
		if (!S_ISDIR(st.st_mode) || access(p, W_OK | X_OK) < 0) {
			snprintf(err, errlen, "%.200s: %s", p, S_ISDIR(st.st_mode) ? strerror(errno) : "not a directory");
			return false;
		}
		return true;
	}
	return true;
}

/* The store's directory made (again, if it was removed while open) and
 * checked; a store with no file yet gets its name. */
static int store_ready(marks_store *s, const doc *d, char *err, size_t errlen)
{
	char docs[4100];
	if (state_dir(docs, sizeof docs, "docs", err, errlen) < 0)
		return -1;
	if (s->deferred) {
		/* Hashed again: input still arriving may have grown since. */
		anchor_fingerprint(d, s->fingerprint, sizeof s->fingerprint);
		snprintf(s->file, sizeof s->file, "%s/%s.ini", docs, s->fingerprint);
		s->deferred = false;
	}
	return 0;
}

/* Reads the store named by this content into s: false when there is none
 * (or it was stopped, or is unusable: s->msg says). */
static bool open_by_content(marks_store *s, const doc *d, const char *docs, marks_cancel cancel,
                            void *cctx, bool *stopped)
{
	anchor_fingerprint(d, s->fingerprint, sizeof s->fingerprint);
	snprintf(s->file, sizeof s->file, "%s/%s.ini", docs, s->fingerprint);
	disk k;
	char err[400];
	enum store_read r = read_store(s->file, &k, cancel, cctx, err, sizeof err);
	switch (r) {
	case STORE_READ:
		if (!adopt(s, d, &k, cancel, cctx))
			s->readonly = *stopped = true;
		break;
	case STORE_ABSENT:
		s->deferred = true;
		break;
	case STORE_DAMAGED:
		move_aside(s, s->file, err);
		break;
	case STORE_IO_ERROR:
		/* Not set aside, not written over: merged at the next save. */
		snprintf(s->msg, sizeof s->msg, "bookmarks could not be read (%.300s): they stay on disk", err);
		break;
	case STORE_TOO_BIG:
		s->readonly = true;
		snprintf(s->msg, sizeof s->msg, "bookmarks not read: %.300s; they will not be written over", err);
		break;
	case STORE_STOPPED:
		s->readonly = *stopped = true;
		break;
	}
	disk_free(&k);
	return r != STORE_ABSENT;
}

/* The store of this path with other content: the document was edited.  Its
 * entries are re-anchored and move to the new name. */
static void open_by_path(marks_store *s, const doc *d, DIR *dd, const char *docs, marks_cancel cancel,
                         void *cctx, bool *stopped)
{
	char *esc = escape(s->doc_path, strlen(s->doc_path));
	/* The store named by this content may have appeared since it was
	 * looked for (another fanye saved): it is read as that, never moved
	 * to its own name and removed. */
	char prefix[32], mine[sizeof s->fingerprint + 8] = "";
	int pl = snprintf(prefix, sizeof prefix, "%zu-", d->len);
	struct dirent *de;
	while ((de = readdir(dd)) != NULL) {
		if (cancel && cancel(cctx)) {
			s->readonly = *stopped = true;
			break;
		}
		size_t l = strlen(de->d_name);
		if (l < 5 || strcmp(de->d_name + l - 4, ".ini") != 0)
			continue;
		/* Only a name that begins with the size needs the fingerprint. */
		if (!mine[0] && strncmp(de->d_name, prefix, (size_t)pl) == 0) {
			char fp[sizeof s->fingerprint];
			anchor_fingerprint(d, fp, sizeof fp);
			snprintf(mine, sizeof mine, "%s.ini", fp);
		}
		if (mine[0] && strcmp(de->d_name, mine) == 0) {
			if (open_by_content(s, d, docs, cancel, cctx, stopped))
				s->deferred = false;
			break;
		}
		char file[4400], err[400];
		snprintf(file, sizeof file, "%s/%s", docs, de->d_name);
		if (esc && other_path(file, esc))
			continue;
		disk k;
		enum store_read r = read_store(file, &k, cancel, cctx, err, sizeof err);
		if (r == STORE_STOPPED) {
			disk_free(&k);
			s->readonly = *stopped = true;
			break;
		}
		if (r == STORE_READ && strcmp(k.path, s->doc_path) == 0) {
			bool whole = adopt(s, d, &k, cancel, cctx);
			disk_free(&k);
			if (!whole) {
				s->readonly = *stopped = true;
				break;
			}
			s->stamp.known = false; /* the new file is not this one */
			for (size_t i = 0; i < s->n; i++)
				s->e[i].on_disk = false;
			char err2[300];
			if (marks_save(s, d, err2, sizeof err2) == 0 && strcmp(file, s->file) != 0)
				unlink(file);
			break;
		}
		disk_free(&k);
	}
	free(esc);
}

bool marks_open_cancel(marks_store *s, const doc *d, const char *path, marks_cancel cancel, void *cctx)
{
	memset(s, 0, sizeof *s);
	if (path && strcmp(path, "-") != 0) {
		char *rp = realpath(path, NULL);
		snprintf(s->doc_path, sizeof s->doc_path, "%s", rp ? rp : path);
		free(rp);
	}
	char dir[4000], err[400];
	if (state_dir_path(dir, sizeof dir, err, sizeof err) < 0) {
		snprintf(s->msg, sizeof s->msg, "bookmarks will not be kept: %s", err);
		return true;
	}
	char docs[4100];
	snprintf(docs, sizeof docs, "%s/docs", dir);
	/* Nothing is created before something is saved: opening a document
	 * stays a read-only look at the state directory. */
	DIR *dd = opendir(docs);
	if (!dd) {
		int e = errno;
		if (e == ENOENT && could_make(docs, err, sizeof err))
			s->deferred = true;
		else if (e == ENOENT)
			snprintf(s->msg, sizeof s->msg, "bookmarks will not be kept: %s", err);
		else
			snprintf(s->msg, sizeof s->msg, "bookmarks will not be kept: %.400s: %s", docs, strerror(e));
		return true;
	}
	if (!state_dir_ok(dir, err, sizeof err) || !state_dir_ok(docs, err, sizeof err)) {
		snprintf(s->msg, sizeof s->msg, "bookmarks will not be kept: %s", err);
		closedir(dd);
		return true;
	}
	/* The store named by this content is opened by its name (the
	 * fingerprint hashes 32 KiB): no look through the directory, which
	 * costs a millisecond or more with thousands of stores. */
	bool stopped = false;
	bool found = open_by_content(s, d, docs, cancel, cctx, &stopped);
	/* The store of this path with other content (the document was edited)
	 * is looked for by reading each store: after the first screen
	 * (marks_open_by_path), so that thousands of stores cost it nothing. */
	s->path_pending = !found && !stopped && s->doc_path[0];
	closedir(dd);
	if (stopped) {
		marks_close(s);
		s->readonly = true;
		snprintf(s->msg, sizeof s->msg, "reading the bookmarks was interrupted: they are not used this time");
	}
	return !stopped;
}

bool marks_open_by_path(marks_store *s, const doc *d, marks_cancel cancel, void *cctx)
{
	if (!s->path_pending)
		return false;
	s->path_pending = false;
	char docs[4100], err[400];
	if (state_dir_path(docs, sizeof docs - 8, err, sizeof err) < 0)
		return false;
	strcat(docs, "/docs");
	DIR *dd = opendir(docs);
	if (!dd)
		return false;
	size_t before = s->n;
	bool had_pos = s->has_position, stopped = false;
	open_by_path(s, d, dd, docs, cancel, cctx, &stopped);
	closedir(dd);
	if (stopped) {
		s->readonly = true;
		snprintf(s->msg, sizeof s->msg, "reading the bookmarks was interrupted: they are not used this time");
	}
	return !stopped && (s->n != before || s->has_position != had_pos);
}

void marks_open(marks_store *s, const doc *d, const char *path)
{
	marks_open_cancel(s, d, path, NULL, NULL);
	marks_open_by_path(s, d, NULL, NULL);
}

/* ---- saving ------------------------------------------------------------------------- */

/* Whether the file is still the one this process last read or wrote: the
 * same stamp, and its own generation line near the top. */
static bool unchanged(const marks_store *s)
{
	state_stamp now = state_stamp_of(s->file);
	if (!s->stamp.known || !s->generation[0] || !state_stamp_same(&s->stamp, &now))
		return false;
	FILE *f = fopen(s->file, "rbe");
	if (!f)
		return false;
	char buf[1025];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	char want[80];
	snprintf(want, sizeof want, "\ngeneration = %s\n", s->generation);
	return strstr(buf, want) != NULL;
}

/* Merges the entries on disk (k) with this process's: an entry deleted
 * here goes, the newer of two versions stays, one of theirs is taken, and
 * one of ours that was on disk and is gone, unchanged here since, was
 * deleted by another process (only when the file was read: a store that
 * is gone or was set aside deleted nothing).  Returns the merged array
 * (count in *n). */
static marks_entry *merge(marks_store *s, const doc *d, disk *k, bool was_read, size_t *n)
{
	marks_entry *m = calloc(s->n + k->n + 1, sizeof *m);
	idx mine = {NULL, 0}, theirs = {NULL, 0}, out = {NULL, 0};
	marks_entry *dels = calloc(s->ndeleted + 1, sizeof *dels);
	if (!m || !dels || !idx_build(&mine, s->e, s->n) || !idx_build(&theirs, k->e, k->n)) {
		free(m);
		free(dels);
		idx_free(&mine);
		idx_free(&theirs);
		return NULL;
	}
	for (size_t i = 0; i < s->ndeleted; i++)
		snprintf(dels[i].id, sizeof dels[i].id, "%s", s->deleted[i]);
	idx deleted = {NULL, 0};
	idx_build(&deleted, dels, s->ndeleted);
	bool same = strcmp(k->fingerprint, s->fingerprint) == 0;
	size_t c = 0;
	for (size_t i = 0; i < k->n; i++) {
		marks_entry *t = &k->e[i];
		size_t j = idx_find(&mine, s->e, t->id);
		if (idx_find(&deleted, dels, t->id) != SIZE_MAX || (j != SIZE_MAX && s->e[j].modified >= t->modified))
			continue;
		m[c] = *t;
		memset(t, 0, sizeof *t);
		if (!(same && m[c].lost)) {
			bool lost;
			m[c].offset = check_place(d, m[c].offset, m[c].before, m[c].after, same, &lost);
			m[c].lost = lost;
		}
		c++;
	}
	size_t taken = c;
	idx_build(&out, m, taken);
	for (size_t i = 0; i < s->n; i++) {
		const marks_entry *e = &s->e[i];
		if (idx_find(&out, m, e->id) != SIZE_MAX)
			continue; /* theirs is newer */
		if (was_read && e->on_disk && e->modified == e->disk_modified &&
		    idx_find(&theirs, k->e, e->id) == SIZE_MAX)
			continue; /* deleted by another process */
		copy_entry(&m[c++], e);
	}
	idx_free(&mine);
	idx_free(&theirs);
	idx_free(&out);
	idx_free(&deleted);
	free(dels);
	*n = c;
	return m;
}

/* After a write: the file holds exactly s's entries. */
static void written(marks_store *s)
{
	for (size_t i = 0; i < s->n; i++) {
		s->e[i].on_disk = true;
		s->e[i].disk_modified = s->e[i].modified;
	}
	for (size_t i = 0; i < s->ndeleted; i++)
		free(s->deleted[i]);
	s->ndeleted = 0;
	s->stamp = state_stamp_of(s->file);
}

/* Stores that hold only a reading position (no mark, no bookmark) and have
 * not been written for this long go: the directory does not grow without
 * end with every document ever opened.  Bookmarks never expire. */
#define EXPIRE_DAYS 180

/* At most once a day, under the directory's lock: the expired stores go. */
static void expire(const char *docs)
{
	char stamp[4400];
	snprintf(stamp, sizeof stamp, "%s/.expired", docs);
	struct stat st;
	time_t now = time(NULL);
	if (stat(stamp, &st) == 0 && now - st.st_mtime < 86400)
		return;
	int fd = open(stamp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd >= 0)
		close(fd);
	DIR *dd = opendir(docs);
	if (!dd)
		return;
	struct dirent *de;
	while ((de = readdir(dd)) != NULL) {
		size_t l = strlen(de->d_name);
		if (l < 5 || strcmp(de->d_name + l - 4, ".ini") != 0)
			continue;
		char file[4600];
		snprintf(file, sizeof file, "%s/%s", docs, de->d_name);
		if (lstat(file, &st) != 0 || !S_ISREG(st.st_mode) || now - st.st_mtime < (time_t)EXPIRE_DAYS * 86400)
			continue;
		disk k;
		char err[300];
		if (read_store(file, &k, NULL, NULL, err, sizeof err) == STORE_READ && k.n == 0)
			unlink(file);
		disk_free(&k);
	}
	closedir(dd);
}

int marks_save(marks_store *s, const doc *d, char *err, size_t errlen)
{
	if (s->readonly) {
		snprintf(err, errlen, "%s", s->msg[0] ? s->msg : "bookmarks are not written this time");
		return -1;
	}
	if (!s->file[0] && !s->deferred) {
		snprintf(err, errlen, "%s", s->msg[0] ? s->msg : "no place to keep bookmarks");
		return -1;
	}
	if (store_ready(s, d, err, errlen) < 0)
		return -1;
	/* One lock for the whole directory of stores, not a lock file left
	 * beside each store: saves are short, and few at once. */
	char lockf[4300];
	const char *slash = strrchr(s->file, '/');
	int dirlen = slash ? (int)(slash - s->file) : 0;
	snprintf(lockf, sizeof lockf, "%.*s/.lock", dirlen, s->file);
	int lk = state_lock(lockf, LOCK_WAIT_MS, err, errlen);
	if (lk < 0)
		return -1; /* never written without the lock */
	/* The lock file an earlier version left beside the store goes. */
	char legacy[4300];
	snprintf(legacy, sizeof legacy, "%s.lock", s->file);
	unlink(legacy);
	if (!s->cleaned) {
		state_remove_stale(s->file);
		s->cleaned = true;
		char docs[4300];
		snprintf(docs, sizeof docs, "%.*s", dirlen, s->file);
		expire(docs);
	}
	/* What is on disk now, if another fanye has written since. */
	if (!unchanged(s)) {
		disk k;
		char rerr[400];
		enum store_read r = read_store(s->file, &k, NULL, NULL, rerr, sizeof rerr);
		if (r == STORE_IO_ERROR || r == STORE_TOO_BIG) {
			disk_free(&k);
			state_unlock(lk);
			snprintf(err, errlen, "not saved: %s", rerr);
			if (r == STORE_TOO_BIG)
				s->readonly = true;
			return -1;
		}
		if (r == STORE_DAMAGED) {
			move_aside(s, s->file, rerr);
			disk_free(&k);
		}
		size_t n;
		marks_entry *m = merge(s, d, &k, r == STORE_READ, &n);
		disk_free(&k);
		if (!m) {
			state_unlock(lk);
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		for (size_t i = 0; i < s->n; i++)
			free_entry(&s->e[i]);
		free(s->e);
		s->e = m;
		s->n = n;
		marks_sort(s);
	}
	static unsigned counter;
	snprintf(s->generation, sizeof s->generation, "%llx-%lx-%x", (unsigned long long)now_us(),
	         (long)getpid(), counter++);
	size_t len;
	char *text = serialise(s, &len);
	int rc = -1;
	if (!text)
		snprintf(err, errlen, "out of memory");
	else
		rc = state_write_file(s->file, text, len, err, errlen);
	free(text);
	if (rc == 0)
		written(s);
	else
		s->stamp.known = false;
	state_unlock(lk);
	return rc;
}

void marks_close(marks_store *s)
{
	for (size_t i = 0; i < s->n; i++)
		free_entry(&s->e[i]);
	free(s->e);
	for (size_t i = 0; i < s->ndeleted; i++)
		free(s->deleted[i]);
	free(s->deleted);
	free(s->pos_before);
	free(s->pos_after);
	memset(s, 0, sizeof *s);
}

/* ---- changing ------------------------------------------------------------------------ */

static marks_entry *new_entry(marks_store *s)
{
	marks_entry *ne = realloc(s->e, (s->n + 1) * sizeof *ne);
	if (!ne)
		return NULL;
	s->e = ne;
	marks_entry *e = &s->e[s->n++];
	memset(e, 0, sizeof *e);
	e->created = e->modified = now_us();
	return e;
}

marks_entry *marks_find_mark(marks_store *s, int letter)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->e[i].letter == letter)
			return &s->e[i];
	return NULL;
}

/* A modification time later than the entry's last one, even within one
 * microsecond of it. */
static long long later(long long before)
{
	long long t = now_us();
	return t > before ? t : before + 1;
}

marks_entry *marks_set_mark(marks_store *s, const doc *d, int letter, size_t off)
{
	/* The mark's id is its letter's: one entry per id, whatever a store
	 * file said of its letter. */
	char id[48];
	snprintf(id, sizeof id, "m%d", letter);
	marks_entry *e = NULL;
	for (size_t i = 0; !e && i < s->n; i++)
		if (strcmp(s->e[i].id, id) == 0)
			e = &s->e[i];
	if (!e)
		e = marks_find_mark(s, letter); /* no entry has its id: this one takes it */
	if (e) {
		free(e->before);
		free(e->after);
		e->modified = later(e->modified);
	} else if ((e = new_entry(s)) == NULL) {
		return NULL;
	}
	snprintf(e->id, sizeof e->id, "%s", id);
	e->letter = letter;
	e->offset = off;
	e->lost = false;
	anchor_context(d, off, &e->before, &e->after);
	return e;
}

marks_entry *marks_add_bookmark(marks_store *s, const doc *d, size_t off, const char *label,
                                const char *note, const char *section)
{
	static unsigned counter;
	marks_entry *e = new_entry(s);
	if (!e)
		return NULL;
	snprintf(e->id, sizeof e->id, "b%lld-%ld-%u", e->created, (long)getpid(), counter++);
	e->offset = off;
	e->label = label && *label ? strdup(label) : NULL;
	e->note = note && *note ? strdup(note) : NULL;
	e->section = section && *section ? strdup(section) : NULL;
	anchor_context(d, off, &e->before, &e->after);
	return e;
}

void marks_rename(marks_store *s, size_t i, const char *label)
{
	if (i >= s->n)
		return;
	free(s->e[i].label);
	s->e[i].label = label && *label ? strdup(label) : NULL;
	s->e[i].modified = later(s->e[i].modified);
}

void marks_set_note(marks_store *s, size_t i, const char *note)
{
	if (i >= s->n)
		return;
	free(s->e[i].note);
	s->e[i].note = note && *note ? strdup(note) : NULL;
	s->e[i].modified = later(s->e[i].modified);
}

marks_entry marks_delete(marks_store *s, size_t i)
{
	marks_entry e = s->e[i];
	char **nd = realloc(s->deleted, (s->ndeleted + 1) * sizeof *nd);
	if (nd) {
		s->deleted = nd;
		s->deleted[s->ndeleted] = strdup(e.id);
		if (s->deleted[s->ndeleted])
			s->ndeleted++;
	}
	memmove(s->e + i, s->e + i + 1, (s->n - i - 1) * sizeof *s->e);
	s->n--;
	return e;
}

void marks_restore(marks_store *s, marks_entry e)
{
	for (size_t i = 0; i < s->ndeleted; i++)
		if (strcmp(s->deleted[i], e.id) == 0) {
			free(s->deleted[i]);
			s->deleted[i] = s->deleted[--s->ndeleted];
			break;
		}
	marks_entry *slot = new_entry(s);
	if (!slot) {
		free_entry(&e);
		return;
	}
	*slot = e;
	marks_sort(s);
}

void marks_set_position(marks_store *s, const doc *d, size_t off)
{
	free(s->pos_before);
	free(s->pos_after);
	s->has_position = true;
	s->position = off;
	anchor_context(d, off, &s->pos_before, &s->pos_after);
}
