#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The man page (issue 21) is complete: every section a man page has, every
# option --help lists, every action --keys lists with its default keys,
# every option --print-config writes, the version, no placeholder left,
# and man renders it without a warning.  The page is made at build time
# from the tables (src/mangen.c); the lists here come from the binary, so
# an entry the generator or the page's template drops is caught.
set -eu
fail() { echo "FAIL: $*"; exit 1; }
page="$BUILDDIR/fanye.1"
[ -f "$page" ] || fail "$page was not built"
# troff text back to plain: \- is -, \e is \, \& is nothing
plain=$(sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\&//g' -e 's/\\://g' "$page")
section() { awk -v s="$1" '/^\.SH /{on = ($0 == ".SH " s)} on' <<<"$plain"; }
for s in NAME SYNOPSIS DESCRIPTION OPTIONS KEYS CONFIGURATION FILES ENVIRONMENT "EXIT STATUS" EXAMPLES \
	COPYRIGHT "SEE ALSO"; do
	grep -qx ".SH $s" <<<"$plain" || fail "no $s section"
done
grep -q '@[A-Z]*@' "$page" && fail "a placeholder is left: $(grep -o '@[A-Z]*@' "$page" | head -1)"
version=$("$FANYE_BIN" --version | head -1 | cut -d' ' -f2)
head -1 "$page" | grep -qF "\"fanye $version\"" || fail "the footer does not say fanye $version: $(head -1 "$page")"
# OPTIONS: each long option of --help, and its letter beside it
opts=$(section OPTIONS)
n=0
while IFS="|" read -r letter long; do
	grep -q -- "--$long\b" <<<"$opts" || fail "OPTIONS lack --$long"
	if [ -n "$letter" ]; then
		grep -- "--$long\b" <<<"$opts" | grep -q -- "-${letter#-}[ ,\"]" || fail "OPTIONS lack $letter beside --$long"
	fi
	n=$((n + 1))
done < <("$FANYE_BIN" --help | sed -nE 's/^ +(-[^ ,]+)?,? *--([A-Za-z-]+).*/\1|\2/p')
[ "$n" -ge 25 ] || fail "only $n options read from --help"
# KEYS: each action with its default keys and help
keys=$(section KEYS)
n=0
while IFS=$'\t' read -r name k help; do
	grep -qF "($name)" <<<"$keys" || fail "KEYS lack $name"
	grep -B1 -F "($name)" <<<"$keys" | head -1 | grep -qxF ".B ${k:-(none)}" || fail "KEYS: $name is not on $k"
	n=$((n + 1))
done < <("$FANYE_BIN" --no-config --keys)
[ "$n" -ge 60 ] || fail "only $n actions read from --keys"
# CONFIGURATION: each option under its section, with its default
conf=$(section CONFIGURATION)
n=0
sec=
while IFS= read -r line; do
	case $line in
	'['*']') sec=$line; grep -qxF ".SS $sec" <<<"$conf" || fail "CONFIGURATION lacks $sec"; continue ;;
	'#'* | '') continue ;;
	esac
	name=${line%% = *} value=${line#* = }
	[ "$sec" = "[keys]" ] && continue
	grep -qxF ".B $name = ${value:-(empty)}" <<<"$conf" || fail "CONFIGURATION lacks $sec $name = $value"
	n=$((n + 1))
done < <("$FANYE_BIN" --no-config --print-config)
[ "$n" -ge 30 ] || fail "only $n config options read from --print-config"
# FILES and ENVIRONMENT name what fanye reads
for w in XDG_CONFIG_HOME XDG_STATE_HOME search-history docs/SIZE-HASH-HASH.ini; do
	section FILES | grep -qF "$w" || fail "FILES lacks $w"
done
for v in TERM NO_COLOR LESS FANYE LESSSECURE VISUAL EDITOR XDG_CONFIG_HOME XDG_STATE_HOME LANG LC_ALL LANGUAGE LC_MESSAGES FANYE_LOCALEDIR ESCDELAY; do
	section ENVIRONMENT | grep -qE "^\.(B|BR) (.*[ \"])?$v\b" || fail "ENVIRONMENT lacks $v"
done
section "SEE ALSO" | grep -q 'less' || fail "SEE ALSO lacks less(1)"
section "SEE ALSO" | grep -q 'lv' || fail "SEE ALSO lacks lv(1)"
# man renders it, and groff has nothing to say at 80 columns
if command -v man >/dev/null; then
	out=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null) || fail "man failed: $out"
	[ -z "$out" ] || fail "man warns: $out"
	MANWIDTH=80 man -l "$page" 2>/dev/null | grep -q 'fanye - read long Chinese' || fail "man shows no NAME"
else
	fail "man is missing (Debian: man-db)"
fi
# The pages in zh_CN, zh_TW and ja: their sections, every option, action
# and config entry, the texts from the catalogues, and no groff warning
for l in zh_CN zh_TW ja; do
	lp="$BUILDDIR/man/$l/fanye.1"
	[ -f "$lp" ] || fail "$lp was not built"
	lplain=$(sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\&//g' -e 's/\\://g' "$lp")
	case $l in
	zh_CN) heads="名称 概述 描述 选项 按键 配置 文件 环境 退出状态 示例 版权 参见" down=向下一行 ;;
	zh_TW) heads="名稱 概述 描述 選項 按鍵 設定 檔案 環境 退出狀態 示例 版權 參見" down=向下一行 ;;
	ja) heads="名前 書式 説明 オプション キー 設定 ファイル 環境変数 終了ステータス 例 著作権 関連項目" down=一行進む ;;
	esac
	for h in $heads; do grep -qx ".SH $h" <<<"$lplain" || fail "$l: no $h section"; done
	[ "$(grep -c '^\.SH ' <<<"$lplain")" = 12 ] || fail "$l: not 12 sections"
	head -1 "$lp" | grep -qF "\"fanye $version\"" || fail "$l: the footer does not say fanye $version"
	grep -q '@[A-Z]*@' "$lp" && fail "$l: a placeholder is left"
	while IFS="|" read -r letter long; do
		grep -q -- "--$long\b" <<<"$lplain" || fail "$l: OPTIONS lack --$long"
	done < <("$FANYE_BIN" --help | sed -nE 's/^ +(-[^ ,]+)?,? *--([A-Za-z-]+).*/\1|\2/p')
	while IFS=$'\t' read -r name k help; do
		grep -qF "($name)" <<<"$lplain" || fail "$l: KEYS lack $name"
	done < <("$FANYE_BIN" --no-config --keys)
	grep -A1 -xF '.B j Down Enter e C-n C-e' <<<"$lplain" | tail -1 | grep -qF "$down" ||
		fail "$l: line-down's help is not translated"
	while IFS= read -r line; do
		case $line in '['*']' | '#'* | '') continue ;; esac
		name=${line%% = *}
		grep -qE "^\.B $name = " <<<"$lplain" || fail "$l: CONFIGURATION lacks $name"
	done < <("$FANYE_BIN" --no-config --print-config | sed '/^\[keys\]/,$d')
	out=$(MANWIDTH=80 man --warnings -l "$lp" 2>&1 >/dev/null) || fail "$l: man failed: $out"
	[ -z "$out" ] || fail "$l: man warns: $out"
done
echo PASS
