/*
 * config: reading, validating and printing the configuration, all driven by
 * the options table in config.h.
 */
#include "config.h"
#include "fanye/config.h"
#include "fanye/doc.h"

#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <iniparser/iniparser.h>

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
static const char *const sections[] = {"display", "input", "structure", "search", "speakers",
                                       "keys", "state", NULL};

/* iniparser reads at most 1022 characters a line. */
#define LINE_MAX_INI 1000
#define FILE_MAX ((size_t)1 << 20)

/* ---- messages ------------------------------------------------------------- */

static void add_error(config *c, const char *fmt, ...)
{
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
		if (o == CONFIG_HEADING_RE || o == CONFIG_SPEAKER_RE) {
			regex_t re;
			if (*s && regcomp(&re, s, REG_EXTENDED) != 0)
				return false;
			if (*s)
				regfree(&re);
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

static const char *expect(config_opt o)
{
	switch (opts[o].type) {
	case CONFIG_BOOL: return "yes or no";
	case CONFIG_INT: return opts[o].range;
	case CONFIG_CHOICE: return opts[o].range;
	case CONFIG_COLORS: return "colour numbers from 0 to 255";
	default:
		if (o == CONFIG_ENCODING)
			return "auto or an encoding name such as GB18030, BIG5, SHIFT_JIS, UTF-16LE";
		return o == CONFIG_HEADING_RE || o == CONFIG_SPEAKER_RE ? "an extended regular expression" : "text";
	}
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

/* What the scan saw of each key: for line numbers and the case of names. */
typedef struct seen_key {
	char *sec, *key; /* lowercased, as iniparser has them */
	char *raw;       /* the key as written */
	size_t line;
} seen_key;

typedef struct scan {
	seen_key *k;
	size_t n;
} scan;

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static char *trim_dup(const char *a, const char *b)
{
	while (a < b && (*a == ' ' || *a == '\t'))
		a++;
	while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
		b--;
	char *s = malloc((size_t)(b - a) + 1);
	if (s) {
		memcpy(s, a, (size_t)(b - a));
		s[b - a] = 0;
	}
	return s;
}

static size_t line_of(const scan *sc, const char *sec, const char *key)
{
	size_t line = 0;
	for (size_t i = 0; i < sc->n; i++)
		if (strcmp(sc->k[i].sec, sec) == 0 && (!key || strcmp(sc->k[i].key, key) == 0))
			line = sc->k[i].line; /* the last one wins, as in iniparser */
	return line;
}

static const char *raw_key(const scan *sc, const char *sec, const char *key)
{
	const char *r = key;
	for (size_t i = 0; i < sc->n; i++)
		if (strcmp(sc->k[i].sec, sec) == 0 && strcmp(sc->k[i].key, key) == 0)
			r = sc->k[i].raw;
	return r;
}

static void free_scan(scan *sc)
{
	for (size_t i = 0; i < sc->n; i++) {
		free(sc->k[i].sec);
		free(sc->k[i].key);
		free(sc->k[i].raw);
	}
	free(sc->k);
}

/* Scans the text line by line: bad lines are reported and become empty
 * comments in out (so line numbers stay the same for iniparser), keys are
 * recorded with their lines and sections ("" before any header).  out has
 * room for len + 1 bytes; returns its length. */
static size_t prescan(config *c, const char *path, char *text, size_t len, scan *sc, char *out)
{
	size_t olen = 0;
	char sec[256] = "";
	size_t line = 0;
	for (char *p = text; p < text + len;) {
		char *e = memchr(p, '\n', (size_t)(text + len - p));
		if (!e)
			e = text + len;
		line++;
		size_t n = (size_t)(e - p);
		char *a = p, *b = e;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
			b--;
		const char *bad = NULL;
		if (n > LINE_MAX_INI)
			bad = "line too long (iniparser reads at most 1022 characters)";
		else if (memchr(p, 0, n))
			bad = "NUL byte in the line";
		else if (a == b || *a == ';' || *a == '#')
			bad = NULL;
		else if (b[-1] == '\\')
			bad = "continuation lines (a trailing \\) are not supported";
		else if (*a == '[') {
			if (b[-1] != ']' || b - a < 3)
				bad = "bad section header";
			else {
				char *s = trim_dup(a + 1, b - 1);
				if (s) {
					snprintf(sec, sizeof sec, "%s", s);
					lower(sec);
					free(s);
				}
				if (strchr(sec, '[') || strchr(sec, ']') || strchr(sec, ':'))
					bad = "bad section header";
			}
		} else {
			char *eq = memchr(a, '=', (size_t)(b - a));
			if (!eq)
				eq = memchr(a, ':', (size_t)(b - a));
			if (!eq || eq == a)
				bad = "syntax error: expected 'name = value'";
			else {
				seen_key k;
				k.raw = trim_dup(a, eq);
				k.key = k.raw ? strdup(k.raw) : NULL;
				k.sec = strdup(sec);
				k.line = line;
				seen_key *nk = realloc(sc->k, (sc->n + 1) * sizeof *nk);
				if (k.raw && k.key && k.sec && nk) {
					lower(k.key);
					sc->k = nk;
					sc->k[sc->n++] = k;
				} else {
					if (nk)
						sc->k = nk;
					free(k.raw);
					free(k.key);
					free(k.sec);
				}
				if (!*sec)
					bad = "option outside of any [section]";
			}
		}
		if (bad) {
			add_error(c, "%s:%zu: %s", path, line, bad);
			out[olen++] = ';';
		} else {
			memcpy(out + olen, p, n);
			olen += n;
		}
		if (e < text + len)
			out[olen++] = '\n';
		p = e + 1;
	}
	return olen;
}

static int ini_errors;
static int ini_error_cb(const char *fmt, ...)
{
	(void)fmt;
	ini_errors++;
	return 0;
}

static void load_option(config *c, const char *path, const scan *sc, dictionary *d,
                        const char *sec, const char *key)
{
	char full[600];
	snprintf(full, sizeof full, "%s:%s", sec, key);
	const char *val = iniparser_getstring(d, full, NULL);
	size_t line = line_of(sc, sec, key);
	for (int o = 0; o < CONFIG_COUNT; o++) {
		if (strcmp(opts[o].sec, sec) || strcmp(opts[o].name, key))
			continue;
		if (!val || !set_value(c, (config_opt)o, val))
			add_error(c, "%s:%zu: bad value '%s' for %s in [%s]: expected %s", path, line,
			          val ? val : "", key, sec, expect((config_opt)o));
		return;
	}
	const char *cands[CONFIG_COUNT];
	size_t nc = 0;
	for (int o = 0; o < CONFIG_COUNT; o++)
		if (strcmp(opts[o].sec, sec) == 0)
			cands[nc++] = opts[o].name;
	const char *s = suggest(key, cands, nc);
	add_error(c, "%s:%zu: unknown option '%s' in [%s]%s%s%s", path, line, key, sec,
	          s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
}

static void load_speaker(config *c, const char *path, const scan *sc, dictionary *d,
                         const char *key)
{
	char full[600];
	snprintf(full, sizeof full, "speakers:%s", key);
	const char *val = iniparser_getstring(d, full, NULL);
	size_t line = line_of(sc, "speakers", key);
	if (c->nspeakers == CONFIG_MAX_SPEAKERS) {
		add_error(c, "%s:%zu: too many speakers (at most %d)", path, line, CONFIG_MAX_SPEAKERS);
		return;
	}
	config_speaker sp = {strdup(raw_key(sc, "speakers", key)), -1, NULL};
	long v;
	if (val && val[0] == '@' && val[1])
		sp.alias_of = trim_dup(val + 1, val + strlen(val));
	else if (val && parse_long(val, 0, 255, &v))
		sp.color = (int)v;
	else {
		add_error(c, "%s:%zu: bad value '%s' for speaker '%s': expected a colour from 0 to 255 or @name",
		          path, line, val ? val : "", key);
		free(sp.name);
		return;
	}
	c->speakers[c->nspeakers++] = sp;
}

static void load_keys(config *c, const char *path, const scan *sc, dictionary *d,
                      const char **keys, int n)
{
	/* Keys this file binds, to catch one key given to two actions. */
	int bound[256];
	keymap_action owner[256];
	int nb = 0;
	for (int i = 0; i < n; i++) {
		const char *key = keys[i] + strlen("keys:");
		size_t line = line_of(sc, "keys", key);
		keymap_action a = keymap_action_by_name(key);
		if (a == ACT_NONE) {
			const char *cands[ACT_COUNT];
			for (int k = 0; k < ACT_COUNT; k++)
				cands[k] = keymap_action_name((keymap_action)k);
			const char *s = suggest(key, cands, ACT_COUNT);
			add_error(c, "%s:%zu: unknown action '%s' in [keys]%s%s%s", path, line, key,
			          s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
			continue;
		}
		const char *val = iniparser_getstring(d, keys[i], NULL);
		char list[1024] = "";
		size_t used = 0;
		char *copy = strdup(val ? val : "");
		bool ok = copy != NULL;
		for (char *save = NULL, *t = copy ? strtok_r(copy, " \t", &save) : NULL; t;
		     t = strtok_r(NULL, " \t", &save)) {
			int k;
			if (strcmp(t, "none") != 0) {
				if (keymap_parse_key(t, &k) < 0) {
					add_error(c, "%s:%zu: unknown key name '%s' for %s", path, line, t, key);
					ok = false;
					break;
				}
				bool dup = false;
				for (int j = 0; j < nb; j++)
					if (bound[j] == k && owner[j] != a) {
						add_error(c, "%s:%zu: key '%s' is bound to both %s and %s; it stays with %s",
						          path, line, t, keymap_action_name(owner[j]), key,
						          keymap_action_name(owner[j]));
						dup = true;
					}
				if (dup)
					continue;
				if (nb < 256) {
					bound[nb] = k;
					owner[nb++] = a;
				}
			}
			int w = snprintf(list + used, sizeof list - used, "%s%s", used ? " " : "", t);
			if (w > 0 && (size_t)w < sizeof list - used)
				used += (size_t)w;
		}
		free(copy);
		char err[256];
		if (ok && keymap_bind(c->km, a, list, err, sizeof err) < 0)
			add_error(c, "%s:%zu: %s: %s", path, line, key, err);
	}
}

size_t config_load(config *c, const char *path, bool must_exist)
{
	size_t before = c->nerrors;
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (must_exist || errno != ENOENT)
			add_error(c, "%s: %s", path, strerror(errno));
		return c->nerrors - before;
	}
	char *text = malloc(FILE_MAX + 1);
	size_t len = text ? fread(text, 1, FILE_MAX + 1, f) : 0;
	bool err = ferror(f);
	fclose(f);
	if (!text || err || len > FILE_MAX) {
		add_error(c, "%s: %s", path, !text ? "out of memory" : err ? "cannot read" : "larger than 1 MiB");
		free(text);
		return c->nerrors - before;
	}
	scan sc = {NULL, 0};
	char *clean = malloc(len + 2);
	if (!clean) {
		add_error(c, "%s: out of memory", path);
		free(text);
		return c->nerrors - before;
	}
	size_t clen = prescan(c, path, text, len, &sc, clean);
	free(text);
	text = clean;
	len = clen;
	/* iniparser reads paths only: give it the cleaned text in a private file. */
	char tmp[] = "/tmp/fanye-config-XXXXXX";
	int fd = mkstemp(tmp);
	dictionary *d = NULL;
	if (fd >= 0) {
		bool wrote = write(fd, text, len) == (ssize_t)len;
		close(fd);
		iniparser_set_error_callback(ini_error_cb);
		ini_errors = 0;
		if (wrote)
			d = iniparser_load(tmp);
		unlink(tmp);
	}
	free(text);
	if (!d) {
		add_error(c, "%s: could not be read%s", path, ini_errors ? " (syntax errors)" : "");
		free_scan(&sc);
		return c->nerrors - before;
	}
	int nsec = iniparser_getnsec(d);
	for (int i = 0; i < nsec; i++) {
		const char *sec = iniparser_getsecname(d, i);
		if (!sec)
			continue;
		bool known = false;
		for (int k = 0; sections[k]; k++)
			known |= strcmp(sections[k], sec) == 0;
		if (!known) {
			const char *s = suggest(sec, sections, sizeof sections / sizeof *sections - 1);
			add_error(c, "%s:%zu: unknown section [%s]%s%s%s", path, line_of(&sc, sec, NULL), sec,
			          s ? " (did you mean [" : "", s ? s : "", s ? "]?)" : "");
			continue;
		}
		int nk = iniparser_getsecnkeys(d, sec);
		if (nk <= 0)
			continue;
		const char **keys = calloc((size_t)nk, sizeof *keys);
		if (!keys || !iniparser_getseckeys(d, sec, keys)) {
			free(keys);
			continue;
		}
		if (strcmp(sec, "keys") == 0)
			load_keys(c, path, &sc, d, keys, nk);
		else
			for (int k = 0; k < nk; k++) {
				const char *key = keys[k] + strlen(sec) + 1;
				if (strcmp(sec, "speakers") == 0)
					load_speaker(c, path, &sc, d, key);
				else
					load_option(c, path, &sc, d, sec, key);
			}
		free(keys);
	}
	iniparser_freedict(d);
	free_scan(&sc);
	return c->nerrors - before;
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
				fprintf(f, "# (%s)\n", expect((config_opt)o));
			fprintf(f, "%s = ", opts[o].name);
			print_value(c, (config_opt)o, f);
			fputc('\n', f);
		}
	}
}

void config_print_man(FILE *f)
{
	for (int s = 0; sections[s]; s++) {
		if (strcmp(sections[s], "keys") == 0) {
			fputs(".SS [keys]\nEach line is \\fIaction\\fR = \\fIkeys\\fR, with the action names "
			      "and default keys of the KEYS section; \\fBnone\\fR unbinds.\n", f);
			continue;
		}
		if (strcmp(sections[s], "speakers") == 0) {
			fputs(".SS [speakers]\nEach line is \\fIname\\fR = \\fIcolour\\fR (0\\-255), or "
			      "\\fIname\\fR = @\\fIother name\\fR to merge an alias into a speaker.\n", f);
			continue;
		}
		fprintf(f, ".SS [%s]\n", sections[s]);
		for (int o = 0; o < CONFIG_COUNT; o++) {
			if (strcmp(opts[o].sec, sections[s]) != 0)
				continue;
			fputs(".TP\n.B ", f);
			keymap_man_escape(f, opts[o].name);
			fputs(" = ", f);
			keymap_man_escape(f, opts[o].def[0] ? opts[o].def : "(empty)");
			fputc('\n', f);
			keymap_man_escape(f, opts[o].help);
			if (opts[o].type == CONFIG_INT || opts[o].type == CONFIG_CHOICE) {
				fputs(" (", f);
				keymap_man_escape(f, expect((config_opt)o));
				fputs(")", f);
			}
			fputs(".\n", f);
		}
	}
}
