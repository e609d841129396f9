/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lineshape: the pure recognisers of one line's shape (see lineshape.h).
 * They look at one line's bytes and nothing else: the outline's scanner
 * (outline.c) decides what the shapes mean in the document.
 */
#include "build.h"
#include "fanye/lineshape.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ---- text helpers ----------------------------------------------------------- */

static bool is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
}

/* Decodes one code point; invalid bytes decode as U+FFFD, length 1.
 * ASCII and well-formed three-byte characters (CJK text) are decoded
 * here; the rest by libunistring. */
static inline size_t dec(const uint8_t *s, size_t n, uint32_t *c)
{
	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	if (n >= 3 && (s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		uint32_t v = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
			*c = v;
			return 3;
		}
	}
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

/* Whether the byte x may begin (or end) a space of is_space_cp: ' ',
 * '\t', or the lead (last) byte of U+3000 or U+00A0. */
static inline bool may_be_space(uint8_t x, bool last)
{
	return x == ' ' || x == '\t' || (last ? (x == 0x80 || x == 0xA0) : (x == 0xE3 || x == 0xC2));
}

/* Trims spaces (ASCII and ideographic) from both ends of [*a, *b). */
void lineshape_trim(const uint8_t *s, size_t *a, size_t *b)
{
	while (*a < *b) {
		if (!may_be_space(s[*a], false))
			break;
		uint32_t c;
		size_t l = dec(s + *a, *b - *a, &c);
		if (!is_space_cp(c))
			break;
		*a += l;
	}
	while (*b > *a) {
		if (!may_be_space(s[*b - 1], true))
			break;
		uint32_t c = last_cp(s + *a, *b - *a);
		if (!is_space_cp(c))
			break;
		size_t i = *b - 1;
		while (i > *a && (s[i] & 0xC0) == 0x80)
			i--;
		*b = i;
	}
}

/* A clean copy of a title: whitespace runs become one space, markup
 * characters (* _ `) and controls are dropped, invalid bytes become U+FFFD. */
char *lineshape_clean_title(const uint8_t *s, size_t n)
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
	/* made for the worst case, kept at its size: a big file's outline
	 * holds hundreds of thousands of titles */
	char *fit = realloc(out, k + 1);
	return fit ? fit : out;
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

uint32_t lineshape_hash(const char *s, size_t n)
{
	/* eight bytes at a time: a short line's bytes are hashed for every
	 * line the shape table is asked about */
	const uint64_t k = 0x9E3779B97F4A7C15u;
	uint64_t h = k ^ n;
	size_t i = 0;
	for (; n - i >= 8; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * k;
		h ^= h >> 32;
	}
	if (i < n) {
		uint64_t w = 0;
		memcpy(&w, s + i, n - i);
		h = (h ^ w) * k;
	}
	h ^= h >> 29;
	h *= k;
	return (uint32_t)(h >> 32);
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
	"另一方面", "结果", "理由", "重点", "关键", "问题", "答案", "原话", "大意",
	/* what programs print before a colon: log levels, tool output */
	"ERROR", "Error", "WARN", "Warn", "INFO", "Info", "DEBUG", "Debug", "TRACE", "FATAL", "Fatal",
	"CRITICAL", "NOTICE", "Notice", "HINT", "Hint", "TODO", "FIXME", "XXX", "Usage", "USAGE",
	"Output", "Input", "Result", "Results", "Status", "Success", "Failure", "Failed", "Done",
	"Signed-off-by", "Co-authored-by", "Reviewed-by", "Merge", "Revert", "Fixes", "See",
	"Author", "Commit", "Reported-by", "Tested-by", "Acked-by", "Change-Id", NULL,
};

/* stop_names as a hash set: index + 1 into it, 0 empty.  Filled on first
 * use (the list is long and asked about for every candidate name), once
 * whichever thread asks first. */
enum { STOP_SLOTS = 512 };
static short stop_slot[STOP_SLOTS];
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static void stop_fill(void)
{
	for (short k = 0; stop_names[k]; k++) {
		uint32_t h = lineshape_hash(stop_names[k], strlen(stop_names[k])) % STOP_SLOTS;
		while (stop_slot[h])
			h = (h + 1) % STOP_SLOTS;
		stop_slot[h] = (short)(k + 1);
	}
}

/* Whether s[0..n) is one of stop_names. */
bool lineshape_stop_name(const uint8_t *s, size_t n)
{
	const short *slot = stop_slot;
	pthread_once(&stop_once, stop_fill);
	for (uint32_t h = lineshape_hash((const char *)s, n) % STOP_SLOTS; slot[h]; h = (h + 1) % STOP_SLOTS) {
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
bool lineshape_name_ok(const uint8_t *s, size_t n, size_t min_cjk)
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
		return !lineshape_stop_name(s, n);
	}
	if (any_num_word && !last_num_word)
		return false;
	return words >= 1 && words <= 4 && !lineshape_stop_name(s, n);
}

/* Skips a timestamp at s[*i]: 00:12, 1:02:03, in [], (), or \[ \].
 * Returns true if there was one. */
bool lineshape_timestamp(const uint8_t *s, size_t n, size_t *i)
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

size_t lineshape_spaces(const uint8_t *s, size_t n, size_t i)
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
	if (lineshape_starts(s + i, n - i, "\xEF\xBC\x9A"))
		return 3;
	return 0;
}

/* A name in capitals and a period: "HAMLET." (the name's end, or 0). */
static size_t caps_name(const uint8_t *s, size_t n, size_t i)
{
	size_t k = i, letters = 0;
	while (k < n && k - i < 32 && ((s[k] >= 'A' && s[k] <= 'Z') || s[k] == ' ' || s[k] == '\'' || s[k] == '-')) {
		letters += s[k] >= 'A' && s[k] <= 'Z';
		k++;
	}
	if (letters < 2 || k >= n || s[k] != '.' || s[k - 1] == ' ')
		return 0;
	/* "CHAPTER XII.", "ACT II." are headings: no word of roman numerals
	 * after another word */
	for (size_t w = i; w < k; w++) {
		if (w == i || s[w - 1] != ' ')
			continue;
		size_t e = w;
		while (e < k && strchr("IVXLC", s[e]))
			e++;
		if (e > w && (e == k || s[e] == ' '))
			return 0;
	}
	return k;
}

/* A name alone on a line: "Name", "Name:", "**Name:**", "Name (00:12:34)",
 * "[00:12] Name".  Sets the name's span and whether the form is explicit. */
bool lineshape_name_alone(const uint8_t *s, size_t n, size_t *na, size_t *nb, bool *expl)
{
	size_t a = 0, b = n;
	*expl = false;
	if (n > 96)
		return false;
	if (lineshape_timestamp(s, b, &a)) {
		*expl = true;
		a = lineshape_spaces(s, b, a);
	}
	/* Trailing timestamp: before any spaces at the end, a digit or a
	 * bracket (passing over every byte that may end a space). */
	size_t z = b;
	while (z > a && may_be_space(s[z - 1], true))
		z--;
	bool ts_end = z > a && ((s[z - 1] >= '0' && s[z - 1] <= '9') || s[z - 1] == ')' || s[z - 1] == ']');
	for (size_t k = a; ts_end && k < b; k++) {
		if (s[k] == ' ' || s[k] == '\t') {
			size_t t = lineshape_spaces(s, b, k);
			size_t e = t;
			if (t < b && lineshape_timestamp(s, b, &e) && lineshape_spaces(s, b, e) == b) {
				b = k;
				*expl = true;
				break;
			}
		}
	}
	for (const char *m = "**"; m; m = (m[0] == '*' ? "__" : NULL)) {
		if (b - a >= 4 && lineshape_starts(s + a, b - a, m) && memcmp(s + b - 2, m, 2) == 0) {
			a += 2;
			b -= 2;
			*expl = true;
			break;
		}
	}
	/* A trailing colon, inside or outside bold; a period after a name in
	 * capitals ("KING.") */
	if (b > a && s[b - 1] == ':')
		b--;
	else if (b > a + 2 && s[b - 1] == '.' && caps_name(s, b, a) == b - 1)
		b--;
	else if (b - a >= 3 && memcmp(s + b - 3, "\xEF\xBC\x9A", 3) == 0)
		b -= 3;
	if (b - a >= 4 && lineshape_starts(s + a, b - a, "**") && memcmp(s + b - 2, "**", 2) == 0) {
		a += 2;
		b -= 2;
		*expl = true;
	}
	lineshape_trim(s, &a, &b);
	if (!lineshape_name_ok(s + a, b - a, 2))
		return false;
	*na = a;
	*nb = b;
	return true;
}

/* An inline label at the start of a line: "姓名：正文", "Name: text",
 * "**Name:** text", "**Name**: text", "Name (00:12:34) text", each with or
 * without a timestamp before it.  There must be text after the label. */
/* A CJK name in parentheses at s[i]: "（张三）" or "(张三)"; its span and
 * where the parentheses end, or false. */
static bool paren_name(const uint8_t *s, size_t n, size_t i, size_t *a, size_t *b, size_t *after)
{
	size_t open = lineshape_starts(s + i, n - i, "\xEF\xBC\x88") ? 3 : (i < n && s[i] == '(') ? 1 : 0;
	if (!open)
		return false;
	size_t k = i + open;
	while (k < n && k - i < 40 && s[k] != ')' && !lineshape_starts(s + k, n - k, "\xEF\xBC\x89")) {
		uint32_t c;
		size_t l = dec(s + k, n - k, &c);
		if (!is_cjk(c))
			return false;
		k += l;
	}
	if (k >= n || k == i + open)
		return false;
	*a = i + open;
	*b = k;
	*after = k + (s[k] == ')' ? 1 : 3);
	return true;
}

/* The first index in s[k..lim) of a byte that may begin a label's end:
 * ':', '(', '[', or 0xEF (the lead byte of '：'); lim if none.  Sixteen
 * at a time with SSE2: the scan runs on nearly every line. */
static size_t first_maybe(const uint8_t *s, size_t k, size_t lim)
{
#ifdef __SSE2__
	for (; lim - k >= 16; k += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + k));
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(':')),
		                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('('))),
		                         _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('[')),
		                                      _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF))));
		int bits = _mm_movemask_epi8(m);
		if (bits)
			return k + (size_t)__builtin_ctz((unsigned)bits);
	}
#endif
	static const bool maybe[256] = {[':'] = true, ['('] = true, ['['] = true, [0xEF] = true};
	while (k < lim && !maybe[s[k]])
		k++;
	return k;
}

static bool label_at(const uint8_t *s, size_t n, size_t *na, size_t *nb, size_t *lend, bool *expl,
                     bool *quoted)
{
	size_t i = 0;
	*expl = false;
	if (lineshape_timestamp(s, n, &i)) {
		*expl = true;
		i = lineshape_spaces(s, n, i);
	}
	size_t a, b, after, e = 0;
	if (paren_name(s, n, i, &a, &b, &after) || ((e = caps_name(s, n, i)) > 0 && e + 1 < n && s[e + 1] == ' ')) {
		/* "（张三）你好", "HAMLET. To be, or not to be" */
		if (!paren_name(s, n, i, &a, &b, &after)) {
			a = i;
			b = e;
			after = e + 1;
		}
	} else if (lineshape_starts(s + i, n - i, "**") || lineshape_starts(s + i, n - i, "__")) {
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
		for (; (k = first_maybe(s, k, lim)) < lim; k++)
			if (s[k] == '(' || s[k] == '[' || (cl = colon_at(s, n, k)) > 0)
				break;
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
			if (!lineshape_timestamp(s, n, &t))
				return false;
			after = t;
			size_t c2 = colon_at(s, n, after);
			after += c2;
			*expl = true;
		}
	}
	lineshape_trim(s, &a, &b);
	size_t text = lineshape_spaces(s, n, after);
	if (text >= n)
		return false;
	/* Narrative: 士隐笑道：“…”; a label only where the document's
	 * speakers say it is (quoted) */
	*quoted = lineshape_starts(s + text, n - text, "\xE2\x80\x9C") ||
	          lineshape_starts(s + text, n - text, "\xE3\x80\x8C") ||
	          lineshape_starts(s + text, n - text, "\xE3\x80\x8E") || s[text] == '"';
	if (!lineshape_name_ok(s + a, b - a, 1))
		return false;
	*na = a;
	*nb = b;
	*lend = after;
	return true;
}

bool lineshape_abbrev(const uint8_t *s, size_t n, size_t *na, size_t *nb, size_t *lend)
{
	/* one or two words, capital then small letters ("Ham.", "Qu.",
	 * "Guil.", "King.", "Sir Toby."), and a period */
	size_t k = 0;
	for (int w = 0; w < 2; w++) {
		if (k >= n || s[k] < 'A' || s[k] > 'Z')
			return false;
		size_t b = ++k;
		while (k < n && s[k] >= 'a' && s[k] <= 'z' && k - b < 10)
			k++;
		if (k == b || k >= n)
			return false;
		if (s[k] == '.')
			break;
		if (s[k] != ' ' || w == 1)
			return false;
		k++;
	}
	if (k >= n || s[k] != '.')
		return false;
	/* titles and other abbreviations that begin sentences, not speakers */
	static const char *const not_names[] = {"Mr", "Mrs", "Ms", "Dr", "St", "Sr", "Jr", "Mt", "No", "Vol", "Ch",
	                                        "Fig", "Prof", "Gen", "Gov", "Capt", "Lt", "Col", "Sgt", "Rev",
	                                        "Hon", "Messrs", "Mme", "Mlle", "Ft", "Co", "Inc", "Ltd", "Ed", NULL};
	for (size_t i = 0; not_names[i]; i++)
		if (strlen(not_names[i]) == k && memcmp(s, not_names[i], k) == 0)
			return false;
	*na = 0;
	*nb = k;
	*lend = k + 1;
	return k + 1 == n || s[k + 1] == ' ';
}

bool lineshape_label(const uint8_t *s, size_t n, size_t *na, size_t *nb, size_t *lend, bool *expl)
{
	bool quoted;
	return label_at(s, n, na, nb, lend, expl, &quoted) && !quoted;
}

bool lineshape_label_quoted(const uint8_t *s, size_t n, size_t *na, size_t *nb, size_t *lend, bool *expl,
                            bool *quoted)
{
	return label_at(s, n, na, nb, lend, expl, quoted);
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
	case 0x5377: case 0x90E8: case 0x7BC7: return LINESHAPE_VOLUME;       /* 卷部篇 */
	case 0x7AE0: case 0x56DE: case 0x96C6: case 0x5E55:              /* 章回集幕 */
	case 0x8BDD: case 0x8A71: return LINESHAPE_CHAPTER;                    /* 话話 */
	case 0x8282: case 0x7BC0: return LINESHAPE_SECTION;                    /* 节節 */
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
int lineshape_cn_chapter(const uint8_t *s, size_t n, bool indented)
{
	size_t i = 0;
	uint32_t c;
	static const char *const named[] = {"序", "序章", "序言", "序幕", "楔子", "引子", "尾声",
		"尾聲", "后记", "後記", "前言", "终章", "終章", "番外", "終幕", "あとがき", "まえがき",
		"後書き", "前書き", "プロローグ", "エピローグ", NULL};
	/* A named heading is at most 24 characters: a longer line is none of
	 * them (nor a 第 or その one when it starts with one). */
	for (const char *const *p = named; *p && n >= 3 && n <= 24 * 4; p++) {
		/* each begins with a three-byte character: its bytes first */
		const uint8_t *q = (const uint8_t *)*p;
		if (q[0] != s[0] || q[1] != s[1] || q[2] != s[2])
			continue;
		size_t l = strlen(*p);
		if (n >= l && memcmp(s, *p, l) == 0) {
			if (n == l)
				return LINESHAPE_CHAPTER;
			dec(s + l, n - l, &c);
			if (is_space_cp(c) || c == 0xFF1A || c == ':' || c == 0x3000)
				return cp_count(s, n) <= 24 && !indented ? LINESHAPE_CHAPTER : 0;
		}
	}
	/* その一, その二: a Japanese web novel's parts */
	if (lineshape_starts(s, n, "\xE3\x81\x9D\xE3\x81\xAE") && !indented) { /* その */
		size_t k = 6, num = 0;
		while (k < n) {
			size_t l = dec(s + k, n - k, &c);
			if (!is_cn_numeral(c) && !(c >= '0' && c <= '9') && !(c >= 0xFF10 && c <= 0xFF19))
				break;
			k += l;
			num++;
		}
		if (!num || num > 4)
			return 0;
		if (k == n)
			return LINESHAPE_CHAPTER;
		dec(s + k, n - k, &c);
		if (!(is_space_cp(c) || c == 0x3000 || c == 0xFF1A || c == ':') || cp_count(s, n) > 24)
			return 0;
		for (size_t j = k; j < n;) {
			uint32_t t;
			j += dec(s + j, n - j, &t);
			if (t == 0x3002)
				return 0;
		}
		return LINESHAPE_CHAPTER;
	}
	if (!lineshape_starts(s, n, "\xE7\xAC\xAC")) /* 第 */
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
int lineshape_en_heading(const uint8_t *s, size_t n)
{
	static const struct { const char *w; int rank; } kw[] = {
		{"chapter", LINESHAPE_CHAPTER}, {"part", LINESHAPE_VOLUME}, {"book", LINESHAPE_VOLUME},
		{"act", LINESHAPE_VOLUME}, {"scene", LINESHAPE_CHAPTER}, {"prologue", LINESHAPE_CHAPTER},
		{"epilogue", LINESHAPE_CHAPTER}, {"interlude", LINESHAPE_CHAPTER},
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
		bool bare = kw[k].rank == LINESHAPE_CHAPTER && (s[0] == 'P' || s[0] == 'E' || s[0] == 'I');
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
	size_t from = n - 1;
#ifdef __SSE2__
	/* The first and the last byte of q, sixteen places at a time: a
	 * place with both is rare, and only it is compared whole. */
	const __m128i b0 = _mm_set1_epi8(q[0]), b1 = _mm_set1_epi8((char)last);
	size_t j = 0;
	for (; len - j >= n - 1 + 16; j += 16) {
		__m128i m = _mm_and_si128(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(s + j)), b0),
		                          _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(s + j + n - 1)), b1));
		for (unsigned bits = (unsigned)_mm_movemask_epi8(m); bits; bits &= bits - 1)
			if (memcmp(s + j + (size_t)__builtin_ctz(bits) + 1, q + 1, n - 2) == 0)
				return true;
	}
	from = j + n - 1;
#endif
	for (size_t i = from; i < len;) {
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
int lineshape_aozora_heading(const uint8_t *s, size_t n)
{
	static const char *const marks[] = {"」は大見出し］", "」は中見出し］", "」は小見出し］",
	                                    "」は見出し］", NULL};
	static const int levels[] = {LINESHAPE_VOLUME, LINESHAPE_CHAPTER, LINESHAPE_SECTION, LINESHAPE_CHAPTER};
	if (n > 600 || !has_seq(s, n, "\xEF\xBC\xBB\xEF\xBC\x83", 6)) /* ［＃ */
		return 0;
	for (int k = 0; marks[k]; k++)
		if (memmem(s, n, marks[k], strlen(marks[k])))
			return levels[k];
	return 0;
}

/* The visible text of an Aozora line: annotations ［＃…］, ruby 《…》 and
 * the ruby marker ｜ removed. */
char *lineshape_aozora_title(const uint8_t *s, size_t n)
{
	uint8_t *t = malloc(n + 1);
	if (!t)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		if (lineshape_starts(s + i, n - i, "\xEF\xBC\xBB\xEF\xBC\x83")) { /* ［＃ … ］ */
			const uint8_t *e = memmem(s + i, n - i, "\xEF\xBC\xBD", 3);
			i = e ? (size_t)(e - s) + 3 : n;
			continue;
		}
		if (lineshape_starts(s + i, n - i, "\xE3\x80\x8A")) { /* 《 … 》 */
			const uint8_t *e = memmem(s + i, n - i, "\xE3\x80\x8B", 3);
			i = e ? (size_t)(e - s) + 3 : n;
			continue;
		}
		if (lineshape_starts(s + i, n - i, "\xEF\xBD\x9C")) { /* ｜ */
			i += 3;
			continue;
		}
		t[k++] = s[i++];
	}
	char *out = lineshape_clean_title(t, k);
	free(t);
	return out;
}

/* A short line that could be a section title: no sentence-final
 * punctuation, not dialogue, some letters in it. */
bool lineshape_title_shaped(const uint8_t *s, size_t n)
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

bool lineshape_list_item(const uint8_t *s, size_t n)
{
	if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && (s[1] == ' ' || s[1] == '\t'))
		return true;
	size_t i = 0;
	while (i < n && i < 4 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i + 1 < n && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ')
		return true;
	return lineshape_starts(s, n, "\xE2\x80\xA2") || lineshape_starts(s, n, "\xE3\x83\xBB "); /* • ・ */
}

