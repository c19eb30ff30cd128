#!/bin/sh
# test-report.sh — missive stats and missive report: the counts agree
# with msgfmt --statistics, the publish states and findings are those
# missive build and missive check give, everything is escaped, and the
# page rendered by headless Chromium shows the numbers of
# `missive stats --format=json`.
. "$srcdir/tap.sh"

seed=000_b6b6d3f049d4ab14
proj="$T/proj"
mkdir -p "$proj/corpus" "$proj/po"
cp "$top_srcdir/corpus/$seed.md" "$top_srcdir/corpus/sample-001-forced-repatriation.md" "$proj/corpus/"
cp "$top_srcdir/po/ko.po" "$top_srcdir/po/es.po" "$top_srcdir/po/LINGUAS" "$proj/po/"
cp "$top_srcdir/po/glossary.yaml" "$proj/po/"
printf 'source: en\ndomain: corpus\nglossary: po/glossary.yaml\nformats: [txt]\nuntranslated: draft\n' > "$proj/missive.yaml"
m() { (cd "$proj" && timeout 120 "$MISSIVE" "$@"); }

# Korean: one entry untranslated, one fuzzy, one number changed (an
# error of the numbers check) and a hostile translation to escape.
python3 - "$proj/po/ko.po" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
entries = s.split("\n\n")
done = {"untranslated": False, "fuzzy": False, "number": False}
for i, e in enumerate(entries):
    if "msgid \"\"\nmsgstr \"\"\n\"Project" in e or "#~" in e or "#, fuzzy" in e:
        continue
    m = re.search(r'\nmsgstr "(.+)"$', e)
    if not m or "\nmsgid \"\"\n" in e:
        continue
    only_seed = "corpus/000_" in e and "sample-001" not in e and len(m.group(1)) > 20
    if not done["number"] and re.search(r'msgid "[^"]*30107', e):
        entries[i] = e[:m.start()] + e[m.start():].replace("30107", "30108<script>alert(1)</script>&amp;")
        done["number"] = True
    elif not done["untranslated"] and only_seed:
        entries[i] = e[:m.start()] + '\nmsgstr ""'
        done["untranslated"] = True
    elif not done["fuzzy"] and only_seed and "\n#," not in e:
        lines = e.split("\n")
        k = next(j for j, l in enumerate(lines) if not l.startswith("#"))
        entries[i] = "\n".join(lines[:k] + ["#, fuzzy"] + lines[k:])
        done["fuzzy"] = True
assert all(done.values()), done
open(p, "w", encoding="utf-8").write("\n\n".join(entries))
PY
tap_result $? "prepare a Korean catalogue with an error, a fuzzy and an untranslated entry"

# ---- stats
check_exit 0 "stats exits 0" m stats
cp "$T/.out" "$T/stats.txt"
check_grep "stats names the Korean catalogue" "ko (po/ko.po)" "$T/stats.txt"
check_grep "stats has a line per letter" "  $seed: units" "$T/stats.txt"
check_exit 0 "stats --format=json exits 0" m stats --format=json
cp "$T/.out" "$T/stats.json"
check "stats JSON parses" python3 -m json.tool "$T/stats.json"
# the per-language unit counts are msgfmt's
for l in ko es; do
	msgfmt --statistics -o /dev/null "$proj/po/$l.po" 2> "$T/msgfmt-$l.txt"
	python3 - "$T/stats.json" "$l" "$T/msgfmt-$l.txt" > "$T/cmp-$l.txt" <<'PY'
import json, re, sys
st = json.load(open(sys.argv[1]))
lang = next(x for x in st["languages"] if x["language"] == sys.argv[2])
text = open(sys.argv[3]).read()
def n(pat):
    m = re.search(r"(\d+) " + pat, text)
    return int(m.group(1)) if m else 0
got = (lang["units"]["translated"], lang["units"]["fuzzy"], lang["units"]["untranslated"])
want = (n("translated"), n("fuzzy"), n("untranslated"))
print("missive", got, "msgfmt", want)
sys.exit(0 if got == want else 1)
PY
	tap_result $? "$l: units translated/fuzzy/untranslated agree with msgfmt --statistics"
	sed 's/^/#   /' "$T/cmp-$l.txt"
done
python3 - "$T/stats.json" > "$T/ko.txt" <<'PY'
import json, sys
st = json.load(open(sys.argv[1]))
ko = next(x for x in st["languages"] if x["language"] == "ko")
seed = next(x for x in ko["letters"] if x["id"].startswith("000_"))
other = next(x for x in ko["letters"] if x["id"].startswith("sample-001"))
ok = (ko["units"]["fuzzy"] == 1 and ko["units"]["untranslated"] == 1
      and seed["units"]["fuzzy"] == 1 and seed["units"]["untranslated"] == 1
      and other["units"]["fuzzy"] == 0 and other["units"]["untranslated"] == 0
      and seed["words"]["untranslated"] > 3 and seed["words"]["fuzzy"] > 3
      and ko["words"]["translated"] > 100)
print(ko["units"], seed["units"], seed["words"])
sys.exit(0 if ok else 1)
PY
tap_result $? "the fuzzy and untranslated units are counted for their letter only"
sed 's/^/#   /' "$T/ko.txt"
check_exit 2 "stats rejects an unknown format" m stats --format=xml
check_exit 2 "report rejects an unknown format" m report --format=pdf

# ---- report as JSON: publish states and findings
check_exit 0 "report --format=json exits 0" m report --format=json
cp "$T/.out" "$T/report.json"
python3 - "$T/report.json" "$seed" > "$T/states.txt" <<'PY'
import json, sys
rp = json.load(open(sys.argv[1]))
ko = next(x for x in rp["languages"] if x["language"] == "ko")
es = next(x for x in rp["languages"] if x["language"] == "es")
seed = next(x for x in ko["letters"] if x["id"] == sys.argv[2])
nums = [f for f in ko["findings"] if f["check"] == "numbers"]
checks = [
    ("ko has check errors", ko["check_errors"] >= 1),
    ("the seed letter, whose unit has the error, is blocked", seed["state"] == "blocked"),
    ("its reasons name the check error", any(r.startswith("1 check error in") for r in seed["reasons"])),
    ("the other Korean letter is published: the error is not in its units",
     all(x["state"] == "published" and not x["reasons"] for x in ko["letters"] if x is not seed)),
    ("the seed letter also lists 2 missing units", any(r.startswith("2 units") for r in seed["reasons"])),
    ("Spanish letters are published", all(x["state"] == "published" for x in es["letters"])),
    ("the numbers finding is listed", len(nums) == 1),
    ("it has the PO line", nums and nums[0]["line"] > 0 and nums[0]["file"] == "po/ko.po"),
    ("it names the letter paragraph", nums and any(r.startswith("corpus/" + sys.argv[2] + ".md:") for r in nums[0]["letters"])),
]
bad = [n for n, ok in checks if not ok]
print("failed:", bad)
sys.exit(1 if bad else 0)
PY
tap_result $? "report JSON: publish states, reasons and findings"
sed 's/^/#   /' "$T/states.txt"
line=$(python3 -c 'import json,sys; rp=json.load(open(sys.argv[1])); print(next(f for l in rp["languages"] for f in l["findings"] if f["check"]=="numbers")["line"])' "$T/report.json")
check "the finding's line is the msgid line in po/ko.po" \
	sh -c "sed -n '${line}p' '$proj/po/ko.po' | grep -q '^msgid '"
# the same as missive check finds
m check --format=json > "$T/check.json" 2>/dev/null
check "missive check reports the same numbers finding" grep -q "\"line\":$line,.*\"check\":\"numbers\"" "$T/check.json"
# a draft, not blocked, once the error is fixed
sed -i 's/30108<script>alert(1)<\/script>&amp;/30107/' "$proj/po/ko.po"
m report --format=json > "$T/report2.json" 2>/dev/null
python3 - "$T/report2.json" "$seed" <<'PY'
import json, sys
rp = json.load(open(sys.argv[1]))
ko = next(x for x in rp["languages"] if x["language"] == "ko")
st = {x["id"]: x["state"] for x in ko["letters"]}
sys.exit(0 if st[sys.argv[2]] == "draft" and list(st.values()).count("published") == 1 else 1)
PY
tap_result $? "without check errors: the incomplete letter is a draft, the other published"
printf 'source: en\ndomain: corpus\nglossary: po/glossary.yaml\nformats: [txt]\nuntranslated: block\n' > "$proj/missive.yaml"
m report --format=json > "$T/report3.json" 2>/dev/null
check "with 'untranslated: block' it is blocked" \
	python3 -c 'import json,sys; rp=json.load(open(sys.argv[1])); ko=[l for l in rp["languages"] if l["language"]=="ko"][0]; sys.exit(0 if any(x["state"]=="blocked" for x in ko["letters"]) else 1)' "$T/report3.json"
# and missive build agrees: the seed letter is not published in Korean
m build --lang ko --out "$T/out" > /dev/null 2>&1
check "missive build does not publish the blocked letter either" test ! -e "$T/out/ko/$seed.txt"
check "missive build publishes the complete one" test -s "$T/out/ko/sample-001-forced-repatriation.txt"
# back to the version with the error for the page
sed -i 's/msgstr "(30107)/msgstr "(30108<script>alert(1)<\/script>\&amp;)/' "$proj/po/ko.po"
printf 'source: en\ndomain: corpus\nglossary: po/glossary.yaml\nformats: [txt]\nuntranslated: draft\n' > "$proj/missive.yaml"

# ---- the HTML page
check_exit 0 "report writes the page" m report
html="$proj/out/report/index.html"
check "out/report/index.html exists" test -s "$html"
check "report --out DIR writes DIR/index.html" m report --out "$T/elsewhere"
check "the page in DIR exists" test -s "$T/elsewhere/index.html"
# findings silenced by a missive-ignore comment are listed as suppressed
# (with the comment's reason), and counted nowhere (issue 17)
check "report JSON lists a suppressed finding with its reason" python3 -c '
import json, sys
rp = json.load(open(sys.argv[1]))
ko = [l for l in rp["languages"] if l["language"] == "ko"][0]
sup = [f for f in ko["findings"] if f.get("suppressed")]
ok = sup and all(f["suppress_reason"] for f in sup) and any(f["check"] == "punctuation" for f in sup)
ok = ok and ko["check_warnings"] == len([f for f in ko["findings"] if f["severity"] == "warning" and not f.get("suppressed")])
sys.exit(0 if ok else 1)' "$T/report.json"
check_grep "the page shows it as suppressed" 'class="finding warning suppressed"' "$html"
check_grep "with the reason" "(suppressed: the Korean copy label takes a colon" "$html"
check_grep "the hostile translation is escaped" "&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;" "$html"
check "no script element in the page" sh -c "! grep -qi '<script' '$html'"
check_grep "the PO entry is linked relative to the page" "href=\"../../po/ko.po\">po/ko.po:$line</a>" "$html"
check_grep "the letter paragraph is linked" "href=\"../../corpus/$seed.md\">corpus/$seed.md:" "$html"
check_grep "the blocked state is shown" 'class="badge blocked"' "$html"

if command -v chromium >/dev/null 2>&1; then
	chrome() {
		timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic \
			--no-first-run --disable-background-networking --disable-component-update \
			--disable-sync --user-data-dir="$T/chrome" "$@" 2>>"$T/chrome.log"
	}
	chrome --dump-dom "file://$html" > "$T/dom.html"
	check "Chromium renders the page" test -s "$T/dom.html"
	python3 "$srcdir/report-numbers.py" "$T/dom.html" "$T/stats.json" "$T/report.json" > "$T/numbers.txt" 2>&1
	tap_result $? "the numbers on the rendered page are those of stats --format=json"
	sed 's/^/  /' "$T/numbers.txt" | sed 's/^  # /# /'
	chrome --window-size=1000,1400 --screenshot="$T/report.png" "file://$html" > /dev/null
	check "Chromium takes a screenshot" test -s "$T/report.png"
else
	echo "ok - # SKIP chromium not installed"
fi
# ---- bad input: located errors and a clean exit, never a crash
bad="$T/bad"
mkdir -p "$bad/corpus" "$bad/po"
cp "$top_srcdir/corpus/$seed.md" "$bad/corpus/"
printf -- '---\ntitle: [\n---\n' > "$bad/corpus/broken.md"
printf 'ja ko\n' > "$bad/po/LINGUAS"
printf 'source: en\n' > "$bad/missive.yaml"
cp "$top_srcdir/po/ko.po" "$bad/po/"
(cd "$bad" && "$MISSIVE" report --format=json) > "$T/bad.json" 2>/dev/null
check "a missing catalogue and an unreadable letter: report still exits 0" test $? -eq 0
python3 - "$T/bad.json" <<'PY'
import json, sys
rp = json.load(open(sys.argv[1]))
st = {(l["language"], x["id"]): (x["state"], " ".join(x["reasons"])) for l in rp["languages"] for x in l["letters"]}
ok = (st[("ja", "broken")][0] == "blocked" and "no catalogue" in st[("ja", "000_b6b6d3f049d4ab14")][1]
      and st[("ko", "broken")][0] == "blocked" and "cannot be read" in st[("ko", "broken")][1]
      and st[("ko", "000_b6b6d3f049d4ab14")][0] == "published")
sys.exit(0 if ok else 1)
PY
tap_result $? "they are blocked, with the reason; the good letter is published"
printf 'msgid "x\n' > "$bad/po/ko.po"
for c in stats report; do
	(cd "$bad" && "$MISSIVE" $c) > /dev/null 2> "$T/bad-$c.err"
	check "$c on a broken catalogue exits 2" test $? -eq 2
	check_grep "$c reports where the catalogue is broken" "po/ko.po:1:" "$T/bad-$c.err"
done

# ---- progress on long stages
sample=sample-001-forced-repatriation
( cd "$proj" && "$MISSIVE" build --lang es --format txt --force --out "$T/p" ) > /dev/null 2> "$T/plain.err"
check_grep "not a terminal: one line for the stage" "missive: build: 2 of 2 done in" "$T/plain.err"
check "not a terminal: no bar" sh -c "! grep -q '\[#' '$T/plain.err'"
( cd "$proj" && "$MISSIVE" -q build --lang es --format txt --force --out "$T/p" ) > /dev/null 2> "$T/quiet.err"
check "--quiet: no stage line" sh -c "! grep -q 'done in' '$T/quiet.err'"
( cd "$proj" && "$MISSIVE" -v build --lang es --format txt --force --out "$T/p" ) > /dev/null 2> "$T/verbose.err"
check_grep "--verbose: a line per letter" "missive: build 2/2: corpus/$sample.md" "$T/verbose.err"
if command -v script >/dev/null 2>&1; then
	( cd "$proj" && NO_COLOR= CI= script -qec "'$MISSIVE' build --format txt --force --out '$T/p'" /dev/null ) > "$T/tty.out" 2>&1
	check_grep "on a terminal: a bar with counts" "] 6/6 0:0" "$T/tty.out"
	check "on a terminal: the bar is redrawn in place" grep -q "$(printf '\r\033\[K')build \[" "$T/tty.out"
	check "on a terminal: diagnostics are coloured" grep -q "$(printf '\033\[1;31m')" "$T/tty.out"
	( cd "$proj" && NO_COLOR=1 CI=1 script -qec "'$MISSIVE' build --format txt --force --out '$T/p'" /dev/null ) > "$T/ci.out" 2>&1
	check "CI set: no bar on a terminal" sh -c "! grep -q '\[#' '$T/ci.out'"
	check "NO_COLOR set: no colour on a terminal" sh -c "! grep -q \"$(printf '\033\[1;3')\" '$T/ci.out'"
	check_grep "CI set: the stage line" "missive: build: 6 of 6 done in" "$T/ci.out"
else
	echo "ok - # SKIP script (util-linux) not installed: no terminal tests"
fi
done_testing
