#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Non-interactive modes: copying to a pipe, --keys, --help, --version,
# errors with one-line messages and the documented exit codes.
set -u
f="$SRCDIR/assets/sample.txt"
fail() { echo "FAIL: $*"; exit 1; }
cmp -s <("$FANYE_BIN" "$f" | cat) "$f" || fail "a pipe does not get the file unchanged"
cmp -s <(cat "$f" | "$FANYE_BIN" | cat) "$f" || fail "stdin to a pipe is not copied"
"$FANYE_BIN" --keys | awk -F'\t' 'NF != 3 { exit 1 }' || fail "--keys lines are not ACTION<TAB>KEYS<TAB>HELP"
"$FANYE_BIN" --keys | grep -qP '^line-down\tj Down Enter' || fail "--keys lacks line-down"
"$FANYE_BIN" --help | grep -q '^Usage: fanye' || fail "--help"
"$FANYE_BIN" --version | grep -q '^fanye [0-9]' || fail "--version"
out=$("$FANYE_BIN" --render=40 /nonexistent/x 2>&1); rc=$?
[ $rc = 1 ] || fail "missing file: exit $rc"
[ "$(echo "$out" | wc -l)" = 1 ] && echo "$out" | grep -q '/nonexistent/x' || fail "missing file message: $out"
out=$("$FANYE_BIN" --render=40 / 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q 'directory' || fail "directory: $rc $out"
"$FANYE_BIN" --render=0 "$f" >/dev/null 2>&1; [ $? = 1 ] || fail "--render=0 accepted"
"$FANYE_BIN" --bogus >/dev/null 2>&1; [ $? = 1 ] || fail "unknown option accepted"
out=$(printf 'a\tb\x1b[31mc\r\n中文d\xe4\n' | "$FANYE_BIN" --format=plain --render=80 -)
[ "$out" = "$(printf 'a       b^[[31mc\n中文d<E4>')" ] || fail "stdin render: $out"
# The same input told as coloured: the SGR is a style (--render-color), not text.
out=$(printf 'a\tb\x1b[31mc\r\n中文d\xe4\n' | "$FANYE_BIN" --render=80 -)
[ "$out" = "$(printf 'a       bc\n中文d<E4>')" ] || fail "stdin render, coloured: $out"
out=$(printf 'a\tb\x1b[31mc\r\n中文d\xe4\n' | "$FANYE_BIN" --render-color --render=80 -)
[ "$out" = "$(printf 'a       b\e[0;38;5;1mc\e[0m\n中文d<E4>')" ] || fail "stdin render-color: $(printf %s "$out" | od -c)"
printf '' | "$FANYE_BIN" --render=10 - >/dev/null || fail "empty stdin"
# Options that stand for config options: the range from the options
# table, checked once, said in one line; the value reaches the layout.
out=$("$FANYE_BIN" --tab-width=99 --render=40 "$f" 2>&1); rc=$?
[ $rc = 1 ] && [ "$(echo "$out" | wc -l)" = 1 ] && echo "$out" | grep -q -- '--tab-width.*1\.\.16' ||
	fail "--tab-width=99: $rc $out"
"$FANYE_BIN" --help | grep -q -- '--tab-width=N .*(1\.\.16; default 8)' || fail "--help lacks the tab range"
[ "$(printf 'a\tb\n' | "$FANYE_BIN" --no-config --tab-width=4 --render=40 -)" = "a   b" ] || fail "--tab-width=4 not used"
printf '[display]\ntab-width = 2\n' > "${TMPDIR:-/tmp}/fanye-modes-$$.ini"
[ "$(printf 'a\tb\n' | "$FANYE_BIN" --config="${TMPDIR:-/tmp}/fanye-modes-$$.ini" --tab-width=4 --render=40 -)" = "a   b" ] ||
	fail "--tab-width does not override the file"
[ "$(printf 'a\tb\n' | "$FANYE_BIN" --config="${TMPDIR:-/tmp}/fanye-modes-$$.ini" --render=40 -)" = "a b" ] ||
	fail "the file's tab-width not used"
rm -f "${TMPDIR:-/tmp}/fanye-modes-$$.ini"
# --help lists every option of the table (the man page: tests/golden/manpage.sh).
for o in render outline keys bookmarks no-resume print-config config no-config strict encoding force \
	follow-name no-sidebar ambiguous-width tab-width help version LINE-NUMBERS chop-long-lines \
	quit-if-one-screen no-init mouse secure no-history; do
	"$FANYE_BIN" --help | grep -q -- "^  \(-., \|    \)--$o\b" || fail "--help lacks --$o"
done
# less's letters: in --help beside their long names.
"$FANYE_BIN" --help | grep -q -- '^  -N, --LINE-NUMBERS' || fail "--help lacks -N"
# LESS: the options fanye has are taken, less's others passed over in
# silence (man-db's prompt string, with its $ ends, and a -x8 before it).
out=$(LESS='-ix8RmPm Manual page ls(1) ?ltline %lt?L/%L.:byte %bB?s/%s..?$PM prompt$' "$FANYE_BIN" --print-config 2>&1 >/dev/null)
[ -z "$out" ] || fail "LESS with man-db's prompt: $out"
[ "$(printf 'a\tb\n' | LESS='-x4 -Q --use-color' "$FANYE_BIN" --render=20 -)" = "a   b" ] || fail "LESS -x4 not used"
[ "$(printf 'a\tb\n' | LESS='-xQ' "$FANYE_BIN" --render=20 - 2>&1)" = "a       b" ] || fail "LESS with a bad value: not passed over"
# FANYE: fanye's own options, a message when wrong.
[ "$(printf 'a\tb\n' | FANYE='--tab-width=2' "$FANYE_BIN" --render=20 -)" = "a b" ] || fail "FANYE --tab-width=2 not used"
FANYE='--bogus' "$FANYE_BIN" --render=20 /dev/null 2>/dev/null && fail "FANYE --bogus accepted"
# +commands and several files to a pipe: less's way.
printf 'one\n' > "${TMPDIR:-/tmp}/fanye-a-$$"; printf 'two\n' > "${TMPDIR:-/tmp}/fanye-b-$$"
[ "$("$FANYE_BIN" +G "${TMPDIR:-/tmp}/fanye-a-$$" "${TMPDIR:-/tmp}/fanye-b-$$" | tr '\n' ' ')" = "one two " ] ||
	fail "several files to a pipe"
rm -f "${TMPDIR:-/tmp}/fanye-a-$$" "${TMPDIR:-/tmp}/fanye-b-$$"
# The README's key table says what --keys says.
diff <(grep -E '^\| `[a-z-]+` \|' "$SRCDIR/README.md" | sed -E 's/^\| `([^`]*)` \| `([^`]*)` \| (.*) \|$/\1\t\2\t\3/') \
	<("$FANYE_BIN" --no-config --keys) || fail "README.md's key table differs from --keys"
# A compressed file and compressed input on a pipe are read (more in
# tests/screen/compressed.sh).
tmp=$(mktemp -d)
gzip -c "$f" > "$tmp/s.gz"
[ "$("$FANYE_BIN" --render=40 "$tmp/s.gz")" = "$("$FANYE_BIN" --render=40 "$f")" ] || fail "s.gz is not read"
[ "$(cat "$tmp/s.gz" | "$FANYE_BIN" --outline)" = "$("$FANYE_BIN" --outline "$f")" ] || fail "gzip on stdin"
# --encoding: an unknown name is refused with examples; a known one is used.
out=$("$FANYE_BIN" --encoding=NOPE --render=40 "$f" 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q 'GB18030' || fail "--encoding=NOPE: $out"
iconv -f UTF-8 -t BIG5 <<< '我們在擴展什麼' > "$tmp/b5.txt"
[ "$("$FANYE_BIN" --encoding=BIG5 --render=40 "$tmp/b5.txt")" = '我們在擴展什麼' ] || fail "--encoding=BIG5"
rm -rf "$tmp"
echo "PASS"
