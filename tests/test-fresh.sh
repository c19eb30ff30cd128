#!/bin/sh
# test-fresh.sh — build decides what to rebuild from content (the
# manifest in out/.missive/), never from modification times: a no-op
# stays a no-op, and an edited translation, a renamed letter, a letter
# with an old date, a deleted letter, a rebuilt plugin, a deleted or
# altered output and a translator's save during a build all come out
# right.  Also: two letters with one id, and min-translated.
. "$srcdir/tap.sh"

seed=000_b6b6d3f049d4ab14
s1=sample-001-forced-repatriation
s2=sample-002-abductees-detainees-pows
P=$T/p
mkdir -p "$P/corpus" "$P/po"
cp "$top_srcdir"/corpus/*.md "$P/corpus/"
cp "$top_srcdir"/po/ko.po "$top_srcdir"/po/es.po "$top_srcdir"/po/LINGUAS \
	"$top_srcdir"/po/glossary.yaml "$P/po/"
printf 'source: en\nglossary: po/glossary.yaml\nformats: [txt, md, xlf]\nuntranslated: draft\n' \
	> "$P/missive.yaml"
# plugins of our own, to rebuild one
cp -r "$top_builddir/plugins" "$T/plugins"
export MISSIVE_PLUGIN_PATH="$T/plugins"

# b ARGS...: build; its messages in $T/b.err, its exit status in $T/b.rc
b() { "$MISSIVE" -C "$P" build "$@" 2> "$T/b.err"; echo $? > "$T/b.rc"; }
rebuilt() { sed -n 's/.*; rebuilt: \([0-9]*\)$/\1/p' "$T/b.err"; }
# check_rebuilt N DESCRIPTION: the last build rebuilt N letters × languages
check_rebuilt() {
	got=$(rebuilt)
	if [ "$got" = "$1" ] && [ "$(cat "$T/b.rc")" = 0 ]; then tap_result 0 "$2"; else
		tap_result 1 "$2"; echo "#   rebuilt '$got', want $1; exit $(cat "$T/b.rc")"
		sed 's/^/#   /' "$T/b.err" | head -10; fi
}
# snapshot: every file of out/ with its inode and modification time, but
# the input hash cache (.missive/hashes): it leaves out the files written
# in the last seconds and adds them on a later run, as time passes
snapshot() { (cd "$P/out" && find . -type f ! -path ./.missive/hashes | LC_ALL=C sort \
	| xargs stat -c '%n %i %.9Y') > "$1"; }
old() { touch -d '2001-01-01 00:00' "$@"; }

b
check_rebuilt 9 "a first build builds 3 letters in 3 languages"
check "with a manifest per language" test -s "$P/out/.missive/manifest-ko"
snapshot "$T/s1"
b
check_rebuilt 0 "a second build rebuilds nothing"
snapshot "$T/s2"
check "and writes nothing: every file keeps its inode and time" cmp "$T/s1" "$T/s2"

# one translation edited (with an old date): only its letter in its language
sed -i 's/다시 행동에 나설 것을 촉구하며/다시 행동에 나서기를 촉구하며/' "$P/po/ko.po"
old "$P/po/ko.po"
b
check_rebuilt 1 "one msgstr edited: one letter in one language rebuilt"
check_grep "with the new translation" "다시 행동에 나서기를" "$P/out/ko/$s2.txt"
snapshot "$T/s3"
grep -v "/ko/$s2\.\|\.missive/" "$T/s1" > "$T/s1.rest"
grep -v "/ko/$s2\.\|\.missive/" "$T/s3" > "$T/s3.rest"
check "every other output untouched" cmp "$T/s1.rest" "$T/s3.rest"

# renamed with mv (the old date kept)
mv "$P/corpus/$s1.md" "$P/corpus/renamed.md"
b
check_rebuilt 3 "a renamed letter is built under its new name in 3 languages"
check "its outputs are there" test -s "$P/out/es/renamed.txt" -a -s "$P/out/ko/renamed.md"
check "those of the old name are gone" sh -c "! ls '$P'/out/*/$s1.* 2>/dev/null"
check_grep "and their removal is reported" \
	"removed: its letter 'corpus/$s1.md' is no longer in the corpus" "$T/b.err"

# a new letter with an old date (tar, unzip, cp -p)
cp -p "$P/corpus/$seed.md" "$P/corpus/copy.md"
old "$P/corpus/copy.md"
b
check_rebuilt 3 "a new letter with an old date is built"
check "in every language" test -s "$P/out/ko/copy.txt" -a -s "$P/out/en/copy.md"
# changed, then given an old date
printf '\nA sentence nobody has translated yet.\n' >> "$P/corpus/copy.md"
old "$P/corpus/copy.md"
b
check_rebuilt 3 "a changed letter with an old date is rebuilt"
check_grep "its new sentence is published" "nobody has translated" "$P/out/ko/copy.txt"
check_grep "as drafts where it is untranslated" "as drafts: 2" "$T/b.err"

# deleted
rm "$P/corpus/copy.md"
b
check_rebuilt 0 "a deleted letter: nothing to build"
check "its outputs are removed" sh -c "! ls '$P'/out/*/copy.* 2>/dev/null"
check_grep "and reported" "removed: its letter 'corpus/copy.md' is no longer in the corpus" "$T/b.err"

# a rebuilt plugin, with an old date: its outputs are written again
so=$(ls "$T"/plugins/.libs/text.so)
printf 'rebuilt' >> "$so"
old "$so" "$T"/plugins/text.la
old "$P"/out/*/*.txt "$P"/out/*/*.md
b
check_rebuilt 9 "a rebuilt text plugin rebuilds every letter"
check "its outputs are written again" test "$P/out/ko/$seed.txt" -nt "$P/po/ko.po"
check "the other formats are not" test ! "$P/out/ko/$seed.md" -nt "$P/po/ko.po"

# outputs deleted or altered
rm "$P/out/es/$seed.md"
b
check_rebuilt 1 "a deleted output is rebuilt"
check "it is back" test -s "$P/out/es/$seed.md"
printf 'vandal\n' >> "$P/out/ko/$seed.txt"
b
check_rebuilt 1 "an altered output is rebuilt"
check "without the change" sh -c "! grep -q vandal '$P/out/ko/$seed.txt'"
# the same bytes copied with their date (cp -p): nothing to do
cp -p "$P/out/ko/$seed.txt" "$T/copy" && rm "$P/out/ko/$seed.txt" && cp -p "$T/copy" "$P/out/ko/$seed.txt"
b
check_rebuilt 0 "an output replaced by the same bytes is not rebuilt"

# a damaged manifest is not trusted
sed -i '2s/\t[0-9a-f]\{16\}\t/\t0000000000000000\t/' "$P/out/.missive/manifest-ko"
b
check_rebuilt 3 "an edited manifest is ignored: its language is rebuilt"
b
check_rebuilt 0 "and rewritten"

# A translator saves po/ko.po while build runs: the outputs come from the
# catalogue build read, and the next build sees the save, even with the
# save dated before the outputs (MISSIVE_TEST_PAUSE holds build after it
# read the catalogue, until the test has saved).
mkfifo "$T/pause"
MISSIVE_TEST_PAUSE="build-read-catalogue:$T/pause" "$MISSIVE" -C "$P" build --force -l ko \
	2> "$T/race.err" &
pid=$!
exec 3> "$T/pause"
sed -i 's/다시 행동에 나서기를 촉구하며/다시 행동에 나설 것을 촉구하며/' "$P/po/ko.po"
old "$P/po/ko.po"
exec 3>&-
wait $pid
tap_result $? "a build during which po/ko.po is saved"
check_grep "publishes what it read" "다시 행동에 나서기를" "$P/out/ko/$s2.txt"
b -l ko
check_rebuilt 1 "the next build rebuilds the letter the save changed"
check_grep "with the saved translation" "다시 행동에 나설 것을" "$P/out/ko/$s2.txt"

# two letters with one id
mkdir -p "$T/other"
cp "$P/corpus/$seed.md" "$T/other/"
"$MISSIVE" -C "$P" build -f txt "corpus/$seed.md" "$T/other/$seed.md" 2> "$T/dup.err"
tap_result $([ $? -eq 2 ]; echo $?) "two letters with one id: an error"
check_grep "naming both files" "two letters have the id '$seed': 'corpus/$seed.md' and '$T/other/$seed.md'" "$T/dup.err"
"$MISSIVE" -C "$P" extract "corpus/$seed.md" "$T/other/$seed.md" 2> "$T/dup.err"
tap_result $([ $? -eq 2 ]; echo $?) "extract refuses them too"

# min-translated: a letter with too few translated units is not published
printf 'min-translated: 99\n' >> "$P/missive.yaml"
printf '\nOne more sentence nobody translated.\n' >> "$P/corpus/$s2.md"
b -l ko -f txt
check_grep "below the threshold: blocked" "not published in 'ko': " "$T/b.err"
check_grep "saying why" "units translated, fewer than min-translated asks (99%" "$T/b.err"
check "its earlier publication is removed" test ! -e "$P/out/ko/$s2.txt"
check "the complete letters are published" test -s "$P/out/ko/$seed.txt"
b -l ko -f txt --draft
check_grep "--draft publishes it as a draft" "as drafts: 1" "$T/b.err"
sed -i 's/^min-translated: 99$/min-translated: 90/' "$P/missive.yaml"
b -l ko -f txt
check_grep "above the threshold: published as a draft (untranslated: draft)" "as drafts: 1, blocked: 0" "$T/b.err"
sed -i 's/^min-translated: 90$/min-translated: 101/' "$P/missive.yaml"
"$MISSIVE" -C "$P" build -l ko -f txt 2> "$T/bad.err"
tap_result $([ $? -eq 2 ]; echo $?) "min-translated above 100 is an error"
check "located in missive.yaml" grep -q "missive.yaml:[0-9]*:[0-9]*: error: 'min-translated' must be a whole number from 0 to 100" "$T/bad.err"

done_testing
