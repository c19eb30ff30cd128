#!/bin/sh
# test-catalog-valgrind.sh — run test-catalog under valgrind: no leaks, no
# invalid accesses.  Skipped (exit 77) without valgrind or in a sanitizer
# build.  Leaks inside libgettextpo itself are suppressed, see
# tests/data/po/libgettextpo.supp.
. "$srcdir/tap.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind not installed"
	exit 0
fi
if grep -q '^SAN_CFLAGS = -fsanitize' "$top_builddir/Makefile" 2>/dev/null; then
	echo "1..0 # SKIP sanitizer build"
	exit 0
fi

"$top_builddir/libtool" --mode=execute valgrind -q --leak-check=full \
	--errors-for-leak-kinds=definite,possible --error-exitcode=99 \
	--suppressions="$srcdir/data/po/libgettextpo.supp" \
	"$top_builddir/tests/test-catalog" >"$T/tap" 2>"$T/vg"
r=$?
tap_result $([ $r -ne 99 ]; echo $?) "no leaks or memory errors under valgrind"
[ $r -ne 99 ] || sed 's/^/#   /' "$T/vg" | head -60
tap_result $([ $r -eq 0 ]; echo $?) "test-catalog passes under valgrind"
grep -q '^not ok' "$T/tap" && grep '^not ok' "$T/tap" | sed 's/^/#   /'
done_testing
