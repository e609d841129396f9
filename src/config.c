/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config: reading, validating and printing the configuration, all driven by
 * the options table in config.h.
 */
#include "build.h"
#include "fanye/config.h"
#include "fanye/doc.h"
#include "fanye/outline.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "fanye/ini.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

static const struct opt_info {
	const char *sec, *name;
	enum config_type type;
	const char *def, *range, *help;
} opts[CONFIG_COUNT] = {
#define X(id, sec, name, type, def, range, help) [CONFIG_##id] = {sec, name, type, def, range, help},
	FANYE_OPTIONS(X)
#undef X
};

/* Sections in the order --print-config writes them. */
/* Why the last [structure] pattern set was refused (PCRE2's words). */
static char pattern_why[200];

static const char *const sections[] = {"display", "input", "structure", "search", "speakers",
                                       "keys", "state", NULL};

#define FILE_MAX ((size_t)1 << 20)

/* ---- messages ------------------------------------------------------------- */

/* Keeps a message; past CONFIG_MAX_ERRORS only counts it (config->nmore),
 * so a file of 100,000 bad lines is read in a moment and said in a few. */
static void add_error(config *c, const char *fmt, ...)
{
	if (c->nerrors >= CONFIG_MAX_ERRORS) {
		c->nmore++;
		return;
	}
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	char **ne = realloc(c->errors, (c->nerrors + 1) * sizeof *ne);
	if (!ne)
		return;
	c->errors = ne;
	c->errors[c->nerrors] = strdup(buf);
	if (c->errors[c->nerrors])
		c->nerrors++;
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 99;
	size_t d[65][65];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t m = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < m)
				m = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < m)
				m = d[i - 1][j - 1] + cost;
			d[i][j] = m;
		}
	return d[la][lb];
}

/* The closest of the candidates (at most two edits away), or NULL. */
static const char *suggest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t bd = 3;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, cands[i]);
		if (d < bd) {
			bd = d;
			best = cands[i];
		}
	}
	return best;
}

/* ---- values ------------------------------------------------------------------ */

static bool parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"yes", "on", "true", "1"}, *const no[] = {"no", "off", "false", "0"};
	for (int i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

static bool parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* The index of s among "a|b|c", or -1. */
static int choice_index(const char *choices, const char *s)
{
	int k = 0;
	const char *p = choices;
	size_t n = strlen(s);
	while (*p) {
		const char *e = strchr(p, '|');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == n && strncasecmp(p, s, n) == 0)
			return k;
		k++;
		if (!e)
			break;
		p = e + 1;
	}
	return -1;
}

static bool parse_colors(const char *s, int *n, short *c)
{
	*n = 0;
	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == ',')
			s++;
		if (!*s)
			break;
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || v < 0 || v > 255 || *n == CONFIG_MAX_COLORS)
			return false;
		if (*end && *end != ' ' && *end != '\t' && *end != ',')
			return false;
		c[(*n)++] = (short)v;
		s = end;
	}
	return *n > 0;
}

/* Sets option o from text; false (nothing changed) if it is not valid. */
static bool set_value(config *c, config_opt o, const char *s)
{
	const struct opt_info *oi = &opts[o];
	switch (oi->type) {
	case CONFIG_BOOL: return parse_bool(s, &c->v[o].b);
	case CONFIG_INT: {
		long lo = 0, hi = 0, v;
		if (sscanf(oi->range, "%ld..%ld", &lo, &hi) != 2 || !parse_long(s, lo, hi, &v))
			return false;
		c->v[o].i = v;
		return true;
	}
	case CONFIG_CHOICE: {
		int k = choice_index(oi->range, s);
		if (k < 0)
			return false;
		c->v[o].choice = k;
		return true;
	}
	case CONFIG_STRING: {
		if (o == CONFIG_ENCODING && strcasecmp(s, "auto") != 0 && doc_check_encoding(s) < 0)
			return false;
		if ((o == CONFIG_HEADING_RE || o == CONFIG_SPEAKER_RE) && *s) {
			struct pcre2_real_code_8 *re = outline_pattern(s, pattern_why, sizeof pattern_why);
			if (!re)
				return false;
			pcre2_code_free(re);
		}
		char *d = strdup(s);
		if (!d)
			return false;
		free(c->v[o].s);
		c->v[o].s = d;
		return true;
	}
	case CONFIG_COLORS: {
		int n;
		short col[CONFIG_MAX_COLORS];
		if (!parse_colors(s, &n, col))
			return false;
		c->v[o].colors.n = n;
		memcpy(c->v[o].colors.c, col, sizeof col);
		return true;
	}
	}
	return false;
}

bool config_set(config *c, config_opt o, const char *s)
{
	return o >= 0 && o < CONFIG_COUNT && set_value(c, o, s);
}

const char *config_default(config_opt o)
{
	return opts[o].def;
}

const char *config_expect(config_opt o)
{
	return config_expect_of(opts[o].type, opts[o].range);
}

config *config_new(void)
{
	config *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	for (int o = 0; o < CONFIG_COUNT; o++)
		if (!set_value(c, (config_opt)o, opts[o].def) && opts[o].type != CONFIG_STRING) {
			config_free(c);
			return NULL;
		}
	c->km = keymap_new();
	if (!c->km) {
		config_free(c);
		return NULL;
	}
	return c;
}

void config_free(config *c)
{
	if (!c)
		return;
	for (int o = 0; o < CONFIG_COUNT; o++)
		if (opts[o].type == CONFIG_STRING)
			free(c->v[o].s);
	for (int i = 0; i < c->nspeakers; i++) {
		free(c->speakers[i].name);
		free(c->speakers[i].alias_of);
	}
	for (size_t i = 0; i < c->nerrors; i++)
		free(c->errors[i]);
	free(c->errors);
	keymap_free(c->km);
	free(c);
}

long config_int(const config *c, config_opt o)
{
	return c->v[o].i;
}

bool config_bool(const config *c, config_opt o)
{
	return c->v[o].b;
}

int config_choice(const config *c, config_opt o)
{
	return c->v[o].choice;
}

const char *config_string(const config *c, config_opt o)
{
	return c->v[o].s ? c->v[o].s : "";
}

bool config_default_path(char *buf, size_t n)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");
	int w;
	if (x && x[0] == '/')
		w = snprintf(buf, n, "%s/fanye/config.ini", x);
	else if (h && h[0] == '/')
		w = snprintf(buf, n, "%s/.config/fanye/config.ini", h);
	else
		return false;
	return w > 0 && (size_t)w < n;
}

/* ---- reading ------------------------------------------------------------------- */

/* Where one file's reading is: its path, the section of the line at hand
 * (lowercased; "" before any header, NULL when unknown), and the keys its
 * [keys] lines bound so far, to catch one key given to two actions. */
typedef struct reading {
	config *c;
	const char *path;
	char sec[256];
	bool sec_known;
	int bound[256];
	keymap_action owner[256];
	int nb;
} reading;

/* A malloc'd, NUL-terminated copy of a slice, lowercased when `low`. */
static char *slice_dup(const char *s, size_t n, bool low)
{
	char *d = malloc(n + 1);
	if (!d)
		return NULL;
	for (size_t i = 0; i < n; i++)
		d[i] = low && s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	d[n] = 0;
	return d;
}

static char *trim_dup(const char *a, const char *b)
{
	while (a < b && (*a == ' ' || *a == '\t'))
		a++;
	while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
		b--;
	return slice_dup(a, (size_t)(b - a), false);
}

static void load_option(reading *r, size_t line, const char *key, const char *val)
{
	config *c = r->c;
	for (int o = 0; o < CONFIG_COUNT; o++) {
		if (strcmp(opts[o].sec, r->sec) || strcmp(opts[o].name, key))
			continue;
		pattern_why[0] = 0;
		if (!set_value(c, (config_opt)o, val)) {
			if (pattern_why[0])
				add_error(c, "%s:%zu: bad pattern '%.200s' for %s in [%s]: %s (PCRE2)", r->path, line, val,
				          key, r->sec, pattern_why);
			else
				add_error(c, "%s:%zu: bad value '%.200s' for %s in [%s]: expected %s", r->path, line,
				          val, key, r->sec, config_expect((config_opt)o));
		}
		return;
	}
	const char *cands[CONFIG_COUNT];
	size_t nc = 0;
	for (int o = 0; o < CONFIG_COUNT; o++)
		if (strcmp(opts[o].sec, r->sec) == 0)
			cands[nc++] = opts[o].name;
	const char *s = suggest(key, cands, nc);
	add_error(c, "%s:%zu: unknown option '%.200s' in [%s]%s%s%s", r->path, line, key, r->sec,
	          s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
}

/* A [speakers] line: name = colour or @other-name.  A name given again
 * (in any case) takes the later value. */
static void load_speaker(reading *r, size_t line, const char *raw, const char *val)
{
	config *c = r->c;
	config_speaker sp = {NULL, -1, NULL};
	long v;
	if (val[0] == '@' && val[1])
		sp.alias_of = trim_dup(val + 1, val + strlen(val));
	else if (!parse_long(val, 0, 255, &v)) {
		add_error(c, "%s:%zu: bad value '%.200s' for speaker '%.200s': expected a colour from 0 to 255 or @name",
		          r->path, line, val, raw);
		return;
	} else
		sp.color = (int)v;
	int at = c->nspeakers;
	for (int i = 0; i < c->nspeakers; i++)
		if (strcasecmp(c->speakers[i].name, raw) == 0)
			at = i;
	if (at == CONFIG_MAX_SPEAKERS) {
		add_error(c, "%s:%zu: too many speakers (at most %d)", r->path, line, CONFIG_MAX_SPEAKERS);
		free(sp.alias_of);
		return;
	}
	sp.name = strdup(raw);
	if (at < c->nspeakers) {
		free(c->speakers[at].name);
		free(c->speakers[at].alias_of);
	} else
		c->nspeakers++;
	c->speakers[at] = sp;
}

/* A [keys] line: action = key names, or none. */
static void load_keys(reading *r, size_t line, const char *key, const char *val)
{
	config *c = r->c;
	keymap_action a = keymap_action_by_name(key);
	if (a == ACT_NONE) {
		const char *cands[ACT_COUNT];
		for (int k = 0; k < ACT_COUNT; k++)
			cands[k] = keymap_action_name((keymap_action)k);
		const char *s = suggest(key, cands, ACT_COUNT);
		add_error(c, "%s:%zu: unknown action '%.200s' in [keys]%s%s%s", r->path, line, key,
		          s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
		return;
	}
	char list[1024] = "";
	size_t used = 0;
	char *copy = strdup(val);
	bool ok = copy != NULL;
	for (char *save = NULL, *t = copy ? strtok_r(copy, " \t", &save) : NULL; t;
	     t = strtok_r(NULL, " \t", &save)) {
		int k;
		if (strcmp(t, "none") != 0) {
			if (keymap_parse_key(t, &k) < 0) {
				add_error(c, "%s:%zu: unknown key name '%.100s' for %s", r->path, line, t, key);
				ok = false;
				break;
			}
			bool dup = false;
			for (int j = 0; j < r->nb; j++)
				if (r->bound[j] == k && r->owner[j] != a &&
				    keymap_action_view(r->owner[j]) == keymap_action_view(a)) {
					add_error(c, "%s:%zu: key '%s' is bound to both %s and %s; it stays with %s",
					          r->path, line, t, keymap_action_name(r->owner[j]), key,
					          keymap_action_name(r->owner[j]));
					dup = true;
				}
			if (dup)
				continue;
			if (r->nb < 256) {
				r->bound[r->nb] = k;
				r->owner[r->nb++] = a;
			}
		}
		int w = snprintf(list + used, sizeof list - used, "%s%s", used ? " " : "", t);
		if (w > 0 && (size_t)w < sizeof list - used)
			used += (size_t)w;
	}
	free(copy);
	char err[256];
	if (ok && keymap_bind(c->km, a, list, err, sizeof err) < 0)
		add_error(c, "%s:%zu: %s: %s", r->path, line, key, err);
}

/* A section header: known sections are read, others reported once here. */
static void enter_section(reading *r, const ini_line *l)
{
	size_t n = l->sec_len < sizeof r->sec - 1 ? l->sec_len : sizeof r->sec - 1;
	for (size_t i = 0; i < n; i++) {
		char ch = l->sec[i];
		r->sec[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
	}
	r->sec[n] = 0;
	r->sec_known = false;
	if (strpbrk(r->sec, "[]:") || n != l->sec_len) {
		add_error(r->c, "%s:%zu: bad section header", r->path, l->line);
		return;
	}
	for (int k = 0; sections[k]; k++)
		r->sec_known |= strcmp(sections[k], r->sec) == 0;
	if (!r->sec_known) {
		const char *s = suggest(r->sec, sections, sizeof sections / sizeof *sections - 1);
		add_error(r->c, "%s:%zu: unknown section [%s]%s%s%s", r->path, l->line, r->sec,
		          s ? " (did you mean [" : "", s ? s : "", s ? "]?)" : "");
	}
}

static int on_line(void *ctx, const ini_line *l)
{
	reading *r = ctx;
	if (l->kind == INI_BAD) {
		add_error(r->c, "%s:%zu: %s", r->path, l->line, l->bad);
		return 0;
	}
	if (l->kind == INI_SECTION) {
		enter_section(r, l);
		return 0;
	}
	if (!r->sec[0]) {
		add_error(r->c, "%s:%zu: option outside of any [section]", r->path, l->line);
		return 0;
	}
	if (!r->sec_known)
		return 0;
	char *raw = slice_dup(l->key, l->key_len, false), *key = slice_dup(l->key, l->key_len, true);
	char *val = slice_dup(l->val, l->val_len, false);
	if (raw && key && val) {
		if (strcmp(r->sec, "keys") == 0)
			load_keys(r, l->line, key, val);
		else if (strcmp(r->sec, "speakers") == 0)
			load_speaker(r, l->line, raw, val);
		else
			load_option(r, l->line, key, val);
	}
	free(raw);
	free(key);
	free(val);
	return 0;
}

size_t config_load(config *c, const char *path, bool must_exist)
{
	size_t before = c->nerrors + c->nmore;
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (must_exist || errno != ENOENT)
			add_error(c, "%s: %s", path, strerror(errno));
		return c->nerrors + c->nmore - before;
	}
	char *text = malloc(FILE_MAX + 1);
	size_t len = text ? fread(text, 1, FILE_MAX + 1, f) : 0;
	bool err = ferror(f);
	fclose(f);
	if (!text || err || len > FILE_MAX) {
		add_error(c, "%s: %s", path, !text ? "out of memory" : err ? "cannot read" : "larger than 1 MiB: not read");
		free(text);
		return c->nerrors + c->nmore - before;
	}
	reading r;
	memset(&r, 0, sizeof r);
	r.c = c;
	r.path = path;
	ini_parse(text, len, INI_QUOTES, on_line, &r);
	free(text);
	return c->nerrors + c->nmore - before;
}

/* ---- printing ------------------------------------------------------------------ */

static void print_value(const config *c, config_opt o, FILE *f)
{
	const struct opt_info *oi = &opts[o];
	switch (oi->type) {
	case CONFIG_BOOL: fputs(c->v[o].b ? "yes" : "no", f); break;
	case CONFIG_INT: fprintf(f, "%ld", c->v[o].i); break;
	case CONFIG_CHOICE: {
		const char *p = oi->range;
		for (int k = 0; k < c->v[o].choice && p; k++) {
			p = strchr(p, '|');
			if (p)
				p++;
		}
		if (p)
			fprintf(f, "%.*s", (int)strcspn(p, "|"), p);
		break;
	}
	case CONFIG_STRING: fputs(config_string(c, o), f); break;
	case CONFIG_COLORS:
		for (int k = 0; k < c->v[o].colors.n; k++)
			fprintf(f, "%s%d", k ? " " : "", c->v[o].colors.c[k]);
		break;
	}
}

void config_print(const config *c, FILE *f)
{
	fputs("# fanye configuration: every option with its default value.\n"
	      "# Generated by `fanye --print-config`; lines starting with # or ; are comments.\n", f);
	for (int s = 0; sections[s]; s++) {
		fprintf(f, "\n[%s]\n", sections[s]);
		if (strcmp(sections[s], "speakers") == 0) {
			fputs("# A colour (0-255) for a speaker, or @Name to make a name an alias of\n"
			      "# another (names are matched without regard to case):\n"
			      "# Ilya Sutskever = 33\n# Ilya = @Ilya Sutskever\n", f);
			continue;
		}
		if (strcmp(sections[s], "keys") == 0) {
			fputs("# action = keys (names such as j, C-f, M-v, Space, PageDown, F1; none unbinds)\n", f);
			for (int a = 0; a < ACT_COUNT; a++) {
				char keys[256];
				keymap_keys_string(c->km, (keymap_action)a, keys, sizeof keys);
				fprintf(f, "# %s\n%s = %s\n", keymap_action_help((keymap_action)a),
				        keymap_action_name((keymap_action)a), keys);
			}
			continue;
		}
		for (int o = 0; o < CONFIG_COUNT; o++) {
			if (strcmp(opts[o].sec, sections[s]) != 0)
				continue;
			fprintf(f, "# %s\n", opts[o].help);
			if (opts[o].type == CONFIG_INT || opts[o].type == CONFIG_CHOICE)
				fprintf(f, "# (%s)\n", config_expect((config_opt)o));
			fprintf(f, "%s = ", opts[o].name);
			print_value(c, (config_opt)o, f);
			fputc('\n', f);
		}
	}
}

