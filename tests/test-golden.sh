#!/bin/sh
# test-golden.sh — every letter × language × format, byte for byte.
#
# tests/data/golden/project is a frozen copy of the corpus (corpus/,
# po/ko.po, po/es.po as they were when this test was written) plus
# kitchen-sink.md, a letter that uses every part of the format and every
# kind of block and inline.  `missive build` publishes it in en, ko and es
# in every format, and each output must equal the expected one in
# tests/data/golden/expected/:
#   - text formats (txt, md, html, json, xlf) are kept whole and compared
#     with cmp (a mismatch prints the diff);
#   - PDF and DOCX are compared by SHA-256 (expected/SHA256SUMS); beside
#     each one a readable form is kept (<id>.pdf.txt from pdftotext
#     -layout, <id>.docx.xml with the archive's XML parts) so that a
#     mismatch shows what changed, not only that something did.
#
# The inputs are frozen so that this test fails when code changes an
# output, not when translators change a catalogue.
#
# Outputs are meant to change on purpose (a writer learns footnotes, a
# profile gets new quotation marks).  After such a change, look at the
# differences, then regenerate the expected outputs and commit them with
# the change that explains them:
#
#   make golden            (runs this script with --update)
#
# To follow a newer corpus, copy corpus/*.md and po/{ko,es}.po into
# tests/data/golden/project first, then run `make golden`.
. "$srcdir/tap.sh"

G="$srcdir/data/golden"
E="$G/expected"
update=false
[ "${1:-}" = "--update" ] && update=true

for tool in pdftotext unzip sha256sum; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool not installed (poppler-utils, unzip, coreutils)"
		exit 0
	fi
done

"$MISSIVE" -C "$G/project" build --out "$T/out" > "$T/build.log" 2>&1
r=$?
tap_result $r "the golden project builds"
[ $r -eq 0 ] || sed 's/^/#   /' "$T/build.log" | tail -20

# readable FILE: the readable form of a binary output, on stdout.
readable() {
	case $1 in
	*.pdf) pdftotext -layout "$1" - ;;
	*.docx) for part in $(zipinfo -1 "$1"); do
			echo "=== $part"
			# unzip reads the name as a pattern: "[" must be escaped
			unzip -p "$1" "$(printf '%s' "$part" | sed 's/[][*?]/\\&/g')"
			echo
		done ;;
	esac
}

# The produced files, as "lang/id.ext", sorted.
(cd "$T/out" && find . -path ./.missive -prune -o -type f -print) \
	| sed 's|^\./||' | LC_ALL=C sort > "$T/produced"

if $update; then
	rm -rf "$E"
	mkdir -p "$E"
	: > "$T/sums"
	while read -r f; do
		mkdir -p "$E/$(dirname "$f")"
		case $f in
		*.pdf|*.docx)
			(cd "$T/out" && sha256sum "$f") >> "$T/sums"
			readable "$T/out/$f" > "$E/$f.$(case $f in *.pdf) echo txt;; *) echo xml;; esac)"
			;;
		*) cp "$T/out/$f" "$E/$f" ;;
		esac
	done < "$T/produced"
	cp "$T/produced" "$E/FILES"
	cp "$T/sums" "$E/SHA256SUMS"
	tap_result 0 "expected outputs written to $E ($(wc -l < "$T/produced") files)"
	done_testing
	exit
fi

check "the same outputs are produced (expected/FILES)" \
	diff "$E/FILES" "$T/produced"

while read -r f; do
	case $f in
	*.pdf|*.docx)
		want=$(grep "  $f\$" "$E/SHA256SUMS" | cut -d' ' -f1)
		got=$(cd "$T/out" && sha256sum "$f" | cut -d' ' -f1)
		if [ -n "$want" ] && [ "$want" = "$got" ]; then
			tap_result 0 "$f is byte-identical"
		else
			tap_result 1 "$f is byte-identical"
			ext=$(case $f in *.pdf) echo txt;; *) echo xml;; esac)
			readable "$T/out/$f" > "$T/readable"
			if [ -f "$E/$f.$ext" ] && cmp -s "$E/$f.$ext" "$T/readable"; then
				echo "#   the text is the same: layout or encoding changed"
			else
				diff -u "$E/$f.$ext" "$T/readable" | head -40 | sed 's/^/#   /'
			fi
		fi
		;;
	*)
		if cmp -s "$E/$f" "$T/out/$f"; then
			tap_result 0 "$f is byte-identical"
		else
			tap_result 1 "$f is byte-identical"
			diff -u "$E/$f" "$T/out/$f" | head -40 | sed 's/^/#   /'
		fi
		;;
	esac
done < "$T/produced"
done_testing
