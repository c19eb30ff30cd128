#!/bin/sh
# test-build-threads.sh — build builds languages in parallel threads when
# every writer asked for is reentrant (MS_CAP_REENTRANT); the outputs, the
# messages and the exit status must be those of one thread
# (MISSIVE_THREADS=1), byte for byte: with clean catalogues, with a
# language refused by its checks, and as drafts.
. "$srcdir/tap.sh"

proj="$T/proj"
mkdir -p "$proj/corpus"
cp -r "$top_srcdir/po" "$top_srcdir/missive.yaml" "$proj/"
rm -f "$proj/po/.missive.lock"
n=0
for i in $(seq 1 8); do
	for f in "$top_srcdir"/corpus/*.md; do
		n=$((n + 1))
		cp "$f" "$proj/corpus/$(printf '%03d' $n)_$(basename "$f")"
	done
done
fmts="-f txt -f md -f html -f json -f xlf"

# build ARGS...: into $proj/out.$tag, messages into $T/err.$tag
build() {
	tag=$1; shift
	rm -rf "$proj/out.$tag"
	"$MISSIVE" -v -C "$proj" build --out "out.$tag" $fmts "$@" 2>"$T/err.$tag.raw"
	echo $? > "$T/rc.$tag"
	# -v: a line per letter and language, in the order of the work; the
	# only line of its own a threaded build adds says how it ran
	grep -v ' languages in [0-9]* threads$' "$T/err.$tag.raw" \
		| grep -v ' done in [0-9.]* s$' > "$T/err.$tag"
}
same() {
	check "$1: the same exit status" cmp "$T/rc.two" "$T/rc.one"
	check "$1: the same messages in the same order" cmp "$T/err.two" "$T/err.one"
	check "$1: the same files, byte for byte" diff -r -x .missive "$proj/out.two" "$proj/out.one"
	# the manifests: the same records, but for the files' identity
	# (inode and modification time: columns 10 to 12 of output records)
	for d in one two; do
		for f in "$proj/out.$d/.missive/manifest-"*; do
			awk -F '\t' -v OFS='\t' '$1 == "O" { $10 = $11 = $12 = "-" } $1 != "end" { print }' "$f"
		done > "$T/manifests.$d"
	done
	check "$1: the same manifests (identities aside)" cmp "$T/manifests.two" "$T/manifests.one"
}

m() { "$MISSIVE" -C "$proj" "$@"; }
check "extract and update" sh -c "'$MISSIVE' -C '$proj' extract && '$MISSIVE' -C '$proj' update"
build two
MISSIVE_THREADS=1 build one
check "every language built" test "$(ls "$proj/out.two/ko" | wc -l)" -eq $((5 * n))
check_grep "three languages were built in threads" "build: 3 languages in " "$T/err.two.raw"
check "one thread when told so" sh -c "! grep -q ' languages in ' '$T/err.one.raw'"
check_grep "the verbose log names each letter" "build 48/72: corpus/024_" "$T/err.two"
check_grep "the build in threads succeeded" "0" "$T/rc.two"
same "clean catalogues"

# Korean refused by its checks, Spanish published: the refusal and the
# findings come in the order one thread gives
sed -i 's/곳으로 강제송환하는 것을/곳으로 강제북송하는 것을/' "$proj/po/ko.po"
build two
MISSIVE_THREADS=1 build one
check_grep "Korean letters are refused" "not published in 'ko': 1 check errors concern it" "$T/err.two"
check_grep "with exit status 1" "1" "$T/rc.two"
same "a refused language"

# drafts: untranslated units and check errors, published with --draft
build two --draft
MISSIVE_THREADS=1 build one --draft
same "drafts"

# PDF and DOCX build in threads too (the PDF writer keeps a font map and
# a Pango context per thread): the same bytes as one thread, for a part
# of the letters (PDF is the slow writer)
fmts="-f pdf -f docx -f txt"
some=$(cd "$proj" && ls corpus/00[1-9]_*.md corpus/01[0-2]_*.md)
build two --draft $some
MISSIVE_THREADS=1 build one --draft $some
check_grep "PDF in threads" "build: 3 languages in " "$T/err.two.raw"
check "PDF in every language" test -s "$proj/out.two/es/001_000_b6b6d3f049d4ab14.pdf" \
	-a -s "$proj/out.two/ko/001_000_b6b6d3f049d4ab14.pdf" \
	-a -s "$proj/out.two/en/001_000_b6b6d3f049d4ab14.pdf"
check "a PDF per letter and language" test "$(ls "$proj"/out.two/*/*.pdf | wc -l)" -eq 36
same "PDF and DOCX"

# one language alone is built in threads as well (runs of its letters)
build two --draft -l es $some
MISSIVE_THREADS=1 build one --draft -l es $some
check_grep "one language in threads" "build: 1 languages in " "$T/err.two.raw"
same "one language"

done_testing
