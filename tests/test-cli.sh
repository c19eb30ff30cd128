#!/bin/sh
# test-cli.sh — the missive command end to end: options, exit codes,
# plugins, build of the seed letter, located errors on bad input.
. "$srcdir/tap.sh"

seed=000_b6b6d3f049d4ab14
proj="$T/proj"
mkdir -p "$proj/corpus" "$proj/po"
cp "$top_srcdir/corpus/$seed.md" "$proj/corpus/"
printf 'ko es\n' > "$proj/po/LINGUAS"
printf 'source: en\nformats: [txt]\nuntranslated: block\n' > "$proj/missive.yaml"
m() { "$MISSIVE" -C "$proj" "$@"; }

check "--version prints the version" sh -c "'$MISSIVE' --version | grep -q '^missive [0-9]'"
check "--help lists the commands" sh -c "'$MISSIVE' --help | grep -q 'build'"
check_exit 2 "an unknown command is a usage error" "$MISSIVE" frobnicate
check_exit 2 "no command is a usage error" "$MISSIVE"
check_exit 2 "an unknown option is a usage error" "$MISSIVE" build --frobnicate
for c in extract update build segment plugins; do
	check "$c --help" "$MISSIVE" "$c" --help
done

# plugins: text is ok; a module built for another ABI is refused
check "plugins lists text as ok" sh -c "'$MISSIVE' plugins | grep -E '^text +[^ ]+ +ok +txt'"
if [ -f "$top_builddir/tests/plugins/badabi.la" ]; then
	MISSIVE_PLUGIN_PATH="$top_builddir/plugins:$top_builddir/tests/plugins" \
		"$MISSIVE" plugins > "$T/plugins.txt" 2>&1
	tap_result $? "plugins exits 0 with broken modules around"
	check_grep "the wrong-ABI module is refused" "refused" "$T/plugins.txt"
	check_grep "the refusal names the versions" "ABI" "$T/plugins.txt"
	check_grep "text still ok beside broken modules" " ok " "$T/plugins.txt"
fi

# build the source letter: the round trip letter → model → text
check "build the English letter" m build --lang en --out "$T/out"
check "out/en/<id>.txt exists" test -s "$T/out/en/$seed.txt"
if cmp -s "$T/out/en/$seed.txt" "$top_srcdir/tests/data/expected/$seed.en.txt"; then
	tap_result 0 "the text output equals the expected file"
else
	tap_result 1 "the text output equals the expected file"
	diff -u "$top_srcdir/tests/data/expected/$seed.en.txt" "$T/out/en/$seed.txt" | head -30 | sed 's/^/#   /'
fi
# nothing of the seed is lost: every body word of the letter is in the text
words_missing=0
for w in refoulement Sejong-daero PSCORE "Roberta Cohen" "78/218" "79/181" \
	"president.go.kr" "Thank you." "Sincerely," "July 9, 2025" "80th" \
	"+82 2 2100 5851/49" "Unification Academy" "Human Rights Without Frontiers (HRWF)"; do
	grep -qF -- "$w" "$T/out/en/$seed.txt" || { words_missing=$((words_missing+1)); echo "#   missing: $w"; }
done
tap_result $words_missing "the text keeps every checked fragment of the seed"
check "no line longer than 72 columns" sh -c "! awk 'length > 72' '$T/out/en/$seed.txt' | grep -q ."
check_exit 0 "a second build with nothing changed succeeds" m build --lang en --out "$T/out"

# untranslated languages: blocked without --draft, draft with it
m extract > /dev/null 2>&1
m update > /dev/null 2>&1
check_exit 1 "untranslated Korean is not published" m build --lang ko --out "$T/out"
check "no Korean output when blocked" test ! -e "$T/out/ko/$seed.txt"
check_grep "the refusal says why" "untranslated" "$T/.err"
check "--draft publishes a draft" m build --lang ko --draft --out "$T/out"
check_grep "the draft is marked" "DRAFT" "$T/out/ko/$seed.txt"

# bad input
mkdir -p "$T/bad/corpus"
printf -- '---\ndate: 2025-10-28\nsubject: [unclosed\n---\nBody.\n' > "$T/bad/corpus/bad.md"
check_exit 2 "malformed front matter is an input error" "$MISSIVE" -C "$T/bad" build --lang en --out "$T/bad/out"
check "the error is located file:line:col" grep -qE 'corpus/bad.md:[0-9]+:[0-9]+: error' "$T/.err"
check "nothing written for a bad letter" test ! -e "$T/bad/out/en/bad.txt"
printf -- '---\ndate: 2025-10-28\n\377\n---\nBody.\n' > "$T/bad/corpus/bad.md"
check_exit 2 "invalid UTF-8 is an input error" "$MISSIVE" -C "$T/bad" build --lang en --out "$T/bad/out"
check_grep "invalid UTF-8 is named" "UTF-8" "$T/.err"
check_exit 2 "an unreadable letter is an input error" m build --lang en --out "$T/out" "$T/nonexistent.md"
if [ "$(id -u)" != 0 ]; then
	mkdir -p "$T/ro" && chmod 555 "$T/ro"
	check_exit 2 "an unwritable output folder is an error" m build --lang en --out "$T/ro/out"
fi
touch "$T/file"
check_exit 2 "an output folder that is a file is an error" m build --lang en --out "$T/file/out"
check_exit 2 "an unknown format lists the available ones" m build --lang en --format nope --out "$T/out"
check_grep "available formats are listed" "txt" "$T/.err"
check_exit 2 "a bad language tag is refused" m build --lang "../x" --out "$T/out"
printf 'source: en\nformats: [txt\n' > "$T/bad/missive.yaml"
check_exit 2 "a malformed missive.yaml is an input error" "$MISSIVE" -C "$T/bad" plugins
check "missive.yaml errors are located" grep -qE 'missive.yaml:[0-9]+:[0-9]+: error' "$T/.err"
ls -a "$T/out/en" | grep -q '\.tmp' && tap_result 1 "no temporary files left" || tap_result 0 "no temporary files left"

# segment on the command line
printf 'It rained. We stayed in.\n\nA second paragraph here. It ends.\n' | "$MISSIVE" segment --lang en > "$T/seg.out"
printf 'It rained.\nWe stayed in.\nA second paragraph here.\nIt ends.\n' > "$T/seg.want"
check "segment prints one sentence per line" cmp "$T/seg.out" "$T/seg.want"
printf '밥 먹었어 너는 뭐 했어\n' | "$MISSIVE" segment --lang ko > "$T/seg.ko"
check "Korean informal text without punctuation is split" test "$(wc -l < "$T/seg.ko")" -eq 2
printf 'one line\nwraps here. Next one.\n' | "$MISSIVE" segment --lang en --mode paragraph > "$T/seg.p"
check "paragraph mode keeps the paragraph, newline as space" grep -qx 'one line wraps here. Next one.' "$T/seg.p"
printf 'good line\nbad \377 byte\n' > "$T/bad.txt"
check_exit 2 "segment refuses invalid UTF-8" sh -c "'$MISSIVE' segment --lang en < '$T/bad.txt'"
check "the UTF-8 error is located at line 2" grep -q '<stdin>:2:5: error' "$T/.err"
check_exit 2 "segment rejects an unknown mode" "$MISSIVE" segment --mode words

done_testing
