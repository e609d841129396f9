#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Keys belong to views (include/fanye/actions.h): a list's keys and the
# line editor's can be rebound in [keys] without touching the pager's, and
# the search prompt edits at its cursor.  Every row, the status line
# included, is compared after each step.
set -eu
. "$SRCDIR/tests/screen/lib.sh"
f="$TMPD/a.txt"
for i in $(seq 1 50); do echo "alpha $i"; done > "$f"
mkdir -p "$XDG_CONFIG_HOME/fanye"
printf '[keys]\nlist-down = x Down\nline-start = C-x\n' > "$XDG_CONFIG_HOME/fanye/config.ini"

# expect LABEL: the screen is exactly the rows given on stdin.
expect() {
	local want got i=0
	want=$(cat)
	while [ "$i" -lt 200 ]; do
		got=$(screen)
		[ "$got" = "$want" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") || true
	fail "$1"
}
# rows A B: "alpha A" .. "alpha B", one a line.
rows() { for i in $(seq "$1" "$2"); do echo "alpha $i"; done; }
# st TOP [EXTRA]: the status line with line TOP at the top: the file at
# the left, at the right EXTRA (the search, or the first start's hint),
# the line and the percentage (how far into the file the top row starts).
st() {
	local len before right pad
	len=$(stat -c %s "$f")
	before=$(head -n "$(($1 - 1))" "$f" | wc -c)
	right="line $1  $((before * 100 / len))%"
	[ -n "${2:-}" ] && right="$2  $right"
	pad=$((60 - 6 - $(python3 -c 'import sys; print(len(sys.argv[1].encode("utf-8", "surrogateescape").decode()))' "$right") - 1))
	printf ' a.txt%*s%s\n' "$pad" '' "$right"
}

start 60 8 "cd '$TMPD' && $FANYE_BIN --no-resume --no-sidebar a.txt"
expect "first screen" <<END
$(rows 1 7)
$(st 1 "h help · q quit")
END
# Typed at the cursor: C-x (line-start, rebound) then a goes before lpha.
keys / l p h a
expect "the query as typed" <<END
$(rows 1 7)
/lpha                                                [1/50]
END
keys C-x a
expect "a inserted at the start" <<END
$(rows 1 7)
/alpha                                               [1/50]
END
# The match list: x moves (list-down rebound), j no longer does, and the
# pager's j is still line-down.
keys Enter L
expect "the match list" <<END
     1 alpha 1
     2 alpha 2
     3 alpha 3
     4 alpha 4
     5 alpha 5
     6 alpha 6
     7 alpha 7
 50 matches of /alpha  Enter jumps, q closes
END
keys x j x Enter
expect "jumped to the third match" <<END
$(rows 3 9)
$(st 3 "/alpha [3/50]")
END
keys j
expect "j still moves the pager" <<END
$(rows 4 10)
$(st 4 "/alpha [3/50]")
END
# The key that opened a list closes it.
keys L
expect "the match list again, at the current match" <<END
     1 alpha 1
     2 alpha 2
     3 alpha 3
     4 alpha 4
     5 alpha 5
     6 alpha 6
     7 alpha 7
 50 matches of /alpha  Enter jumps, q closes
END
keys L
expect "L closed it" <<END
$(rows 4 10)
$(st 4 "/alpha [3/50]")
END
echo PASS
