/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dl: the libraries fanye opens with dlopen only when a document needs
 * them (OpenCC, uchardet, libarchive, libxml2): linked in, each would cost
 * every start-up its loading, though most documents never use it.
 */
#ifndef FANYE_DL_H
#define FANYE_DL_H

#include <stdbool.h>
#include <stddef.h>

/* A symbol to look up and where its address goes. */
typedef struct dl_sym {
	const char *name;
	void **slot;
} dl_sym;

/* Opens the first library of names (NULL-terminated: the Debian 12
 * soname first, then the development name) and fills every slot of
 * syms[0..n); false when no library opens or a symbol is missing. */
bool dl_bind(const char *const *names, const dl_sym *syms, size_t n);

#endif
