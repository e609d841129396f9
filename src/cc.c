/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cc: OpenCC and uchardet, each opened with dlopen the first time it is
 * needed (see cc.h); their headers give the functions' types.
 */
#include "build.h"
#include "fanye/cc.h"
#include "fanye/dl.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <opencc.h>
#include <uchardet.h>

struct cc {
	opencc_t h;
};

static struct {
	bool tried, ok;
	opencc_t (*open)(const char *);
	char *(*convert)(opencc_t, const char *, size_t);
	void (*free_text)(char *);
	int (*close)(opencc_t);
} occ;

/* OpenCC's functions, loaded once; false when it cannot be. */
static bool opencc_loaded(void)
{
	if (occ.tried)
		return occ.ok;
	occ.tried = true;
	static const char *const names[] = {"libopencc.so.1.1", "libopencc.so.1", "libopencc.so", NULL};
	const dl_sym syms[] = {
		{"opencc_open", (void **)&occ.open},
		{"opencc_convert_utf8", (void **)&occ.convert},
		{"opencc_convert_utf8_free", (void **)&occ.free_text},
		{"opencc_close", (void **)&occ.close},
	};
	occ.ok = dl_bind(names, syms, sizeof syms / sizeof *syms);
	return occ.ok;
}

cc *cc_open(const char *config)
{
	if (!opencc_loaded())
		return NULL;
	opencc_t h = occ.open(config);
	if (h == (opencc_t)-1)
		return NULL;
	cc *c = malloc(sizeof *c);
	if (!c) {
		occ.close(h);
		return NULL;
	}
	c->h = h;
	return c;
}

char *cc_convert(cc *c, const char *in, size_t len)
{
	if (!c)
		return NULL;
	/* OpenCC 1.1 reads its input up to a NUL whatever the length given
	 * (and a character's bytes past it): a copy, NUL-padded */
	char *z = malloc(len + 8);
	if (!z)
		return NULL;
	memcpy(z, in, len);
	memset(z + len, 0, 8);
	char *r = occ.convert(c->h, z, len);
	free(z);
	return r;
}

void cc_free_text(char *s)
{
	if (s)
		occ.free_text(s);
}

void cc_close(cc *c)
{
	if (!c)
		return;
	occ.close(c->h);
	free(c);
}

static struct {
	bool tried, ok;
	uchardet_t (*create)(void);
	int (*handle)(uchardet_t, const char *, size_t);
	void (*end)(uchardet_t);
	const char *(*charset)(uchardet_t);
	void (*destroy)(uchardet_t);
} ucd;

/* uchardet's functions, loaded once; false when it cannot be. */
static bool uchardet_loaded(void)
{
	if (ucd.tried)
		return ucd.ok;
	ucd.tried = true;
	static const char *const names[] = {"libuchardet.so.0", "libuchardet.so", NULL};
	const dl_sym syms[] = {
		{"uchardet_new", (void **)&ucd.create},
		{"uchardet_handle_data", (void **)&ucd.handle},
		{"uchardet_data_end", (void **)&ucd.end},
		{"uchardet_get_charset", (void **)&ucd.charset},
		{"uchardet_delete", (void **)&ucd.destroy},
	};
	ucd.ok = dl_bind(names, syms, sizeof syms / sizeof *syms);
	return ucd.ok;
}

void cc_charset(const char *s, size_t n, char *out, size_t cap)
{
	out[0] = 0;
	if (!uchardet_loaded())
		return;
	uchardet_t u = ucd.create();
	if (!u)
		return;
	if (ucd.handle(u, s, n) == 0) {
		ucd.end(u);
		const char *cs = ucd.charset(u);
		if (cs && *cs && strlen(cs) < cap)
			memcpy(out, cs, strlen(cs) + 1);
	}
	ucd.destroy(u);
}
