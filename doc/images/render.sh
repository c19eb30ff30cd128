#!/bin/sh
# render.sh — regenerate the page previews in doc/images from the outputs
# that `missive build` wrote (OUT/<lang>/<id>.pdf and .docx): the first
# page of each language at 80 dpi, as doc/images/NAME-<lang>.png from the
# PDF and, when LibreOffice is installed, NAME-<lang>-docx.png from the
# DOCX as LibreOffice prints it.
#
#   doc/images/render.sh [OUT [ID [NAME]]]
#
# OUT defaults to out/ at the top of the source tree, ID to the seed
# letter, NAME to "letter".  The sample previews (letter-sample-*.png)
# come from sample-001 with a logo and a signature added (see
# doc/letter-format.md, Letterhead):
#
#   doc/images/render.sh /tmp/demo/out sample-001-forced-repatriation letter-sample
#
# Needs pdftoppm (Debian package poppler-utils); soffice (libreoffice) for
# the DOCX previews.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../out}
id=${2:-000_b6b6d3f049d4ab14}
name=${3:-letter}

command -v pdftoppm >/dev/null 2>&1 || {
	echo "render.sh: pdftoppm not found; install poppler-utils" >&2
	exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
made=0
for pdf in "$out"/*/"$id.pdf"; do
	[ -f "$pdf" ] || continue
	lang=$(basename "$(dirname "$pdf")")
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$pdf" "$here/$name-$lang"
	echo "doc/images/$name-$lang.png (from $pdf)"
	made=$((made + 1))
	docx="${pdf%.pdf}.docx"
	if [ -f "$docx" ] && command -v soffice >/dev/null 2>&1; then
		mkdir -p "$tmp/$lang"
		soffice --headless --convert-to pdf --outdir "$tmp/$lang" "$docx" \
			>/dev/null 2>&1
		pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$tmp/$lang/$id.pdf" \
			"$here/$name-$lang-docx"
		echo "doc/images/$name-$lang-docx.png (from $docx, by LibreOffice)"
	fi
done
if [ "$made" -eq 0 ]; then
	echo "render.sh: no $id.pdf under $out/*/; run 'missive build' first" >&2
	exit 1
fi
