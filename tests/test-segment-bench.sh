#!/bin/sh
# test-segment-bench.sh — the segmenter on the benchmark sets of
# tests/segment/bench/ (written by others, and our formal set): each set's
# count of cases right and of sentences found exactly must not fall under
# the floor recorded in tests/segment/bench/floors.txt.  Scores and the
# method: doc/segmentation.md; the scorer: tests/segment/score.py.
. "$srcdir/tap.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 (Debian package python3) is not installed"
	exit 0
fi
python3 "$top_srcdir/tests/segment/score.py" --missive "$MISSIVE" \
	--floors "$top_srcdir/tests/segment/bench/floors.txt" --tap
