#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A Chinese EPUB in the pager (issue 15): the sidebar lists its table of
# contents by level, ] moves by chapter with the chapter in the status
# line, o follows a footnote and '' comes back, a bookmark and the reading
# position survive reopening; an HTML page opens with its headings.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
python3 "$SRCDIR/tests/docs/mkbook.py" "$SRCDIR/tests/docs/book-zh" "$TMPD/book.epub"
cp "$SRCDIR/tests/docs/article.html" "$TMPD/article.html"

start 60 14 "cd '$TMPD' && $FANYE_BIN book.epub"
wait_for ' line 1 '
screen_is "the first screen" "$(cat <<'END'
 卷一　记       │[image: 古文二篇 封面]
   桃花源记     │
   岳阳楼记     │桃花源记
 注释           │
                │〔东晋〕陶渊明
                │
                │晋太元中，武陵人捕鱼为业。缘溪行，忘路之远
                │近。忽逢桃花林，夹岸数百步，中无杂树，芳草
                │鲜美，落英缤纷。渔人甚异之，复前行，欲穷其
                │林。
                │
                │林尽水源，便得一山，山有小口，仿佛若有光。
                │便舍船，从口入。初极狭，才通人。复行数十
 book.epub [html]               h help · q quit  line 1  0%
END
)"
keys ']'
wait_for ' line 3 '
keys 9 g
wait_for ' line 9 '
screen_is "the first chapter, with ruby and a note" "$(cat <<'END'
 卷一　记       │林尽水源，便得一山，山有小口，仿佛若有光。
   桃花源记     │便舍船，从口入。初极狭，才通人。复行数十
   岳阳楼记     │步，豁然开朗。土地平旷，屋舍俨(yǎn)然，有良
 注释           │田、美池、桑竹之属。阡(qiān)陌(mò)交通，鸡
                │犬相闻。其中往来种作，男女衣着，悉如外人。
                │黄发垂髫(tiáo)，并怡然自乐。[1]
                │
                │见渔人，乃大惊，问所从来。具答之。便要还
                │家，设酒杀鸡作食。村中闻有此人，咸来问讯。
                │自云先世避秦时乱，率妻子邑人来此绝境，不复
                │出焉，遂与外人间隔。问今是何世，乃不知有
                │汉，无论魏晋。此人一一为具言所闻，皆叹惋。
                │余人各复延至其家，皆出酒食。停数日，辞去。
 book.epub [html] | 桃花源记                    line 9  11%
END
)"
# o: to the note; '': back
keys o
wait_for ' line 27  100% \(END\)'
[ "$(screen | grep -c '│\[1\] 黄发垂髫：老人和小孩。')" = 1 ] || fail "the note is not on the screen"
keys "'" "'"
wait_for ' line 9 '
# ] to the next chapter; a bookmark there
keys ']'
wait_for '岳阳楼记 +line 17 '
keys M C-u 'yueyang' Enter Enter
wait_for 'bookmarked: yueyang'
quit
stop
"$FANYE_BIN" --bookmarks "$TMPD/book.epub" | grep -q $'^17\tyueyang\t' ||
	fail "the bookmark is not kept: $("$FANYE_BIN" --bookmarks "$TMPD/book.epub")"
# reopened: where it was left, with its bookmark
start 60 14 "cd '$TMPD' && $FANYE_BIN book.epub"
wait_for '岳阳楼记 +line 17 '
keys B
wait_for '^17 +yueyang'
keys q
wait_gone '^17 +yueyang'
quit
stop

# the sidebar folds a level: Tab, z on 卷一 hides its chapters (a +
# says so), j goes to 注释, z there says it has none; z again unfolds
# (the * is the bookmark made above)
start 60 8 "cd '$TMPD' && $FANYE_BIN --no-resume book.epub"
wait_for ' line 1 '
keys Tab z
screen_is "folded" "$(cat <<'END'
+卷一　记       │[image: 古文二篇 封面]
 注释           │
                │桃花源记
                │
                │〔东晋〕陶渊明
                │
                │晋太元中，武陵人捕鱼为业。缘溪行，忘路之远
END
)" '$d'
keys j z
wait_for 'no subsections to fold'
keys k z
screen_is "unfolded" "$(cat <<'END'
 卷一　记       │[image: 古文二篇 封面]
   桃花源记     │
   岳阳楼记   * │桃花源记
 注释           │
                │〔东晋〕陶渊明
                │
                │晋太元中，武陵人捕鱼为业。缘溪行，忘路之远
END
)" '$d'
keys Tab
quit
stop

# an HTML page: its headings in the sidebar, the hidden text not shown
start 70 10 "cd '$TMPD' && $FANYE_BIN --no-resume article.html"
wait_for ' line 1 '
screen_is "an HTML page" "$(cat <<'END'
 Reading Sōseki in a … │Home · Archive
   Why the terminal    │
   What a reader must… │Reading Sōseki in a terminal
     Widths            │
     Readings          │A made-up article, saved from the web, for
                       │fanye's tests.
                       │
                       │Natsume Sōseki's I Am a Cat (1905) opens with
                       │a line every Japanese reader knows. Printed
 article.html [html]                      h help · q quit  line 1  0%
END
)"
quit
echo PASS
