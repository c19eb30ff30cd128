#!/bin/sh
# test-xliff-valgrind.sh — test-xliff-api and `missive import` under valgrind:
# no leaks, no invalid accesses.  Skipped without valgrind or in a
# sanitizer build.  Leaks inside libgettextpo itself are suppressed (see
# tests/data/po/libgettextpo.supp).
. "$srcdir/tap.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind not installed"
	exit 0
fi
if grep -q '^SAN_CFLAGS = -fsanitize' "$top_builddir/Makefile" 2>/dev/null; then
	echo "1..0 # SKIP sanitizer build"
	exit 0
fi
export MISSIVE_DATADIR="$top_srcdir/data"
vg() {
	"$top_builddir/libtool" --mode=execute valgrind -q --leak-check=full \
		--errors-for-leak-kinds=definite,possible --error-exitcode=99 \
		--suppressions="$top_srcdir/tests/data/po/libgettextpo.supp" "$@"
}

vg "$top_builddir/tests/test-xliff-api" >"$T/tap" 2>"$T/vg"
r=$?
tap_result $([ $r -ne 99 ]; echo $?) "test-xliff-api: no leaks or memory errors"
[ $r -ne 99 ] || sed 's/^/#   /' "$T/vg" | head -60
tap_result $([ $r -eq 0 ]; echo $?) "test-xliff-api passes under valgrind"

# the command: export, import of an edited export, hostile input
seed=000_b6b6d3f049d4ab14
proj="$T/proj"
mkdir -p "$proj/corpus" "$proj/po"
cp "$top_srcdir/corpus/$seed.md" "$proj/corpus/"
cp "$top_srcdir/po/glossary.yaml" "$top_srcdir/po/ko.po" "$proj/po/"
printf 'ko es\n' > "$proj/po/LINGUAS"
printf 'source: en\nformats: [txt]\n' > "$proj/missive.yaml"
vg "$top_builddir/tests/xliff-export" "$proj/corpus/$seed.md" "$proj/po/ko.po" ko \
	"$proj/po/glossary.yaml" >"$T/seed.xlf" 2>"$T/vg"
r=$?
tap_result $([ $r -eq 0 ]; echo $?) "xliff-export: no leaks or memory errors"
[ $r -eq 0 ] || sed 's/^/#   /' "$T/vg" | head -60
sed -e 's|<target state="translated">대한민국</target>|<target state="needs-review-translation">남한</target>|' \
	-e 's|<g id="1" ctype="underlined">북한인권조사위원회(COI)</g>|북한인권조사위원회(COI)|' \
	"$T/seed.xlf" > "$T/edited.xlf"
for f in "$T/edited.xlf" "$top_srcdir/tests/xliff/billion-laughs.xlf" "$top_srcdir/tests/xliff/malformed.xlf"; do
	(cd "$proj" && vg "$top_builddir/core/missive" import "$f") >/dev/null 2>"$T/vg"
	r=$?
	# each of these is refused in part or whole: exit 2, not a crash
	tap_result $([ $r -eq 2 ]; echo $?) "missive import $(basename "$f"): no leaks or memory errors"
	[ $r -eq 2 ] || { echo "#   exit $r"; sed 's/^/#   /' "$T/vg" | head -60; }
done
done_testing
