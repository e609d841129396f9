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
echo PASS
