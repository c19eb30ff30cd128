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
check "with no errors" sh -c "! grep -q '^[pf]	' '$gate'"
check "and each entry checked" grep -q '^e	[0-9a-f]*$' "$gate"

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
ctx=$(sed -n '1s/^missive-gate 3 \([0-9a-f]*\) .*/\1/p' "$gate")
cat=$(sed -n '1s/^missive-gate 3 [0-9a-f]* \([0-9a-f]*\) .*/\1/p' "$gate")
check "the cache names its key" test -n "$ctx" -a -n "$cat"
printf 'missive-gate 3 %s %s 0000000000000000\n' "$ctx" "$cat" > "$gate"
check_exit 1 "a cache edited to say 'no errors' is recomputed: still refused" b
grep -v '^f	' "$gate" > "$T/gate" && cp "$T/gate" "$gate"
check_exit 1 "so is one with its errors taken out" b
# gate_write CONTEXT CATALOGUE REST: a cache file consistent under its
# key (the checksum is FNV-1a 64 over the head line, then REST)
gate_write() {
	python3 - "$1" "$2" "$3" "$gate" <<'PY'
import sys
ctx, cat, rest, path = sys.argv[1], sys.argv[2], sys.argv[3].encode(), sys.argv[4]
head = ("missive-gate 3 %s %s" % (ctx, cat)).encode()
h = 0xcbf29ce484222325
for c in head + rest:
    h = ((h ^ c) * 0x100000001b3) & (2**64 - 1)
open(path, "wb").write(head + b" %016x\n" % h + rest)
PY
}
if command -v python3 >/dev/null 2>&1; then
	gate_write "$ctx" "$cat" ""
	check_exit 0 "a consistent result under the current key is used without running the checks" b
	gate_write 0000000000000000 "$cat" ""
	check_exit 1 "one under another context is not" b
	gate_write "$ctx" 0000000000000000 ""
	check_exit 1 "nor one of another catalogue that holds none of its entries" b
fi
printf 'garbage' > "$gate"
check_exit 1 "nor a damaged one" b
check "and each was replaced by a good one" \
	grep -q '^missive-gate 3 [0-9a-f]\{16\} [0-9a-f]\{16\} [0-9a-f]\{16\}$' "$gate"
check_grep "which holds the error" "glossary/forbidden" "$gate"

# another entry edited: only the entries the cache does not hold are
# checked again; the unchanged entry keeps its error, at its line of
# today (two lines added above it), as a run of every check gives it
b >/dev/null 2>&1
sed -i '0,/^msgid "/s//# a translator'"'"'s note\n# another one\nmsgid "/' "$proj/po/ko.po"
sed -i 's/^msgstr "감사합니다\."$/msgstr "감사합니다!"/' "$proj/po/ko.po"
check_exit 1 "a catalogue with another entry edited is refused again" b
grep -v ' done in [0-9.]* s$' "$T/.err" > "$T/partial.err"
check "the cache holds every entry" grep -q '^e	' "$gate"
# the cache's word for an unchanged entry is believed: its error, with a
# message planted in the cache (checksum redone), comes back after
# another entry is edited
python3 - "$gate" <<'PY'
import sys
path = sys.argv[1]
data = open(path, "rb").read()
nl = data.index(b"\n")
head, rest = data[:nl].rsplit(b" ", 1)[0], data[nl + 1:]
lines = rest.split(b"\n")
for i, x in enumerate(lines):
    f = x.split(b"\t")
    if f[0] == b"f" and f[3] == b"glossary/forbidden":
        f[9] = b"planted in the cache"
        lines[i] = b"\t".join(f)
rest = b"\n".join(lines)
h = 0xcbf29ce484222325
for c in head + rest:
    h = ((h ^ c) * 0x100000001b3) & (2**64 - 1)
open(path, "wb").write(head + b" %016x\n" % h + rest)
PY
sed -i 's/^msgstr "감사합니다!"$/msgstr "감사합니다!!"/' "$proj/po/ko.po"
check_exit 1 "a third edit elsewhere" b
check_grep "the unchanged entry's error comes from the cache" "planted in the cache" "$T/.err"
rm -f "$gate"
check_exit 1 "the same catalogue with every check run" b
grep -v ' done in [0-9.]* s$' "$T/.err" > "$T/full.err"
check "the same findings, lines and messages" cmp "$T/partial.err" "$T/full.err"
was=$(sed -n 's/^po\/ko.po:\([0-9]*\): error: \[glossary\/forbidden\].*/\1/p' "$T/first.err" | head -1)
check_grep "at the entry's new line" "po/ko.po:$((was + 2)): error: [glossary/forbidden]" "$T/partial.err"
sed -i 's/^msgstr "감사합니다!!"$/msgstr "감사합니다."/' "$proj/po/ko.po"

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

# the project's own language profiles are an input of every output and
# of the gate: a profile added to lang/ (the same Korean profile, with
# another date pattern) rebuilds the Korean letters without --force
m build -l ko -f txt >/dev/null 2>&1
check_exit 0 "a build with nothing to do" m -v build -l ko -f txt
check_grep "rebuilds nothing" "rebuilt: 0" "$T/.err"
mkdir -p "$proj/lang"
cp "$top_srcdir/data/lang/ko.yaml" "$proj/lang/ko.yaml"
check_exit 0 "a build after a profile was added to lang/" m -v build -l ko -f txt
check "rebuilds the letters" sh -c "grep -q 'rebuilt: [1-9]' '$T/.err'"
check_exit 0 "and after that, nothing again" m -v build -l ko -f txt
check_grep "rebuilds nothing" "rebuilt: 0" "$T/.err"

# The units index (issue 19): each letter's record in the manifest keeps
# the hashes of its units' keys (K lines), so that after a catalogue edit
# the letters are found fresh or stale without being read again.  What
# the index gives is checked against the entries hash recorded when the
# letter was built: an index that does not match (edited, its checksum
# redone) only makes its letter read again.
man="$proj/out/.missive/manifest-ko"
s1=sample-001-forced-repatriation
m build -l ko -f txt >/dev/null 2>&1
check "the manifest keeps each letter's units index" grep -q "^K	$s1	[0-9a-f]\{16\}" "$man"
grep "^K	$s1	" "$man" > "$T/k1"
sed -i 's/한국 역시 이 기준에 미치지 못한 바 있습니다\./한국 역시 이 기준에 이르지 못한 바 있습니다./' "$proj/po/ko.po"
check_exit 0 "a build after one msgstr of one letter was edited" m -v build -l ko -f txt
check_grep "rebuilds that letter only" "rebuilt: 1" "$T/.err"
check_grep "with the edit" "이르지 못한 바" "$proj/out/ko/$s1.txt"
if command -v python3 >/dev/null 2>&1; then
	# the letter's index replaced by another letter's, the checksum
	# (FNV-1a 64 of every line before "end") redone
	python3 - "$man" "$s1" <<'PY'
import sys
path, letter = sys.argv[1], sys.argv[2].encode()
lines = open(path, "rb").read().split(b"\n")[:-2]   # "end" and the last ""
ks = [i for i, x in enumerate(lines) if x.startswith(b"K\t")]
mine = [i for i in ks if lines[i].split(b"\t")[1] == letter][0]
other = [i for i in ks if i != mine][0]
lines[mine] = b"K\t" + letter + b"\t" + lines[other].split(b"\t")[2]
body = b"\n".join(lines) + b"\n"
h = 0xcbf29ce484222325
for c in body:
    h = ((h ^ c) * 0x100000001b3) & (2**64 - 1)
open(path, "wb").write(body + b"end\t%016x\n" % h)
PY
	sed -i 's/한국 역시 이 기준에 이르지 못한 바 있습니다\./한국 역시 이 기준에 미치지 못한 바 있습니다./' "$proj/po/ko.po"
	check_exit 0 "a build with that letter's index planted from another letter" m -v build -l ko -f txt
	check_grep "rebuilds the letter all the same" "rebuilt: 1" "$T/.err"
	check_grep "with the edit" "미치지 못한 바" "$proj/out/ko/$s1.txt"
	check_exit 0 "and after that, nothing to do" m -v build -l ko -f txt
	check_grep "rebuilds nothing" "rebuilt: 0" "$T/.err"
	check "its index is its own again" sh -c "grep '^K	$s1	' '$man' | cmp -s - '$T/k1'"
fi

done_testing
