#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# src/unidata.inc is what src/unidata.awk makes from the Unicode Character
# Database that Debian's unicode-data installs (Unicode 15.0).
set -u
ucd=${FANYE_UCD:-/usr/share/unicode}
for f in LineBreak.txt EastAsianWidth.txt; do
	[ -f "$ucd/$f" ] || { echo "FAIL: $ucd/$f is absent (install unicode-data)"; exit 1; }
done
diff -u "$SRCDIR/src/unidata.inc" <(awk -f "$SRCDIR/src/unidata.awk" "$ucd/LineBreak.txt" "$ucd/EastAsianWidth.txt") \
	|| { echo "FAIL: src/unidata.inc differs from the UCD's tables: run src/unidata.awk"; exit 1; }
echo PASS
