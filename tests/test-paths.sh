#!/bin/sh
# test-paths.sh — where missive writes (issue 18, items 1 and 2): never
# through a symbolic link planted in the project's po/ or out/ folders
# (out/.missive, out/report, po/.missive.lock), and a translator's save
# that lands in the last instant before `missive update` puts its new
# catalogue in place is never lost ($MISSIVE_TEST_BEFORE_REPLACE runs a
# hook in exactly that window; see ms_atomic_replace in core/fileio.h).
. "$srcdir/tap.sh"

seed=000_b6b6d3f049d4ab14
P=$T/p
mkdir -p "$P/corpus" "$P/po" "$P/out" "$T/elsewhere"
cp "$top_srcdir"/corpus/*.md "$P/corpus/"
cp "$top_srcdir"/po/ko.po "$top_srcdir"/po/es.po "$top_srcdir"/po/LINGUAS \
	"$top_srcdir"/po/glossary.yaml "$top_srcdir"/po/corpus.pot "$P/po/"
printf 'source: en\nglossary: po/glossary.yaml\nformats: [txt]\nuntranslated: draft\n' \
	> "$P/missive.yaml"
m() { "$MISSIVE" -C "$P" "$@"; }
# nothing_elsewhere: the folder the links point to is still empty
nothing_elsewhere() { test -z "$(ls -A "$T/elsewhere")"; }

# out/.missive (the gate cache, the manifests, the hash cache) as a link
ln -s "$T/elsewhere" "$P/out/.missive"
m build > /dev/null 2>&1
check "a build with out/.missive a link writes nothing through it" nothing_elsewhere
check "and still publishes" test -s "$P/out/ko/$seed.txt"
rm "$P/out/.missive"

# out/report as a link
ln -s "$T/elsewhere" "$P/out/report"
check_exit 2 "report refuses an out/report that is a link" m report
check_grep "saying so" "refusing to follow the symbolic link" "$T/.err"
check "and writes nothing through it" nothing_elsewhere
rm "$P/out/report"
check_exit 0 "report writes out/report/index.html once the link is gone" m report
check "it is there" test -s "$P/out/report/index.html"

# po/.missive.lock as a link (opening it would create the file it names)
ln -s "$T/elsewhere/lock" "$P/po/.missive.lock"
check_exit 2 "update refuses a lock file that is a link" m update
check_grep "saying so" "po/.missive.lock: error: refusing to write through a symbolic link" "$T/.err"
check "and creates nothing where it points" nothing_elsewhere
rm "$P/po/.missive.lock"

# --out folders of one's own are allowed; links below them are not
check_exit 0 "build --out DIR writes into DIR" m build -l ko --out "$T/o2"
check "the letter is there" test -s "$T/o2/ko/$seed.txt"
mkdir -p "$T/o3" && ln -s "$T/elsewhere" "$T/o3/ko"
m build -l ko --out "$T/o3" > /dev/null 2>&1
check "but not through a link below DIR" nothing_elsewhere
rm "$T/o3/ko"

# A translator saves po/ko.po right before update swaps its merge in.
sed -i '0,/Thank you\./s//Thank you very much./' "$P/corpus/$seed.md"
m extract > /dev/null 2>&1
cat > "$T/save" <<'EOF'
#!/bin/sh
# the translator's editor saves po/ko.po in the window
case "$1" in
*ko.po) printf '\nmsgid "Saved in the window"\nmsgstr "창 안에서 저장"\n' >> "$1" ;;
esac
EOF
chmod +x "$T/save"
MISSIVE_TEST_BEFORE_REPLACE="$T/save" "$MISSIVE" -C "$P" update > /dev/null 2> "$T/race.err"
tap_result $([ $? -eq 2 ]; echo $?) "update with a save in the window fails"
check_grep "saying the file changed" "po/ko.po: error: the file changed while missive worked on it" "$T/race.err"
check_grep "the save is kept" "Saved in the window" "$P/po/ko.po"
check "the other catalogue is updated" grep -q "Thank you very much" "$P/po/es.po"
check "the saved one is not (yet)" sh -c "! grep -q 'Thank you very much' '$P/po/ko.po'"
check_exit 0 "update run again" m update
check_grep "merges into the saved file" "Thank you very much" "$P/po/ko.po"
check_grep "keeping the save" "Saved in the window" "$P/po/ko.po"

done_testing
