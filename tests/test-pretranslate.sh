#!/bin/sh
# test-pretranslate.sh — `missive pretranslate` on a project with a new
# letter (tests/data/tm/new-letter.md): a translator's text is never
# touched, every entry filled is fuzzy with its origin, --dry-run writes
# nothing, and with Apertium (skipped when it is not installed) every
# sentence of the new letter gets a Spanish draft in which each glossary
# term has its required rendering and every inline tag survives.
. "$srcdir/tap.sh"

export MISSIVE_DATADIR="$top_srcdir/data"
PY=${PYTHON:-python3}
export PYTHONDONTWRITEBYTECODE=1

proj="$T/proj"
mkdir -p "$proj/corpus" "$proj/po"
cp "$top_srcdir"/corpus/*.md "$top_srcdir/tests/data/tm/new-letter.md" "$proj/corpus/"
cp "$top_srcdir/po/glossary.yaml" "$top_srcdir/po/es.po" "$top_srcdir/po/ko.po" "$proj/po/"
printf 'ko es\n' > "$proj/po/LINGUAS"
printf 'source: en\nformats: [txt]\n' > "$proj/missive.yaml"
m() { "$MISSIVE" -C "$proj" "$@"; }
# The entries of a catalogue that have a translation (fuzzy or not), as
# msgattrib lays them out: what pre-translation must leave alone.
kept() { msgattrib --translated --no-obsolete "$1" | grep -v '^"POT-Creation-Date\|^"PO-Revision-Date'; }

m extract >/dev/null 2>&1
m update >/dev/null 2>&1
cp "$proj/po/es.po" "$T/es.before.po"
cp "$proj/po/ko.po" "$T/ko.before.po"
untranslated=$(msgattrib --untranslated --no-obsolete "$proj/po/es.po" | grep -c '^msgid ')
untranslated=$((untranslated - 1))   # the header
check "the new letter leaves untranslated entries" test "$untranslated" -gt 10

check_exit 0 "--dry-run" m pretranslate --dry-run
check "--dry-run writes nothing" cmp -s "$proj/po/es.po" "$T/es.before.po"
check_exit 0 "memory only" m pretranslate
check_grep "it reports per catalogue" "po/es.po: $untranslated untranslated" "$T/.err"
kept "$T/es.before.po" > "$T/kept.before"
kept "$proj/po/es.po" > "$T/kept.after"
check "entries with a translation are left as they were" cmp -s "$T/kept.before" "$T/kept.after"
check_exit 2 "an unknown engine is a usage error" m pretranslate --mt nosuch
check_grep "naming the engines known" "no machine translation engine 'nosuch' (known: apertium (en→es))" "$T/.err"
check_exit 2 "--min-score takes a percentage" m pretranslate --min-score 0

if ! command -v apertium >/dev/null 2>&1 || ! apertium -l 2>/dev/null | grep -q 'eng-spa'; then
	echo "# SKIP Apertium tests: apertium or apertium-eng-spa not installed"
	done_testing
	exit $?
fi

check_exit 0 "Korean has no engine: memory only" m pretranslate -l ko --mt apertium
check_grep "said so" "'apertium' does not translate en into ko: memory only for ko" "$T/.err"
check "po/ko.po unchanged" cmp -s "$proj/po/ko.po" "$T/ko.before.po"
MISSIVE_APERTIUM=false check_exit 2 "an engine that fails is an error" m pretranslate -l es --mt apertium
check "and nothing is written" cmp -s "$proj/po/es.po" "$T/es.before.po"

check_exit 0 "Spanish through Apertium" m pretranslate -l es --mt apertium
check_grep "every untranslated entry filled" "$untranslated by machine" "$T/.err"
check_grep "nothing left" "; 0 left" "$T/.err"
msgattrib --only-fuzzy "$proj/po/es.po" > "$T/fuzzy.po"
filled=$(grep -c '^# missive-origin: mt Apertium' "$proj/po/es.po")
# stats counts where the translations came from (issue 20): as many by
# machine as Apertium filled, the rest by translators, none from memory
m stats -l es --format=json > "$T/stats.json" 2>"$T/.err"
check "stats: $filled translations by machine, none from memory, the rest by translators" \
	python3 -c "import json,sys; o=json.load(open(sys.argv[1]))['languages'][0]['origin']; sys.exit(0 if o['machine']==int(sys.argv[2]) and o['memory']==0 and o['translator']>0 else 1)" "$T/stats.json" "$filled"
m stats -l es > "$T/stats.txt" 2>&1
check_grep "stats says it in words" "0 from memory, $filled by machine" "$T/stats.txt"
check "each filled entry says it came from Apertium" test "$filled" -eq "$untranslated"
check "each is fuzzy" test "$(grep -c '^# missive-origin: mt' "$T/fuzzy.po")" -eq "$untranslated"
# the entries with a translation, those filled by the engine left out
by_hand() { kept "$1" | awk 'BEGIN { RS = ""; ORS = "\n\n" } !/missive-origin: mt/'; }
by_hand "$T/es.before.po" > "$T/kept.before"
by_hand "$proj/po/es.po" > "$T/kept.after"
check "the entries translated before are unchanged" cmp -s "$T/kept.before" "$T/kept.after"

# The drafts as a translator would accept them: every glossary term of
# the new letter's sentences rendered as required, every tag in place.
mkdir -p "$T/accepted/po"
cp "$proj/missive.yaml" "$T/accepted/"
cp "$proj/po/glossary.yaml" "$proj/po/LINGUAS" "$T/accepted/po/"
msgattrib --clear-fuzzy "$proj/po/es.po" > "$T/accepted/po/es.po"
"$MISSIVE" -C "$T/accepted" check -l es --format=json > "$T/findings.json" 2>/dev/null
cat > "$T/count.py" <<'EOF'
import json, sys
mt_ids = set()
block, terms = [], 0
for line in open(sys.argv[2], encoding="utf-8").read().split("\n\n"):
    if "missive-origin: mt" not in line:
        continue
    msgid = []
    on = False
    for l in line.splitlines():
        if l.startswith("msgid "):
            on = True
            msgid.append(json.loads(l[6:]))
        elif l.startswith('"') and on:
            msgid.append(json.loads(l))
        else:
            on = False
    mt_ids.add("".join(msgid))
    terms += "#. glossary:" in line and "(es)" in line
bad = {}
for l in open(sys.argv[1], encoding="utf-8"):
    f = json.loads(l)
    if f["msgid"] in mt_ids and (f["check"].startswith("glossary/") or f["check"] == "inline-tags"):
        bad.setdefault(f["check"], []).append(f["msgid"][:60])
print("entries", len(mt_ids), "with-terms", terms, "bad", sum(len(v) for v in bad.values()))
for k, v in bad.items():
    for x in v:
        print("#   ", k, x)
sys.exit(0 if terms > 5 and not bad else 1)
EOF
check "every required term right and every tag kept in the Apertium drafts" "$PY" "$T/count.py" "$T/findings.json" "$proj/po/es.po"
sed 's/^/# /' "$T/.out"

done_testing
