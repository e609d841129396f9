/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * unpack: compressed files through libarchive, loaded with dlopen (see
 * unpack.h); archive.h gives the functions' types.
 */
#include "build.h"
#include "fanye/unpack.h"
#include "fanye/dl.h"

#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <sys/wait.h>
#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

struct unpack {
	struct archive *a;
	char name[16];
	char err[200];
	bool end;
	/* a stream: its descriptor, and the bytes already read from it */
	int fd;
	unsigned char *head;
	size_t nhead;
	bool head_given;
	unsigned char buf[65536];
};

static struct {
	bool tried, ok;
	struct archive *(*read_new)(void);
	int (*support_filter_all)(struct archive *);
	int (*support_format_raw)(struct archive *);
	int (*support_format_zip)(struct archive *);
	int (*open_filename)(struct archive *, const char *, size_t);
	int (*open)(struct archive *, void *, archive_open_callback *, archive_read_callback *,
	            archive_close_callback *);
	int (*next_header)(struct archive *, struct archive_entry **);
	la_ssize_t (*read_data)(struct archive *, void *, size_t);
	int (*data_skip)(struct archive *);
	const char *(*error_string)(struct archive *);
	const char *(*filter_name)(struct archive *, int);
	int (*format)(struct archive *);
	int (*free)(struct archive *);
	int (*entry_filetype)(struct archive_entry *);
	const char *(*entry_pathname)(struct archive_entry *);
	const char *(*entry_pathname_utf8)(struct archive_entry *);
	la_int64_t (*entry_size)(struct archive_entry *);
	int (*entry_is_encrypted)(struct archive_entry *);
} la;

/* libarchive's functions, loaded once; false when it cannot be. */
static bool loaded(void)
{
	if (la.tried)
		return la.ok;
	la.tried = true;
	static const char *const names[] = {"libarchive.so.13", "libarchive.so", NULL};
	const dl_sym syms[] = {
		{"archive_read_new", (void **)&la.read_new},
		{"archive_read_support_filter_all", (void **)&la.support_filter_all},
		{"archive_read_support_format_raw", (void **)&la.support_format_raw},
		{"archive_read_support_format_zip", (void **)&la.support_format_zip},
		{"archive_read_open_filename", (void **)&la.open_filename},
		{"archive_read_open", (void **)&la.open},
		{"archive_read_next_header", (void **)&la.next_header},
		{"archive_read_data", (void **)&la.read_data},
		{"archive_read_data_skip", (void **)&la.data_skip},
		{"archive_error_string", (void **)&la.error_string},
		{"archive_filter_name", (void **)&la.filter_name},
		{"archive_format", (void **)&la.format},
		{"archive_read_free", (void **)&la.free},
		{"archive_entry_filetype", (void **)&la.entry_filetype},
		{"archive_entry_pathname", (void **)&la.entry_pathname},
		{"archive_entry_pathname_utf8", (void **)&la.entry_pathname_utf8},
		{"archive_entry_size", (void **)&la.entry_size},
		{"archive_entry_is_encrypted", (void **)&la.entry_is_encrypted},
	};
	la.ok = dl_bind(names, syms, sizeof syms / sizeof *syms);
	return la.ok;
}

const char *unpack_sniff(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0x1F && s[1] == 0x8B)
		return "gzip";
	if (n >= 6 && memcmp(s, "\xFD" "7zXZ\0", 6) == 0)
		return "xz";
	if (n >= 4 && memcmp(s, "\x28\xB5\x2F\xFD", 4) == 0)
		return "zstd";
	if (n >= 10 && memcmp(s, "BZh", 3) == 0 && s[3] >= '1' && s[3] <= '9' && memcmp(s + 4, "1AY&SY", 6) == 0)
		return "bzip2";
	if (n >= 4 && memcmp(s, "\x04\x22\x4D\x18", 4) == 0)
		return "lz4";
	if (n >= 4 && memcmp(s, "PK\x03\x04", 4) == 0)
		return "zip";
	return NULL;
}

/* The message for a failure of a with what it says, into u->err. */
static void say(unpack *u, const char *path, const char *what)
{
	const char *why = u->a ? la.error_string(u->a) : NULL;
	snprintf(u->err, sizeof u->err, "%s: %s%s%s", path, what, why ? ": " : "", why ? why : "");
}

/* Regular members of the zip at path, counted up to 2 (0 when it cannot
 * be read as a zip); *epub when the first is an EPUB's "mimetype". */
static int zip_members(const char *path, bool *epub)
{
	*epub = false;
	struct archive *a = la.read_new();
	if (!a)
		return 0;
	la.support_format_zip(a);
	int n = 0, r;
	struct archive_entry *e;
	if (la.open_filename(a, path, 65536) == ARCHIVE_OK)
		while (n < 2 && ((r = la.next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN)) {
			const char *name = la.entry_pathname(e);
			if (n == 0 && name && strcmp(name, "mimetype") == 0)
				*epub = true;
			n += la.entry_filetype(e) == AE_IFREG;
		}
	la.free(a);
	return n;
}

/* The first entry of u->a, opened (r: what the open said): a zip's first
 * regular member, else the one entry of the raw reader; false with the
 * message in err. */
static bool first_entry(unpack *u, int r, const char *name, char *err, size_t errlen)
{
	struct archive_entry *e = NULL;
	if (r == ARCHIVE_OK || r == ARCHIVE_WARN) {
		while ((r = la.next_header(u->a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN)
			if (la.entry_filetype(e) == AE_IFREG)
				break;
	}
	const char *why = r != ARCHIVE_OK && r != ARCHIVE_WARN ? la.error_string(u->a) : NULL;
	const char *filter = why ? la.filter_name(u->a, 0) : NULL;
	if (why && (!filter || strcmp(filter, "none") == 0))
		filter = u->name[0] ? u->name : NULL; /* as its first bytes said */
	if (why && filter && strcmp(filter, "none") != 0 && strcmp(filter, "zip") != 0) {
		/* known, and broken before its first block ends: nothing to show */
		snprintf(err, errlen, "%s: damaged %s (%s): nothing in it could be read", name, filter, why);
		return false;
	}
	if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
		say(u, name, r == ARCHIVE_EOF ? "an empty archive" : "not a compressed file fanye can read");
		snprintf(err, errlen, "%s", u->err);
		return false;
	}
	if (la.entry_is_encrypted(e)) {
		snprintf(err, errlen, "%s: encrypted; fanye cannot read it", name);
		return false;
	}
	const char *f = la.filter_name(u->a, 0);
	bool zip = (la.format(u->a) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP;
	if (!zip && (!f || strcmp(f, "none") == 0)) {
		/* the raw reader takes anything: a file that only starts like
		 * a compressed one is not one */
		snprintf(err, errlen, "%s: damaged: not compressed data after all", name);
		return false;
	}
	snprintf(u->name, sizeof u->name, "%s", zip ? "zip" : f);
	u->err[0] = 0;
	return true;
}

/* A new reader of the formats fanye takes, or NULL with a message. */
static unpack *reader(const char *name, char *err, size_t errlen)
{
	if (!loaded()) {
		snprintf(err, errlen, "%s: compressed, and libarchive cannot be loaded (Debian: libarchive13)", name);
		return NULL;
	}
	unpack *u = calloc(1, sizeof *u);
	if (!u || !(u->a = la.read_new())) {
		snprintf(err, errlen, "%s: out of memory", name);
		free(u);
		return NULL;
	}
	u->fd = -1;
	la.support_filter_all(u->a);
	la.support_format_zip(u->a);
	la.support_format_raw(u->a);
	return u;
}

unpack *unpack_open(const char *path, char *err, size_t errlen)
{
	if (!loaded()) {
		snprintf(err, errlen, "%s: compressed, and libarchive cannot be loaded (Debian: libarchive13)", path);
		return NULL;
	}
	unsigned char head[16] = {0};
	FILE *fp = fopen(path, "rb");
	size_t hn = fp ? fread(head, 1, sizeof head, fp) : 0;
	if (fp)
		fclose(fp);
	bool epub = false;
	if (hn >= 4 && memcmp(head, "PK\x03\x04", 4) == 0 && zip_members(path, &epub) > 1) {
		if (epub)
			snprintf(err, errlen, "%s: an EPUB book that cannot be read as one", path);
		else
			snprintf(err, errlen, "%s: a zip of several files; fanye reads a zip that holds one text", path);
		return NULL;
	}
	unpack *u = reader(path, err, errlen);
	if (!u)
		return NULL;
	const char *sniffed = unpack_sniff(head, hn);
	snprintf(u->name, sizeof u->name, "%s", sniffed ? sniffed : "");
	if (!first_entry(u, la.open_filename(u->a, path, 65536), path, err, errlen)) {
		unpack_close(u);
		return NULL;
	}
	return u;
}

/* libarchive's reads of a stream: the bytes already read, then the
 * descriptor's (blocking). */
static la_ssize_t stream_read(struct archive *a, void *ctx, const void **out)
{
	(void)a;
	unpack *u = ctx;
	if (!u->head_given) {
		u->head_given = true;
		*out = u->head;
		return (la_ssize_t)u->nhead;
	}
	ssize_t r;
	do
		r = read(u->fd, u->buf, sizeof u->buf);
	while (r < 0 && errno == EINTR);
	*out = u->buf;
	return r < 0 ? ARCHIVE_FATAL : (la_ssize_t)r;
}

/* The text inside a compressed stream on fd (left open), whose first n
 * bytes were already read into head; reads block (the child's). */
static unpack *unpack_open_fd(int fd, const void *head, size_t n, const char *name, char *err, size_t errlen)
{
	unpack *u = reader(name, err, errlen);
	if (!u)
		return NULL;
	u->fd = fd;
	const char *sniffed = unpack_sniff(head, n);
	snprintf(u->name, sizeof u->name, "%s", sniffed ? sniffed : "");
	if (!(u->head = malloc(n ? n : 1))) {
		snprintf(err, errlen, "%s: out of memory", name);
		unpack_close(u);
		return NULL;
	}
	memcpy(u->head, head, n);
	u->nhead = n;
	if (!first_entry(u, la.open(u->a, u, NULL, stream_read, NULL), name, err, errlen)) {
		unpack_close(u);
		return NULL;
	}
	return u;
}

ssize_t unpack_read(unpack *u, void *buf, size_t n)
{
	if (u->end)
		return 0;
	la_ssize_t r = la.read_data(u->a, buf, n);
	if (r < 0) {
		const char *why = la.error_string(u->a);
		snprintf(u->err, sizeof u->err, "%s", why ? why : "damaged");
		u->end = true;
		return -1;
	}
	if (r == 0)
		u->end = true;
	return (ssize_t)r;
}

const char *unpack_error(const unpack *u)
{
	return u->err;
}

const char *unpack_name(const unpack *u)
{
	return u->name;
}

void unpack_close(unpack *u)
{
	if (!u)
		return;
	if (u->a)
		la.free(u->a);
	free(u->head);
	free(u);
}

int unpack_zip_each(const char *path, size_t max, unpack_member_fn each, void *ctx, char *err, size_t errlen)
{
	if (!loaded()) {
		snprintf(err, errlen, "%s: a zip, and libarchive cannot be loaded (Debian: libarchive13)", path);
		return -1;
	}
	struct archive *a = la.read_new();
	if (!a) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	la.support_format_zip(a);
	/* Member names are UTF-8 in an EPUB; libarchive gives them only
	 * through the locale's character set, so this thread reads them in a
	 * UTF-8 one whatever the user's is. */
	locale_t utf8 = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
	locale_t old = utf8 ? uselocale(utf8) : (locale_t)0;
	int rc = 0, r = ARCHIVE_EOF;
	size_t total = 0;
	unsigned char *buf = NULL;
	struct archive_entry *e;
	if (la.open_filename(a, path, 65536) != ARCHIVE_OK) {
		snprintf(err, errlen, "%s: not a zip fanye can read: %s", path, la.error_string(a) ? la.error_string(a) : "?");
		rc = -1;
	}
	while (rc == 0 && ((r = la.next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN)) {
		if (la.entry_filetype(e) != AE_IFREG)
			continue;
		const char *name = la.entry_pathname_utf8(e);
		if (!name)
			name = la.entry_pathname(e);
		if (!name)
			continue;
		if (la.entry_is_encrypted(e)) {
			each(ctx, name, NULL, 0, UNPACK_ENCRYPTED);
			la.data_skip(a);
			continue;
		}
		la_int64_t want = la.entry_size(e);
		if (!each(ctx, name, NULL, 0, UNPACK_ASK)) {
			la.data_skip(a);
			continue;
		}
		size_t cap = want > 0 && (size_t)want < max - total ? (size_t)want + 1 : 65536, n = 0;
		free(buf);
		if (!(buf = malloc(cap))) {
			snprintf(err, errlen, "%s: out of memory", path);
			rc = -1;
			break;
		}
		for (;;) {
			if (n == cap) {
				unsigned char *nb = cap * 2 <= max - total ? realloc(buf, cap * 2) : NULL;
				if (!nb) {
					snprintf(err, errlen, "%s: more than %zu MiB inside", path, max >> 20);
					rc = -1;
					break;
				}
				buf = nb;
				cap *= 2;
			}
			la_ssize_t k = la.read_data(a, buf + n, cap - n);
			if (k < 0) {
				snprintf(err, errlen, "%s: damaged zip (%s)", path, la.error_string(a) ? la.error_string(a) : "?");
				rc = -1;
				break;
			}
			if (k == 0)
				break;
			n += (size_t)k;
		}
		if (rc == 0) {
			total += n;
			each(ctx, name, buf, n, UNPACK_DATA);
		}
	}
	if (rc == 0 && r != ARCHIVE_EOF && r != ARCHIVE_OK && r != ARCHIVE_WARN) {
		snprintf(err, errlen, "%s: damaged zip (%s)", path, la.error_string(a) ? la.error_string(a) : "?");
		rc = -1;
	}
	free(buf);
	la.free(a);
	if (utf8) {
		uselocale(old);
		freelocale(utf8);
	}
	return rc;
}

/* Writes all of s[0..n) to fd; false when the reader is gone. */
static bool write_all(int fd, const void *s, size_t n)
{
	const char *p = s;
	while (n) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		p += k;
		n -= (size_t)k;
	}
	return true;
}

int unpack_child(int fd, const void *head, size_t n, const char *name, unpack_proc *pr, char *err, size_t errlen)
{
	if (!loaded()) {
		snprintf(err, errlen, "%s: compressed, and libarchive cannot be loaded (Debian: libarchive13)", name);
		return -1;
	}
	int data[2], msg[2];
	if (pipe2(data, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		return -1;
	}
	if (pipe2(msg, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		close(data[0]);
		close(data[1]);
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		close(data[0]);
		close(data[1]);
		close(msg[0]);
		close(msg[1]);
		return -1;
	}
	if (pid == 0) {
		/* the child: decompress into the pipe until either end goes;
		 * its one message (a damaged stream) goes to the other pipe */
		close(data[0]);
		close(msg[0]);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGINT, SIG_IGN);
		char e[300] = "";
		unpack *u = unpack_open_fd(fd, head, n, name, e, sizeof e);
		if (!u) {
			write_all(msg[1], e, strlen(e));
			_exit(1);
		}
		static unsigned char buf[65536];
		for (;;) {
			ssize_t r = unpack_read(u, buf, sizeof buf);
			if (r < 0) {
				snprintf(e, sizeof e, "%s: damaged %s (%s): the text stops there", name, u->name, u->err);
				write_all(msg[1], e, strlen(e));
				break;
			}
			if (r == 0 || !write_all(data[1], buf, (size_t)r))
				break;
		}
		_exit(0);
	}
	close(data[1]);
	close(msg[1]);
	pr->pid = pid;
	pr->msg = msg[0];
	return data[0];
}

void unpack_child_end(unpack_proc *pr, char *msg, size_t len)
{
	if (msg && len)
		msg[0] = 0;
	if (pr->msg >= 0) {
		size_t got = 0;
		for (ssize_t k; msg && got + 1 < len && (k = read(pr->msg, msg + got, len - 1 - got)) != 0;) {
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0)
				break;
			got += (size_t)k;
		}
		if (msg && len)
			msg[got] = 0;
		close(pr->msg);
		pr->msg = -1;
	}
	if (pr->pid > 0) {
		if (!msg)
			kill(pr->pid, SIGTERM); /* closed before the end: it may wait for input */
		while (waitpid(pr->pid, NULL, 0) < 0 && errno == EINTR)
			;
		pr->pid = 0;
	}
}
