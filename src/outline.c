/*
 * outline: classifies each physical line of a document and resolves the
 * candidates into headings, speakers and turns.
 *
 * One pass over the lines, with one non-blank line of lookahead, records
 * candidates: definite headings, name lines (a name alone on a line, or an
 * inline label), and title lines (short lines just before a name line).
 * Whether a name is a speaker depends on the whole document (it must be
 * explicit, like "**Name:**" or a timestamp, or recur), so the result is
 * re-resolved from the candidates after every slice; that is cheap, the
 * candidates being few next to the bytes.
 *
 * A mapped file is classified through a window copied from the file rather
 * than through its mapping: touching every page of a mapping costs a fault
 * per page, several times what the classification of that page costs on a
 * virtual machine.  The window always holds the line of lookahead.
 */
#include "build.h"
#include "fanye/outline.h"

#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

/* ---- growable arrays ---------------------------------------------------- */

#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_PUSH(vec, x) \
	((((vec).n == (vec).cap) ? vec_grow((void **)&(vec).v, &(vec).cap, sizeof *(vec).v) : true) && \
	 ((vec).v[(vec).n++] = (x), true))

static bool vec_grow(void **v, size_t *cap, size_t elem)
{
	size_t nc = *cap ? *cap * 2 : 64;
	void *nv = realloc(*v, nc * elem);
	if (!nv)
		return false;
	*v = nv;
	*cap = nc;
	return true;
}

/* ---- candidates ----------------------------------------------------------- */

enum { RANK_VOLUME = 1, RANK_CHAPTER = 2, RANK_SECTION = 3 };

typedef struct cand_head {
	size_t line, off;
	int level;      /* Markdown level, or the rank for the others */
	bool md;
	char *title;
} cand_head;

typedef struct cand_name {
	size_t off;
	uint32_t label_len;
	uint32_t id : 30;    /* into the name table */
	uint32_t valid : 1;  /* a turn: the name has text after it */
	uint32_t inline_ : 1;/* an inline label, not a name alone on its line */
} cand_name;

typedef struct cand_title {
	size_t line, off;
	char *title;
	size_t name_idx; /* the name candidate right after it */
} cand_title;

typedef struct name_ent {
	char *name;
	size_t valid;   /* valid occurrences */
	size_t alone;   /* of which names alone on their line */
	bool explicit_; /* seen in an explicit format */
} name_ent;

enum line_kind {
	LK_CONTENT, LK_HEADING, LK_NAME, LK_LABEL, LK_LIST, LK_UNDERLINE, LK_SKIP
};

typedef struct linfo {
	enum line_kind kind;
	size_t line, off, end; /* [off, end) is the text without the terminator */
	int level;
	bool md;
	char *title;           /* heading title (owned until stored) */
	int name_id;
	size_t label_end;
	bool title_shaped;
	bool para_start;       /* the line before it is blank, or it is the first */
	bool after_name;       /* the line before it is a name line */
	char underline;        /* '=' or '-' */
} linfo;

struct outline_state {
	const doc *d;
	size_t resolved_at;    /* pos when last resolved */
	bool resolved;
	size_t pos, line;
	size_t cr_at; /* the next CR at or after pos, or where the search for it stopped */
	bool started, in_front, in_fence;
	size_t front_until;
	char fence;
	bool prev_blank;
	bool have_pending;
	linfo pending;
	VEC(cand_head) heads;
	VEC(cand_name) names;
	VEC(cand_title) titles;
	VEC(name_ent) table;
	int *hash;             /* open addressing: name id + 1, 0 = empty */
	size_t hcap;
	/* from the configuration */
	bool has_heading_re, has_speaker_re;
	regex_t heading_re, speaker_re;
	char **alias_from, **alias_to;
	size_t nalias;
	/* The bytes [woff, woff + wlen) copied from the file into wbuf, or
	 * (wbuf NULL) the text read where it is. */
	uint8_t *wbuf;
	size_t wcap, woff, wlen;
	size_t wgoal; /* the size the window grows to, a refill at a time */
};

/* Window sizes: the first, small enough that the first screen touches
 * few new pages (each costs microseconds); what is read at a time once it
 * has grown; and the most a window grows to for one long line before the
 * text is read where it is instead. */
#define WINDOW_FIRST ((size_t)16 << 10)
#define WINDOW_DEFAULT ((size_t)256 << 10)
#define WINDOW_MAX ((size_t)4 << 20)

/* The byte at offset off of the document, which the window holds. */
static const uint8_t *at(const struct outline_state *st, size_t off)
{
	return st->wbuf ? st->wbuf + (off - st->woff) : st->d->data + off;
}

/* ---- text helpers ----------------------------------------------------------- */

static bool is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
}

/* Decodes one code point; invalid bytes decode as U+FFFD, length 1. */
static size_t dec(const uint8_t *s, size_t n, uint32_t *c)
{
	ucs4_t uc;
	int l = u8_mbtoucr(&uc, s, n);
	if (l <= 0) {
		*c = 0xFFFD;
		return 1;
	}
	*c = uc;
	return (size_t)l;
}

/* The last code point of s[0..n). */
static uint32_t last_cp(const uint8_t *s, size_t n)
{
	if (!n)
		return 0;
	size_t i = n - 1;
	while (i > 0 && n - i < 4 && (s[i] & 0xC0) == 0x80)
		i--;
	uint32_t c;
	dec(s + i, n - i, &c);
	return c;
}

/* Trims spaces (ASCII and ideographic) from both ends of [*a, *b). */
static void trim(const uint8_t *s, size_t *a, size_t *b)
{
	while (*a < *b) {
		uint32_t c;
		size_t l = dec(s + *a, *b - *a, &c);
		if (!is_space_cp(c))
			break;
		*a += l;
	}
	while (*b > *a) {
		uint32_t c = last_cp(s + *a, *b - *a);
		if (!is_space_cp(c))
			break;
		size_t i = *b - 1;
		while (i > *a && (s[i] & 0xC0) == 0x80)
			i--;
		*b = i;
	}
}

static bool starts(const uint8_t *s, size_t n, const char *p)
{
	size_t l = strlen(p);
	return n >= l && memcmp(s, p, l) == 0;
}

/* A clean copy of a title: whitespace runs become one space, markup
 * characters (* _ `) and controls are dropped, invalid bytes become U+FFFD. */
static char *clean_title(const uint8_t *s, size_t n)
{
	char *out = malloc(n * 3 + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	bool space = false;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		ucs4_t uc;
		int l = u8_mbtoucr(&uc, s + i, n - i);
		if (l <= 0) {
			memcpy(out + k, "\xEF\xBF\xBD", 3);
			k += 3;
			i++;
			space = false;
			continue;
		}
		c = uc;
		i += (size_t)l;
		if (is_space_cp(c)) {
			space = k > 0;
			continue;
		}
		if (c == '*' || c == '`' || c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) ||
		    (c >= 0x200E && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
		    (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029)
			continue;
		if (space)
			out[k++] = ' ';
		space = false;
		k += (size_t)u8_uctomb((uint8_t *)out + k, c, 4);
	}
	out[k] = 0;
	return out;
}

/* ---- names ------------------------------------------------------------------ */

static bool is_cjk(uint32_t c)
{
	return (c >= 0x3040 && c <= 0x30FF && c != 0x30FB) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x20000 && c <= 0x3FFFF);
}

static bool is_upper(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}

static bool is_letter(uint32_t c)
{
	return is_upper(c) || (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0x24F && c != 0xF7);
}

static uint32_t fnv(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

/* Labels that are not people. */
static const char *const stop_names[] = {
	"Note", "Notes", "NOTE", "Warning", "WARNING", "Tip", "Example", "Examples", "Source",
	"Sources", "Update", "Edit", "Summary", "Step", "Abstract", "Keywords", "Subject", "From",
	"To", "Cc", "Date", "Title", "Author", "Tags", "Category", "Link", "URL", "Email",
	"Phone", "Address", "Time", "Location", "Contents", "References", "Transcript", "PS",
	"P.S.", "Re", "Fwd", "TL;DR", "Disclaimer", "Credits", "Translation", "Table of Contents",
	"注", "注意", "注释", "备注", "说明", "提示", "原因", "结论", "总结", "摘要", "关键词",
	"目录", "地址", "电话", "时间", "地点", "作者", "来源", "出处", "链接", "例如", "比如",
	"标题", "日期", "编辑", "责编", "译者", "原文", "译文", "参考", "附录", "声明", "版权",
	"简介", "内容简介", "标签", "分类", "主题", "网址", "邮箱", "文章", "正文", "全文",
	"底本", "入力", "校正", "初出", "底本の親本", "備考", "注記", "出典",
	"举个例子", "举例", "比如说", "例如说", "换句话说", "也就是说", "总之", "总而言之",
	"事实上", "其实", "所以", "但是", "另外", "首先", "其次", "然后", "最后", "一方面",
	"另一方面", "结果", "理由", "重点", "关键", "问题", "答案", "原话", "大意", NULL,
};

/* Whether s[0..n) is one of stop_names: a hash set, filled on first use
 * (the list is long and asked about for every candidate name). */
static bool is_stop_name(const uint8_t *s, size_t n)
{
	enum { SLOTS = 512 };
	static short slot[SLOTS]; /* index + 1 into stop_names, 0 empty */
	static bool filled;
	if (!filled) {
		for (short k = 0; stop_names[k]; k++) {
			uint32_t h = fnv(stop_names[k], strlen(stop_names[k])) % SLOTS;
			while (slot[h])
				h = (h + 1) % SLOTS;
			slot[h] = (short)(k + 1);
		}
		filled = true;
	}
	for (uint32_t h = fnv((const char *)s, n) % SLOTS; slot[h]; h = (h + 1) % SLOTS) {
		const char *p = stop_names[slot[h] - 1];
		if (strlen(p) == n && memcmp(p, s, n) == 0)
			return true;
	}
	return false;
}

/* Chinese label words ending like these are speech verbs in narrative
 * ("士隐笑道：“…”", "他认为:"), and these starts are pronouns. */
static const uint32_t verb_ends[] = {
	0x9053, 0x8BF4, 0x8AAA, 0x95EE, 0x554F, 0x66F0, 0x4E91, 0x7B54, 0x60F3, 0x8BB2, 0x8B1B,
	0x53EB, 0x558A, 0x9A82, 0x7F75, 0x53F9, 0x5606, 0x79F0, 0x7A31, 0x4E3A, 0x70BA, 0x662F,
	0x7740, 0x8457, 0x4E86, 0x7684, 0,
}; /* 道说說问問曰云答想讲講叫喊骂罵叹嘆称稱为為是着著了的 */
static const uint32_t pronoun_starts[] = {
	0x4ED6, 0x5979, 0x5B83, 0x6211, 0x4F60, 0x60A8, 0x8FD9, 0x9019, 0x90A3, 0x54B1, 0x4FFA, 0,
}; /* 他她它我你您这這那咱俺 */

static bool in_cps(const uint32_t *set, uint32_t c)
{
	for (; *set; set++)
		if (*set == c)
			return true;
	return false;
}

/* Is s[0..n) (trimmed) a plausible person's name?  Latin: one to four
 * capitalised words ("Ilya Sutskever", "HAMLET", "Speaker 2", "J. R. Smith");
 * CJK: one to eight characters, with · allowed ("伊利亚·苏茨克维").
 * min_cjk is 2 for a name alone on a line, where one character is too weak. */
static bool name_ok(const uint8_t *s, size_t n, size_t min_cjk)
{
	if (n == 0 || n > 48)
		return false;
	size_t ncjk = 0, nlatin = 0, words = 0;
	bool word_start = true, last_num_word = false, any_num_word = false;
	uint32_t first = 0, last = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += dec(s + i, n - i, &c);
		if (!first)
			first = c;
		if (is_cjk(c)) {
			ncjk++;
			last = c;
			continue;
		}
		if (c == 0xB7 || c == 0x30FB || c == 0x2027 || c == 0xFF0E) /* name dots */
			continue;
		if (c == ' ') {
			if (word_start)
				return false; /* two spaces */
			word_start = true;
			continue;
		}
		if (word_start) {
			words++;
			word_start = false;
			last_num_word = false;
			if (c >= '0' && c <= '9') {
				if (words == 1)
					return false;
				last_num_word = any_num_word = true;
			} else if (!is_upper(c)) {
				return false;
			}
			nlatin++;
			continue;
		}
		if (last_num_word) {
			if (!(c >= '0' && c <= '9'))
				return false;
			continue;
		}
		if (is_letter(c) || c == '.' || c == '-' || c == '\'' || c == 0x2019) {
			nlatin++;
			continue;
		}
		return false;
	}
	if (word_start && words)
		return false; /* trailing space */
	if (s[n - 1] == '.')
		return false; /* "Hello." is a sentence; "Dr. Smith" a name */
	if (ncjk && nlatin)
		return false;
	if (ncjk) {
		if (ncjk < min_cjk || ncjk > 8)
			return false;
		/* "问：" and "答：" are speakers; "他心想：" and "笑道：" are not. */
		if (ncjk > 1 && (in_cps(pronoun_starts, first) || in_cps(verb_ends, last)))
			return false;
		return !is_stop_name(s, n);
	}
	if (any_num_word && !last_num_word)
		return false;
	return words >= 1 && words <= 4 && !is_stop_name(s, n);
}

/* The id of a name (added to the table if new), or -1 on no memory.
 * Configured aliases are merged into their speaker first. */
static int name_id(struct outline_state *st, const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < st->nalias; i++)
		if (strlen(st->alias_from[i]) == n && strncasecmp(st->alias_from[i], (const char *)s, n) == 0) {
			s = (const uint8_t *)st->alias_to[i];
			n = strlen(st->alias_to[i]);
			break;
		}
	if (st->table.n * 2 >= st->hcap) {
		size_t nc = st->hcap ? st->hcap * 2 : 256;
		int *nh = calloc(nc, sizeof *nh);
		if (!nh)
			return -1;
		for (size_t i = 0; i < st->table.n; i++) {
			const char *nm = st->table.v[i].name;
			size_t h = fnv(nm, strlen(nm)) & (nc - 1);
			while (nh[h])
				h = (h + 1) & (nc - 1);
			nh[h] = (int)i + 1;
		}
		free(st->hash);
		st->hash = nh;
		st->hcap = nc;
	}
	size_t h = fnv((const char *)s, n) & (st->hcap - 1);
	while (st->hash[h]) {
		const char *nm = st->table.v[st->hash[h] - 1].name;
		if (strlen(nm) == n && memcmp(nm, s, n) == 0)
			return st->hash[h] - 1;
		h = (h + 1) & (st->hcap - 1);
	}
	char *copy = malloc(n + 1);
	if (!copy)
		return -1;
	memcpy(copy, s, n);
	copy[n] = 0;
	name_ent e = {copy, 0, 0, false};
	if (!VEC_PUSH(st->table, e)) {
		free(copy);
		return -1;
	}
	st->hash[h] = (int)st->table.n;
	return (int)st->table.n - 1;
}

/* Skips a timestamp at s[*i]: 00:12, 1:02:03, in [], (), or \[ \].
 * Returns true if there was one. */
static bool skip_timestamp(const uint8_t *s, size_t n, size_t *i)
{
	size_t j = *i;
	char close = 0;
	if (j + 1 < n && s[j] == '\\' && s[j + 1] == '[') {
		j += 2;
		close = ']';
	} else if (j < n && (s[j] == '[' || s[j] == '(')) {
		close = s[j] == '[' ? ']' : ')';
		j++;
	}
	int groups = 0;
	for (;;) {
		size_t d = 0;
		while (j < n && s[j] >= '0' && s[j] <= '9' && d < 3) {
			j++;
			d++;
		}
		if (d == 0)
			return false;
		groups++;
		if (j < n && s[j] == ':' && groups < 3 && j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9') {
			j++;
			continue;
		}
		break;
	}
	if (groups < 2)
		return false;
	if (j < n && s[j] == '.') /* fractions: 00:01:02.345 */
		while (++j < n && s[j] >= '0' && s[j] <= '9')
			;
	if (close) {
		if (close == ']' && j + 1 < n && s[j] == '\\' && s[j + 1] == ']')
			j += 2;
		else if (j < n && s[j] == close)
			j++;
		else
			return false;
	}
	*i = j;
	return true;
}

static size_t skip_spaces(const uint8_t *s, size_t n, size_t i)
{
	while (i < n) {
		uint32_t c;
		size_t l = dec(s + i, n - i, &c);
		if (!is_space_cp(c))
			break;
		i += l;
	}
	return i;
}

/* A colon at s[i] (':' or '：'): returns its length, else 0. */
static size_t colon_at(const uint8_t *s, size_t n, size_t i)
{
	if (i < n && s[i] == ':')
		return 1;
	if (starts(s + i, n - i, "\xEF\xBC\x9A"))
		return 3;
	return 0;
}

/* A name alone on a line: "Name", "Name:", "**Name:**", "Name (00:12:34)",
 * "[00:12] Name".  Sets the name's span and whether the form is explicit. */
static bool parse_name_alone(const uint8_t *s, size_t n, size_t *na, size_t *nb, bool *expl)
{
	size_t a = 0, b = n;
	*expl = false;
	if (n > 96)
		return false;
	if (skip_timestamp(s, b, &a)) {
		*expl = true;
		a = skip_spaces(s, b, a);
	}
	/* Trailing timestamp. */
	for (size_t k = a; k < b; k++) {
		if (s[k] == ' ' || s[k] == '\t') {
			size_t t = skip_spaces(s, b, k);
			size_t e = t;
			if (t < b && skip_timestamp(s, b, &e) && skip_spaces(s, b, e) == b) {
				b = k;
				*expl = true;
				break;
			}
		}
	}
	for (const char *m = "**"; m; m = (m[0] == '*' ? "__" : NULL)) {
		if (b - a >= 4 && starts(s + a, b - a, m) && memcmp(s + b - 2, m, 2) == 0) {
			a += 2;
			b -= 2;
			*expl = true;
			break;
		}
	}
	/* A trailing colon, inside or outside bold. */
	if (b > a && s[b - 1] == ':')
		b--;
	else if (b - a >= 3 && memcmp(s + b - 3, "\xEF\xBC\x9A", 3) == 0)
		b -= 3;
	if (b - a >= 4 && starts(s + a, b - a, "**") && memcmp(s + b - 2, "**", 2) == 0) {
		a += 2;
		b -= 2;
		*expl = true;
	}
	trim(s, &a, &b);
	if (!name_ok(s + a, b - a, 2))
		return false;
	*na = a;
	*nb = b;
	return true;
}

/* An inline label at the start of a line: "姓名：正文", "Name: text",
 * "**Name:** text", "**Name**: text", "Name (00:12:34) text", each with or
 * without a timestamp before it.  There must be text after the label. */
static bool parse_label(const uint8_t *s, size_t n, size_t *na, size_t *nb, size_t *lend,
                        bool *expl)
{
	size_t i = 0;
	*expl = false;
	if (skip_timestamp(s, n, &i)) {
		*expl = true;
		i = skip_spaces(s, n, i);
	}
	size_t a, b, after;
	if (starts(s + i, n - i, "**") || starts(s + i, n - i, "__")) {
		const uint8_t *m = s + i;
		a = i + 2;
		const uint8_t *close = NULL;
		for (size_t k = a; k + 1 < n && k < a + 64; k++)
			if (s[k] == m[0] && s[k + 1] == m[0]) {
				close = s + k;
				break;
			}
		if (!close)
			return false;
		b = (size_t)(close - s);
		after = b + 2;
		size_t cl;
		if (b > a && s[b - 1] == ':')
			b--;
		else if (b - a >= 3 && memcmp(s + b - 3, "\xEF\xBC\x9A", 3) == 0)
			b -= 3;
		else if ((cl = colon_at(s, n, after)) > 0)
			after += cl;
		else
			return false;
		*expl = true;
	} else {
		a = i;
		size_t k = a, lim = a + 64 < n ? a + 64 : n;
		size_t cl = 0;
		/* To the first colon (':' or '：'), '(' or '['; bytes that can
		 * begin none of them are passed over by a table. */
		static const bool maybe[256] = {[':'] = true, ['('] = true, ['['] = true, [0xEF] = true};
		for (; k < lim; k++) {
			if (!maybe[s[k]])
				continue;
			if (s[k] == '(' || s[k] == '[' || (cl = colon_at(s, n, k)) > 0)
				break;
		}
		if (k >= lim)
			return false;
		b = k;
		if (cl) {
			after = k + cl;
			/* "Name: text" needs a space after an ASCII colon unless the
			 * name is CJK; this keeps "http://x" and "10:30" out. */
			if (cl == 1 && after < n && s[after] != ' ' && s[after] != '\t') {
				uint32_t c;
				dec(s + a, n - a, &c);
				if (!is_cjk(c))
					return false;
			}
		} else {
			/* "Name (00:12:34) text" */
			size_t t = k;
			if (!skip_timestamp(s, n, &t))
				return false;
			after = t;
			size_t c2 = colon_at(s, n, after);
			after += c2;
			*expl = true;
		}
	}
	trim(s, &a, &b);
	size_t text = skip_spaces(s, n, after);
	if (text >= n)
		return false;
	/* Narrative: 士隐笑道：“…”. */
	if (starts(s + text, n - text, "\xE2\x80\x9C") || starts(s + text, n - text, "\xE3\x80\x8C") ||
	    starts(s + text, n - text, "\xE3\x80\x8E") || s[text] == '"')
		return false;
	if (!name_ok(s + a, b - a, 1))
		return false;
	*na = a;
	*nb = b;
	*lend = after;
	return true;
}

/* ---- headings ----------------------------------------------------------------- */

static bool is_cn_numeral(uint32_t c)
{
	static const uint32_t nums[] = {
		0x3007, 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B,
		0x4E5D, 0x5341, 0x767E, 0x5343, 0x4E07, 0x842C, 0x4E24, 0x5169, 0x58F9, 0x8D30,
		0x8CB3, 0x53C1, 0x53C3, 0x8086, 0x4F0D, 0x9646, 0x9678, 0x67D2, 0x634C, 0x7396,
		0x62FE, 0x4F70, 0x4EDF, 0,
	}; /* 〇零一二三四五六七八九十百千万萬两兩壹贰貳叁參肆伍陆陸柒捌玖拾佰仟 */
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) || in_cps(nums, c);
}

/* Chapter units and their ranks. */
static int cn_unit_rank(uint32_t c)
{
	switch (c) {
	case 0x5377: case 0x90E8: case 0x7BC7: return RANK_VOLUME;       /* 卷部篇 */
	case 0x7AE0: case 0x56DE: case 0x96C6: case 0x5E55:              /* 章回集幕 */
	case 0x8BDD: case 0x8A71: return RANK_CHAPTER;                    /* 话話 */
	case 0x8282: case 0x7BC0: return RANK_SECTION;                    /* 节節 */
	default: return 0;
	}
}

static bool is_final_punct(uint32_t c)
{
	return c == 0x3002 || c == '.' || c == '!' || c == 0xFF01 || c == 0x2026 || c == ',' ||
	       c == 0xFF0C || c == ';' || c == 0xFF1B || c == ':' || c == 0xFF1A || c == 0x3001 ||
	       c == 0xFF0E || c == 0xFF61;
}

static bool is_closing_quote(uint32_t c)
{
	return c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F || c == '"' || c == ')' ||
	       c == 0xFF09 || c == 0x3011;
}

/* Code points in s[0..n). */
static size_t cp_count(const uint8_t *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

/* 第 + numeral + unit [title], or 序章/楔子/尾声 and the like. */
static int cn_chapter(const uint8_t *s, size_t n, bool indented)
{
	size_t i = 0;
	uint32_t c;
	static const char *const named[] = {"序", "序章", "序言", "序幕", "楔子", "引子", "尾声",
		"尾聲", "后记", "後記", "前言", "终章", "終章", "番外", NULL};
	for (const char *const *p = named; *p && n; p++) {
		if ((uint8_t)**p != s[0])
			continue;
		size_t l = strlen(*p);
		if (n >= l && memcmp(s, *p, l) == 0) {
			if (n == l)
				return RANK_CHAPTER;
			dec(s + l, n - l, &c);
			if (is_space_cp(c) || c == 0xFF1A || c == ':' || c == 0x3000)
				return cp_count(s, n) <= 24 && !indented ? RANK_CHAPTER : 0;
		}
	}
	if (!starts(s, n, "\xE7\xAC\xAC")) /* 第 */
		return 0;
	i = 3;
	size_t digits = 0;
	while (i < n) {
		size_t l = dec(s + i, n - i, &c);
		if (!is_cn_numeral(c))
			break;
		i += l;
		digits++;
	}
	if (!digits || digits > 12 || i >= n)
		return 0;
	i += dec(s + i, n - i, &c);
	int rank = cn_unit_rank(c);
	if (!rank)
		return 0;
	/* What follows: nothing, or a separator and a title, or (unindented) a
	 * title straight away ("第一章初入江湖"). */
	if (i < n) {
		uint32_t nx;
		dec(s + i, n - i, &nx);
		bool sep = is_space_cp(nx) || nx == ':' || nx == 0xFF1A || nx == 0x3001 || nx == '.' ||
		           nx == 0xFF0E || nx == '-' || nx == 0x2014 || nx == 0x2013 || nx == 0xFF1A;
		if (indented && !sep)
			return 0; /* "　　第一回中说的是……" is body text */
		size_t rest = cp_count(s + i, n - i);
		if (rest > 40)
			return 0;
		for (size_t k = i; k < n;) {
			uint32_t t;
			k += dec(s + k, n - k, &t);
			if (t == 0x3002 || (indented && (t == 0xFF0C || t == ',')))
				return 0;
		}
		uint32_t lc = last_cp(s, n);
		if (lc == 0xFF0C || lc == ',' || lc == 0xFF1A || lc == ':' || lc == 0x3001)
			return 0;
	}
	return rank;
}

static bool word_ci(const uint8_t *s, size_t n, const char *w)
{
	size_t l = strlen(w);
	if (n != l)
		return false;
	for (size_t i = 0; i < l; i++) {
		char a = (char)s[i], b = w[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

/* A number as English chapters write it: 12, XII, Twelve, Twenty-One. */
static bool en_number(const uint8_t *s, size_t n)
{
	if (!n)
		return false;
	bool digits = true, roman = true;
	for (size_t i = 0; i < n; i++) {
		char c = (char)s[i];
		if (!(c >= '0' && c <= '9'))
			digits = false;
		if (!strchr("IVXLCDMivxlcdm", c))
			roman = false;
	}
	if (digits || roman)
		return true;
	static const char *const words[] = {"one", "two", "three", "four", "five", "six", "seven",
		"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
		"sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
		"sixty", "seventy", "eighty", "ninety", "hundred", "first", "second", "third",
		"fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last", NULL};
	size_t a = 0;
	while (a < n) {
		size_t b = a;
		while (b < n && s[b] != '-')
			b++;
		bool ok = false;
		for (const char *const *w = words; *w; w++)
			if (word_ci(s + a, b - a, *w))
				ok = true;
		if (!ok)
			return false;
		a = b + 1;
	}
	return true;
}

/* "Chapter 12", "CHAPTER XII. The Return", "Part One", "ACT II", "Prologue". */
static int en_heading(const uint8_t *s, size_t n)
{
	static const struct { const char *w; int rank; } kw[] = {
		{"chapter", RANK_CHAPTER}, {"part", RANK_VOLUME}, {"book", RANK_VOLUME},
		{"act", RANK_VOLUME}, {"scene", RANK_CHAPTER}, {"prologue", RANK_CHAPTER},
		{"epilogue", RANK_CHAPTER}, {"interlude", RANK_CHAPTER},
	};
	if (n > 80 || !is_upper(s[0]))
		return 0;
	size_t w = 0;
	while (w < n && s[w] != ' ' && s[w] != '.' && s[w] != ':')
		w++;
	for (size_t k = 0; k < sizeof kw / sizeof *kw; k++) {
		if (!word_ci(s, w, kw[k].w))
			continue;
		/* Only "Chapter" or "CHAPTER", not "cHaPtEr". */
		bool upper = true;
		for (size_t i = 1; i < w; i++)
			if (!(s[i] >= 'A' && s[i] <= 'Z'))
				upper = false;
		bool title = true;
		for (size_t i = 1; i < w; i++)
			if (!(s[i] >= 'a' && s[i] <= 'z'))
				title = false;
		if (!upper && !title)
			return 0;
		bool bare = kw[k].rank == RANK_CHAPTER && (s[0] == 'P' || s[0] == 'E' || s[0] == 'I');
		if (bare) /* Prologue, Epilogue, Interlude: alone or with a title */
			return (w == n || s[w] == ':' || s[w] == '.' || s[w] == ' ') && n <= 60 ? kw[k].rank : 0;
		if (w >= n || s[w] != ' ')
			return 0;
		size_t a = w + 1, b = a;
		while (b < n && s[b] != ' ' && s[b] != '.' && s[b] != ':')
			b++;
		if (!en_number(s + a, b - a))
			return 0;
		if (b < n) {
			uint32_t lc = last_cp(s, n);
			if (lc == ',' || lc == ';')
				return 0;
			/* "Chapter 3 was the best" is a sentence: after the number
			 * comes punctuation, or a capitalised title. */
			size_t t = b;
			while (t < n && (s[t] == ' ' || s[t] == '.' || s[t] == ':' || s[t] == '-'))
				t++;
			if (t < n && t == b + 1 && s[b] == ' ' && !is_upper(s[t]) && s[t] != '"' &&
			    s[t] < 0x80)
				return 0;
		}
		return kw[k].rank;
	}
	return 0;
}

/* Whether s holds the n-byte sequence q (n >= 2): memchr for its last
 * byte, a continuation byte that few CJK characters end with, is faster
 * than memmem on lines of full-width text. */
static bool has_seq(const uint8_t *s, size_t len, const char *q, size_t n)
{
	uint8_t last = (uint8_t)q[n - 1];
	for (size_t i = n - 1; i < len;) {
		const uint8_t *p = memchr(s + i, last, len - i);
		if (!p)
			return false;
		i = (size_t)(p - s);
		if (memcmp(s + i + 1 - n, q, n - 1) == 0)
			return true;
		i++;
	}
	return false;
}

/* Aozora Bunko: "［＃３字下げ］第一章［＃「第一章」は中見出し］". */
static int aozora_heading(const uint8_t *s, size_t n)
{
	static const char *const marks[] = {"」は大見出し］", "」は中見出し］", "」は小見出し］",
	                                    "」は見出し］", NULL};
	static const int levels[] = {RANK_VOLUME, RANK_CHAPTER, RANK_SECTION, RANK_CHAPTER};
	if (n > 600 || !has_seq(s, n, "\xEF\xBC\xBB\xEF\xBC\x83", 6)) /* ［＃ */
		return 0;
	for (int k = 0; marks[k]; k++)
		if (memmem(s, n, marks[k], strlen(marks[k])))
			return levels[k];
	return 0;
}

/* The visible text of an Aozora line: annotations ［＃…］, ruby 《…》 and
 * the ruby marker ｜ removed. */
static char *aozora_title(const uint8_t *s, size_t n)
{
	uint8_t *t = malloc(n + 1);
	if (!t)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		if (starts(s + i, n - i, "\xEF\xBC\xBB\xEF\xBC\x83")) { /* ［＃ … ］ */
			const uint8_t *e = memmem(s + i, n - i, "\xEF\xBC\xBD", 3);
			i = e ? (size_t)(e - s) + 3 : n;
			continue;
		}
		if (starts(s + i, n - i, "\xE3\x80\x8A")) { /* 《 … 》 */
			const uint8_t *e = memmem(s + i, n - i, "\xE3\x80\x8B", 3);
			i = e ? (size_t)(e - s) + 3 : n;
			continue;
		}
		if (starts(s + i, n - i, "\xEF\xBD\x9C")) { /* ｜ */
			i += 3;
			continue;
		}
		t[k++] = s[i++];
	}
	char *out = clean_title(t, k);
	free(t);
	return out;
}

/* A short line that could be a section title: no sentence-final
 * punctuation, not dialogue, some letters in it. */
static bool title_shaped(const uint8_t *s, size_t n)
{
	if (n == 0 || n > 120 || cp_count(s, n) > 30)
		return false;
	uint32_t c0;
	dec(s, n, &c0);
	if (c0 == 0x201C || c0 == 0x300C || c0 == 0x300E || c0 == '"' || c0 == '(' || c0 == 0xFF08 ||
	    c0 == '-' || c0 == '*' || c0 == '>' || c0 == '|' || c0 == '[')
		return false;
	size_t b = n;
	uint32_t lc = last_cp(s, b);
	while (b > 0 && is_closing_quote(lc)) {
		size_t i = b - 1;
		while (i > 0 && (s[i] & 0xC0) == 0x80)
			i--;
		b = i;
		lc = last_cp(s, b);
	}
	if (b == 0 || is_final_punct(lc))
		return false;
	bool letters = false;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += dec(s + i, n - i, &c);
		if (!letters && (is_cjk(c) || is_letter(c)))
			letters = true;
		/* Commas or a 。 inside: a sentence, not a title. */
		if (c == 0x3002 || c == 0xFF0C || c == ',' || c == 0x3001 || c == ';' || c == 0xFF1B)
			return false;
	}
	return letters;
}

static bool is_list_item(const uint8_t *s, size_t n)
{
	if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && (s[1] == ' ' || s[1] == '\t'))
		return true;
	size_t i = 0;
	while (i < n && i < 4 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i + 1 < n && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ')
		return true;
	return starts(s, n, "\xE2\x80\xA2") || starts(s, n, "\xE3\x83\xBB "); /* • ・ */
}

/* ---- classification ---------------------------------------------------------- */

/* The patterns from the configuration, tried before the built-in ones. */
static bool config_patterns(struct outline_state *st, linfo *L, const uint8_t *t, size_t n, size_t ta)
{
	char *line = malloc(n + 1);
	if (!line)
		return false;
	memcpy(line, t, n);
	line[n] = 0;
	bool hit = false;
	regmatch_t m[2];
	if (st->has_heading_re && regexec(&st->heading_re, line, 0, NULL, 0) == 0) {
		L->kind = LK_HEADING;
		L->md = false;
		L->level = RANK_CHAPTER;
		L->title = clean_title(t, n);
		hit = L->title != NULL;
	} else if (st->has_speaker_re && regexec(&st->speaker_re, line, 2, m, 0) == 0 &&
	           m[1].rm_so >= 0 && m[1].rm_eo > m[1].rm_so) {
		size_t a = (size_t)m[1].rm_so, b = (size_t)m[1].rm_eo;
		trim(t, &a, &b);
		int id = a < b ? name_id(st, t + a, b - a) : -1;
		if (id >= 0) {
			size_t end = (size_t)m[0].rm_eo;
			L->kind = skip_spaces(t, n, end) >= n ? LK_NAME : LK_LABEL;
			L->name_id = id;
			L->label_end = L->kind == LK_NAME ? L->end : ta + end;
			st->table.v[id].explicit_ = true;
			hit = true;
		}
	}
	free(line);
	return hit;
}

/* Classifies the non-blank line [a, b) (terminator excluded). */
static void classify(struct outline_state *st, linfo *L)
{
	const uint8_t *s = at(st, L->off);
	size_t a = 0, b = L->end - L->off;
	L->kind = LK_CONTENT;
	L->title = NULL;
	L->title_shaped = false;
	L->underline = 0;
	size_t ta = a, tb = b;
	trim(s, &ta, &tb);
	bool indented = ta > a;
	const uint8_t *t = s + ta;
	size_t n = tb - ta;
	if (n == 0)
		return;
	if ((st->has_heading_re || st->has_speaker_re) && n < 4096 && config_patterns(st, L, t, n, L->off + ta))
		return;

	/* Markdown ATX: up to three spaces, 1-6 #, a space. */
	if (t[0] == '#' && ta - a <= 3) {
		size_t h = 0;
		while (h < n && t[h] == '#')
			h++;
		if (h <= 6 && (h == n || t[h] == ' ' || t[h] == '\t')) {
			size_t x = h, y = n;
			while (y > x && (t[y - 1] == '#' || t[y - 1] == ' ' || t[y - 1] == '\t'))
				y--;
			if (y > x) {
				L->kind = LK_HEADING;
				L->md = true;
				L->level = (int)h;
				L->title = clean_title(t + x, y - x);
				return;
			}
		}
	}
	/* Setext underline. */
	if (!indented && (t[0] == '=' || t[0] == '-')) {
		size_t k = 0;
		while (k < n && t[k] == t[0])
			k++;
		if (k == n && n >= (t[0] == '=' ? 2u : 3u)) {
			L->kind = LK_UNDERLINE;
			L->underline = (char)t[0];
			return;
		}
	}
	if (is_list_item(t, n)) {
		L->kind = LK_LIST;
		return;
	}
	int r = cn_chapter(t, n, indented);
	if (!r && !indented)
		r = en_heading(t, n);
	if (r) {
		L->kind = LK_HEADING;
		L->md = false;
		L->level = r;
		L->title = clean_title(t, n);
		return;
	}
	if ((r = aozora_heading(t, n)) != 0) {
		L->kind = LK_HEADING;
		L->md = false;
		L->level = r;
		L->title = aozora_title(t, n);
		if (L->title && !*L->title) {
			free(L->title);
			L->title = NULL;
			L->kind = LK_CONTENT;
		}
		return;
	}
	size_t na, nb, lend;
	bool expl;
	if (!indented || ta - a <= 4) {
		if (parse_name_alone(t, n, &na, &nb, &expl)) {
			int id = name_id(st, t + na, nb - na);
			if (id >= 0) {
				L->kind = LK_NAME;
				L->name_id = id;
				L->label_end = L->end;
				L->title_shaped = title_shaped(t, n);
				if (expl)
					st->table.v[id].explicit_ = true;
				return;
			}
		}
		if (parse_label(t, n, &na, &nb, &lend, &expl)) {
			int id = name_id(st, t + na, nb - na);
			if (id >= 0) {
				L->kind = LK_LABEL;
				L->name_id = id;
				L->label_end = L->off + ta + lend;
				if (expl)
					st->table.v[id].explicit_ = true;
				return;
			}
		}
	}
	L->title_shaped = !indented && title_shaped(t, n);
}

/* ---- candidates from lines ----------------------------------------------------- */

static void push_head(struct outline_state *st, linfo *L, int level, bool md, char *title)
{
	cand_head h = {L->line, L->off, level, md, title};
	if (!title || !VEC_PUSH(st->heads, h))
		free(title);
}

static void push_name(struct outline_state *st, const linfo *L, bool valid)
{
	size_t ll = L->label_end - L->off;
	cand_name c = {L->off, ll > UINT32_MAX ? UINT32_MAX : (uint32_t)ll, (uint32_t)L->name_id, valid,
	               L->kind == LK_LABEL};
	if (VEC_PUSH(st->names, c) && valid) {
		st->table.v[L->name_id].valid++;
		if (L->kind == LK_NAME)
			st->table.v[L->name_id].alone++;
	}
}

/* Settles the pending line P now that the next non-blank line N (or the end
 * of the document, N == NULL) is known. */
static void settle(struct outline_state *st, linfo *P, const linfo *N)
{
	bool next_is_name = N && (N->kind == LK_NAME || N->kind == LK_LABEL);
	switch (P->kind) {
	case LK_HEADING:
		push_head(st, P, P->level, P->md, P->title);
		P->title = NULL;
		return;
	case LK_LABEL:
		push_name(st, P, true);
		return;
	case LK_NAME:
		if (N && (N->kind == LK_CONTENT || N->kind == LK_LIST || N->kind == LK_UNDERLINE)) {
			push_name(st, P, true);
			return;
		}
		push_name(st, P, false); /* a name with nothing said: keep indexes aligned */
		break;
	default:
		break;
	}
	/* A short title line just before a name line, not itself the first line
	 * of a turn: a section title if that name proves to be a speaker. */
	if (P->title_shaped && !P->after_name && next_is_name) {
		const uint8_t *s = at(st, P->off);
		size_t a = 0, b = P->end - P->off;
		trim(s, &a, &b);
		cand_title t = {P->line, P->off, clean_title(s + a, b - a),
		                st->names.n /* N is the next name candidate */};
		if (!t.title || !VEC_PUSH(st->titles, t))
			free(t.title);
	}
}

/* Feeds one line (blank or not) to the lookahead. */
static void feed(struct outline_state *st, size_t off, size_t end)
{
	const uint8_t *s = at(st, off);
	size_t a = 0, b = end - off;
	trim(s, &a, &b);
	if (a == b) {
		st->prev_blank = true;
		return;
	}
	/* Front matter and fenced code are not structure. */
	if (st->in_front) {
		if (off >= st->front_until) {
			st->in_front = false;
		} else {
			st->prev_blank = false;
			return;
		}
	}
	if (b - a >= 3 && (starts(s + a, b - a, "```") || starts(s + a, b - a, "~~~"))) {
		if (!st->in_fence) {
			st->in_fence = true;
			st->fence = (char)s[a];
		} else if (s[a] == st->fence) {
			st->in_fence = false;
		}
		st->prev_blank = false;
		return;
	}
	if (st->in_fence) {
		st->prev_blank = false;
		return;
	}
	linfo L;
	memset(&L, 0, sizeof L);
	L.line = st->line;
	L.off = off;
	L.end = end;
	L.para_start = st->prev_blank || !st->have_pending;
	classify(st, &L);
	st->prev_blank = false;
	if (st->have_pending) {
		linfo *P = &st->pending;
		/* Setext: "Title" over "=====" or "-----". */
		if (L.kind == LK_UNDERLINE && P->para_start &&
		    (P->kind == LK_CONTENT || P->kind == LK_NAME) &&
		    (P->title_shaped || P->kind == LK_NAME)) {
			const uint8_t *ps = at(st, P->off);
			size_t x = 0, y = P->end - P->off;
			trim(ps, &x, &y);
			if (P->kind == LK_NAME)
				push_name(st, P, false);
			push_head(st, P, L.underline == '=' ? 1 : 2, true, clean_title(ps + x, y - x));
			st->have_pending = false;
			return;
		}
		/* The line after a name alone is what that speaker says, even if it
		 * looks like a label ("一句话：它应该……"). */
		if (P->kind == LK_NAME && L.kind == LK_LABEL)
			L.kind = LK_CONTENT;
		L.after_name = P->kind == LK_NAME && (L.kind == LK_CONTENT || L.kind == LK_LIST);
		settle(st, P, &L);
		free(P->title);
	}
	st->pending = L;
	st->have_pending = true;
}

/* Finds YAML front matter at the start: "---" ... "---" or "...". */
static void front_matter(struct outline_state *st)
{
	const doc *d = st->d;
	if (!(d->len >= 4 && memcmp(d->data, "---", 3) == 0 && doc_is_eol(d, 3)))
		return;
	size_t off = doc_next_line(d, 0);
	for (int i = 0; i < 200 && off < d->len; i++) {
		size_t nx = doc_next_line(d, off);
		size_t e = off;
		while (e < d->len && !doc_is_eol(d, e))
			e++;
		if ((e - off == 3 && (memcmp(d->data + off, "---", 3) == 0 ||
		                      memcmp(d->data + off, "...", 3) == 0))) {
			st->in_front = true;
			st->front_until = nx;
			return;
		}
		off = nx;
	}
}

/* ---- resolution ------------------------------------------------------------------- */

static void free_result(outline *o)
{
	free(o->headings);
	free(o->turns);
	free(o->speakers);
	o->headings = NULL;
	o->turns = NULL;
	o->speakers = NULL;
	o->nheadings = o->nturns = o->nspeakers = 0;
}

/* A name is a speaker when its format is explicit or it recurs.  Where a
 * document's speakers are names alone on their lines, a plain inline label
 * ("举个例子:…" inside a turn) is prose unless that name is one of them. */
static bool is_speaker(const struct outline_state *st, int id, bool alone_mode)
{
	const name_ent *e = &st->table.v[id];
	if (e->explicit_)
		return e->valid >= 1;
	if (alone_mode && !e->alone)
		return false;
	return e->valid >= 2;
}

/* True if some name alone on its line recurs: a transcript of that shape. */
static bool alone_mode(const struct outline_state *st)
{
	for (size_t i = 0; i < st->table.n; i++)
		if (st->table.v[i].alone >= 2)
			return true;
	return false;
}

static int cmp_head(const void *a, const void *b)
{
	const outline_heading *x = a, *y = b;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* Rebuilds the published result from the candidates. */
static void resolve(outline *o)
{
	struct outline_state *st = o->st;
	free_result(o);
	bool am = alone_mode(st);
	size_t nh = st->heads.n + st->titles.n;
	o->headings = malloc((nh ? nh : 1) * sizeof *o->headings);
	o->turns = malloc((st->names.n ? st->names.n : 1) * sizeof *o->turns);
	int *spk = malloc((st->table.n ? st->table.n : 1) * sizeof *spk);
	o->speakers = malloc((st->table.n ? st->table.n : 1) * sizeof *o->speakers);
	if (!o->headings || !o->turns || !spk || !o->speakers) {
		free(spk);
		free_result(o);
		return;
	}
	for (size_t i = 0; i < st->table.n; i++)
		spk[i] = -1;
	for (size_t i = 0; i < st->names.n; i++) {
		const cand_name *c = &st->names.v[i];
		if (!c->valid || !is_speaker(st, c->id, am))
			continue;
		if (spk[c->id] < 0) {
			spk[c->id] = (int)o->nspeakers;
			o->speakers[o->nspeakers++] = (outline_speaker){st->table.v[c->id].name, 0};
		}
		o->speakers[spk[c->id]].turns++;
		o->turns[o->nturns++] = (outline_turn){c->off, c->label_len, spk[c->id]};
	}
	/* Ranks in use among the non-Markdown headings, compressed to 1.. */
	bool used[4] = {false, false, false, false};
	for (size_t i = 0; i < st->heads.n; i++)
		if (!st->heads.v[i].md)
			used[st->heads.v[i].level] = true;
	for (size_t i = 0; i < st->titles.n; i++) {
		const cand_title *t = &st->titles.v[i];
		if (t->name_idx < st->names.n && st->names.v[t->name_idx].valid &&
		    is_speaker(st, st->names.v[t->name_idx].id, am))
			used[RANK_CHAPTER] = true;
	}
	int map[4] = {0, 0, 0, 0}, next = 1;
	for (int r = 1; r <= 3; r++)
		if (used[r])
			map[r] = next++;
	for (size_t i = 0; i < st->heads.n; i++) {
		const cand_head *h = &st->heads.v[i];
		o->headings[o->nheadings++] =
			(outline_heading){h->line, h->off, h->md ? h->level : map[h->level], h->title};
	}
	bool sorted = true;
	for (size_t i = 0; i < st->titles.n; i++) {
		const cand_title *t = &st->titles.v[i];
		if (t->name_idx < st->names.n && st->names.v[t->name_idx].valid &&
		    is_speaker(st, st->names.v[t->name_idx].id, am)) {
			o->headings[o->nheadings++] =
				(outline_heading){t->line, t->off, map[RANK_CHAPTER], t->title};
			sorted = false;
		}
	}
	if (!sorted)
		qsort(o->headings, o->nheadings, sizeof *o->headings, cmp_head);
	free(spk);
	o->generation++;
}

/* ---- the public side ------------------------------------------------------------- */

outline *outline_new(const doc *d, const outline_opts *oo)
{
	outline *o = calloc(1, sizeof *o);
	if (!o)
		return NULL;
	o->st = calloc(1, sizeof *o->st);
	if (!o->st) {
		free(o);
		return NULL;
	}
	struct outline_state *st = o->st;
	st->d = d;
	st->line = 1;
	front_matter(st);
	size_t w = oo && oo->window ? oo->window : WINDOW_DEFAULT;
	size_t first = w < WINDOW_FIRST ? w : WINDOW_FIRST;
	if (doc_mapped(d) && w != OUTLINE_IN_PLACE && (st->wbuf = malloc(first)) != NULL) {
		st->wcap = first;
		st->wgoal = w;
	}
	if (oo) {
		if (oo->heading_re && *oo->heading_re) {
			if (regcomp(&st->heading_re, oo->heading_re, REG_EXTENDED | REG_NOSUB) != 0) {
				outline_free(o);
				return NULL;
			}
			st->has_heading_re = true;
		}
		if (oo->speaker_re && *oo->speaker_re) {
			if (regcomp(&st->speaker_re, oo->speaker_re, REG_EXTENDED) != 0) {
				outline_free(o);
				return NULL;
			}
			st->has_speaker_re = true;
		}
		if (oo->nalias) {
			st->alias_from = calloc(oo->nalias, sizeof *st->alias_from);
			st->alias_to = calloc(oo->nalias, sizeof *st->alias_to);
			if (!st->alias_from || !st->alias_to) {
				outline_free(o);
				return NULL;
			}
			for (size_t i = 0; i < oo->nalias; i++) {
				st->alias_from[i] = strdup(oo->alias_from[i]);
				st->alias_to[i] = strdup(oo->alias_to[i]);
				if (!st->alias_from[i] || !st->alias_to[i]) {
					st->nalias = i + 1;
					outline_free(o);
					return NULL;
				}
			}
			st->nalias = oo->nalias;
		}
	}
	return o;
}

void outline_free(outline *o)
{
	if (!o)
		return;
	struct outline_state *st = o->st;
	free_result(o);
	for (size_t i = 0; i < st->heads.n; i++)
		free(st->heads.v[i].title);
	for (size_t i = 0; i < st->titles.n; i++)
		free(st->titles.v[i].title);
	for (size_t i = 0; i < st->table.n; i++)
		free(st->table.v[i].name);
	if (st->have_pending)
		free(st->pending.title);
	if (st->has_heading_re)
		regfree(&st->heading_re);
	if (st->has_speaker_re)
		regfree(&st->speaker_re);
	for (size_t i = 0; i < st->nalias; i++) {
		free(st->alias_from[i]);
		free(st->alias_to[i]);
	}
	free(st->alias_from);
	free(st->alias_to);
	free(st->heads.v);
	free(st->titles.v);
	free(st->names.v);
	free(st->table.v);
	free(st->hash);
	free(st->wbuf);
	free(st);
	free(o);
}

/* Moves the window to start at from and hold at least up to need (at most
 * avail), and as much after as fits.  A line too long for WINDOW_MAX, no
 * memory, or a file that has shrunk (a short read) turn the window off:
 * the text is read where it is from then on. */
static void refill(struct outline_state *st, size_t from, size_t need, size_t avail)
{
	/* After the first fill the window doubles towards wgoal; a line
	 * longer than the window doubles it too.  What it held is read again. */
	bool toward_goal = st->wlen && st->wcap < st->wgoal;
	if (need - from > st->wcap || toward_goal) {
		size_t nc = toward_goal ? st->wcap * 2 : st->wcap;
		if (toward_goal && nc > st->wgoal)
			nc = st->wgoal;
		while (nc < need - from)
			nc *= 2;
		free(st->wbuf);
		st->wbuf = nc <= WINDOW_MAX ? malloc(nc) : NULL;
		if (!st->wbuf)
			return;
		st->wcap = nc;
	}
	size_t n = avail - from < st->wcap ? avail - from : st->wcap;
	st->woff = from;
	st->wlen = doc_copy(st->d, from, st->wbuf, n);
	if (st->wlen < n) {
		free(st->wbuf);
		st->wbuf = NULL;
	}
}

/* The end of the line that starts at off: its LF or CR, or avail.  The
 * window then holds the line of lookahead, this line and the byte after
 * its terminator. */
static size_t line_end(struct outline_state *st, size_t off, size_t avail)
{
	for (;;) {
		size_t wend = st->wbuf ? st->woff + st->wlen : avail;
		size_t keep = st->have_pending && st->pending.off < off ? st->pending.off : off;
		if (st->wbuf && (keep < st->woff || off >= wend)) {
			refill(st, keep, off + 1 < avail ? off + 1 : avail, avail);
			continue;
		}
		const uint8_t *p = at(st, off);
		const uint8_t *lf = memchr(p, '\n', wend - off);
		size_t e = lf ? off + (size_t)(lf - p) : wend;
		/* A CR ends a line too.  Found ahead a window at a time rather than
		 * in each line: most documents have none, or one before each LF. */
		while (st->cr_at < e && (st->cr_at < off || *at(st, st->cr_at) != '\r')) {
			size_t from = st->cr_at < off ? off : st->cr_at;
			size_t w = wend - from < ((size_t)64 << 10) ? wend - from : (size_t)64 << 10;
			const uint8_t *q = at(st, from);
			const uint8_t *cr = memchr(q, '\r', w);
			st->cr_at = cr ? from + (size_t)(cr - q) : from + w;
		}
		if (st->cr_at < e)
			e = st->cr_at;
		/* Done if the terminator and the byte after it are in the window
		 * (or the text ends there); else the window moves on or grows. */
		if (e + 1 < wend || wend >= avail)
			return e < avail ? e : avail;
		refill(st, keep, wend + 1, avail);
	}
}

bool outline_step(outline *o, size_t budget)
{
	struct outline_state *st = o->st;
	const doc *d = st->d;
	size_t avail = doc_complete_len(d); /* whole lines only, while input arrives */
	if (o->done && (d->streaming || st->pos < avail))
		o->done = false; /* the document grew */
	if (o->done)
		return true;
	size_t stop = budget && avail - st->pos > budget ? st->pos + budget : avail;
	while (st->pos < stop) {
		size_t off = st->pos;
		size_t e = line_end(st, off, avail);
		feed(st, off, e);
		/* After the terminator: CRLF is one. */
		st->pos = e < avail ? e + (*at(st, e) == '\r' && e + 1 < avail && *at(st, e + 1) == '\n' ? 2 : 1)
		                    : avail;
		st->line++;
	}
	o->scanned = st->pos;
	if (st->pos >= d->len && !d->streaming) {
		if (st->have_pending) {
			settle(st, &st->pending, NULL);
			free(st->pending.title);
			st->have_pending = false;
		}
		o->done = true;
		/* Text added later (following a file) is read where it is. */
		free(st->wbuf);
		st->wbuf = NULL;
	}
	/* Resolving costs time in the number of candidates: do it at the end,
	 * the first time, and every 16 MiB. */
	if (o->done || !st->resolved || st->pos - st->resolved_at >= ((size_t)16 << 20)) {
		resolve(o);
		st->resolved = true;
		st->resolved_at = st->pos;
	}
	return o->done;
}

void outline_resolve(outline *o)
{
	if (o->st->resolved_at == o->st->pos && o->st->resolved)
		return;
	resolve(o);
	o->st->resolved = true;
	o->st->resolved_at = o->st->pos;
}

long outline_heading_at(const outline *o, size_t off)
{
	long lo = -1, hi = (long)o->nheadings;
	while (hi - lo > 1) {
		long mid = (lo + hi) / 2;
		if (o->headings[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The last turn starting at or before off (strictly before if `strict`). */
static long last_turn(const outline *o, size_t off, bool strict)
{
	long lo = -1, hi = (long)o->nturns;
	while (hi - lo > 1) {
		long mid = (lo + hi) / 2;
		if (o->turns[mid].off < off || (!strict && o->turns[mid].off == off))
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

long outline_turn_after(const outline *o, size_t off)
{
	long i = last_turn(o, off, false) + 1;
	return i < (long)o->nturns ? i : -1;
}

long outline_turn_before(const outline *o, size_t off)
{
	return last_turn(o, off, true);
}

long outline_turn_at(const outline *o, size_t off)
{
	long lo = last_turn(o, off, false);
	if (lo < 0)
		return -1;
	/* A heading between the turn and off ends the turn. */
	long h = outline_heading_at(o, off);
	if (h >= 0 && o->headings[h].off > o->turns[lo].off)
		return -1;
	return lo;
}

void outline_print(const outline *o, FILE *f)
{
	const doc *d = o->st->d;
	size_t i = 0, j = 0, at = 0, line = 1;
	while (i < o->nheadings || j < o->nturns) {
		bool head = j >= o->nturns || (i < o->nheadings && o->headings[i].off <= o->turns[j].off);
		size_t off = head ? o->headings[i].off : o->turns[j].off;
		line += doc_count_eols(d, at, off); /* turns carry no line: count as we go */
		at = off;
		if (head) {
			const outline_heading *h = &o->headings[i++];
			fprintf(f, "%zu\tH%d\t%s\n", line, h->level, h->title);
		} else {
			const outline_turn *t = &o->turns[j++];
			fprintf(f, "%zu\tS\t%s\n", line, o->speakers[t->speaker].name);
		}
	}
}
