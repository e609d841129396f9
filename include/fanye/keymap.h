/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keymap: key codes, key names, and the bindings of keys to actions.
 *
 * Keys are Unicode code points (control keys are their C0 codes: C-f is
 * 0x06), or KEYMAP_* values for keys with no character; KEYMAP_META marks
 * Alt.  The UI translates terminal input into these codes; everything here
 * is headless.
 */
#ifndef FANYE_KEYMAP_H
#define FANYE_KEYMAP_H

#include <stddef.h>
#include <stdio.h>

#include "fanye/actions.h"

typedef enum keymap_action {
#define X(id, name, group, keys, help, fn) ACT_##id,
	FANYE_ACTIONS(X)
#undef X
	ACT_COUNT,
	ACT_NONE = -1
} keymap_action;

/* Where keys are looked up (see actions.h). */
typedef enum keymap_view {
#define V(id, name, parent) VIEW_##id,
	FANYE_VIEWS(V)
#undef V
	VIEW_COUNT,
	VIEW_NONE = -1
} keymap_view;

typedef enum keymap_group {
#define G(id, title, view, jumps) GROUP_##id,
	FANYE_GROUPS(G)
#undef G
	GROUP_COUNT
} keymap_group;

enum {
	KEYMAP_SPECIAL = 0x110000,
	KEYMAP_UP = KEYMAP_SPECIAL, KEYMAP_DOWN, KEYMAP_LEFT, KEYMAP_RIGHT,
	KEYMAP_PAGEUP, KEYMAP_PAGEDOWN, KEYMAP_HOME, KEYMAP_END,
	KEYMAP_ENTER, KEYMAP_BACKSPACE, KEYMAP_BTAB, KEYMAP_DELETE, KEYMAP_INSERT,
	KEYMAP_F1, /* .. KEYMAP_F1 + 11 */
	KEYMAP_RESIZE = KEYMAP_F1 + 12,
	KEYMAP_MOUSE,   /* a mouse report: never a key of the table */
	KEYMAP_SPECIAL_END,
};
#define KEYMAP_META 0x40000000
#define KEYMAP_ESC 0x1B
#define KEYMAP_TAB 0x09

typedef struct keymap keymap;

/* A keymap holding the defaults from the action table. */
keymap *keymap_new(void);
void keymap_free(keymap *km);

/* The action bound to key in view v or, where v binds none, in its
 * parent; ACT_NONE if none is. */
keymap_action keymap_lookup(const keymap *km, keymap_view v, int key);

const char *keymap_action_name(keymap_action a);
/* The title of a's group (the help's and the man page's heading). */
const char *keymap_action_group(keymap_action a);
const char *keymap_action_help(keymap_action a);
keymap_view keymap_action_view(keymap_action a);
/* True if moving the text with a is a jump ('' goes back from it). */
int keymap_action_jumps(keymap_action a);
const char *keymap_view_name(keymap_view v);
keymap_view keymap_view_parent(keymap_view v);
/* ACT_NONE if no action has that name. */
keymap_action keymap_action_by_name(const char *name);

/* Parses one key name ("j", "C-f", "M-x", "PageDown", "F1", "Space"...).
 * Returns 0 and sets *key, or -1. */
int keymap_parse_key(const char *name, int *key);
/* Writes the canonical name of key into buf. */
void keymap_key_name(int key, char *buf, size_t n);

/* Replaces the keys of action a by a space-separated list of key names
 * ("none" unbinds); a key taken from another action of the same view
 * leaves it.  Returns 0, or -1 with a message in err. */
int keymap_bind(keymap *km, keymap_action a, const char *keys, char *err, size_t errlen);
/* The keys bound to a, as a space-separated list of names. */
void keymap_keys_string(const keymap *km, keymap_action a, char *buf, size_t n);

/* `fanye --keys`: ACTION<TAB>KEYS<TAB>HELP, one action a line. */
void keymap_print(const keymap *km, FILE *f);

#endif
