#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make bench: fanye and less side by side through a real pty
# (../shared/bench/ptybench.py), on a 100 MiB transcript made by
# ../shared/bench/gen-big.py, at 80x24.  Prints medians and the ratio to
# fanye ("first/this").  Not a test: nothing fails on a slow machine.
# Needs python3-pyte (tests/deps.sh installs it) and /usr/bin/python3.
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
