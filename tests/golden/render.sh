#!/bin/bash
# Golden files: `fanye --render=W` at widths 20, 40 and 80 on the sample and
# on the interview must equal tests/golden/NAME.wW byte for byte.
# Set FANYE_REGEN=1 to rewrite them (then read the diff before committing).
set -u
g="$SRCDIR/tests/golden"
fail=0
check() { # name file width
	local out
	out=$("$FANYE" --render="$3" "$2"; echo x)
	out=${out%x}
	if [ "${FANYE_REGEN:-}" = 1 ]; then
		printf '%s' "$out" > "$g/$1.w$3"
		return
	fi
	if ! diff -u "$g/$1.w$3" <(printf '%s' "$out") > /tmp/fanye-golden.$$; then
		echo "FAIL: $1 at width $3:"
		head -40 /tmp/fanye-golden.$$
		fail=1
	fi
	rm -f /tmp/fanye-golden.$$
}
for w in 20 40 80; do
	check sample "$SRCDIR/assets/sample.txt" "$w"
done
if [ -f "$SHARED/corpus/interview.txt" ]; then
	for w in 20 40 80; do
		check interview "$SHARED/corpus/interview.txt" "$w"
	done
else
	echo "SKIP (interview part): $SHARED/corpus/interview.txt is absent"
fi
exit $fail
