#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The reader in its readers' languages (issue 21): with LANGUAGE=zh_CN,
# zh_TW or ja the help, its footer, the status line and messages are
# translated (the catalogues built from po/, read through
# FANYE_LOCALEDIR); key names stay; --help too; without LANGUAGE, English.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
for l in zh_CN zh_TW ja; do
	gmo=$BUILDDIR/po/$l.gmo
	[ -f "$gmo" ] || gmo=$SRCDIR/po/$l.gmo
	[ -f "$gmo" ] || fail "$l.gmo was not built"
	mkdir -p "$TMPD/locale/$l/LC_MESSAGES"
	cp "$gmo" "$TMPD/locale/$l/LC_MESSAGES/fanye.mo"
done
cp "$SRCDIR/assets/sample.txt" "$TMPD/sample.txt"
run() { start 100 16 "cd '$TMPD' && FANYE_LOCALEDIR='$TMPD/locale' LANGUAGE=$1 $FANYE_BIN --no-sidebar --no-resume sample.txt"; }

# lang ESSENTIALS QUIT FOOTER POSITION: the help's first screen and the
# status line in that language
lang() {
	run "$1"
	wait_for "$5  0%"
	keys h
	wait_for "^$2\$"
	screen | grep -qE "^  q Q +$3\$" || fail "$1: q is not '$3': $(screen | sed -n 4p)"
	screen | grep -qE "^  / +$6" || fail "$1: / is not '$6'"
	[ "$(status)" = "$4" ] || fail "$1: the footer is '$(status)'"
	keys q
	wait_for "$5  0%"
	# an unbound key's message
	keys Z
	wait_for "$7"
	quit
	stop
}
lang zh_CN 基本操作 退出 ' 帮助  j/k 滚动，/ 筛选，q 关闭帮助（再按 q 退出 fanye）' '第 1 行' '向下增量搜索' '^Z：没有对应的操作（按 h 查看帮助）'
lang zh_TW 基本操作 退出 ' 說明  j/k 捲動，/ 篩選，q 關閉說明（再按 q 退出 fanye）' '第 1 行' '向下增量搜尋' '^Z：沒有對應的操作（按 h 檢視說明）'
lang ja 基本 終了 ' ヘルプ  j/k でスクロール、/ で絞り込み、q でヘルプを閉じる（続けて q で fanye を終了）' '1 行目' '前方へインクリメンタル検索' '^Z: 割り当てのないキーです（h でヘルプ）'

# --help, and English without LANGUAGE
FANYE_LOCALEDIR="$TMPD/locale" LANGUAGE=ja "$FANYE_BIN" --help | head -1 | grep -qx '使い方: fanye \[オプション\]... \[+コマンド\]... \[ファイル\]...' ||
	fail "--help in Japanese: $(FANYE_LOCALEDIR="$TMPD/locale" LANGUAGE=ja "$FANYE_BIN" --help | head -1)"
FANYE_LOCALEDIR="$TMPD/locale" LANGUAGE=zh_CN "$FANYE_BIN" --help | grep -q '^  -i, --ignore-case  *搜索忽略大小写，除非查询中含有大写字母$' ||
	fail "--help's options in Chinese"
FANYE_LOCALEDIR="$TMPD/locale" "$FANYE_BIN" --help | head -1 | grep -qx 'Usage: fanye \[OPTION\]... \[+COMMAND\]... \[FILE\]...' ||
	fail "--help is not English without LANGUAGE"
# the machine-readable outputs stay English
[ "$(FANYE_LOCALEDIR="$TMPD/locale" LANGUAGE=zh_CN "$FANYE_BIN" --no-config --keys | head -1)" = \
	"$("$FANYE_BIN" --no-config --keys | head -1)" ] || fail "--keys is translated"
run C
wait_for 'line 1  0%'
quit
echo PASS
