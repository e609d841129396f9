#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make bench: fanye and less side by side through a real pty
# (../shared/bench/ptybench.py), on a 100 MiB transcript made by
# ../shared/bench/gen-big.py, at 80x24, and searches against ripgrep too,
# there and on a 5 GiB transcript (HUGE=0 leaves that out).  Prints
# medians and the ratios.  Not a test: nothing fails on a slow machine.
# Needs python3-pyte and ripgrep (tests/deps.sh installs them) and
# /usr/bin/python3.
set -eu
top=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bench=${SHARED:-$top/../shared}/bench
fanye=${FANYE_BIN:-$top/src/fanye}
big=${BIG:-/tmp/fanye-bench-100m.txt}
mib=${MIB:-100}
runs=${RUNS:-5}
[ -x "$bench/ptybench.py" ] || [ -f "$bench/ptybench.py" ] || { echo "bench: $bench/ptybench.py is absent"; exit 1; }
if [ ! -f "$big" ]; then
	echo "bench: generating $big ($mib MiB)"
	/usr/bin/python3 "$bench/gen-big.py" --mib "$mib" "$big"
fi
cd /tmp
echo "== big file, sidebar hidden"
/usr/bin/python3 "$bench/ptybench.py" --runs "$runs" --file "$big" \
	--pager "fanye=$fanye --no-sidebar {file}" --pager "less=less {file}" \
	open end search scroll latency anon
echo "== big file, open without the benchmark's Python fork (tests/bench/spawn.py)"
/usr/bin/python3 "$top/tests/bench/spawn.py" BEGIN-SENTINEL $((runs * 4)) \
	"$fanye --no-sidebar $big" "less $big"
echo "== big file, sidebar shown"
/usr/bin/python3 "$bench/ptybench.py" --runs "$runs" --file "$big" \
	--pager "fanye=$fanye {file}" --pager "less=less {file}" scroll
interview=${SHARED:-$top/../shared}/corpus/interview.txt
if [ -f "$interview" ]; then
	echo "== interview, sidebar hidden"
	/usr/bin/python3 "$bench/ptybench.py" --runs "$runs" --file "$interview" \
		--begin "$(head -n 1 "$interview" | cut -d" " -f1)" \
		--pager "fanye=$fanye --no-sidebar {file}" --pager "less=less {file}" scroll page
	# CPU and bytes per j at three sizes, with and without the sidebar.
	lv=
	command -v lv >/dev/null && lv="--pager=lv=lv -Ou8 {file}"
	echo "== interview, CPU and bytes per j (cpukey.py)"
	/usr/bin/python3 "$bench/cpukey.py" --runs "$runs" --file "$interview" \
		--pager "fanye=$fanye --no-resume {file}" \
		--pager "no-sidebar=$fanye --no-resume --no-sidebar {file}" \
		--pager "less=less {file}" ${lv:+"$lv"} \
		${FLOOR:+"--pager=ncurses-floor=$FLOOR {file}"}
fi
# The full outline in the pager: from the start until the sidebar's speaker
# legend shows the final count that --outline gives (tests/bench/outline.py
# looks at an emulated screen only when output arrives).
n=$("$fanye" --outline "$big" | grep -c "$(printf '\tS\t')Ilya Sutskever" || true)
if [ "$n" -gt 0 ]; then
	echo "== big file, the full outline in the sidebar"
	/usr/bin/python3 "$top/tests/bench/outline.py" "$fanye" "$big" "Ilya Sutskever" "$n" "$runs"
fi
# Searches against ripgrep (and less where it can search the same way).
echo "== big file, search against ripgrep and less (tests/bench/search.py)"
/usr/bin/python3 "$top/tests/bench/search.py" "$bench" "$fanye" "$big" "$runs" yes
# --outline, the whole process, three times in a row.
outline_times() {
	for _ in 1 2 3; do
		/usr/bin/time -f %e "$fanye" --outline "$1" 2>&1 >/dev/null | tail -n 1
	done | sort -n | sed -n 2p
}
echo "== big file, --outline (median of 3): $(outline_times "$big") s"
# How long a key can wait for background work: every slice timed.
if [ -n "${SLICES:-}" ] && [ -x "$SLICES" ]; then
	echo "== big file, slices of background work (tests/bench/slices)"
	"$SLICES" "$big"
fi
# A 5 GiB transcript (HUGE=0 skips it; it takes 5 GiB of /tmp and some
# minutes): search against ripgrep (less would take minutes a search),
# --outline, the slices, memory after G and a search.
if [ "${HUGE:-1}" != 0 ]; then
	huge=${BIG5:-/tmp/fanye-bench-5g.txt}
	if [ ! -f "$huge" ]; then
		echo "bench: generating $huge (5 GiB)"
		/usr/bin/python3 "$bench/gen-big.py" --mib 5120 "$huge"
	fi
	cat "$huge" >/dev/null # into the page cache, as for ripgrep
	echo "== 5 GiB, search against ripgrep"
	/usr/bin/python3 "$top/tests/bench/search.py" "$bench" "$fanye" "$huge" 3 no
	echo "== 5 GiB, --outline (median of 3): $(outline_times "$huge") s"
	if [ -n "${SLICES:-}" ] && [ -x "$SLICES" ]; then
		echo "== 5 GiB, slices of background work (tests/bench/slices)"
		"$SLICES" "$huge"
	fi
	echo "== 5 GiB, memory"
	/usr/bin/python3 "$bench/ptybench.py" --runs 3 --file "$huge" \
		--pager "fanye=$fanye --no-sidebar {file}" --pager "less=less {file}" anon
	echo "== 5 GiB, memory once the outline and the rest are made (tests/bench/memory.py)"
	/usr/bin/python3 "$top/tests/bench/memory.py" "$fanye" "$huge"
fi
