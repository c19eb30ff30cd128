#!/bin/sh
# test-catalog-scaling.sh — merging extracted comments is linear (issue
# 18, item 11: a paragraph with 50,000 inline tags took 9 s to extract,
# 100,000 took 37 s: each comment line was compared with all the others).
# The cost is counted, not timed: callgrind counts the instructions run
# inside ms_catalog_add for a unit with N and with 8N tags (the driver
# tests/catalog-lines adds it three times, as three letters would); a
# linear merge costs about 8 times more, the quadratic one 64 times.
# Skipped without valgrind or in a sanitizer build.
. "$srcdir/tap.sh"

lines="$top_builddir/tests/catalog-lines"
check "the driver runs" "$lines" 2000
check_grep "every line once, in order (2000 tags, half of them met again)" \
	"3001 lines, 0 repeated, in order first" "$T/.out"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "# SKIP valgrind not installed: no instruction counts"
	done_testing
	exit $?
fi
if grep -q '^SAN_CFLAGS = -fsanitize' "$top_builddir/Makefile" 2>/dev/null; then
	echo "# SKIP sanitizer build: no instruction counts"
	done_testing
	exit $?
fi

# The instructions run inside ms_catalog_add for N tags.
cost() {
	"$top_builddir/libtool" --mode=execute valgrind --tool=callgrind \
		--callgrind-out-file="$T/cg.$1" --toggle-collect=ms_catalog_add \
		"$lines" "$1" >"$T/out.$1" 2>"$T/vg.$1" || return 1
	sed -n 's/^summary: *//p; s/^totals: *//p' "$T/cg.$1" | head -1
}
small=$(cost 2000)
large=$(cost 16000)
echo "# instructions in ms_catalog_add: ${small:-?} for 2000 tags, ${large:-?} for 16000"
tap_result $([ -n "$small" ] && [ -n "$large" ]; echo $?) "callgrind counted both runs"
tap_result $([ -n "$small" ] && [ -n "$large" ] && [ "$large" -le $((small * 16)) ]; echo $?) \
	"8 times the tags cost at most 16 times the instructions"
grep -q "24001 lines, 0 repeated, in order first" "$T/out.16000"
tap_result $? "16000 tags: every line once, in order"
done_testing
