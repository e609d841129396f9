/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * book_sub: subtitles (SRT and WebVTT) made into a transcript.  The cues
 * are read in order of their start, their markup dropped (<i>, <v Name>,
 * {\an8}, karaoke times, entities decoded), and joined into paragraphs:
 * a paragraph goes on while the same speaker talks and the cues run on,
 * and ends at a new speaker, a dialogue dash, a pause after a sentence, or
 * a minute after it began at the next sentence's end; in a drama's
 * dialogue with no one named (most cues whole sentences) at each
 * sentence.  A speaker is a
 * <v Name> voice, or a "Name:" / "（名字）" prefix whose name recurs, or
 * is said once but written as the names that recur are (HOST and GUEST;
 * not "Remember: ..." among them); it stays until another is named.  Each
 * paragraph is a line "Name: text" (so the outline finds the turns as in
 * any transcript) and keeps the time its first cue starts.
 */
#include "build.h"
#include "book_priv.h"
#include "fanye/doc.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

/* The most a subtitle file may be. */
#define SUB_MAX ((size_t)64 << 20)
/* A pause this long after a sentence ends a paragraph (ms). */
#define PAUSE_MS 2500
/* A paragraph this long ends at the next sentence's end (ms). */
#define LONG_MS 60000

typedef struct cue {
	uint32_t start, end;   /* ms */
	size_t order;          /* in the file, for a stable sort */
	char *voice;           /* <v Name>, or NULL */
	char *text;            /* lines joined by '\n', markup gone */
} cue;

/* ---- reading the file -------------------------------------------------------------- */

/* The file's bytes as UTF-8 (decoded from what doc_detect says, or
 * encoding), without a byte-order mark; NULL with a message. */
static char *read_utf8(const char *path, const char *encoding, size_t *len, const char **used, char *err,
                       size_t errlen)
{
	size_t n;
	char *s = (char *)book_slurp(path, SUB_MAX, &n, err, errlen);
	if (!s)
		return NULL;
	const char *enc = encoding ? encoding : doc_detect((const unsigned char *)s, n);
	*used = enc;
	if (strcasecmp(enc, "UTF-8") != 0) {
		iconv_t cd = iconv_open("UTF-8", enc);
		char *out = cd == (iconv_t)-1 ? NULL : malloc(n * 4 + 4);
		if (!out) {
			if (cd != (iconv_t)-1)
				iconv_close(cd);
			free(s);
			snprintf(err, errlen, "%s: cannot decode as %s", path, enc);
			return NULL;
		}
		char *ip = s, *op = out;
		size_t il = n, ol = n * 4 + 3;
		while (il > 0 && iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
			/* a byte that is not the encoding's: a replacement */
			if (errno != EILSEQ && errno != EINVAL)
				break;
			if (ol < 3)
				break;
			memcpy(op, "\xEF\xBF\xBD", 3);
			op += 3;
			ol -= 3;
			ip++;
			il--;
		}
		iconv_close(cd);
		free(s);
		s = out;
		n = (size_t)(op - out);
	}
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		memmove(s, s + 3, n - 3);
		n -= 3;
	}
	s[n] = 0;
	*len = n;
	return s;
}

/* "hh:mm:ss,mmm", "mm:ss.mmm", "h:mm:ss.mmm"; the end in *end.  -1 when
 * it is not a time. */
static long long parse_time(const char *s, const char **end)
{
	long long part[3] = {0, 0, 0};
	int np = 0;
	const char *p = s;
	while (np < 3) {
		if (*p < '0' || *p > '9')
			return -1;
		long long v = 0;
		int digits = 0;
		while (*p >= '0' && *p <= '9' && digits < 9) {
			v = v * 10 + (*p++ - '0');
			digits++;
		}
		part[np++] = v;
		if (*p != ':')
			break;
		p++;
	}
	if (np < 2 || (*p != ',' && *p != '.'))
		return -1;
	p++;
	long long ms = 0;
	int k = 0;
	for (; *p >= '0' && *p <= '9'; p++, k++)
		if (k < 3)
			ms = ms * 10 + (*p - '0');
	for (; k < 3; k++)
		ms *= 10;
	*end = p;
	long long h = np == 3 ? part[0] : 0, m = np == 3 ? part[1] : part[0], sec = np == 3 ? part[2] : part[1];
	if (m > 59 || sec > 59)
		return -1;
	return ((h * 60 + m) * 60 + sec) * 1000 + ms;
}

/* Whether the line is a cue's timing: "START --> END ...". */
static bool timing(const char *line, uint32_t *start, uint32_t *end)
{
	const char *p = line, *e;
	while (*p == ' ' || *p == '\t')
		p++;
	long long a = parse_time(p, &e);
	if (a < 0)
		return false;
	p = e;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "-->", 3) != 0)
		return false;
	p += 3;
	while (*p == ' ' || *p == '\t')
		p++;
	long long b = parse_time(p, &e);
	if (b < 0)
		return false;
	*start = a > UINT32_MAX - 1 ? UINT32_MAX - 1 : (uint32_t)a;
	*end = b > UINT32_MAX - 1 ? UINT32_MAX - 1 : (uint32_t)b;
	return true;
}

/* Appends s[0..n) to a growing string. */
static bool cat(char **s, size_t *len, size_t *cap, const char *t, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t nc = *cap ? *cap * 2 : 128;
		while (nc < *len + n + 1)
			nc *= 2;
		char *ns = realloc(*s, nc);
		if (!ns)
			return false;
		*s = ns;
		*cap = nc;
	}
	memcpy(*s + *len, t, n);
	*len += n;
	(*s)[*len] = 0;
	return true;
}

/* A cue's text without its markup: tags dropped (a <v Name> voice kept
 * in *voice), {\...} override blocks dropped, entities decoded, controls
 * gone. */
static char *clean(const char *s, char **voice)
{
	char *o = NULL;
	size_t n = 0, cap = 0;
	cat(&o, &n, &cap, "", 0);
	for (const char *p = s; o && *p;) {
		if (*p == '<') {
			const char *q = strchr(p, '>');
			if (!q)
				q = p + strlen(p) - 1;
			if ((p[1] == 'v' || p[1] == 'V') && (p[2] == ' ' || p[2] == '.') && !*voice) {
				const char *nm = p + 2;
				if (*nm == '.')
					while (nm < q && *nm != ' ')
						nm++;
				while (nm < q && *nm == ' ')
					nm++;
				if (q > nm)
					*voice = strndup(nm, (size_t)(q - nm));
			}
			p = q + 1;
			continue;
		}
		if (*p == '{' && p[1] == '\\') {
			const char *q = strchr(p, '}');
			if (q) {
				p = q + 1;
				continue;
			}
		}
		if (*p == '&') {
			static const struct {
				const char *e, *u;
			} ents[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", "\xC2\xA0"},
			            {"&lrm;", ""}, {"&rlm;", ""}, {"&quot;", "\""}, {"&apos;", "'"}};
			bool done = false;
			for (size_t i = 0; i < sizeof ents / sizeof *ents && !done; i++)
				if (strncmp(p, ents[i].e, strlen(ents[i].e)) == 0) {
					cat(&o, &n, &cap, ents[i].u, strlen(ents[i].u));
					p += strlen(ents[i].e);
					done = true;
				}
			if (done)
				continue;
		}
		if ((unsigned char)*p < 0x20 && *p != '\n') {
			p++;
			continue;
		}
		cat(&o, &n, &cap, p, 1);
		p++;
	}
	return o;
}

static int cmp_cue(const void *x, const void *y)
{
	const cue *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Appends the cue [a, b) of text (its markup still in it). */
static void add_cue(cue **v, size_t *n, size_t *cap, uint32_t a, uint32_t b, const char *text)
{
	cue c = {a, b, *n, NULL, NULL};
	c.text = clean(text, &c.voice);
	if (c.text && book_vec_room((void **)v, cap, *n, sizeof **v)) {
		(*v)[(*n)++] = c;
	} else {
		free(c.text);
		free(c.voice);
	}
}

/* The cues of an SRT or WebVTT text, sorted by start. */
static cue *parse(char *s, size_t *ncue)
{
	cue *v = NULL;
	size_t n = 0, cap = 0;
	char *next = s;
	bool in_cue = false, skip_block = false;
	char *text = NULL;
	size_t tlen = 0, tcap = 0;
	uint32_t a = 0, b = 0;
	/* lines, CRLF or LF; the last cue ends at the end */
	for (;;) {
		char *line = next;
		if (line) {
			char *nl = strchr(line, '\n');
			next = nl ? nl + 1 : NULL;
			if (nl)
				*nl = 0;
		}
		size_t ll = line ? strlen(line) : 0;
		if (ll && line[ll - 1] == '\r')
			line[--ll] = 0;
		bool blank = !line || ll == 0;
		uint32_t ta, tb;
		if (line && timing(line, &ta, &tb)) {
			if (in_cue && text) /* a cue without a blank line after it */
				add_cue(&v, &n, &cap, a, b, text);
			in_cue = true;
			skip_block = false;
			a = ta;
			b = tb;
			tlen = 0;
			if (text)
				text[0] = 0;
			continue;
		}
		if (blank) {
			if (in_cue && text && tlen)
				add_cue(&v, &n, &cap, a, b, text);
			in_cue = false;
			skip_block = false;
			tlen = 0;
			if (text)
				text[0] = 0;
			if (!line)
				break;
			continue;
		}
		/* WebVTT blocks that are not cues */
		if (!in_cue && (strncmp(line, "NOTE", 4) == 0 || strncmp(line, "STYLE", 5) == 0 ||
		                strncmp(line, "REGION", 6) == 0 || strncmp(line, "WEBVTT", 6) == 0))
			skip_block = true;
		if (!in_cue || skip_block)
			continue; /* a cue's number or identifier, a header */
		if (tlen)
			cat(&text, &tlen, &tcap, "\n", 1);
		cat(&text, &tlen, &tcap, line, ll);
	}
	free(text);
	if (n)
		qsort(v, n, sizeof *v, cmp_cue);
	*ncue = n;
	return v;
}

/* ---- speakers ---------------------------------------------------------------------- */

static bool is_cjk(uint32_t c)
{
	return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x3FFFF);
}

/* Characters that sit beside CJK text without a space. */
static bool tight(uint32_t c)
{
	return is_cjk(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

/* A speaker's prefix at the start of a cue's line: "Name: " (at most four
 * words, no sentence in it) or "（名字）" (CJK only: English puts sound
 * descriptions in parentheses).  The name is s[*at, *at + *len); *rest is
 * the text after. */
static bool prefix(const char *s, size_t *at, size_t *len, const char **rest)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t n = strlen(s);
	if (n >= 3 && (memcmp(s, "\xEF\xBC\x88", 3) == 0 || s[0] == '(')) {
		size_t open = s[0] == '(' ? 1 : 3;
		size_t i = open, cjk = 0;
		while (i < n && s[i] != ')' && !(n - i >= 3 && memcmp(s + i, "\xEF\xBC\x89", 3) == 0) && i - open < 30) {
			ucs4_t c;
			int k = u8_mbtouc(&c, u + i, n - i);
			if (k <= 0 || !is_cjk(c))
				return false;
			cjk++;
			i += (size_t)k;
		}
		if (i >= n || cjk == 0 || cjk > 8)
			return false;
		const char *r = s + i + (s[i] == ')' ? 1 : 3);
		while (*r == ' ')
			r++;
		if (!*r)
			return false;
		*at = open;
		*len = i - open;
		*rest = r;
		return true;
	}
	size_t i = 0, words = 1;
	for (; i < n && i < 40; i++) {
		if (s[i] == ':' || (i + 3 <= n && memcmp(s + i, "\xEF\xBC\x9A", 3) == 0))
			break;
		if (s[i] == ' ')
			words++;
		if (strchr(".,!?\"()[]0123456789", s[i]) || words > 4)
			return false;
	}
	if (i == 0 || i >= n || i >= 40 || s[i - 1] == ' ')
		return false;
	const char *r = s + i + (s[i] == ':' ? 1 : 3);
	if (s[i] == ':' && *r != ' ')
		return false; /* "10:30", "http://" */
	while (*r == ' ')
		r++;
	*at = 0;
	*len = i;
	*rest = r;
	return true;
}

/* How a name is written: 1 in CJK, 2 in capitals (BRUTUS), 3 with
 * capitals first (Guest, Jonas Berg), 0 otherwise. */
static int name_style(const char *s)
{
	ucs4_t c;
	u8_mbtouc(&c, (const uint8_t *)s, strlen(s));
	if (is_cjk(c))
		return 1;
	size_t lower = 0;
	for (const char *p = s; *p; p++) {
		if ((p == s || p[-1] == ' ') && *p != ' ' && !(*p >= 'A' && *p <= 'Z'))
			return 0;
		lower += *p >= 'a' && *p <= 'z';
	}
	return lower ? 3 : 2;
}

/* The speaker names that recur as prefixes (two or more times). */
typedef struct names {
	char **v;
	size_t *count;
	size_t n, cap;
} names;

static size_t name_find(const names *N, const char *s, size_t len)
{
	for (size_t i = 0; i < N->n; i++)
		if (strlen(N->v[i]) == len && memcmp(N->v[i], s, len) == 0)
			return i;
	return SIZE_MAX;
}

static void name_count(names *N, const char *s, size_t len)
{
	size_t i = name_find(N, s, len);
	if (i != SIZE_MAX) {
		N->count[i]++;
		return;
	}
	if (N->n == N->cap) {
		size_t nc = N->cap ? N->cap * 2 : 16;
		char **nv = realloc(N->v, nc * sizeof *nv);
		if (nv)
			N->v = nv;
		size_t *ncount = realloc(N->count, nc * sizeof *ncount);
		if (ncount)
			N->count = ncount;
		if (!nv || !ncount)
			return;
		N->cap = nc;
	}
	if ((N->v[N->n] = strndup(s, len)) != NULL)
		N->count[N->n++] = 1;
}

/* ---- the transcript ---------------------------------------------------------------- */

static bool sentence_end(const char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == '\''))
		n--;
	static const char *const ends[] = {".", "!", "?", "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xE2\x80\xA6",
	                                   "\xE2\x80\x9D", "\xE3\x80\x8D", NULL};
	for (size_t i = 0; ends[i]; i++) {
		size_t k = strlen(ends[i]);
		if (n >= k && memcmp(s + n - k, ends[i], k) == 0)
			return true;
	}
	return false;
}

/* Whether a line is all a description in brackets: [music], (laughs),
 * （笑）. */
static bool described(const char *s)
{
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	if (n < 2)
		return false;
	static const char *const pairs[][2] = {{"[", "]"}, {"(", ")"}, {"\xEF\xBC\x88", "\xEF\xBC\x89"},
	                                       {"\xE3\x80\x90", "\xE3\x80\x91"}};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		size_t a = strlen(pairs[i][0]), b = strlen(pairs[i][1]);
		if (n > a + b && memcmp(s, pairs[i][0], a) == 0 && memcmp(s + n - b, pairs[i][1], b) == 0 &&
		    !memchr(s + a, pairs[i][1][0], n - a - b))
			return true;
	}
	return false;
}

typedef struct para {
	book *b;
	bool open;
	uint32_t start, last_end;
	const char *speaker;
	bool last_sentence;    /* the last cue ended a sentence */
	bool sound;            /* it holds a sound's description */
	size_t bytes;
	uint32_t last_cp;
} para;


static void para_end(para *P)
{
	if (!P->open)
		return;
	P->b->lines.v[P->b->lines.n - 1].end = P->b->olen;
	P->open = false;
}

static void para_begin(para *P, uint32_t start, const char *speaker)
{
	book *b = P->b;
	para_end(P);
	if (b->lines.n) {
		book_out(b, "\n\n", 2);
		b->lines.v[b->lines.n - 1].blank_after = true;
	}
	book_line L = {b->olen, b->olen, 0, 0, 0, BOOK_TIMED, 0, false, start};
	if (!BOOK_PUSH(b->lines, L)) {
		b->oom = true;
		return;
	}
	if (speaker) {
		/* a CJK name takes a full-width colon */
		ucs4_t c0;
		u8_mbtouc(&c0, (const uint8_t *)speaker, strlen(speaker));
		const char *colon = is_cjk(c0) ? "\xEF\xBC\x9A" : ": ";
		book_turn t = {b->olen, (uint32_t)(strlen(speaker) + (is_cjk(c0) ? 3 : 1)), strdup(speaker)};
		if (!t.name || !BOOK_PUSH(b->turns, t)) {
			free(t.name);
			b->oom = true;
		}
		book_out(b, speaker, strlen(speaker));
		book_out(b, colon, strlen(colon));
	}
	P->open = true;
	P->start = start;
	P->speaker = speaker;
	P->bytes = 0;
	P->last_cp = 0;
}

/* Appends a piece of a cue's text to the open paragraph: a space before
 * it unless CJK meets CJK. */
static void para_add(para *P, const char *s)
{
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	while (n && *s == ' ')
		s++, n--;
	if (!n)
		return;
	ucs4_t first;
	u8_mbtouc(&first, (const uint8_t *)s, n);
	if (P->bytes && !tight(P->last_cp) && !tight(first))
		book_out(P->b, " ", 1);
	book_out(P->b, s, n);
	P->bytes += n;
	u8_prev(&P->last_cp, (const uint8_t *)s + n, (const uint8_t *)s);
}

/* Makes the transcript of the cues. */
static void transcript(book *b, cue *c, size_t n)
{
	/* the names that recur as prefixes */
	names N = {0};
	for (size_t i = 0; i < n; i++) {
		if (c[i].voice)
			for (int k = 0; k < 2; k++)
				name_count(&N, c[i].voice, strlen(c[i].voice));
		char *t = strdup(c[i].text);
		for (char *line = t, *nl; line && *line; line = nl ? nl + 1 : NULL) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = 0;
			char *l = line;
			if (l[0] == '-')
				for (l++; *l == ' '; l++)
					;
			size_t at, nlen;
			const char *rest;
			if (prefix(l, &at, &nlen, &rest))
				name_count(&N, l + at, nlen);
		}
		free(t);
	}
	/* names that recur establish the shape: then a prefix of a name said
	 * once is a speaker too, if it is written as they are (all in
	 * capitals, or capitals first, or CJK) */
	/* the ways the names that recur are written (1 << name_style) */
	unsigned styles = 0;
	bool voices = false;
	for (size_t i = 0; i < N.n; i++)
		if (N.count[i] >= 2)
			styles |= 1u << name_style(N.v[i]);
	styles &= ~1u;
	size_t ends = 0;
	for (size_t i = 0; i < n; i++) {
		voices |= c[i].voice != NULL;
		ends += sentence_end(c[i].text);
	}
	/* No one named, and most cues a whole sentence: a drama's dialogue,
	 * where each line may be another's; a paragraph a sentence.  (A talk
	 * cut into cues by length ends few of them at a sentence.) */
	bool dialogue = !voices && styles == 0 && ends * 10 >= n * 6;
	para P = {b, false, 0, 0, NULL, false, false, 0, 0};
	const char *speaker = NULL;
	const char *last_text = "";
	for (size_t i = 0; i < n; i++) {
		char *t = c[i].text;
		bool first_line = true;
		for (char *line = t, *nl; line && *line; line = nl ? nl + 1 : NULL, first_line = false) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = 0;
			char *l = line;
			bool dash = l[0] == '-' && (l[1] == ' ' || (unsigned char)l[1] >= 0x80 || (l[1] >= 'A' && l[1] <= 'Z'));
			if (dash)
				for (l++; *l == ' '; l++)
					;
			/* a rolling caption repeats the line before it */
			if (first_line && strcmp(l, last_text) == 0 && *l)
				continue;
			last_text = l;
			size_t at, nlen;
			const char *rest = l, *after;
			const char *who = NULL;
			if (c[i].voice) {
				size_t k = name_find(&N, c[i].voice, strlen(c[i].voice));
				who = k != SIZE_MAX ? N.v[k] : NULL;
			}
			if (!voices && prefix(l, &at, &nlen, &after)) {
				/* a speaker only if the name recurs */
				size_t k = name_find(&N, l + at, nlen);
				if (k != SIZE_MAX && (N.count[k] >= 2 || (styles >> name_style(N.v[k]) & 1))) {
					who = N.v[k];
					rest = after;
				}
			}
			if (who)
				speaker = who;
			/* a sound ([applause], （笑）) alone: a paragraph of its own */
			bool sound = !who && described(rest);
			bool new_para = !P.open || (who && who != P.speaker) || dash || sound || P.sound ||
			                (dialogue && !speaker && P.last_sentence) ||
			                (P.last_sentence && c[i].start >= P.last_end + PAUSE_MS) ||
			                (P.last_sentence && c[i].start >= P.start + LONG_MS) || P.bytes > 2000;
			if (new_para) {
				if (dash && !who)
					speaker = NULL;
				para_begin(&P, c[i].start, sound ? NULL : speaker);
			}
			P.sound = sound;
			para_add(&P, rest);
			P.last_sentence = sentence_end(rest);
		}
		P.last_end = c[i].end;
	}
	para_end(&P);
	/* names stay with the book (lines point at them through P only while
	 * making; the text holds them) */
	for (size_t i = 0; i < N.n; i++)
		free(N.v[i]);
	free(N.v);
	free(N.count);
}

bool book_is_subtitles(const char *path, const unsigned char *head, size_t n)
{
	char nb[4096];
	path = book_plain_name(path, nb, sizeof nb);
	size_t pl = strlen(path);
	if ((pl > 4 && strcasecmp(path + pl - 4, ".srt") == 0) || (pl > 4 && strcasecmp(path + pl - 4, ".vtt") == 0))
		return true;
	size_t i = n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	return n - i >= 6 && memcmp(head + i, "WEBVTT", 6) == 0 && (n - i == 6 || head[i + 6] <= ' ');
}

book *book_open_subtitles(const char *path, const char *encoding, char *err, size_t errlen)
{
	size_t len;
	const char *enc = "UTF-8";
	char *s = read_utf8(path, encoding, &len, &enc, err, errlen);
	if (!s)
		return NULL;
	book *b = calloc(1, sizeof *b);
	if (!b) {
		free(s);
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	b->path = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	b->kind = strncmp(s, "WEBVTT", 6) == 0 ? "WebVTT" : "SRT";
	if (err[0]) {
		/* a damaged compressed file: what was read, and why it stops */
		book_warn(b, "%s: the text stops there", err);
		err[0] = 0;
	}
	b->enc_how = encoding ? "set by --encoding" : "detected";
	b->html_enc = strdup(enc);
	size_t n;
	cue *c = parse(s, &n);
	free(s);
	if (n == 0)
		book_warn(b, "%s: no subtitle cue in it", b->path);
	transcript(b, c, n);
	for (size_t i = 0; i < n; i++) {
		free(c[i].text);
		free(c[i].voice);
	}
	free(c);
	if (b->oom) {
		snprintf(err, errlen, "%s: out of memory", path);
		book_close(b);
		return NULL;
	}
	/* the text is made: book_read gives it out */
	b->nspine = 0;
	return b;
}
