/*
 * marks: the state directory, atomic private writes, the search history
 * (one query a line, most recent last), and each document's marks,
 * bookmarks and reading position: an INI file per document named by its
 * fingerprint, re-anchored to its text when the document changes, merged
 * under a lock when two fanye processes write it.
 */
#include "config.h"
#include "fanye/marks.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <iniparser/iniparser.h>

/* mkdir -p with mode 0700 for the parts it creates. */
static int make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

/* The state directory's path without creating it; 0, or -1 with err. */
static int state_dir_path(char *buf, size_t n, char *err, size_t errlen)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	int w;
	if (xdg && xdg[0] == '/')
		w = snprintf(buf, n, "%s/fanye", xdg);
	else if (home && home[0] == '/')
		w = snprintf(buf, n, "%s/.local/state/fanye", home);
	else {
		snprintf(err, errlen, "no state directory: neither XDG_STATE_HOME nor HOME is set");
		return -1;
	}
	if (w < 0 || (size_t)w >= n) {
		snprintf(err, errlen, "state directory path too long");
		return -1;
	}
	return 0;
}

int marks_state_dir(char *buf, size_t n, char *err, size_t errlen)
{
	if (state_dir_path(buf, n, err, errlen) < 0)
		return -1;
	if (make_dirs(buf) < 0) {
		snprintf(err, errlen, "%s: %s", buf, strerror(errno));
		return -1;
	}
	struct stat st;
	if (lstat(buf, &st) < 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: not a directory", buf);
		return -1;
	}
	if ((st.st_mode & 077) && st.st_uid == geteuid())
		chmod(buf, 0700);
	return 0;
}

int marks_write_file(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
	char tmp[4096];
	if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp) {
		snprintf(err, errlen, "%s: path too long", path);
		return -1;
	}
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		snprintf(err, errlen, "%s: is a symbolic link; not writing through it", path);
		return -1;
	}
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t k = write(fd, data + done, len - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			snprintf(err, errlen, "%s: %s", path, k < 0 ? strerror(errno) : "short write");
			close(fd);
			unlink(tmp);
			return -1;
		}
		done += (size_t)k;
	}
	if (fsync(fd) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

char *marks_read_file(const char *path, size_t max, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
		close(fd);
		errno = EFBIG;
		return NULL;
	}
	size_t n = (size_t)st.st_size;
	char *buf = malloc(n + 1);
	if (!buf) {
		close(fd);
		return NULL;
	}
	size_t got = 0;
	while (got < n) {
		ssize_t k = read(fd, buf + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	buf[got] = 0;
	if (len)
		*len = got;
	return buf;
}

static int history_path(char *buf, size_t n, char *err, size_t errlen)
{
	char dir[4000];
	if (marks_state_dir(dir, sizeof dir, err, errlen) < 0)
		return -1;
	snprintf(buf, n, "%s/search-history", dir);
	return 0;
}

void marks_history_load(marks_history *h)
{
	h->items = NULL;
	h->n = 0;
	char path[4096], err[256];
	if (history_path(path, sizeof path, err, sizeof err) < 0)
		return;
	size_t len;
	char *buf = marks_read_file(path, (size_t)1 << 20, &len);
	if (!buf)
		return;
	h->items = calloc(MARKS_HISTORY_MAX, sizeof *h->items);
	if (!h->items) {
		free(buf);
		return;
	}
	/* Keep the last MARKS_HISTORY_MAX non-empty lines. */
	for (char *save = NULL, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (!*l)
			continue;
		if (h->n == MARKS_HISTORY_MAX) {
			free(h->items[0]);
			memmove(h->items, h->items + 1, (MARKS_HISTORY_MAX - 1) * sizeof *h->items);
			h->n--;
		}
		h->items[h->n] = strdup(l);
		if (h->items[h->n])
			h->n++;
	}
	free(buf);
}

int marks_history_add(marks_history *h, const char *query, char *err, size_t errlen)
{
	if (!query || !*query || strchr(query, '\n'))
		return 0;
	if (!h->items) {
		h->items = calloc(MARKS_HISTORY_MAX, sizeof *h->items);
		if (!h->items) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->items[i], query) == 0) {
			free(h->items[i]);
			memmove(h->items + i, h->items + i + 1, (h->n - i - 1) * sizeof *h->items);
			h->n--;
			break;
		}
	if (h->n == MARKS_HISTORY_MAX) {
		free(h->items[0]);
		memmove(h->items, h->items + 1, (MARKS_HISTORY_MAX - 1) * sizeof *h->items);
		h->n--;
	}
	h->items[h->n] = strdup(query);
	if (!h->items[h->n]) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	h->n++;
	/* Re-read what another fanye may have added, then write the union. */
	marks_history merged;
	marks_history_load(&merged);
	size_t cap = 1;
	for (size_t i = 0; i < merged.n; i++)
		cap += strlen(merged.items[i]) + 1;
	for (size_t i = 0; i < h->n; i++)
		cap += strlen(h->items[i]) + 1;
	char *out = malloc(cap);
	if (!out) {
		marks_history_free(&merged);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	size_t len = 0;
	for (size_t i = 0; i < merged.n; i++) {
		bool mine = false;
		for (size_t j = 0; j < h->n && !mine; j++)
			mine = strcmp(merged.items[i], h->items[j]) == 0;
		if (!mine)
			len += (size_t)sprintf(out + len, "%s\n", merged.items[i]);
	}
	for (size_t i = 0; i < h->n; i++)
		len += (size_t)sprintf(out + len, "%s\n", h->items[i]);
	marks_history_free(&merged);
	char path[4096];
	int rc = history_path(path, sizeof path, err, errlen);
	if (rc == 0)
		rc = marks_write_file(path, out, len, err, errlen);
	free(out);
	return rc;
}

void marks_history_free(marks_history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->items[i]);
	free(h->items);
	h->items = NULL;
	h->n = 0;
}

/* ---- the store of one document ----------------------------------------------- */

#define CTX_BEFORE 40
#define CTX_AFTER 64
#define LABEL_MAX 200

static long long now_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

static uint64_t fnv64(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

/* Size and hashes of the first and last 16 KiB. */
static void fingerprint(const doc *d, char *buf, size_t n)
{
	size_t k = d->len < 16384 ? d->len : 16384;
	snprintf(buf, n, "%zu-%016llx-%016llx", d->len, (unsigned long long)fnv64(d->data, k),
	         (unsigned long long)fnv64(d->data + d->len - k, k));
}

/* Escapes bytes for an INI value as \xHH: controls, the backslash (a
 * trailing one would join lines in iniparser), the double quote, ;, # and
 * =, and spaces at either end (so the value needs no quotes). */
static char *escape(const char *s, size_t n)
{
	char *o = malloc(n * 4 + 1);
	if (!o)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F || c == '"' || c == ';' || c == '#' || c == '=' || c == '\\' ||
		    (c == ' ' && (i == 0 || i + 1 == n))) {
			k += (size_t)sprintf(o + k, "\\x%02X", c);
		} else {
			o[k++] = (char)c;
		}
	}
	o[k] = 0;
	return o;
}

static char *unescape(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *o = malloc(n + 1);
	if (!o)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && s[i + 1] == '\\') {
			o[k++] = '\\';
			i++;
		} else if (s[i] == '\\' && i + 3 < n && s[i + 1] == 'x') {
			char hex[3] = {s[i + 2], s[i + 3], 0};
			o[k++] = (char)strtol(hex, NULL, 16);
			i += 3;
		} else {
			o[k++] = s[i];
		}
	}
	o[k] = 0;
	return o;
}

/* The text before and after off, cut at character boundaries. */
static void context(const doc *d, size_t off, char **before, char **after)
{
	if (off > d->len)
		off = d->len;
	size_t a = off > CTX_BEFORE ? off - CTX_BEFORE : 0;
	while (a < off && (d->data[a] & 0xC0) == 0x80)
		a++;
	size_t b = d->len - off > CTX_AFTER ? off + CTX_AFTER : d->len;
	while (b > off && b < d->len && (d->data[b] & 0xC0) == 0x80)
		b--;
	*before = strndup((const char *)d->data + a, off - a);
	*after = strndup((const char *)d->data + off, b - off);
}

static void free_entry(marks_entry *e)
{
	free(e->label);
	free(e->note);
	free(e->section);
	free(e->before);
	free(e->after);
}

/* The occurrence of needle nearest to `near`, or SIZE_MAX. */
static size_t nearest(const doc *d, const char *needle, size_t nl, size_t near)
{
	if (nl == 0)
		return SIZE_MAX;
	size_t best = SIZE_MAX, bestd = SIZE_MAX;
	const unsigned char *p = d->data, *end = d->data + d->len;
	while (p < end) {
		const unsigned char *q = memmem(p, (size_t)(end - p), needle, nl);
		if (!q)
			break;
		size_t at = (size_t)(q - d->data);
		size_t dist = at > near ? at - near : near - at;
		if (dist < bestd) {
			best = at;
			bestd = dist;
		} else if (at > near) {
			break; /* further ones are only further away */
		}
		p = q + 1;
	}
	return best;
}

/* Finds the passage again: where it was, else the whole context, else the
 * text after it, else the text before it, else shorter and shorter starts of
 * the text after it; nearest to the old place each time.  Sets lost if
 * nothing was found (the offset is then kept, clamped). */
static size_t anchor(const doc *d, size_t off, const char *before, const char *after, bool *lost)
{
	size_t bl = before ? strlen(before) : 0, al = after ? strlen(after) : 0;
	*lost = false;
	if (al && off + al <= d->len && memcmp(d->data + off, after, al) == 0)
		return off;
	if (!al && !bl)
		return off <= d->len ? off : d->len;
	char *both = malloc(bl + al + 1);
	if (both) {
		memcpy(both, before ? before : "", bl);
		memcpy(both + bl, after ? after : "", al);
		size_t at = nearest(d, both, bl + al, off > bl ? off - bl : 0);
		free(both);
		if (at != SIZE_MAX)
			return at + bl;
	}
	size_t at = nearest(d, after, al, off);
	if (at != SIZE_MAX)
		return at;
	at = nearest(d, before, bl, off > bl ? off - bl : 0);
	if (at != SIZE_MAX)
		return at + bl;
	for (size_t l = al / 2; l >= 8; l /= 2) {
		at = nearest(d, after, l, off);
		if (at != SIZE_MAX)
			return at;
	}
	*lost = true;
	return off <= d->len ? off : d->len;
}

/* ---- reading and writing the file ----------------------------------------------- */

static const char *get(dictionary *dict, const char *sec, const char *key)
{
	char k[256];
	snprintf(k, sizeof k, "%s:%s", sec, key);
	return iniparser_getstring(dict, k, NULL);
}

static bool get_size(dictionary *dict, const char *sec, const char *key, size_t *out)
{
	const char *v = get(dict, sec, key);
	if (!v)
		return false;
	char *end;
	errno = 0;
	unsigned long long x = strtoull(v, &end, 10);
	if (errno || end == v || *end)
		return false;
	*out = (size_t)x;
	return true;
}

static long long get_ll(dictionary *dict, const char *sec, const char *key)
{
	const char *v = get(dict, sec, key);
	return v ? strtoll(v, NULL, 10) : 0;
}

typedef struct disk {
	char path[4096], fingerprint[64];
	bool has_position;
	size_t position;
	char *pos_before, *pos_after;
	marks_entry *e;
	size_t n;
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

static int ini_quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* Reads a state file: 1 read, 0 absent, -1 damaged. */
static int read_store(const char *file, disk *k)
{
	memset(k, 0, sizeof *k);
	struct stat st;
	if (lstat(file, &st) < 0)
		return 0;
	if (!S_ISREG(st.st_mode))
		return -1;
	iniparser_set_error_callback(ini_quiet);
	dictionary *dict = iniparser_load(file);
	if (!dict)
		return -1;
	const char *p = get(dict, "document", "path"), *f = get(dict, "document", "fingerprint");
	if (!f) {
		iniparser_freedict(dict);
		return -1;
	}
	char *up = unescape(p ? p : "");
	snprintf(k->path, sizeof k->path, "%s", up ? up : "");
	free(up);
	snprintf(k->fingerprint, sizeof k->fingerprint, "%s", f);
	k->has_position = get_size(dict, "document", "position", &k->position);
	k->pos_before = unescape(get(dict, "document", "position-before"));
	k->pos_after = unescape(get(dict, "document", "position-after"));
	int nsec = iniparser_getnsec(dict);
	k->e = calloc((size_t)(nsec > 0 ? nsec : 1), sizeof *k->e);
	if (!k->e) {
		iniparser_freedict(dict);
		return -1;
	}
	for (int i = 0; i < nsec; i++) {
		const char *sec = iniparser_getsecname(dict, i);
		if (!sec || strncmp(sec, "entry ", 6) != 0)
			continue;
		marks_entry e;
		memset(&e, 0, sizeof e);
		snprintf(e.id, sizeof e.id, "%s", sec + 6);
		if (!get_size(dict, sec, "offset", &e.offset))
			continue; /* an entry without a place: skip, keep the rest */
		size_t letter = 0;
		get_size(dict, sec, "letter", &letter);
		e.letter = letter < 128 ? (int)letter : 0;
		e.label = unescape(get(dict, sec, "label"));
		e.note = unescape(get(dict, sec, "note"));
		e.section = unescape(get(dict, sec, "section"));
		e.before = unescape(get(dict, sec, "before"));
		e.after = unescape(get(dict, sec, "after"));
		e.created = get_ll(dict, sec, "created");
		e.modified = get_ll(dict, sec, "modified");
		const char *lost = get(dict, sec, "lost");
		e.lost = lost && strcmp(lost, "yes") == 0;
		k->e[k->n++] = e;
	}
	iniparser_freedict(dict);
	return 1;
}

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
			n = LABEL_MAX;
			while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
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
	                              "[document]\nfingerprint = %s\n", s->fingerprint);
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

/* Moves a damaged file aside as FILE.corrupt-DATE. */
static void move_aside(marks_store *s, const char *file)
{
	char aside[4400], date[32];
	time_t t = time(NULL);
	strftime(date, sizeof date, "%Y%m%d-%H%M%S", localtime(&t));
	snprintf(aside, sizeof aside, "%s.corrupt-%s", file, date);
	if (rename(file, aside) == 0)
		snprintf(s->msg, sizeof s->msg, "damaged bookmarks file moved aside to %.500s", aside);
	else
		snprintf(s->msg, sizeof s->msg, "damaged bookmarks file %s: %s", file, strerror(errno));
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

/* Whether the store file plainly belongs to another path: its first 4 KiB
 * hold the line "path = V" as marks_save writes it, with V not esc (the
 * escaped path sought).  Anything less plain (a hand-edited file, a path
 * line beyond 4 KiB) answers false and the file is read in full: this
 * only spares the INI parse of every store when a new document opens. */
static bool other_path(const char *file, const char *esc)
{
	int fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return false;
	char buf[4097];
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
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

/* Takes the loaded disk state into s, re-anchoring everything if the
 * document is not the one it was written for. */
static void adopt(marks_store *s, const doc *d, disk *k)
{
	bool changed = strcmp(k->fingerprint, s->fingerprint) != 0;
	s->e = k->e;
	s->n = k->n;
	k->e = NULL;
	k->n = 0;
	for (size_t i = 0; i < s->n; i++) {
		marks_entry *e = &s->e[i];
		if (changed || e->offset > d->len || e->lost) {
			bool lost;
			e->offset = anchor(d, e->offset, e->before, e->after, &lost);
			e->lost = lost;
		}
	}
	if (k->has_position) {
		bool lost;
		s->position = changed ? anchor(d, k->position, k->pos_before, k->pos_after, &lost) : k->position;
		if (s->position > d->len)
			s->position = d->len;
		s->has_position = true;
		s->pos_before = k->pos_before;
		s->pos_after = k->pos_after;
		k->pos_before = k->pos_after = NULL;
	}
	marks_sort(s);
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

/* A document with no store yet gets its file name (its fingerprint hashes
 * 32 KiB) and the state directory when something is first saved. */
static int store_ready(marks_store *s, const doc *d, char *err, size_t errlen)
{
	if (!s->deferred)
		return 0;
	char dir[4000];
	if (marks_state_dir(dir, sizeof dir, err, errlen) < 0)
		return -1;
	char docs[4100];
	snprintf(docs, sizeof docs, "%s/docs", dir);
	if (mkdir(docs, 0700) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "%.400s: %s", docs, strerror(errno));
		return -1;
	}
	fingerprint(d, s->fingerprint, sizeof s->fingerprint);
	snprintf(s->file, sizeof s->file, "%s/%s.ini", docs, s->fingerprint);
	s->deferred = false;
	return 0;
}

void marks_open(marks_store *s, const doc *d, const char *path)
{
	memset(s, 0, sizeof *s);
	if (path && strcmp(path, "-") != 0) {
		char *rp = realpath(path, NULL);
		snprintf(s->doc_path, sizeof s->doc_path, "%s", rp ? rp : path);
		free(rp);
	}
	char dir[4000], err[300];
	if (state_dir_path(dir, sizeof dir, err, sizeof err) < 0) {
		snprintf(s->msg, sizeof s->msg, "bookmarks will not be kept: %s", err);
		return;
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
		return;
	}
	/* A store named by this content begins with the document's size: only
	 * then is the fingerprint needed now. */
	char prefix[32];
	int pl = snprintf(prefix, sizeof prefix, "%zu-", d->len);
	bool sized = false;
	struct dirent *de;
	while (!sized && (de = readdir(dd)) != NULL)
		sized = strncmp(de->d_name, prefix, (size_t)pl) == 0;
	disk k;
	if (sized) {
		fingerprint(d, s->fingerprint, sizeof s->fingerprint);
		snprintf(s->file, sizeof s->file, "%s/%s.ini", docs, s->fingerprint);
		int r = read_store(s->file, &k);
		if (r < 0) {
			move_aside(s, s->file);
			disk_free(&k);
			closedir(dd);
			return;
		}
		if (r > 0) {
			adopt(s, d, &k);
			disk_free(&k);
			closedir(dd);
			return;
		}
	} else {
		s->deferred = true;
	}
	/* Not by content: the same path with other content is this document
	 * after an edit.  Its entries are re-anchored and move to the new name. */
	if (!s->doc_path[0]) {
		closedir(dd);
		return;
	}
	rewinddir(dd);
	char *esc = escape(s->doc_path, strlen(s->doc_path));
	while ((de = readdir(dd)) != NULL) {
		size_t l = strlen(de->d_name);
		if (l < 5 || strcmp(de->d_name + l - 4, ".ini") != 0)
			continue;
		char file[4400];
		snprintf(file, sizeof file, "%s/%s", docs, de->d_name);
		if (esc && other_path(file, esc))
			continue;
		if (read_store(file, &k) > 0 && strcmp(k.path, s->doc_path) == 0) {
			adopt(s, d, &k);
			disk_free(&k);
			/* The old file goes once the new one is written. */
			char err2[300];
			if (marks_save(s, d, err2, sizeof err2) == 0)
				unlink(file);
			break;
		}
		disk_free(&k);
	}
	free(esc);
	closedir(dd);
}

static marks_entry *find_id(marks_entry *e, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].id, id) == 0)
			return &e[i];
	return NULL;
}

static bool was_deleted(const marks_store *s, const char *id)
{
	for (size_t i = 0; i < s->ndeleted; i++)
		if (strcmp(s->deleted[i], id) == 0)
			return true;
	return false;
}

static bool copy_entry(marks_entry *dst, const marks_entry *src)
{
	*dst = *src;
	dst->label = src->label ? strdup(src->label) : NULL;
	dst->note = src->note ? strdup(src->note) : NULL;
	dst->section = src->section ? strdup(src->section) : NULL;
	dst->before = src->before ? strdup(src->before) : NULL;
	dst->after = src->after ? strdup(src->after) : NULL;
	return true;
}

int marks_save(marks_store *s, const doc *d, char *err, size_t errlen)
{
	if (store_ready(s, d, err, errlen) < 0)
		return -1;
	if (!s->file[0]) {
		snprintf(err, errlen, "%s", s->msg[0] ? s->msg : "no place to keep bookmarks");
		return -1;
	}
	char lockf[4300];
	snprintf(lockf, sizeof lockf, "%s.lock", s->file);
	int lfd = open(lockf, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (lfd < 0) {
		snprintf(err, errlen, "%s: %s", lockf, strerror(errno));
		return -1;
	}
	flock(lfd, LOCK_EX);
	/* What is on disk now: another fanye may have written since. */
	disk k;
	int r = read_store(s->file, &k);
	if (r < 0) {
		move_aside(s, s->file);
		disk_free(&k);
		memset(&k, 0, sizeof k);
	}
	size_t cap = s->n + k.n + 1, n = 0;
	marks_entry *m = calloc(cap, sizeof *m);
	if (!m) {
		disk_free(&k);
		flock(lfd, LOCK_UN);
		close(lfd);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	bool changed = r > 0 && strcmp(k.fingerprint, s->fingerprint) != 0;
	for (size_t i = 0; i < k.n; i++) {
		marks_entry *mine = find_id(s->e, s->n, k.e[i].id);
		if (was_deleted(s, k.e[i].id) || (mine && mine->modified >= k.e[i].modified))
			continue;
		m[n] = k.e[i];
		memset(&k.e[i], 0, sizeof k.e[i]);
		if (changed) {
			bool lost;
			m[n].offset = anchor(d, m[n].offset, m[n].before, m[n].after, &lost);
			m[n].lost = lost;
		}
		n++;
	}
	for (size_t i = 0; i < s->n; i++) {
		marks_entry *theirs = find_id(m, n, s->e[i].id);
		if (theirs)
			continue; /* theirs is newer */
		copy_entry(&m[n++], &s->e[i]);
	}
	disk_free(&k);
	for (size_t i = 0; i < s->n; i++)
		free_entry(&s->e[i]);
	free(s->e);
	s->e = m;
	s->n = n;
	marks_sort(s);
	size_t len;
	char *text = serialise(s, &len);
	int rc = -1;
	if (!text)
		snprintf(err, errlen, "out of memory");
	else
		rc = marks_write_file(s->file, text, len, err, errlen);
	free(text);
	if (rc == 0) {
		for (size_t i = 0; i < s->ndeleted; i++)
			free(s->deleted[i]);
		s->ndeleted = 0;
	}
	flock(lfd, LOCK_UN);
	close(lfd);
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

marks_entry *marks_set_mark(marks_store *s, const doc *d, int letter, size_t off)
{
	marks_entry *e = marks_find_mark(s, letter);
	if (e) {
		free(e->before);
		free(e->after);
		e->modified = now_us();
	} else if ((e = new_entry(s)) == NULL) {
		return NULL;
	}
	snprintf(e->id, sizeof e->id, "m%d", letter);
	e->letter = letter;
	e->offset = off;
	e->lost = false;
	context(d, off, &e->before, &e->after);
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
	context(d, off, &e->before, &e->after);
	return e;
}

void marks_rename(marks_store *s, size_t i, const char *label)
{
	if (i >= s->n)
		return;
	free(s->e[i].label);
	s->e[i].label = label && *label ? strdup(label) : NULL;
	s->e[i].modified = now_us();
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
	context(d, off, &s->pos_before, &s->pos_after);
}
