#!/bin/sh
# test-translate.sh — `make translate` (corpus/local.mk) on a copy of
# the project: its stamps never hide a renamed letter, a letter with an
# old date, a deleted letter or a rebuilt plugin, and a run with nothing
# changed changes nothing.
. "$srcdir/tap.sh"

if ! command -v make >/dev/null 2>&1 || [ ! -f "$top_builddir/Makefile" ]; then
	echo "1..0 # SKIP no make or no Makefile in the build tree"
	exit 0
fi
seed=000_b6b6d3f049d4ab14
s1=sample-001-forced-repatriation
P=$T/p
mkdir -p "$P/corpus" "$P/po"
cp "$top_srcdir"/corpus/*.md "$P/corpus/"
cp "$top_srcdir"/po/ko.po "$top_srcdir"/po/es.po "$top_srcdir"/po/LINGUAS \
	"$top_srcdir"/po/glossary.yaml "$top_srcdir"/po/corpus.pot "$P/po/"
printf 'source: en\nglossary: po/glossary.yaml\nformats: [txt, xlf]\nuntranslated: draft\n' \
	> "$P/missive.yaml"
cp -r "$top_builddir/plugins" "$T/plugins"

# tr: make translate on the copy; its output in $T/tr.out
tr() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$top_builddir" translate \
		TRANSLATE_PROJECT="$P" TRANSLATE_OUT="$P/out" TRANSLATE_STAMPS="$T/stamps" \
		TRANSLATE_PLUGINS="$T/plugins" V=1 > "$T/tr.out" 2>&1
}
ran() { grep -q "missive.* $1" "$T/tr.out"; }
rebuilt() { sed -n 's/.*; rebuilt: \([0-9]*\)$/\1/p' "$T/tr.out"; }
old() { touch -d '2001-01-01 00:00' "$@"; }

check "a first make translate" tr
check "it extracts" ran extract
check "it updates" ran "update --lang ko"
check "it builds every letter" test "$(rebuilt)" = 9
check "the outputs are there" test -s "$P/out/ko/$seed.txt"

check "make translate again" tr
check "extract does not run again" sh -c "! grep -q 'missive.* extract' '$T/tr.out'"
check "nor update" sh -c "! grep -q 'missive.* update' '$T/tr.out'"
check "build rebuilds nothing" test "$(rebuilt)" = 0

# renamed with mv: the letter keeps its old date
mv "$P/corpus/$s1.md" "$P/corpus/renamed.md"
check "after a rename" tr
check "extract runs" ran extract
check_grep "the template names the new file" "corpus/renamed.md" "$P/po/corpus.pot"
check "the renamed letter is published" test -s "$P/out/es/renamed.txt"
check "the old name's outputs are removed" sh -c "! ls '$P'/out/*/$s1.* 2>/dev/null"

# added with an old date
cp -p "$P/corpus/$seed.md" "$P/corpus/copy.md"
old "$P/corpus/copy.md"
check "after a letter added with an old date" tr
check "extract runs" ran extract
check "the letter is published" test -s "$P/out/ko/copy.txt"

# deleted
rm "$P/corpus/copy.md"
check "after a letter is deleted" tr
check "its outputs are removed" sh -c "! ls '$P'/out/*/copy.* 2>/dev/null"
check_grep "and reported" "is no longer in the corpus" "$T/tr.out"

# a rebuilt plugin dated in the past
printf 'rebuilt' >> "$T/plugins/.libs/text.so"
old "$T/plugins/.libs/text.so" "$T/plugins/text.la"
check "after the text plugin is rebuilt" tr
check "its outputs are written again" test "$(rebuilt)" = 9

# a translation edited, with an old date
sed -i 's/다시 행동에 나설 것을 촉구하며/다시 행동에 나서기를 촉구하며/' "$P/po/ko.po"
old "$P/po/ko.po"
check "after one translation is edited" tr
check "one letter in one language is rebuilt" test "$(rebuilt)" = 1
check_grep "with the edit" "다시 행동에 나서기를" "$P/out/ko/sample-002-abductees-detainees-pows.txt"

check "and once more, nothing changed" tr
check "nothing is rebuilt" test "$(rebuilt)" = 0
done_testing
