#!/bin/bash
# Non-interactive modes: copying to a pipe, --keys, --help, --version,
# errors with one-line messages and the documented exit codes.
set -u
f="$SRCDIR/assets/sample.txt"
fail() { echo "FAIL: $*"; exit 1; }
cmp -s <("$FANYE" "$f" | cat) "$f" || fail "a pipe does not get the file unchanged"
cmp -s <(cat "$f" | "$FANYE" | cat) "$f" || fail "stdin to a pipe is not copied"
"$FANYE" --keys | awk -F'\t' 'NF != 3 { exit 1 }' || fail "--keys lines are not ACTION<TAB>KEYS<TAB>HELP"
"$FANYE" --keys | grep -qP '^line-down\tj Down Enter' || fail "--keys lacks line-down"
"$FANYE" --help | grep -q '^Usage: fanye' || fail "--help"
"$FANYE" --version | grep -q '^fanye [0-9]' || fail "--version"
out=$("$FANYE" --render=40 /nonexistent/x 2>&1); rc=$?
[ $rc = 1 ] || fail "missing file: exit $rc"
[ "$(echo "$out" | wc -l)" = 1 ] && echo "$out" | grep -q '/nonexistent/x' || fail "missing file message: $out"
out=$("$FANYE" --render=40 / 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q 'directory' || fail "directory: $rc $out"
"$FANYE" --render=0 "$f" >/dev/null 2>&1; [ $? = 1 ] || fail "--render=0 accepted"
"$FANYE" --bogus >/dev/null 2>&1; [ $? = 1 ] || fail "unknown option accepted"
out=$(printf 'a\tb\x1b[31mc\r\n中文d\xe4\n' | "$FANYE" --format=plain --render=80 -)
[ "$out" = "$(printf 'a       b^[[31mc\n中文d<E4>')" ] || fail "stdin render: $out"
# The same input told as coloured: the SGR is a style (--render-color), not text.
out=$(printf 'a\tb\x1b[31mc\r\n中文d\xe4\n' | "$FANYE" --render=80 -)
[ "$out" = "$(printf 'a       bc\n中文d<E4>')" ] || fail "stdin render, coloured: $out"
out=$(printf 'a\tb\x1b[31mc\r\n中文d\xe4\n' | "$FANYE" --render-color --render=80 -)
[ "$out" = "$(printf 'a       b\e[0;38;5;1mc\e[0m\n中文d<E4>')" ] || fail "stdin render-color: $(printf %s "$out" | od -c)"
printf '' | "$FANYE" --render=10 - >/dev/null || fail "empty stdin"
# Options that stand for config options: the range from the options
# table, checked once, said in one line; the value reaches the layout.
out=$("$FANYE" --tab-width=99 --render=40 "$f" 2>&1); rc=$?
[ $rc = 1 ] && [ "$(echo "$out" | wc -l)" = 1 ] && echo "$out" | grep -q -- '--tab-width.*1\.\.16' ||
	fail "--tab-width=99: $rc $out"
"$FANYE" --help | grep -q -- '--tab-width=N .*(1\.\.16; default 8)' || fail "--help lacks the tab range"
[ "$(printf 'a\tb\n' | "$FANYE" --no-config --tab-width=4 --render=40 -)" = "a   b" ] || fail "--tab-width=4 not used"
printf '[display]\ntab-width = 2\n' > "${TMPDIR:-/tmp}/fanye-modes-$$.ini"
[ "$(printf 'a\tb\n' | "$FANYE" --config="${TMPDIR:-/tmp}/fanye-modes-$$.ini" --tab-width=4 --render=40 -)" = "a   b" ] ||
	fail "--tab-width does not override the file"
[ "$(printf 'a\tb\n' | "$FANYE" --config="${TMPDIR:-/tmp}/fanye-modes-$$.ini" --render=40 -)" = "a b" ] ||
	fail "the file's tab-width not used"
rm -f "${TMPDIR:-/tmp}/fanye-modes-$$.ini"
# --help and the man page list every option of the table (hidden ones aside).
for o in render outline keys bookmarks no-resume print-config config no-config strict encoding force \
	follow-name no-sidebar ambiguous-width tab-width help version; do
	"$FANYE" --help | grep -q -- "^  --$o\b" || fail "--help lacks --$o"
	"$FANYE" --man-options | grep -q -- "^\.BI\? \\\\-\\\\-$(echo "$o" | sed 's/-/\\\\-/g')\b" || fail "man OPTIONS lack --$o"
done
# The README's key table says what --keys says.
diff <(grep -E '^\| `[a-z-]+` \|' "$SRCDIR/README.md" | sed -E 's/^\| `([^`]*)` \| `([^`]*)` \| (.*) \|$/\1\t\2\t\3/') \
	<("$FANYE" --no-config --keys) || fail "README.md's key table differs from --keys"
# Compressed input gets a message naming the format.
tmp=$(mktemp -d)
gzip -c "$f" > "$tmp/s.gz"
out=$("$FANYE" --render=40 "$tmp/s.gz" 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q 'gzip-compressed' || fail "gzip: $rc $out"
out=$(cat "$tmp/s.gz" | "$FANYE" --outline 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q 'gzip-compressed' || fail "gzip on stdin: $rc $out"
# --encoding: an unknown name is refused with examples; a known one is used.
out=$("$FANYE" --encoding=NOPE --render=40 "$f" 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q 'GB18030' || fail "--encoding=NOPE: $out"
iconv -f UTF-8 -t BIG5 <<< '我們在擴展什麼' > "$tmp/b5.txt"
[ "$("$FANYE" --encoding=BIG5 --render=40 "$tmp/b5.txt")" = '我們在擴展什麼' ] || fail "--encoding=BIG5"
rm -rf "$tmp"
echo "PASS"
