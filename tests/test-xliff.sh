#!/bin/sh
# test-xliff.sh — XLIFF with real clients: Translate Toolkit's xliff2po
# reads our export; po2xliff's output, edited, comes back through
# `missive import`; `missive build` writes out/<lang>/<id>.xlf that
# python's XML parser accepts with the states of the catalogue; hostile
# and broken XLIFF is refused with located errors and the catalogue is
# left alone.
. "$srcdir/tap.sh"

# The catalogue was extracted with the segmentation data of the tree.
export MISSIVE_DATADIR="$top_srcdir/data"
seed=000_b6b6d3f049d4ab14
data="$top_srcdir/tests/xliff"   # absolute: commands run with -C
PY=${PYTHON:-python3}
export PYTHONDONTWRITEBYTECODE=1   # the source tree may be read-only
EXPORT="$top_builddir/tests/xliff-export"

if ! command -v xliff2po >/dev/null 2>&1 || ! command -v po2xliff >/dev/null 2>&1; then
	echo "1..0 # SKIP Translate Toolkit (po2xliff, xliff2po) not installed"
	exit 0
fi

proj="$T/proj"
mkdir -p "$proj/corpus" "$proj/po"
cp "$top_srcdir/corpus/$seed.md" "$proj/corpus/"
cp "$top_srcdir/po/glossary.yaml" "$proj/po/"
printf 'ko es\n' > "$proj/po/LINGUAS"
printf 'source: en\nformats: [txt]\n' > "$proj/missive.yaml"
# The Korean catalogue of the tree, with one entry made fuzzy and one
# untranslated so that every state occurs.
awk '
	/^msgid "Prime Minister"$/ { print "#, fuzzy" }
	/^msgid "Kim Min-seok"$/ { blank = 1 }
	blank && /^msgstr / { print "msgstr \"\""; blank = 0; next }
	{ print }
' "$top_srcdir/po/ko.po" > "$proj/po/ko.po"
cp "$proj/po/ko.po" "$T/ko.orig.po"
m() { "$MISSIVE" -C "$proj" "$@"; }
po_is_orig() { cmp -s "$proj/po/ko.po" "$T/ko.orig.po"; }
reset_po() { cp "$T/ko.orig.po" "$proj/po/ko.po"; }

# --------------------------------------------------------------- export
check "export the seed letter with its Korean catalogue" \
	sh -c "'$EXPORT' '$proj/corpus/$seed.md' '$proj/po/ko.po' ko '$proj/po/glossary.yaml' > '$T/seed.xlf'"
check "the export is well-formed XLIFF 1.2 agreeing with the catalogue" \
	$PY "$data/check-xlf.py" "$T/seed.xlf" "$proj/po/ko.po"
check_grep "the fuzzy entry is needs-review-translation" "needs-review-translation 1" "$T/.out"
check_grep "the untranslated entry is new" "new 1" "$T/.out"
check_grep "glossary hints are notes" '<note from="glossary">glossary: Prime Minister → 국무총리 (ko)</note>' "$T/seed.xlf"

# (1) xliff2po reads our XLIFF back into the same msgids and msgstrs
check "xliff2po reads our export" xliff2po --progress=none "$T/seed.xlf" "$T/seed.po"
check "xliff2po's PO has our msgids and msgstrs (tags aside), fuzzy where ours is" \
	$PY "$data/compare-po.py" same-as "$proj/po/ko.po" "$T/seed.po" "$T/seed.xlf"
sed 's/^msgstr "대한민국 대통령"$/msgstr "대통령"/' "$proj/po/ko.po" > "$T/altered.po"
check_exit 1 "the comparison notices a changed msgstr" \
	$PY "$data/compare-po.py" same-as "$T/altered.po" "$T/seed.po" "$T/seed.xlf"

# ---------------------------------------------- (2) po2xliff, edit, import
check "po2xliff converts the catalogue" po2xliff --progress=none "$proj/po/ko.po" "$T/tt.xlf"
# An edit of a label (po2xliff drops msgctxt: the one "Fax:" entry is
# found by its msgid) and of a body sentence.
sed -e 's|<target state="translated">팩스:</target>|<target state="translated">팩스 번호:</target>|' \
	"$T/tt.xlf" > "$T/tt-edited.xlf"
check "the edit is in the XLIFF" grep -q '팩스 번호:' "$T/tt-edited.xlf"
check_exit 2 "without target-language and --lang the import is refused" m import "$T/tt-edited.xlf"
check "the error is located at the <file> element" grep -qE "tt-edited.xlf:3: error: <file> has no target-language" "$T/.err"
check "nothing was written" po_is_orig
check_exit 0 "import --lang ko brings the edit back" m import --lang ko "$T/tt-edited.xlf"
check "only that entry changed, translated and not fuzzy" \
	$PY "$data/compare-po.py" changed "$T/ko.orig.po" "$proj/po/ko.po" label "Fax:" "팩스 번호:" no
check_grep "the summary counts it" "imported 1, 0 for review" "$T/.err"
check "the result is a valid PO file" msgfmt -c -o /dev/null "$proj/po/ko.po"
check_exit 0 "importing the same file again is clean" m import --lang ko "$T/tt-edited.xlf"
check_grep "and changes nothing" "imported 0, 0 for review" "$T/.err"
reset_po
# needs-review comes back fuzzy; target-language added by hand this time
sed -e 's|<file |<file target-language="ko" |' \
	-e 's|<target state="translated">대한민국 대통령</target>|<target state="needs-review-translation">대한민국의 대통령</target>|' \
	"$T/tt.xlf" > "$T/tt-review.xlf"
check_exit 0 "a needs-review target is imported" m import "$T/tt-review.xlf"
check "it is fuzzy in the catalogue" \
	$PY "$data/compare-po.py" changed "$T/ko.orig.po" "$proj/po/ko.po" - "President of the Republic of Korea" "대한민국의 대통령" yes
reset_po
check_exit 0 "--dry-run reports" m import --dry-run --lang ko "$T/tt-edited.xlf"
check_grep "what it would do" "would import 1" "$T/.err"
check "--dry-run writes nothing" po_is_orig

# our own export, edited, with a check finding
sed -e 's|<target state="translated">대한민국</target>|<target state="translated">남한</target>|' \
	"$T/seed.xlf" > "$T/seed-glossary.xlf"
check_exit 1 "an import with check findings exits 1" m import "$T/seed-glossary.xlf"
check_grep "the glossary finding is reported" "[glossary/" "$T/.err"
check "the translation is imported all the same" \
	$PY "$data/compare-po.py" changed "$T/ko.orig.po" "$proj/po/ko.po" - "Republic of Korea" "남한" no
reset_po

# --------------------------------------------------- (3) missive build
if grep -q 'build_xliff' "$top_srcdir/core/project-build.c"; then
	check "missive build --format xlf writes the XLIFF" \
		m build --lang ko --format xlf --draft --out "$T/out"
	check "out/ko/<id>.xlf exists" test -s "$T/out/ko/$seed.xlf"
	check "it is well-formed, its states those of the catalogue" \
		$PY "$data/check-xlf.py" "$T/out/ko/$seed.xlf" "$proj/po/ko.po"
	check_grep "the fuzzy entry is needs-review-translation" "needs-review-translation 1" "$T/.out"
	check "the original names the letter" grep -q "original=\"corpus/$seed.md\"" "$T/out/ko/$seed.xlf"
else
	for d in "missive build --format xlf writes the XLIFF" "out/ko/<id>.xlf exists" \
		"it is well-formed, its states those of the catalogue" \
		"the fuzzy entry is needs-review-translation" "the original names the letter"; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n - $d # SKIP missive build does not call cli_build_xliff yet"
	done
fi

# --------------------------------------------------- (4) hostile input
# Every stderr line is a located diagnostic or missive's own: libxml2
# never prints.
only_diagnostics() {
	! grep -vE '^(/|missive: |[^:]+:[0-9]+(:[0-9]+)?: (error|warning|note): )' "$T/.err"
}
printf 'TOP-SECRET-%s\n' "$$" > "$T/secret"
sed "s|@SECRET@|$T/secret|" "$data/xxe.xlf" > "$T/xxe.xlf"
check_exit 2 "an external entity (XXE) is refused" m import "$T/xxe.xlf"
check "the DOCTYPE is named, located" grep -qE "xxe.xlf:2(:[0-9]+)?: error: a document type declaration \(DOCTYPE\) is not accepted" "$T/.err"
check "the secret was not read into the catalogue" sh -c "! grep -q TOP-SECRET '$proj/po/ko.po'"
check "nor into the messages" sh -c "! grep -q TOP-SECRET '$T/.err' '$T/.out'"
check "the catalogue is untouched" po_is_orig
check "only diagnostics on stderr" only_diagnostics

check_exit 2 "billion laughs is refused" timeout 20 "$MISSIVE" -C "$proj" import "$data/billion-laughs.xlf"
check_grep "refused at the DOCTYPE, nothing expanded" "DOCTYPE" "$T/.err"
check "no lol in the output" sh -c "! grep -q lollol '$T/.err' '$T/.out'"
check "the catalogue is untouched" po_is_orig

check_exit 2 "a parameter entity to the network is refused" m import "$data/parameter-entity.xlf"
check_grep "at the DOCTYPE" "DOCTYPE" "$T/.err"
check_exit 2 "an external DTD is refused" m import "$data/external-dtd.xlf"
check_grep "at the DOCTYPE" "DOCTYPE" "$T/.err"
check "the catalogue is untouched" po_is_orig

check_exit 2 "an undeclared entity is malformed XML" m import "$data/undeclared-entity.xlf"
check "located with line and column" grep -qE "undeclared-entity.xlf:7:[0-9]+: error: malformed XML: entity 'nbsp' not defined" "$T/.err"
check_exit 2 "malformed XML is refused" m import "$data/malformed.xlf"
check "located with line and column" grep -qE "malformed.xlf:7:[0-9]+: error: malformed XML: .*targte" "$T/.err"
check "only diagnostics on stderr" only_diagnostics
check_exit 2 "XLIFF 2.0 is refused" m import "$data/version-2.xlf"
check "with the version named, located" grep -qE "version-2.xlf:2: error: XLIFF version '2.0' is not supported" "$T/.err"
check_exit 2 "a file that is not XLIFF is refused" m import "$data/not-xliff.xlf"
check_grep "naming its root" "the root element is <html>" "$T/.err"
sed 's|target-language="ko"|target-language="../../etc/x"|' "$T/seed.xlf" > "$T/path.xlf"
check_exit 2 "a target-language that is not a language tag is refused" m import "$T/path.xlf"
check_grep "and named" "'../../etc/x' is not a language tag" "$T/.err"
check "the catalogue is untouched" po_is_orig

# an unknown unit: warning, skipped, exit 1
cat > "$T/unknown.xlf" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="corpus/x.md" source-language="en" target-language="ko" datatype="plaintext">
    <body>
      <trans-unit id="u1">
        <source>This sentence is in no letter.</source>
        <target state="translated">이 문장은 어느 편지에도 없습니다.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
EOF
check_exit 1 "a unit not in the catalogue is skipped with a warning" m import "$T/unknown.xlf"
check "the warning is located and names the unit" grep -qE "unknown.xlf:5: warning: unit 'u1' .* is not in po/ko.po: skipped" "$T/.err"
check "the catalogue is untouched" po_is_orig

# broken tags: refused, naming the unit; the rest of the file still comes in
sed -e 's|<g id="1" ctype="underlined">북한인권조사위원회(COI)</g>|북한인권조사위원회(COI)|' \
	-e 's|<target state="translated">대한민국</target>|<target state="translated">대한민국 (ROK)</target>|' \
	"$T/seed.xlf" > "$T/broken.xlf"
broken_id=$(grep -B3 '북한인권조사위원회(COI)는' "$T/broken.xlf" | sed -n 's/.*<trans-unit id="\([0-9a-f]*\)".*/\1/p')
check_exit 2 "a target with broken inline tags is an error" m import "$T/broken.xlf"
check "the error names the unit and what is wrong" \
	grep -qE "broken.xlf:[0-9]+: error: \[inline-tags\] unit '$broken_id' not imported: tag <1> of the source text is missing" "$T/.err"
check "the broken unit was not imported" grep -q '<1>북한인권조사위원회(COI)</1>' "$proj/po/ko.po"
check "the good unit of the same file was" \
	$PY "$data/compare-po.py" changed "$T/ko.orig.po" "$proj/po/ko.po" - "Republic of Korea" "대한민국 (ROK)" no
reset_po

# a catalogue changed while the import ran is not overwritten: the second
# XLIFF is a FIFO, so the import has read po/ko.po (for the first file)
# and waits; the translator saves; then the FIFO delivers.
if mkfifo "$T/fifo.xlf" 2>/dev/null; then
	"$MISSIVE" -C "$proj" import "$T/seed-glossary.xlf" "$T/fifo.xlf" >"$T/race.out" 2>"$T/race.err" &
	pid=$!
	exec 3>"$T/fifo.xlf"          # returns once the import opened the FIFO
	printf '\n# a translator saved this\n' >> "$proj/po/ko.po"
	cp "$proj/po/ko.po" "$T/ko.saved.po"
	cat "$T/unknown.xlf" >&3
	exec 3>&-
	wait $pid
	r=$?
	tap_result $([ $r -eq 2 ]; echo $?) "an import into a catalogue changed meanwhile fails"
	[ $r -eq 2 ] || { echo "#   exit $r"; sed 's/^/#   /' "$T/race.err"; }
	check_grep "saying why" "changed while missive was importing into it; nothing written" "$T/race.err"
	check "the translator's save is kept" cmp "$proj/po/ko.po" "$T/ko.saved.po"
	reset_po
fi

check_exit 2 "import without files is a usage error" m import
check "import --help" m import --help
check_exit 2 "a missing XLIFF file is an error" m import "$T/nonexistent.xlf"
check "the catalogue is untouched" po_is_orig

done_testing
