#!/bin/sh
# test-tmx.sh — TMX with real clients: Translate Toolkit's po2tmx output
# is read by `missive tm import` and used by `missive pretranslate`;
# `missive tm export` is read back by Translate Toolkit's tmx storage
# class unit for unit; memories imported with `missive tm import` are kept
# in po/tm/ and used; broken memories are refused with located errors.
. "$srcdir/tap.sh"

export MISSIVE_DATADIR="$top_srcdir/data"
export PYTHONDONTWRITEBYTECODE=1

# A Python that has Translate Toolkit (Debian's, when python3 on PATH is
# another one).
PY=
for p in "${PYTHON:-python3}" /usr/bin/python3; do
	if "$p" -c 'import translate.storage.tmx' >/dev/null 2>&1; then PY=$p; break; fi
done
if [ -z "$PY" ] || ! command -v po2tmx >/dev/null 2>&1; then
	echo "1..0 # SKIP Translate Toolkit (po2tmx, translate.storage.tmx) not installed"
	exit 0
fi

proj="$T/proj"
mkdir -p "$proj/corpus" "$proj/po"
cp "$top_srcdir"/corpus/*.md "$proj/corpus/"
cp "$top_srcdir/po/glossary.yaml" "$top_srcdir/po/corpus.pot" "$top_srcdir/po/es.po" "$proj/po/"
printf 'es\n' > "$proj/po/LINGUAS"
printf 'source: en\nformats: [txt]\n' > "$proj/missive.yaml"
m() { "$MISSIVE" -C "$proj" "$@"; }

# --- po2tmx → missive
po2tmx -l es "$proj/po/es.po" "$T/tt.tmx" >/dev/null 2>&1
check "po2tmx wrote a memory" test -s "$T/tt.tmx"
translated=$(msgattrib --translated --no-fuzzy --no-obsolete "$proj/po/es.po" | grep -c '^msgid ')
translated=$((translated - 1))   # the header
check_exit 0 "missive tm import --check reads po2tmx's memory" m tm import --check "$T/tt.tmx"
check_grep "every translated entry is a unit" "$translated units" "$T/.err"
check_grep "all usable for en→es" "$translated for en→es" "$T/.err"
check_grep "without a problem" "0 errors, 0 warnings" "$T/.err"

# Blank three entries (one of them a label, with a context po2tmx drops)
# and fill them back from po2tmx's memory only.
cp "$proj/po/es.po" "$T/es.orig.po"
awk '
	/^msgid "Thank you\."$/ || /^msgid "Re:"$/ || /^msgid "Sincerely,"$/ { blank = 1 }
	blank && /^msgstr / { print "msgstr \"\""; blank = 0; next }
	{ print }
' "$T/es.orig.po" > "$proj/po/es.po"
check "three entries blanked" test "$(grep -c '^msgstr ""$' "$proj/po/es.po")" -ge 3
check_exit 0 "pretranslate --tm with po2tmx's memory" m pretranslate -l es --tm "$T/tt.tmx"
check_grep "the blanked entries filled" "3 untranslated: 2 exact, 1 other context" "$T/.err"
check_grep "origin comment names the TMX file" "# missive-origin: memory 100% exact $T/tt.tmx:" "$proj/po/es.po"
check_grep "the label came from another context" "other-context $T/tt.tmx:" "$proj/po/es.po"
msgattrib --clear-fuzzy "$proj/po/es.po" | grep -v '^# missive-origin' > "$T/filled.po"
msgattrib "$T/es.orig.po" > "$T/orig.po"
check "filled with the same translations as before" cmp -s "$T/filled.po" "$T/orig.po"
cp "$T/es.orig.po" "$proj/po/es.po"

# --- missive → Translate Toolkit
check_exit 0 "tm export" m tm export --lang es -o "$T/missive.tmx"
cat > "$T/compare.py" <<'EOF'
import sys
from translate.storage import tmx, po
mem = tmx.tmxfile.parsefile(sys.argv[1])
cat = po.pofile.parsefile(sys.argv[2])
want = {}
for u in cat.units:
    if u.isheader() or not u.istranslated() or u.isfuzzy() or u.isobsolete():
        continue
    want[(u.getcontext(), u.source)] = u.target
got = {}
for u in mem.units:
    got.setdefault(u.source, []).append(u.target)
missing = [k for k, v in want.items() if v not in got.get(k[1], [])]
print("units", len(mem.units), "entries", len(want), "missing", len(missing))
for k in missing[:5]:
    print("  missing:", k)
sys.exit(1 if missing or len(mem.units) != len(want) else 0)
EOF
check "Translate Toolkit reads every unit back, tags and all" "$PY" "$T/compare.py" "$T/missive.tmx" "$proj/po/es.po"
check_grep "inline tags as bpt/ept" '<bpt i="1" x="1">&lt;1&gt;</bpt>' "$T/missive.tmx"
check_grep "contexts as props" '<prop type="x-context">label</prop>' "$T/missive.tmx"
check_exit 0 "our export reads back in missive" m tm import --check "$T/missive.tmx"

# --- import keeps a memory in po/tm/ and pretranslate uses it
printf '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>\n<tu><tuv xml:lang="en"><seg>A sentence only this memory has.</seg></tuv><tuv xml:lang="es-ES"><seg>Una frase que solo tiene esta memoria.</seg></tuv></tu>\n</body></tmx>\n' > "$T/extra.tmx"
check_exit 0 "tm import keeps a clean memory" m tm import "$T/extra.tmx"
check "as po/tm/extra.tmx" cmp -s "$T/extra.tmx" "$proj/po/tm/extra.tmx"
printf '\nmsgid "A sentence only this memory has."\nmsgstr ""\n' >> "$proj/po/es.po"
check_exit 0 "pretranslate reads the imported memory" m pretranslate -l es
check_grep "and fills from it" "# missive-origin: memory 100% exact po/tm/extra.tmx:3" "$proj/po/es.po"
check_grep "the es-ES variant serves es" 'msgstr "Una frase que solo tiene esta memoria."' "$proj/po/es.po"

# --- broken memories
printf '<?xml version="1.0"?>\n<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu><tuv xml:lang="en"><seg>a <ept i="1"/></seg></tuv><tuv xml:lang="es"><seg>b</seg></tuv></tu>\n<tu><tuv><seg>c</seg></tuv></tu>\n</body></tmx>\n' > "$T/bad.tmx"
check_exit 2 "a memory with errors: exit 2" m tm import "$T/bad.tmx"
check_grep "located error (file:line:col)" "bad.tmx:5:31: error: <ept i=\"1\"> closes no <bpt>" "$T/.err"
check_grep "the next one too" "bad.tmx:6:5: error: <tuv> without xml:lang" "$T/.err"
check_grep "and not kept" "not imported" "$T/.err"
check "nothing written to po/tm" test ! -e "$proj/po/tm/bad.tmx"
printf '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&e;</seg></tuv></tu></body></tmx>\n' > "$T/xxe.tmx"
check_exit 2 "an external entity is refused" m tm import --check "$T/xxe.tmx"
check_grep "at its declaration" "xxe.tmx:2:" "$T/.err"
check "and never read" sh -c "! grep -q 'root:' '$T/.err'"
printf '<tmx version="1.4"><header srclang="en"/><body><tu>\n' > "$T/cut.tmx"
check_exit 2 "a truncated memory is refused" m tm import --check "$T/cut.tmx"
check_grep "with libxml2's location" "cut.tmx:2:1: error: malformed XML" "$T/.err"
check_exit 2 "a broken --tm stops pretranslate" m pretranslate -l es --tm "$T/bad.tmx"
check_exit 2 "a missing --tm too" m pretranslate -l es --tm "$T/nowhere.tmx"
check_exit 2 "tm export without --lang is a usage error" m tm export

done_testing
