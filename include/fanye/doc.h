/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * doc: one document held in memory as UTF-8 bytes, with its physical lines.
 *
 * A regular file is mapped; stdin and pipes are read.  Positions everywhere in
 * fanye are byte offsets into doc->data.  Lines end at LF, CRLF or a lone CR;
 * line numbers are 1-based physical lines of the input.  This module knows
 * nothing of the terminal.
 */
#ifndef FANYE_DOC_H
#define FANYE_DOC_H

#include <stddef.h>
#include <stdbool.h>
#include <sys/types.h>

typedef struct doc {
	const unsigned char *data; /* the text, after any byte-order mark */
	size_t len;                /* bytes in data */
	char *name;                /* what the status line calls it */
	char encoding[24];         /* of the input: "UTF-8", "GB18030", ... */
	const char *encoding_how;  /* how it was chosen: "detected", "uchardet",
	                            * "byte-order mark", "set by --encoding" */
	bool binary;               /* the start looks like a binary file */
	char packed[16];           /* the compression the text was inside
	                            * ("gzip", "xz", "zip" ...), or "" */
	char warning[256];         /* a problem met while reading (a damaged
	                            * archive, a text cut at DOC_UNPACK_MAX),
	                            * for the reader to say once; or "" */
	/* private */
	void *map;                 /* mmap base, or NULL */
	size_t map_len;
	unsigned char *owned;      /* malloc'd text, or NULL */
	size_t *ckpt;              /* ckpt[k]: line ends before k * DOC_CKPT */
	size_t nckpt;              /* checkpoints known */
	size_t ckpt_cap;
	size_t lc_start, lc_line;  /* the last line numbered (lc_line 0: none) */
	/* input that is still arriving (a pipe, stdin, a FIFO, a device) */
	int fd;                    /* source, or -1 */
	bool streaming;            /* more may come */
	size_t cap;                /* bytes allocated for owned */
	void *cd;                  /* iconv state when not UTF-8, or NULL */
	unsigned char pend[8];     /* bytes of a character cut by a read */
	size_t npend;
	char *path;                /* as opened, for reloads */
	void *unpack;              /* the decompressor the text streams from,
	                            * or NULL */
	struct unpack_proc *child; /* the process decompressing a pipe, or NULL */
	struct book *book;         /* the book the text is made from (an
	                            * EPUB, an HTML file), or NULL */
	ino_t ino;                 /* of a regular file, to notice a replacement */
} doc;

/* The most text a compressed file gives (an archive bomb stops here, with
 * a warning). */
#define DOC_UNPACK_MAX ((size_t)1 << 30)

/* Line-index checkpoints are this many bytes apart. */
#define DOC_CKPT ((size_t)1 << 20)

/* Opens PATH ("-" is stdin), decoding it to UTF-8: a byte-order mark
 * decides, valid UTF-8 is UTF-8, else GB18030, Big5, Shift_JIS and EUC-JP
 * are tried strictly and scored; encoding (if not NULL) overrides that.  On
 * failure returns NULL and writes a one-line message (naming the file). */
doc *doc_open(const char *path, char *err, size_t errlen);
doc *doc_open_enc(const char *path, const char *encoding, char *err, size_t errlen);
/* Reads what has arrived of a streaming document (at most max bytes),
 * without waiting.  Returns the bytes added; 0 also at the end, which
 * clears d->streaming. */
size_t doc_poll(doc *d, size_t max);
/* Reads a streaming document to its end (waiting for it), but no more
 * than max bytes in all; returns false if it stopped at max. */
bool doc_read_all(doc *d, size_t max);
/* The end of the last complete line (everything once the input ended). */
size_t doc_complete_len(const doc *d);
/* Whether the document is a regular file (not a pipe, stdin or a device). */
static inline bool doc_is_file(const doc *d)
{
	return d->ino != 0;
}
/* The book (book.h) the text was made from, or NULL. */
static inline struct book *doc_book(const doc *d)
{
	return d->book;
}
/* Whether the text is a file's mapping (doc_copy reads it from the file). */
bool doc_mapped(const doc *d);
/* Copies up to n bytes of the text from off into buf and returns how many
 * (fewer at the end, or if the file shrank).  A mapped file is read with
 * pread: a scan of a whole document through the mapping pays a page fault
 * per page, a scan through a copy does not. */
size_t doc_copy(const doc *d, size_t off, void *buf, size_t n);

enum doc_change { DOC_SAME, DOC_GREW, DOC_RELOADED };
/* For a regular file: takes in what was appended, or reloads it if it was
 * truncated or (with follow_name) replaced by another file at its path. */
enum doc_change doc_refresh(doc *d, bool follow_name, char *err, size_t errlen);

/* Guards reads of mapped files against SIGBUS (a file truncated under
 * us): the missing pages read as zeros and doc_bus_fault() turns true. */
void doc_guard_install(void);
bool doc_bus_fault(void);

/* The encoding detection on its own: a name as above. */
const char *doc_detect(const unsigned char *s, size_t n);
/* The same, and how it was found (see doc.encoding_how).  The name may be
 * uchardet's, in a buffer the next call reuses. */
const char *doc_detect_how(const unsigned char *s, size_t n, const char **how);
/* 0 if iconv knows the encoding name. */
int doc_check_encoding(const char *name);
/* Wraps a copy of a buffer (tests, generated text). */
doc *doc_from_bytes(const char *name, const void *bytes, size_t len);
void doc_close(doc *d);

/* True if byte i ends a line (LF or CR; the LF of a CRLF also counts). */
static inline bool doc_is_eol(const doc *d, size_t i)
{
	return d->data[i] == '\n' || d->data[i] == '\r';
}
/* Offset just past the line terminator that starts at i. */
size_t doc_after_eol(const doc *d, size_t i);
/* Start of the physical line that contains off. */
size_t doc_line_start(const doc *d, size_t off);
/* Start of the next physical line after the one containing off (or len). */
size_t doc_next_line(const doc *d, size_t off);

/* Number of line ends in [a, b) (a CRLF counts once). */
size_t doc_count_eols(const doc *d, size_t a, size_t b);
/* 1-based line number of the line containing off.  Extends the index as
 * needed; with budget > 0, does at most that many bytes of new indexing and
 * returns 0 if that was not enough. */
size_t doc_line_number(doc *d, size_t off, size_t budget);
/* Offset of the start of 1-based line n (clamped to the last line). */
size_t doc_line_offset(doc *d, size_t n);
/* Indexes up to `budget` more bytes; returns true when the index is complete. */
bool doc_index_step(doc *d, size_t budget);

#endif
