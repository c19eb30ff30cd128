#!/bin/sh
# test-fuzz-regress.sh — every fuzzing reproducer (fuzz/regress/<harness>/)
# and every input of the bad input table (tests/bad/<area>/) through the
# fuzz harnesses' own code, built as ordinary programs (tests/fuzz-replay.c):
# no crash, no hang, no sanitizer report in a sanitizer build.
. "$srcdir/tap.sh"

run() {   # run HARNESS FILE...
	h=$1; shift
	[ $# -gt 0 ] || return 0
	for f in "$@"; do
		[ -f "$f" ] || continue
		timeout 60 "$top_builddir/tests/fuzz-replay-$h" "$f" >"$T/out" 2>&1
		r=$?
		tap_result $r "$h: $(basename "$(dirname "$f")")/$(basename "$f")"
		[ $r -eq 0 ] || sed 's/^/#   /' "$T/out" | grep -v '^#   ok' | head -20
	done
}
run reader "$top_srcdir"/tests/bad/letter/* "$top_srcdir"/fuzz/regress/reader/*
run po "$top_srcdir"/tests/bad/po/* "$top_srcdir"/fuzz/regress/po/*
run glossary "$top_srcdir"/tests/bad/glossary/* "$top_srcdir"/fuzz/regress/glossary/*
run config "$top_srcdir"/tests/bad/config/* "$top_srcdir"/fuzz/regress/config/*
run xliff "$top_srcdir"/tests/bad/xliff/* "$top_srcdir"/fuzz/regress/xliff/*
run import "$top_srcdir"/tests/bad/xliff/* "$top_srcdir"/fuzz/regress/import/*
run writers "$top_srcdir"/fuzz/regress/writers/* "$top_srcdir"/tests/bad/letter/*
run pdf "$top_srcdir"/fuzz/regress/pdf/*
run segment "$top_srcdir"/fuzz/regress/segment/* "$top_srcdir"/tests/bad/letter/invalid-utf8.md
run match "$top_srcdir"/fuzz/regress/match/* "$top_srcdir"/tests/bad/po/markup-injection.po
done_testing
