#!/bin/sh
# test-rebuild.sh — what a rebuild with unchanged inputs may skip.
# The publication gate's cache (out/.missive/gate-<lang>): a build with
# unchanged inputs skips the checks but reports and decides exactly as a
# run of the checks would, and any change to the catalogue, the glossary
# or missive.yaml is seen at once.  Outputs whose bytes are unchanged are
# left in place (same inode) with a fresh modification time.
. "$srcdir/tap.sh"

proj="$T/proj"
mkdir -p "$proj"
cp -r "$top_srcdir/corpus" "$top_srcdir/po" "$top_srcdir/missive.yaml" "$proj/"
rm -f "$proj/po/.missive.lock"
m() { "$MISSIVE" -C "$proj" "$@"; }
b() { m build --force -l ko -f txt "$@"; }
gate="$proj/out/.missive/gate-ko"

check_exit 0 "a clean catalogue is published" b
check "the gate's result is kept" test -f "$gate"
check_grep "with no errors" " 0" "$gate"

# plant a forbidden rendering: the checks must run again and refuse
sed -i 's/곳으로 강제송환하는 것을/곳으로 강제북송하는 것을/' "$proj/po/ko.po"
check_exit 1 "a catalogue changed to a forbidden term is refused" b
grep -v ': note: ' "$T/.err" > "$T/first.err"
check_grep "the refusal names the finding" "[glossary/forbidden]" "$T/first.err"
check_grep "the earlier publication of the blocked letter is removed" \
	"000_b6b6d3f049d4ab14.txt: note: [publish] removed the earlier publication" "$T/.err"
check "and it is gone" test ! -e "$proj/out/ko/000_b6b6d3f049d4ab14.txt"
check "a letter without the erroneous unit is still published" \
	test -s "$proj/out/ko/sample-002-abductees-detainees-pows.txt"
check_exit 1 "the same inputs are refused again (from the cache)" b
grep -v ' done in [0-9.]* s$' "$T/.err" > "$T/again.err"
check "with the same messages, byte for byte (the removal and the time aside)" \
	sh -c "grep -v ' done in [0-9.]* s\$' '$T/first.err' | cmp - '$T/again.err'"
check_exit 0 "--draft still publishes a marked draft from the cache" b --draft
check_grep "the draft build names the finding too" "[glossary/forbidden]" "$T/.err"

# the cache is keyed by the inputs and verified by its own checksum
# (issue 18 item 14): an edited result is not believed; a result that is
# consistent under the current key is used without running the checks
key=$(sed -n '1s/^missive-gate 2 \([0-9a-f]*\) .*/\1/p' "$gate")
check "the cache names its key" test -n "$key"
printf 'missive-gate 2 %s 0000000000000000 0\n' "$key" > "$gate"
check_exit 1 "a cache edited to say 'no errors' is recomputed: still refused" b
sed -i '1s/ [0-9]*$/ 0/' "$gate"
check_exit 1 "so is one with its count set to 0" b
# gate_write KEY REST: a cache file consistent under KEY (the checksum is
# FNV-1a 64 seeded with the key, over REST)
gate_write() {
	python3 - "$1" "$2" "$gate" <<'PY'
import sys
key, rest, path = sys.argv[1].encode(), sys.argv[2].encode() + b"\n", sys.argv[3]
h = 0xcbf29ce484222325
for c in key + rest:
    h = ((h ^ c) * 0x100000001b3) & (2**64 - 1)
open(path, "wb").write(b"missive-gate 2 %s %016x %s" % (key, h, rest))
PY
}
if command -v python3 >/dev/null 2>&1; then
	gate_write "$key" 0
	check_exit 0 "a consistent result under the current key is used without running the checks" b
	gate_write 0000000000000000 0
	check_exit 1 "one under another key is not" b
fi
printf 'garbage' > "$gate"
check_exit 1 "nor a damaged one" b
check "and each was replaced by a good one" grep -q '^missive-gate 2 [0-9a-f]* [0-9a-f]* [1-9]' "$gate"

# fixing the catalogue publishes again
sed -i 's/곳으로 강제북송하는 것을/곳으로 강제송환하는 것을/' "$proj/po/ko.po"
check_exit 0 "the fixed catalogue is published" b

# the glossary is an input: require another rendering and the same
# catalogue is refused
sed -i 's/required: \[강제송환\]/required: [송환금지위반]/' "$proj/po/glossary.yaml"
check_exit 1 "a glossary change is seen" b
check_grep "as a missing required rendering" "[glossary/missing]" "$T/.err"
cp "$top_srcdir/po/glossary.yaml" "$proj/po/glossary.yaml"
check_exit 0 "and undone" b

# missive.yaml is an input: turning the glossary checks into errors or
# off changes the result
printf '\nchecks:\n  glossary/missing: off\n' >> "$proj/missive.yaml"
sed -i 's/required: \[강제송환\]/required: [송환금지위반]/' "$proj/po/glossary.yaml"
check_exit 0 "a configuration change is seen (the check is off)" b

# unchanged outputs are not replaced, changed ones are
cp -r "$top_srcdir/po" "$top_srcdir/missive.yaml" "$proj/"
rm -f "$proj/po/.missive.lock"
out="$proj/out/ko/000_b6b6d3f049d4ab14.txt"
check_exit 0 "a build" b
ino1=$(stat -c %i "$out")
touch -d '2001-01-01' "$out"
check_exit 0 "the same build again (--force)" b
check "an unchanged output keeps its inode" test "$(stat -c %i "$out")" = "$ino1"
check "but is marked fresh" test "$out" -nt "$proj/po/ko.po"
sed -i 's/곳으로 강제송환하는 것을/곳으로 강제송환하는 일을/' "$proj/po/ko.po"
check_exit 0 "a build after a translation changed" b
check_grep "the output has the new translation" "강제송환하는 일을" "$out"
check "and is a new file (written beside it, then renamed)" test "$(stat -c %i "$out")" != "$ino1"

# a msgstr of blanks (a PO editor's or an XLIFF target's) is no
# translation (issue 18 item 8): its letters fall back to the source
# text (drafts: the project says `untranslated: draft`), and it is
# counted untranslated
cp "$proj/po/ko.po" "$T/ko.keep"
sed -i 's/^msgstr "감사합니다\."$/msgstr "   "/' "$proj/po/ko.po"
check_exit 0 "a build with a blank translation" b
check_grep "publishes its letters as drafts" "published in 'ko' as a draft: 1 units fall back to the source text" "$T/.err"
check_grep "with the source text, not blanks" "Thank you." "$out"
m stats --format=json -l ko > "$T/stats.json" 2>/dev/null
check "stats counts the unit as untranslated" python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
ko = [l for l in s["languages"] if l["language"] == "ko"][0]
sys.exit(0 if ko["units"]["untranslated"] == 1 else 1)' "$T/stats.json"
cp "$T/ko.keep" "$proj/po/ko.po"

done_testing
