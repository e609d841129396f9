#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Subtitles read as a transcript (issue 15): the time dim before each
# paragraph, speakers in the sidebar's legend, } and w by turns, the time
# of the passage at the top in the status line, = says what it is.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
cp "$SRCDIR/tests/docs/talk.srt" "$TMPD/talk.srt"
start 72 12 "cd '$TMPD' && $FANYE_BIN --no-resume talk.srt"
wait_for ' line 1 '
screen_is "the first screen" "$(cat <<'END'
 (no sections)  │00:00:00 主持人：欢迎收听《慢车》，今天我们聊为什么有人
                │         宁愿坐二十个小时的绿皮车。
                │
                │00:00:06 嘉宾：谢谢邀请。其实一开始也不是宁愿，是买不到
                │         别的票。后来坐习惯了，反而觉得快车太快。
                │
                │00:00:14 主持人：太快是什么意思？
 Speakers       │
   主持人 5     │00:00:16 嘉宾：你还没想好要去哪儿，就已经到了。
   嘉宾 5       │
   听众 1       │00:00:21 [火车鸣笛]
 talk.srt [subtitles]     主持人  h help · q quit  00:00:00  line 1  0%
END
)"
# the time is dim, the names in their colours (not the plain text's)
rows=$(screen -e)
grep -q $'\e\\[2m00:00:06' <<<"$rows" || fail "the time is not dim"
keys '}'
wait_for '嘉宾  00:00:06  line 3 '
keys w
wait_for '嘉宾  00:00:16  line 7 '
keys =
wait_for 'talk.srt  subtitles in SRT  UTF-8, detected'
quit
echo PASS
