/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * unpack: a compressed file read as the text inside it, with libarchive
 * (gzip, xz, bzip2, zstd, lz4, and a zip holding one text).  libarchive is
 * opened with dlopen the first time a compressed file is: it brings a
 * dozen libraries, which every other start would pay for.  libarchive
 * rather than zlib, liblzma, libbz2 and libzstd one by one: one interface
 * for all of them, concatenated members, and the zip reader EPUB needs.
 * Headless.
 */
#ifndef FANYE_UNPACK_H
#define FANYE_UNPACK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct unpack unpack;

/* The name of the compression the bytes s[0..n) start with ("gzip", "xz",
 * "bzip2", "zstd", "lz4", "zip"), or NULL. */
const char *unpack_sniff(const unsigned char *s, size_t n);

/* Opens the text inside the compressed file at path.  NULL with a
 * one-line message in err (naming the file) when it cannot be. */
unpack *unpack_open(const char *path, char *err, size_t errlen);
/* Up to n bytes of the text; 0 at its end, -1 when the file is damaged
 * (unpack_error says how; what was read before stands). */
ssize_t unpack_read(unpack *u, void *buf, size_t n);
/* What went wrong, or "". */
const char *unpack_error(const unpack *u);
/* The compression ("gzip" ...), for the status line. */
const char *unpack_name(const unpack *u);
void unpack_close(unpack *u);

/* A compressed stream on a pipe, decompressed by a child process (fanye
 * itself, forked, with libarchive): libarchive reads on until the text
 * asked for is made and would hold the reader while a slow pipe brings
 * more, so the child waits instead and the reader reads its text as a
 * plain pipe's, never waiting.  Returns that pipe's read end, or -1 with
 * a message; pr then holds the child and the pipe of its one message. */
typedef struct unpack_proc {
	pid_t pid;
	int msg;
} unpack_proc;
int unpack_child(int fd, const void *head, size_t n, const char *name, unpack_proc *pr, char *err, size_t errlen);
/* Ends the child: its message (a damaged stream, or why it could not
 * start; "" when none) into msg, or (msg NULL: the text was not read to
 * its end) stopped. */
void unpack_child_end(unpack_proc *pr, char *msg, size_t len);

/* The members of a zip (an EPUB), one at a time in the archive's order:
 * each is asked first (UNPACK_ASK, data NULL) whether it wants a member,
 * then given its bytes (UNPACK_DATA; they are valid during the call), or
 * told it is encrypted (UNPACK_ENCRYPTED).  Names are as stored (UTF-8):
 * "../x" and "/x" come as they are.  Nothing is written to disk.  Reads
 * stop at max bytes in all.  0, or -1 with a one-line message in err (the
 * members given before it stand). */
enum unpack_what { UNPACK_ASK, UNPACK_DATA, UNPACK_ENCRYPTED };
typedef bool (*unpack_member_fn)(void *ctx, const char *name, const unsigned char *data, size_t len,
                                 enum unpack_what what);
int unpack_zip_each(const char *path, size_t max, unpack_member_fn each, void *ctx, char *err, size_t errlen);

#endif
