#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Encodings and scripts (issue 22): = says the encoding and how it was
# chosen; E reads the file again in another encoding (auto: detected) and
# keeps the line at the top; uchardet's encodings read right; a search in
# traditional characters finds the simplified text, with its [k/N].
set -eu
. "$SRCDIR/tests/screen/lib.sh"
iv="$SRCDIR/tests/docs/interview.txt"
iconv -f UTF-8 -t GB18030 "$iv" > "$TMPD/iv.gb"
# what line 50 looks like, rendered from the UTF-8 text
want=$(sed -n 50p "$iv" | "$FANYE_BIN" --render=80 - | head -1)

start 80 10 "cd '$TMPD' && $FANYE_BIN --no-sidebar --encoding=BIG5 iv.gb"
wait_for ' line 1 '
keys =
wait_for 'iv.gb  plain  BIG5, set by --encoding  lines 1-[0-9]+ of 142 '
keys 5 0 g
wait_for ' line 50 '
[ "$(text_rows 1)" != "$want" ] || fail "BIG5 read GB18030 right"
keys E
wait_for '^Encoding \(auto: detect\): ?BIG5'
keys C-u auto Enter
wait_top "$want"
wait_for '^ iv.gb \[GB18030\] .* line 50 '
keys =
wait_for 'iv.gb  plain  GB18030, detected  lines 50-'
# a name iconv does not know: said, nothing read again
keys E C-u NOPE Enter
wait_for '^NOPE: not an encoding iconv knows'
[ "$(text_rows 1)" = "$want" ] || fail "a bad encoding moved the text"
# :encoding NAME (lv's): read again in BIG5, then back with auto
keys : e
wait_for '^:e$'
keys ncoding ' BIG5'
wait_for '^:encoding BIG5$'
keys Enter
wait_for '^ iv.gb \[BIG5\] .* line 50 '
keys =
wait_for 'iv.gb  plain  BIG5, set in the pager  lines 50-'
[ "$(text_rows 1)" != "$want" ] || fail ":encoding BIG5 read GB18030 right"
keys : e ncoding ' auto' Enter
wait_top "$want"
keys : e BSpace z a p Enter
wait_for '^:zap: not a command \(:e FILE, :encoding NAME\)'
[ "$(text_rows 1)" = "$want" ] || fail ":zap moved the text"
quit
stop

# KOI8-R: uchardet's, and the text as it is
printf 'Сегодня прекрасная погода. Мы пошли в парк, читали книги и гуляли вдоль реки.\n' |
	iconv -f UTF-8 -t KOI8-R > "$TMPD/ru.txt"
start 80 6 "cd '$TMPD' && $FANYE_BIN --no-sidebar ru.txt"
wait_for '^Сегодня прекрасная погода\. Мы пошли в парк, читали книги и гуляли вдоль реки\.$'
keys =
wait_for 'ru.txt  plain  KOI8-R, uchardet  lines 1-1 of 1 '
quit
stop

# 規模化 (traditional) finds 规模化 in the simplified interview, 11 times
# (the same text as iv.gb: its reading position would be taken up)
cp "$iv" "$TMPD/iv.txt"
start 100 10 "cd '$TMPD' && $FANYE_BIN --no-sidebar --no-resume iv.txt"
wait_for ' line 1 '
keys / '規模化' Enter
wait_for '/規模化 \[1/11\]'
screen | grep -q '规模化' || fail "the match is not on the screen"
keys n
wait_for '/規模化 \[2/11\]'
quit
stop

# C: the view in traditional characters, then Taiwan's, then as written; a
# bookmark made before stays on its line, and the status says the script
start 80 8 "cd '$TMPD' && $FANYE_BIN --no-sidebar --no-resume iv.txt"
wait_for '^铁路正从「速度时代」'
keys 3 g M C-u here Enter Enter
wait_for 'bookmarked: here'
keys g C
wait_for '^Chinese shown simplified'
keys C
wait_for '^Chinese shown traditional'
[ "$(text_rows 3 | tail -1)" = "鐵路正從「速度時代」,重新走向「體驗時代」。" ] || fail "not traditional: $(text_rows 3)"
keys j
wait_for '^ iv.txt \[traditional\] .* line 2 '
keys B
wait_for '^3 here '
keys Enter
wait_for ' line 3 '
[ "$(text_rows 1)" = "鐵路正從「速度時代」,重新走向「體驗時代」。" ] || fail "the bookmark moved: $(text_rows 1)"
keys C C C C C
wait_for '^Chinese as it is written'
[ "$(text_rows 1)" = "铁路正从「速度时代」,重新走向「体验时代」。" ] || fail "not as written: $(text_rows 1)"
quit
stop

# taiwan-phrases: Taiwan's words (s2twp: 内存 is 記憶體, 鼠标 滑鼠), in the
# text, the sidebar's titles and the status line's section
printf '[display]\nscript = taiwan-phrases\n' > "$TMPD/tw.ini"
printf '第一章 软件与网络\n\n这个程序的源代码在硬盘上，内存不够。\n\n第二章 鼠标\n\n我们用鼠标打开软件。\n' > "$TMPD/tw.txt"
start 100 8 "cd '$TMPD' && $FANYE_BIN --config=tw.ini --no-resume tw.txt"
wait_for '│我們用滑鼠開啟軟體。$'
screen_is "taiwan-phrases" "$(cat <<'END'
 第一章 軟體與網路   │第一章 軟體與網路
 第二章 滑鼠         │
                     │這個程式的原始碼在硬碟上，記憶體不夠。
                     │
                     │第二章 滑鼠
                     │
                     │我們用滑鼠開啟軟體。
 tw.txt [taiwan-phrases] | 第一章 軟體與網路                    h help · q quit  line 1  100% (END)
END
)"
quit
echo PASS
