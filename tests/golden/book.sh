#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# --outline and --render golden files of a book, a web page and subtitles
# (issue 15):
# an EPUB 3 made from tests/docs/book-zh (two classical Chinese texts,
# public domain, with a nav, an NCX, ruby and endnotes) and a saved HTML
# article (tests/docs/article.html: Japanese ruby, lists, a table); a
# podcast's SRT (tests/docs/talk.srt: labelled speakers, a listener in
# parentheses, a sound, dialogue dashes, overlapping cues) as a transcript.
set -u
g="$SRCDIR/tests/golden"
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$SRCDIR/tests/docs/mkbook.py" "$SRCDIR/tests/docs/book-zh" "$tmp/book-zh.epub"
cp "$SRCDIR/tests/docs/article.html" "$SRCDIR/tests/docs/talk.srt" "$tmp/"
check() { # golden-file fanye-arguments...
	local name=$1
	shift
	if [ "${FANYE_REGEN:-}" = 1 ]; then
		(cd "$tmp" && "$FANYE_BIN" "$@") > "$g/$name"
		return
	fi
	if ! diff -u "$g/$name" <(cd "$tmp" && "$FANYE_BIN" "$@"); then
		echo "FAIL: fanye $*"
		fail=1
	fi
}
check book-zh.outline --outline book-zh.epub
check book-zh.w40 --render=40 book-zh.epub
check book-zh.w80 --render=80 book-zh.epub
check article.outline --outline article.html
check article.w50 --render=50 article.html
check talk.outline --outline talk.srt
check talk.w60 --render=60 talk.srt
# Compressed, they are the same: talk.srt.xz, article.html.gz.
xz -c "$tmp/talk.srt" > "$tmp/talk.srt.xz"
gzip -c "$tmp/article.html" > "$tmp/article.html.gz"
check talk.w60 --render=60 talk.srt.xz
check talk.outline --outline talk.srt.xz
check article.w50 --render=50 article.html.gz
# The text is the book's, not its markup: no tag, no CSS, no script.
out=$(cd "$tmp" && "$FANYE_BIN" --render=80 book-zh.epub article.html)
if grep -q -e '<' -e 'text-indent' -e 'trackReader' -e 'Buy our' <<<"$out"; then
	echo "FAIL: markup, CSS, a script or hidden text shown"
	fail=1
fi
# The same book zipped in another member order is the same text.
python3 - "$SRCDIR/tests/docs/book-zh" "$tmp/reversed.epub" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
names = sorted((os.path.relpath(os.path.join(r, f), src) for r, _, fs in os.walk(src) for f in fs), reverse=True)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for n in names:
        z.write(os.path.join(src, n), n)
PY
diff <(cd "$tmp" && "$FANYE_BIN" --render=40 book-zh.epub) <(cd "$tmp" && "$FANYE_BIN" --render=40 reversed.epub) >/dev/null ||
	{ echo "FAIL: member order changes the text"; fail=1; }
exit $fail
