#!/bin/sh
# test-extract-threads.sh — extract reads and segments letters and makes
# their glossary hints in worker threads, and a catalogue of more than
# 4,096 entries is written in two; the template (and an updated
# catalogue), the diagnostics and the exit status must be those of a run
# in one thread (MISSIVE_THREADS=1), byte for byte, with good and broken
# letters mixed.
. "$srcdir/tap.sh"

proj="$T/proj"
mkdir -p "$proj/corpus"
cp -r "$top_srcdir/po" "$top_srcdir/missive.yaml" "$proj/"
rm -f "$proj/po/.missive.lock"
n=0
# 60 letters: the corpus over and over (more than the worker's window),
# each copy with its own id so that references differ
for i in $(seq 1 20); do
	for f in "$top_srcdir"/corpus/*.md; do
		n=$((n + 1))
		cp "$f" "$proj/corpus/$(printf '%03d' $n)_$(basename "$f")"
	done
done
m() { "$MISSIVE" -C "$proj" "$@"; }

check_exit 0 "extract in two threads" m extract
cp "$proj/po/corpus.pot" "$T/two.pot"
cp "$T/.err" "$T/two.err"
check_exit 0 "extract in one thread" env MISSIVE_THREADS=1 "$MISSIVE" -C "$proj" extract
check "the same template" cmp "$proj/po/corpus.pot" "$T/two.pot"
check "references from all $n letters" test "$(grep -c '^#: .*060_' "$T/two.pot")" -gt 0

# A catalogue of more than 4,096 entries is written in two threads
# (po-write.c): generated letters (bench/gen.py), the same bytes; then an
# update against edited letters (fuzzy and obsolete entries mixed in).
big="$T/big"
if command -v python3 >/dev/null; then
	python3 "$top_srcdir/bench/gen.py" project "$big" --letters 130
	b() { env "$@" "$MISSIVE" -q -C "$big" extract; }
	check_exit 0 "generated letters: extract in threads" b MISSIVE_THREADS=2
	cp "$big/po/corpus.pot" "$T/big-two.pot"
	check_exit 0 "generated letters: extract in one thread" b MISSIVE_THREADS=1
	check "the same template" cmp "$big/po/corpus.pot" "$T/big-two.pot"
	check "of more than 4,096 entries" \
		test "$(grep -c '^msgid ' "$big/po/corpus.pot")" -gt 4097
	python3 "$top_srcdir/bench/gen.py" translate "$big/po/corpus.pot" "$T/old-es.po" --lang es
	python3 "$top_srcdir/bench/gen.py" project "$big" --letters 130 --edit 30
	printf 'es\n' > "$big/po/LINGUAS"
	check_exit 0 "edited letters: extract" b MISSIVE_THREADS=2
	u() { cp "$T/old-es.po" "$big/po/es.po" && env "$@" "$MISSIVE" -q -C "$big" update; }
	check_exit 0 "edited letters: update in threads" u MISSIVE_THREADS=2
	cp "$big/po/es.po" "$T/big-two.po"
	check_exit 0 "edited letters: update in one thread" u MISSIVE_THREADS=1
	# (update dates the catalogue: PO-Revision-Date may differ by a minute)
	check "the same catalogue" sh -c "grep -v '^\"PO-Revision-Date: ' '$big/po/es.po' > '$T/one.po'; grep -v '^\"PO-Revision-Date: ' '$T/big-two.po' > '$T/two.po'; cmp '$T/one.po' '$T/two.po'"
	check_grep "with obsolete entries" '#~ msgid' "$big/po/es.po"
else
	check "python3 is missing: no generated letters (skipped)" true
fi

# broken letters early, in the middle and last: same messages, same order
printf -- '---\ndate: [unclosed\n---\nBody.\n' > "$proj/corpus/002_broken.md"
printf -- '---\ndate: 2025-13-45\n---\nBody.\n' > "$proj/corpus/030_broken.md"
printf 'no front matter \377 and bad UTF-8\n' > "$proj/corpus/zzz_broken.md"
check_exit 2 "two threads: broken letters fail the run" m extract
cp "$T/.err" "$T/two.err"
check_exit 2 "one thread: the same" env MISSIVE_THREADS=1 "$MISSIVE" -C "$proj" extract
# (the closing "N of N done in S s" line has a time in it)
check "with the same diagnostics in the same order" \
	sh -c "grep -v ' done in [0-9.]* s\$' '$T/.err' > '$T/one.d'; grep -v ' done in [0-9.]* s\$' '$T/two.err' > '$T/two.d'; cmp '$T/one.d' '$T/two.d'"
check_grep "naming the first broken letter" "002_broken.md" "$T/two.err"
check_grep "and the last" "zzz_broken.md" "$T/two.err"
check "and the template is left alone" cmp "$proj/po/corpus.pot" "$T/two.pot"

done_testing
