#!/bin/sh
# tests/glossary/valgrind.sh — run test-glossary and test-check under
# valgrind: no leaks, no invalid accesses.  Skipped without valgrind or in
# a sanitizer build.  Leaks inside libgettextpo itself (reached through
# ms_catalog_read) are suppressed with tests/data/po/libgettextpo.supp.
. "$srcdir/tap.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind not installed"
	exit 0
fi
if grep -q '^SAN_CFLAGS = -fsanitize' "$top_builddir/Makefile" 2>/dev/null; then
	echo "1..0 # SKIP sanitizer build"
	exit 0
fi

for t in test-glossary test-check; do
	"$top_builddir/libtool" --mode=execute valgrind -q --leak-check=full \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
		--suppressions="$top_srcdir/tests/data/po/libgettextpo.supp" \
		"$top_builddir/tests/$t" >"$T/tap" 2>"$T/vg"
	r=$?
	tap_result $([ $r -ne 99 ]; echo $?) "$t: no leaks or memory errors under valgrind"
	[ $r -ne 99 ] || sed 's/^/#   /' "$T/vg" | head -60
	tap_result $([ $r -eq 0 ]; echo $?) "$t: passes under valgrind"
	grep '^not ok' "$T/tap" | sed 's/^/#   /'
done
done_testing
