#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Compressed files (issue 15), read through libarchive: gzip, xz, zstd,
# bzip2, lz4 and a zip of one text give the rows of the text inside; =
# says the compression; a large one streams in and, once whole, keeps its
# bookmarks and reading position like any file; a truncated one shows
# what was decoded and says where it broke; one that only starts like a
# compressed file is refused with a one-line message; on a pipe too.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
# to_end PATTERN: G, again while the text still streams in, until the
# status line shows PATTERN (the end of the whole text)
to_end() {
	local i
	for i in $(seq 1 200); do
		keys G
		screen | tail -1 | grep -Eq "$1" && return 0
		sleep 0.05
	done
	wait_for "$1"
}
iv="$SRCDIR/tests/docs/interview.txt"
cp "$iv" "$TMPD/iv.txt"
gzip -c "$iv" > "$TMPD/iv.txt.gz"
xz -c "$iv" > "$TMPD/iv.txt.xz"
zstd -q -c "$iv" > "$TMPD/iv.txt.zst"
bzip2 -c "$iv" > "$TMPD/iv.txt.bz2"
lz4 -q -c "$iv" > "$TMPD/iv.txt.lz4"
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED); z.write(sys.argv[2], "iv.txt"); z.close()' \
	"$TMPD/iv.zip" "$iv"
want=$("$FANYE_BIN" --render=80 "$iv")
for f in iv.txt.gz iv.txt.xz iv.txt.zst iv.txt.bz2 iv.txt.lz4 iv.zip; do
	[ "$("$FANYE_BIN" --render=80 "$TMPD/$f")" = "$want" ] || fail "--render of $f is not the text's"
	[ "$("$FANYE_BIN" --outline "$TMPD/$f")" = "$("$FANYE_BIN" --outline "$iv")" ] || fail "--outline of $f"
done

# the pager: the same first screen, and = names the compression
start 80 8 "cd '$TMPD' && $FANYE_BIN --no-sidebar --no-resume iv.txt.xz"
wait_for ' line 1 '
[ "$(text_rows 7)" = "$(sed -n 1,7p <<<"$want")" ] || fail "the first screen of iv.txt.xz: $(text_rows 7)"
keys =
wait_for 'iv.txt.xz  plain in xz  UTF-8, detected  lines 1-'
quit
stop

# a large one (4 MiB inside) streams in; once whole, a bookmark made on it
# is there the next time, with the reading position
for i in $(seq 1 450); do cat "$iv"; done > "$TMPD/big.txt"
gzip -c "$TMPD/big.txt" > "$TMPD/big.txt.gz"
start 80 8 "cd '$TMPD' && $FANYE_BIN --no-sidebar big.txt.gz"
wait_for ' line 1 '
keys G
wait_for "line 63[0-9]{3}  100% \\(END\\)"
keys 3 0 0 0 g
wait_for ' line 3000 '
keys M C-u 'from gz' Enter Enter
wait_for 'bookmarked: from gz'
keys 2 0 g
wait_for ' line 20 '
quit
stop
"$FANYE_BIN" --bookmarks "$TMPD/big.txt.gz" | grep -q $'^3000\tfrom gz\t' ||
	fail "the bookmark is not kept: $("$FANYE_BIN" --bookmarks "$TMPD/big.txt.gz")"
start 80 8 "cd '$TMPD' && $FANYE_BIN --no-sidebar big.txt.gz"
wait_for ' line 20 '
keys B
wait_for '^3000 from gz'
keys q
wait_gone '^3000 from gz'
quit
stop

# on a pipe: xz -c big | fanye shows the text, and reads on to the end
start 80 8 "cd '$TMPD' && xz -c big.txt | $FANYE_BIN --no-sidebar --no-resume"
wait_for ' line 1 '
[ "$(text_rows 7)" = "$(sed -n 1,7p <<<"$want")" ] || fail "the first screen of xz on a pipe: $(text_rows 7)"
to_end "line 63[0-9]{3}  100% \\(END\\)"
keys =
wait_for '^-  plain in xz  UTF-8, detected  lines 63'
quit
stop
[ "$(xz -c "$iv" | "$FANYE_BIN" --render=80)" = "$want" ] || fail "--render of xz on a pipe"


# truncated: what was decoded, and a one-line message (text that does not
# compress well, so that the cut is well inside it)
python3 -c 'import random; random.seed(7); print("\n".join(" ".join("".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(random.randint(1, 9))) for _ in range(12)) for _ in range(40000)))' > "$TMPD/words.txt"
gzip -c "$TMPD/words.txt" > "$TMPD/words.txt.gz"
head -c $(($(stat -c %s "$TMPD/words.txt.gz") / 2)) "$TMPD/words.txt.gz" > "$TMPD/cut.txt.gz"
err=$("$FANYE_BIN" --render=80 "$TMPD/cut.txt.gz" 2>&1 >"$TMPD/cut.out") || true
[ "$err" = "fanye: $TMPD/cut.txt.gz: damaged gzip (truncated gzip input): the text stops there" ] ||
	fail "truncated: '$err'"
[ "$(wc -l < "$TMPD/cut.out")" -gt 100 ] || fail "truncated: nothing decoded"
cmp -s <(head -n -1 "$TMPD/cut.out") <(head -n "$(($(wc -l < "$TMPD/cut.out") - 1))" <("$FANYE_BIN" --render=80 "$TMPD/words.txt")) ||
	fail "truncated: the decoded rows are not the text's"
start 80 8 "cd '$TMPD' && $FANYE_BIN --no-sidebar --no-resume cut.txt.gz"
wait_for 'damaged gzip \(truncated gzip input\): the text stops there'
quit
stop

# only the magic number: refused, with a message
{ printf '\037\213'; head -c 300 "$iv"; } > "$TMPD/fake.gz"
err=$("$FANYE_BIN" --render=80 "$TMPD/fake.gz" 2>&1 >/dev/null) && fail "fake.gz was read"
[ "$err" = "fanye: $TMPD/fake.gz: damaged: not compressed data after all" ] || fail "fake.gz: '$err'"
# a zip of several files (an EPUB among them) is not one text
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); z.writestr("a.txt", "one"); z.writestr("b.txt", "two"); z.close()' "$TMPD/two.zip"
err=$("$FANYE_BIN" --render=80 "$TMPD/two.zip" 2>&1 >/dev/null) && fail "two.zip was read"
[ "$err" = "fanye: $TMPD/two.zip: a zip of several files; fanye reads a zip that holds one text" ] || fail "two.zip: '$err'"
# an EPUB (a zip whose first member is mimetype) is named as one
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); z.writestr("mimetype", "application/epub+zip"); z.writestr("OEBPS/c1.xhtml", "<html/>"); z.close()' "$TMPD/b.epub"
err=$("$FANYE_BIN" --render=80 "$TMPD/b.epub" 2>&1 >/dev/null) && fail "b.epub was read"
[ "$err" = "fanye: $TMPD/b.epub: an EPUB without its package (no .opf)" ] || fail "b.epub: '$err'"
# the first screen shows while the rest is still to come: half of the xz
# stream is written, the writer holds the pipe open, and the first rows
# are there (libarchive makes its text 64 KiB at a time: the words
# compress little, so half of them is far more); the rest is written,
# and G reaches the end
xz -c "$TMPD/words.txt" > "$TMPD/words.txt.xz"
size=$(stat -c %s "$TMPD/words.txt.xz")
mkfifo "$TMPD/xzpipe"
start 80 8 "cd '$TMPD' && $FANYE_BIN --no-sidebar --no-resume < xzpipe"
exec 7>"$TMPD/xzpipe"
head -c $((size / 2)) "$TMPD/words.txt.xz" >&7
wait_for ' line 1 '
[ "$(text_rows 7)" = "$(sed -n 1,7p "$TMPD/words.txt")" ] || fail "the first screen before the stream ended: $(text_rows 7)"
tail -c +$((size / 2 + 1)) "$TMPD/words.txt.xz" >&7
exec 7>&-
to_end "line 399[0-9]{2}  100% \\(END\\)"
quit
stop
echo PASS
