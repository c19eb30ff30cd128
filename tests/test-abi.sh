#!/bin/sh
# tests/test-abi.sh — libmissive exports exactly what its installed headers
# declare (issue 13, "nm -D shows only documented symbols"): the names the
# headers core/missive*.h declare, the list core/libmissive.sym that the
# link exports, and the dynamic symbol table of the built library are one
# and the same set.  A function added to a public header without the list,
# or an internal function leaking out, fails here.
. "$srcdir/tap.sh"

so=$top_builddir/core/.libs/libmissive.so
if ! command -v nm >/dev/null 2>&1 || [ ! -f "$so" ]; then
	echo "1..0 # SKIP nm or the shared library ($so) is missing"
	exit 0
fi

"$top_srcdir/build-aux/abi-symbols" "$top_srcdir"/core/missive*.h >"$T/declared"
grep -v '^[[:space:]]*$' "$top_srcdir/core/libmissive.sym" | sort -u >"$T/listed"
nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }' |
	sed 's/@.*//' | sort -u >"$T/exported"

n=$(wc -l <"$T/declared")
check "the installed headers declare $n functions (the parser finds them)" \
	test "$n" -gt 50
check "core/libmissive.sym lists exactly the declared functions" \
	diff -u "$T/declared" "$T/listed"
check "libmissive.so exports exactly core/libmissive.sym" \
	diff -u "$T/listed" "$T/exported"
check "the plugin entry point is not a library symbol" \
	sh -c "! grep -q '^missive_plugin_describe\$' '$T/exported'"
# Internal functions live in the convenience library the command and the
# tests link, not in the installed one.
check "an internal function (ms_catalog_merge) is not exported" \
	sh -c "! grep -q '^ms_catalog_merge\$' '$T/exported'"
done_testing
