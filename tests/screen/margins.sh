#!/bin/bash
# Scrolling beside the sidebar with left/right margins (DECSLRM), in a
# terminal that has them (tests/screen/vtmargins.py, pyte with margins
# added): the screen stays what a repaint draws, one-row scrolls stay
# small, and terminals that do not say they have the mode never get it.
set -eu
[ -x /usr/bin/python3 ] || { echo "SKIP: no /usr/bin/python3"; exit 77; }
/usr/bin/python3 -c 'import pyte' 2>/dev/null ||
	{ echo "FAIL: python3-pyte is missing (tests/deps.sh installs it)"; exit 1; }
doc=$SHARED/corpus/interview.txt
[ -f "$doc" ] || doc=$SRCDIR/assets/sample.txt
/usr/bin/python3 "$SRCDIR/tests/screen/margins.py" "$FANYE" "$doc"
