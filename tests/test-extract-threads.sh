#!/bin/sh
# test-extract-threads.sh — extract reads and segments letters in a second
# thread; the template, the diagnostics and the exit status must be those
# of a run in one thread (MISSIVE_THREADS=1), byte for byte, with good and
# broken letters mixed.
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
