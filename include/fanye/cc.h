/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cc: the two libraries fanye loads only when it first needs them (dlopen):
 * OpenCC, which converts between the Chinese scripts, and uchardet, which
 * names an encoding.  Both bring the C++ runtime; linked in, they cost
 * every start-up about 1.5 ms of dynamic loading (2.64 ms to the first
 * screen against 1.09 ms for less), though most documents never need
 * either.  When a library cannot be loaded, the functions say so (NULL,
 * "") and fanye goes on without it.
 */
#ifndef FANYE_CC_H
#define FANYE_CC_H

#include <stddef.h>

typedef struct cc cc;

/* An OpenCC converter for config ("t2s", "s2t" ...), or NULL. */
cc *cc_open(const char *config);
/* in[0..len) (valid UTF-8 without NUL) converted: a NUL-terminated
 * string to give to cc_free_text, or NULL. */
char *cc_convert(cc *c, const char *in, size_t len);
void cc_free_text(char *s);
void cc_close(cc *c);

/* uchardet's name for the encoding of s[0..n), into out ("" when it has
 * none or cannot be loaded). */
void cc_charset(const char *s, size_t n, char *out, size_t cap);

#endif
