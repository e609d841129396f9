#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The bash and zsh completions (issue 21), made at build time from the
# options table: bash completes every option --help lists, the values of
# --encoding and --format, file names after --config= and as arguments;
# the zsh one parses and names every option.
set -eu
fail() { echo "FAIL: $*"; exit 1; }
bashc="$BUILDDIR/fanye.bash" zshc="$BUILDDIR/_fanye"
[ -f "$bashc" ] && [ -f "$zshc" ] || fail "the completions were not built"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
touch "$dir/novel.txt" "$dir/notes.md"
# complete LINE: what bash offers for the word at the end of LINE
complete_line() {
	bash -c '. "$1"; COMP_LINE=$2; COMP_POINT=${#COMP_LINE}; _fanye; printf "%s\n" "${COMPREPLY[@]}" | sort' \
		sh "$bashc" "$1"
}
expect() { [ "$(complete_line "$1")" = "$2" ] || fail "'$1' completes to '$(complete_line "$1" | tr '\n' ' ')', not '$(tr '\n' ' ' <<<"$2")'"; }
expect "fanye --enc" "--encoding="
expect "fanye --encoding=GB" "$(printf 'GB18030\nGBK')"
expect "fanye --encoding=shift" ""
expect "fanye --encoding=SHIFT" "SHIFT_JIS"
expect "fanye --format=m" "markdown"
expect "fanye --format=" "$(printf 'ansi\naozora\nauto\nhtml\nmarkdown\nplain\nsubtitles')"
expect "fanye --config=$dir/nov" "$dir/novel.txt"
expect "fanye $dir/no" "$(printf '%s\n' "$dir/notes.md" "$dir/novel.txt")"
expect "fanye --no-s" "--no-sidebar"
# every option of --help, long and short, is offered after -
all=$(complete_line "fanye -")
n=0
while IFS="|" read -r letter long; do
	grep -qxE -- "--$long=?" <<<"$all" || fail "bash does not complete --$long"
	[ -z "$letter" ] || grep -qxF -- "$letter" <<<"$all" || fail "bash does not complete $letter"
	grep -qF -- "'--$long" "$zshc" || fail "zsh does not complete --$long"
	n=$((n + 1))
done < <("$FANYE_BIN" --help | sed -nE 's/^ +(-[^ ,]+)?,? *--([A-Za-z-]+).*/\1|\2/p')
[ "$n" -ge 25 ] || fail "only $n options read from --help"
command -v zsh >/dev/null || fail "zsh is missing (Debian: zsh)"
zsh -n "$zshc" || fail "the zsh completion does not parse"
grep -q "^'*--format=\[.*:(auto plain markdown aozora ansi html subtitles)'" <(sed 's/^\t//' "$zshc") || fail "zsh lacks the --format values"
echo PASS
