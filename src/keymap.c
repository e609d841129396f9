/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keymap: key names and bindings, built from the action table (actions.h).
 */
#include "build.h"
#include "fanye/keymap.h"

#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <strings.h>

#include <unistr.h>

typedef struct binding {
	int key;
	keymap_action act;
} binding;

struct keymap {
	binding *b;
	size_t n, cap;
};

static const struct view_info {
	const char *name;
	keymap_view parent;
} views[VIEW_COUNT] = {
#define V(id, name, parent) [VIEW_##id] = {name, VIEW_##parent},
	FANYE_VIEWS(V)
#undef V
};

static const struct group_info {
	const char *title;
	keymap_view view;
	int jumps;
} groups[GROUP_COUNT] = {
#define G(id, title, view, jumps) [GROUP_##id] = {title, VIEW_##view, jumps},
	FANYE_GROUPS(G)
#undef G
};

static const struct action_info {
	const char *name;
	keymap_group group;
	const char *keys, *help;
} actions[ACT_COUNT] = {
#define X(id, name, group, keys, help, fn) [ACT_##id] = {name, GROUP_##group, keys, help},
	FANYE_ACTIONS(X)
#undef X
};

static const struct { const char *name; int key; } named[] = {
	{"Space", ' '}, {"Enter", KEYMAP_ENTER}, {"Tab", KEYMAP_TAB},
	{"S-Tab", KEYMAP_BTAB}, {"Esc", KEYMAP_ESC}, {"Backspace", KEYMAP_BACKSPACE},
	{"Up", KEYMAP_UP}, {"Down", KEYMAP_DOWN}, {"Left", KEYMAP_LEFT},
	{"Right", KEYMAP_RIGHT}, {"PageUp", KEYMAP_PAGEUP}, {"PageDown", KEYMAP_PAGEDOWN},
	{"Home", KEYMAP_HOME}, {"End", KEYMAP_END}, {"Delete", KEYMAP_DELETE},
	{"Insert", KEYMAP_INSERT}, {"Backslash", '\\'},
};
#define NNAMED (sizeof named / sizeof *named)

const char *keymap_action_name(keymap_action a)
{
	return a >= 0 && a < ACT_COUNT ? actions[a].name : "";
}

const char *keymap_action_group(keymap_action a)
{
	return a >= 0 && a < ACT_COUNT ? groups[actions[a].group].title : "";
}

keymap_view keymap_action_view(keymap_action a)
{
	return a >= 0 && a < ACT_COUNT ? groups[actions[a].group].view : VIEW_NONE;
}

int keymap_action_jumps(keymap_action a)
{
	return a >= 0 && a < ACT_COUNT ? groups[actions[a].group].jumps : 0;
}

const char *keymap_view_name(keymap_view v)
{
	return v >= 0 && v < VIEW_COUNT ? views[v].name : "";
}

keymap_view keymap_view_parent(keymap_view v)
{
	return v >= 0 && v < VIEW_COUNT ? views[v].parent : VIEW_NONE;
}

const char *keymap_action_help(keymap_action a)
{
	return a >= 0 && a < ACT_COUNT ? actions[a].help : "";
}

keymap_action keymap_action_by_name(const char *name)
{
	for (int a = 0; a < ACT_COUNT; a++)
		if (strcmp(actions[a].name, name) == 0)
			return (keymap_action)a;
	return ACT_NONE;
}

int keymap_parse_key(const char *name, int *key)
{
	int meta = 0;
	if (!name || !*name)
		return -1;
	if (strncmp(name, "M-", 2) == 0 && name[2]) {
		meta = KEYMAP_META;
		name += 2;
	}
	/* Most keys are one printable ASCII character: no name to look up. */
	if (name[0] > 0x20 && name[0] < 0x7F && !name[1]) {
		*key = (unsigned char)name[0] | meta;
		return 0;
	}
	for (size_t i = 0; i < NNAMED; i++)
		if (strcasecmp(named[i].name, name) == 0) {
			*key = named[i].key | meta;
			return 0;
		}
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9') {
		char *end;
		long n = strtol(name + 1, &end, 10);
		if (*end == 0 && n >= 1 && n <= 12) {
			*key = (KEYMAP_F1 + (int)n - 1) | meta;
			return 0;
		}
	}
	if (strncmp(name, "C-", 2) == 0 && name[2] && !name[3]) {
		unsigned char c = (unsigned char)name[2];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || c == '[' || c == '\\' || c == ']' ||
		    c == '^' || c == '_' || c == '@') {
			*key = (c & 0x1F) | meta;
			return 0;
		}
		if (c == '?') {
			*key = 0x7F | meta;
			return 0;
		}
		return -1;
	}
	/* A single character. */
	ucs4_t uc;
	size_t n = strlen(name);
	int l = u8_mbtoucr(&uc, (const uint8_t *)name, n);
	if (l > 0 && (size_t)l == n && uc > 0x20 && uc != 0x7F && !(uc >= 0x80 && uc < 0xA0)) {
		*key = (int)uc | meta;
		return 0;
	}
	return -1;
}

void keymap_key_name(int key, char *buf, size_t n)
{
	const char *pre = (key & KEYMAP_META) ? "M-" : "";
	key &= ~KEYMAP_META;
	for (size_t i = 0; i < NNAMED; i++)
		if (named[i].key == key) {
			snprintf(buf, n, "%s%s", pre, named[i].name);
			return;
		}
	if (key >= KEYMAP_F1 && key < KEYMAP_F1 + 12) {
		snprintf(buf, n, "%sF%d", pre, key - KEYMAP_F1 + 1);
		return;
	}
	if (key == 0x7F) {
		snprintf(buf, n, "%sC-?", pre);
		return;
	}
	if (key >= 0 && key < 0x20) {
		snprintf(buf, n, "%sC-%c", pre, key == 0 ? '@' : (key < 27 ? key + 'a' - 1 : key + '@'));
		return;
	}
	uint8_t u[8];
	int l = (key > 0 && key < 0x110000) ? u8_uctomb(u, (ucs4_t)key, sizeof u) : -1;
	if (l > 0)
		snprintf(buf, n, "%s%.*s", pre, l, (const char *)u);
	else
		snprintf(buf, n, "%s<%#x>", pre, (unsigned)key);
}

/* Takes key from whichever action of view v has it. */
static void unbind_key(keymap *km, keymap_view v, int key)
{
	size_t j = 0;
	for (size_t i = 0; i < km->n; i++)
		if (km->b[i].key != key || keymap_action_view(km->b[i].act) != v)
			km->b[j++] = km->b[i];
	km->n = j;
}

static void unbind_action(keymap *km, keymap_action a)
{
	size_t j = 0;
	for (size_t i = 0; i < km->n; i++)
		if (km->b[i].act != a)
			km->b[j++] = km->b[i];
	km->n = j;
}

static int add_binding(keymap *km, int key, keymap_action a)
{
	unbind_key(km, keymap_action_view(a), key);
	if (km->n == km->cap) {
		size_t nc = km->cap ? km->cap * 2 : 64;
		binding *nb = realloc(km->b, nc * sizeof *nb);
		if (!nb)
			return -1;
		km->b = nb;
		km->cap = nc;
	}
	km->b[km->n++] = (binding){key, a};
	return 0;
}

int keymap_bind(keymap *km, keymap_action a, const char *keys, char *err, size_t errlen)
{
	int parsed[32];
	size_t np = 0;
	char *copy = strdup(keys ? keys : "");
	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	bool none = false;
	for (char *save = NULL, *t = strtok_r(copy, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
		if (strcmp(t, "none") == 0) {
			none = true;
			continue;
		}
		int k;
		if (keymap_parse_key(t, &k) < 0) {
			snprintf(err, errlen, "unknown key name '%s'", t);
			free(copy);
			return -1;
		}
		if (np == sizeof parsed / sizeof *parsed) {
			snprintf(err, errlen, "too many keys (at most 32)");
			free(copy);
			return -1;
		}
		parsed[np++] = k;
	}
	free(copy);
	if (none && np) {
		snprintf(err, errlen, "'none' cannot be combined with keys");
		return -1;
	}
	unbind_action(km, a);
	for (size_t i = 0; i < np; i++)
		if (add_binding(km, parsed[i], a) < 0) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	return 0;
}

keymap *keymap_new(void)
{
	keymap *km = calloc(1, sizeof *km);
	if (!km)
		return NULL;
	for (int a = 0; a < ACT_COUNT; a++) {
		char err[128];
		if (keymap_bind(km, (keymap_action)a, actions[a].keys, err, sizeof err) < 0) {
			keymap_free(km);
			return NULL;
		}
	}
	return km;
}

void keymap_free(keymap *km)
{
	if (!km)
		return;
	free(km->b);
	free(km);
}

keymap_action keymap_lookup(const keymap *km, keymap_view v, int key)
{
	for (int depth = 0; v != VIEW_NONE && depth < VIEW_COUNT; v = views[v].parent, depth++)
		for (size_t i = 0; i < km->n; i++)
			if (km->b[i].key == key && keymap_action_view(km->b[i].act) == v)
				return km->b[i].act;
	return ACT_NONE;
}

void keymap_keys_string(const keymap *km, keymap_action a, char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = 0;
	for (size_t i = 0; i < km->n && used + 1 < n; i++) {
		if (km->b[i].act != a)
			continue;
		char name[32];
		keymap_key_name(km->b[i].key, name, sizeof name);
		int w = snprintf(buf + used, n - used, "%s%s", used ? " " : "", name);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
	if (!used)
		snprintf(buf, n, "none");
}

void keymap_print(const keymap *km, FILE *f)
{
	for (int a = 0; a < ACT_COUNT; a++) {
		char keys[256];
		keymap_keys_string(km, (keymap_action)a, keys, sizeof keys);
		fprintf(f, "%s\t%s\t%s\n", actions[a].name, keys, actions[a].help);
	}
}

