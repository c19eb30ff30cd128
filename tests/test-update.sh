#!/bin/sh
# test-update.sh — extract and update on the real corpus: stable output,
# translations never lost, an edited sentence becomes exactly one fuzzy
# entry with its previous msgid.
. "$srcdir/tap.sh"

proj="$T/proj"
mkdir -p "$proj"
cp -r "$top_srcdir/corpus" "$top_srcdir/po" "$top_srcdir/missive.yaml" "$proj/"
rm -f "$proj/po/.missive.lock"
m() { "$MISSIVE" -C "$proj" "$@"; }
seed=corpus/000_b6b6d3f049d4ab14.md

check "extract on the committed corpus" m extract
check "the committed template is up to date" cmp "$proj/po/corpus.pot" "$top_srcdir/po/corpus.pot"
check "update on the committed catalogues" m update
for l in ko es; do
	check "po/$l.po unchanged by update" cmp "$proj/po/$l.po" "$top_srcdir/po/$l.po"
	check "po/$l.po passes msgfmt -c" msgfmt -c -o /dev/null "$proj/po/$l.po"
	msgfmt --statistics -o /dev/null "$proj/po/$l.po" > "$T/stat.$l" 2>&1
	check "po/$l.po is fully translated" sh -c "grep -q 'translated messages' '$T/stat.$l' && ! grep -qE 'fuzzy|untranslated' '$T/stat.$l'"
done
check "po/corpus.pot passes msgfmt -c" msgfmt -c -o /dev/null "$proj/po/corpus.pot"

# a second run changes nothing, byte for byte, and leaves the mtime alone
cp -p "$proj/po/ko.po" "$T/ko.before"
m extract > /dev/null 2>&1; m update > /dev/null 2>&1
check "a second extract+update leaves po/ko.po byte-identical" cmp "$proj/po/ko.po" "$T/ko.before"
check "and does not even rewrite it" test ! "$proj/po/ko.po" -nt "$T/ko.before"

# edit one sentence of the seed letter
old='The gravity of the human rights situation in North Korea is well recognized.'
new='The gravity of the human rights situation in North Korea is widely recognized.'
sed -i "s/$old/$new/" "$proj/$seed"
check "the edit is in the letter" grep -qF "$new" "$proj/$seed"
m extract > /dev/null 2>&1
check "update after the edit" m update
nfuzzy=$(grep -c '^#, fuzzy' "$proj/po/ko.po")
tap_result $([ "$nfuzzy" -eq 1 ] && echo 0 || echo 1) "exactly one fuzzy entry in po/ko.po (got $nfuzzy)"
# the previous msgid (#|) may be wrapped over lines: join them first
sed -n '/^#, fuzzy/,/^msgstr/p' "$proj/po/ko.po" | sed -n 's/^#| \(msgid \)\{0,1\}"\(.*\)"$/\2/p' | tr -d '\n' > "$T/prev"
check_grep "the fuzzy entry keeps the previous msgid" "$old" "$T/prev"
check_grep "and carries the old translation" "북한 인권 상황의 심각성은 널리 인정되고 있습니다." "$proj/po/ko.po"
check "no obsolete entry for the edited sentence" sh -c "! grep -q '^#~ msgid \"The gravity' '$proj/po/ko.po'"
# every other translation is still there: compare translated counts
before=$(msgfmt --statistics -o /dev/null "$T/ko.before" 2>&1 | sed 's/ translated.*//')
after=$(msgfmt --statistics -o /dev/null "$proj/po/ko.po" 2>&1 | sed 's/ translated.*//')
# The old sentence is also used verbatim in a sample letter, so it stays
# translated: every translation survives, and the new one is fuzzy.
tap_result $([ "$after" -eq "$before" ] && echo 0 || echo 1) "all translations kept ($after of $before)"

# the gate: a forbidden rendering stops publication of that language, and
# it is published again once fixed
cp "$T/ko.before" "$proj/po/ko.po"
m extract > /dev/null 2>&1
m update > /dev/null 2>&1
m build --out "$T/out" > /dev/null 2>&1
check "Korean published before the bad edit" test -s "$T/out/ko/000_b6b6d3f049d4ab14.txt"
grep -n '곳으로 강제송환하는 것을' "$proj/po/ko.po" > /dev/null
check "the seed's refoulement sentence is in po/ko.po" test $? -eq 0
sed -i 's/곳으로 강제송환하는 것을/곳으로 강제북송하는 것을/' "$proj/po/ko.po"
check_exit 1 "missive check finds the forbidden rendering" m check --lang ko
check_grep "reported as glossary/forbidden" "[glossary/forbidden]" "$T/.err"
check "reported at po/ko.po:LINE" grep -qE '^po/ko.po:[0-9]+: error: \[glossary/forbidden\]' "$T/.err"
m check --lang ko --format=json > "$T/check.json" 2>/dev/null
check "JSON names the term and the verdict" sh -c "grep -q '\"verdict\": *\"forbidden\"' '$T/check.json' && grep -q '\"term\": *\"refoulement\"' '$T/check.json'"
touch "$proj/po/ko.po"
check_exit 1 "build refuses to publish Korean" m build --lang ko --out "$T/out"
check_grep "the refusal names the finding" "강제북송" "$T/.err"
sed -i 's/곳으로 강제북송하는 것을/곳으로 강제송환하는 것을/' "$proj/po/ko.po"
check "missive check is clean again" m check --lang ko
# warnings alone: exit 0, or 1 with --strict (as compilers and linters do)
cp "$proj/po/ko.po" "$T/ko.clean"
sed -i '0,/^msgid "Thank you\."$/s//# missive-ignore: punctuation\n&/' "$proj/po/ko.po"
check_exit 0 "a warning alone does not fail missive check" m check --lang ko
check_grep "it is reported" "warning: [missive-ignore]" "$T/.err"
check_grep "and counted" "0 errors, 1 warnings" "$T/.err"
check_exit 1 "with --strict it does" m check --strict --lang ko
cp "$T/ko.clean" "$proj/po/ko.po"
check "build publishes Korean once fixed" m build --lang ko --out "$T/out"
check "the Korean letter is there" test -s "$T/out/ko/000_b6b6d3f049d4ab14.txt"

# a PO for a language not in LINGUAS is reported
cp "$proj/po/es.po" "$proj/po/fr.po"
m update --lang fr > /dev/null 2> "$T/fr.err"
check_grep "a language not in LINGUAS is warned about" "not a target language" "$T/fr.err"

# a syntax error in a PO file is located and stops the update
printf 'msgid "a"\nmsgstr "b\n' > "$proj/po/es.po"
check_exit 2 "a broken PO file is an input error" m update --lang es
check "the PO error is located file:line" grep -qE 'po/es.po:[0-9]+' "$T/.err"
check_grep "the broken file is left as it was" 'msgstr "b' "$proj/po/es.po"

done_testing
