#!/bin/bash
# --render at every width from 10 to 120 on the sample and on the interview:
# no row too wide, no kinsoku violation, the text preserved (render_props).
set -u
files=("$SRCDIR/assets/sample.txt")
if [ -f "$SHARED/corpus/interview.txt" ]; then
	files+=("$SHARED/corpus/interview.txt")
else
	echo "SKIP (interview part): $SHARED/corpus/interview.txt is absent"
fi
fail=0
for f in "${files[@]}"; do
	for w in $(seq 10 120); do
		if ! "$FANYE_BIN" --render="$w" "$f" | "$RENDER_PROPS" "$w" "$f"; then
			echo "FAIL: $f at width $w"
			fail=1
		fi
	done
done
exit $fail
