#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs each libFuzzer target for FUZZ_SECONDS (default 60) with ASan and
# UBSan, seeded from ../shared/corpus, the sample, the golden files and a
# printed config.  Exits non-zero on the first crash; the crashing input is
# left in tests/fuzz/crash-* (make it a regression test).
set -eu
secs=${FUZZ_SECONDS:-60}
work=$(mktemp -d /tmp/fanye-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
for t in "$@"; do
	seeds="$work/$t"
	mkdir -p "$seeds"
	cp "$SRCDIR"/assets/sample.txt "$seeds/" 2>/dev/null || true
	for f in "$SHARED"/corpus/*.txt; do [ -f "$f" ] && head -c 8000 "$f" > "$seeds/$(basename "$f")"; done
	cp "$SRCDIR"/tests/golden/*.outline "$seeds/" 2>/dev/null || true
	# Inputs that once crashed a target stay among its seeds.
	for r in "$SRCDIR"/tests/fuzz/regress/"${t#fuzz_}"-*; do if [ -f "$r" ]; then cp "$r" "$seeds/"; fi; done
	case $t in
	fuzz_config) "$FANYE_BIN" --no-config --print-config > "$seeds/default.ini" ;;
	fuzz_pres)
		# each format's document, behind the byte that chooses its format
		for doc in transcript.md:1 aozora.txt:2 gitlog.ansi:3; do
			{ printf "\\$(printf '%03o' "${doc#*:}")("; head -c 8000 "$SRCDIR/tests/docs/${doc%:*}"; } > "$seeds/${doc%:*}"
		done ;;
	fuzz_quote)
		# format, width (even: a 64-byte cap) and count, then each format's document
		for doc in transcript.md:1 aozora.txt:2 gitlog.ansi:3; do
			{ printf "\\$(printf '%03o' "${doc#*:}")(\\002"; head -c 8000 "$SRCDIR/tests/docs/${doc%:*}"; } > "$seeds/${doc%:*}"
		done ;;
	fuzz_search) printf 'zasi\nthe ASI heading and ＡＳＩ\n' > "$seeds/q1"; printf 'I(a|b)+\nabab ｶﾀｶﾅ\n' > "$seeds/q2" ;;
	fuzz_draw) python3 -c 'import sys; sys.stdout.buffer.write(b"P\2P\0a" + "\u0301".encode() * 600 + b"\n\tx\x1b[31m")' > "$seeds/cluster" ;;
	fuzz_book)
		# a whole book (0), its parts split at NUL (1), a web page (2)
		python3 "$SRCDIR/tests/docs/mkbook.py" "$SRCDIR/tests/docs/book-zh" "$work/b.epub"
		{ printf '\000'; cat "$work/b.epub"; } > "$seeds/book.epub"
		b="$SRCDIR/tests/docs/book-zh/OEBPS"
		{ printf '\001'; sed 's/Text\/taohuayuan/a/; s/Text\/yueyanglou/Text\/b/' "$b/content.opf"; printf '\000'
		  cat "$b/nav.xhtml"; printf '\000'; cat "$b/toc.ncx"; printf '\000'; cat "$b/Text/taohuayuan.xhtml"
		  printf '\000'; cat "$b/Text/yueyanglou.xhtml"; } > "$seeds/parts"
		{ printf '\002'; cat "$SRCDIR/tests/docs/article.html"; } > "$seeds/article.html"
		{ printf '\003'; cat "$SRCDIR/tests/docs/talk.srt"; } > "$seeds/talk.srt"
		printf '\003WEBVTT\n\nNOTE x\n\n00:01.000 --> 00:02.000\n<v A B>Hi <i>there</i> &amp;\n\n00:01.500 --> 01:00:02.000\n<v.x C>(laughs)\n' > "$seeds/talk.vtt" ;;
	fuzz_marks) printf '[document]\nfingerprint = x\nposition = 3\n[entry m97]\noffset = 2\nletter = 97\nafter = two\n' > "$seeds/store.ini" ;;
	esac
	echo "== $t for ${secs}s"
	ASAN_OPTIONS=detect_leaks=1 ./tests/fuzz/$t -max_total_time="$secs" -rss_limit_mb=2048 \
		-timeout=20 -max_len=65536 -artifact_prefix=tests/fuzz/crash- -print_final_stats=1 \
		"$seeds" 2>&1 | grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_runs|==[0-9]+==ERROR|SUMMARY|Done)' || true
	if ls tests/fuzz/crash-* >/dev/null 2>&1; then
		echo "fuzz: $t crashed: $(ls tests/fuzz/crash-*)"
		exit 1
	fi
done
echo "fuzz: all targets ran ${secs}s without a crash"
