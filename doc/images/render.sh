#!/bin/sh
# render.sh — regenerate the page previews in doc/images from the PDFs
# that `missive build` wrote (OUT/<lang>/<id>.pdf): the first page of each
# language at 60 dpi, as doc/images/letter-<lang>.png.
#
#   doc/images/render.sh [OUT [ID]]
#
# OUT defaults to out/ at the top of the source tree, ID to the seed
# letter.  Needs pdftoppm (Debian package poppler-utils).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../out}
id=${2:-000_b6b6d3f049d4ab14}

command -v pdftoppm >/dev/null 2>&1 || {
	echo "render.sh: pdftoppm not found; install poppler-utils" >&2
	exit 1
}
made=0
for pdf in "$out"/*/"$id.pdf"; do
	[ -f "$pdf" ] || continue
	lang=$(basename "$(dirname "$pdf")")
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$pdf" "$here/letter-$lang"
	echo "doc/images/letter-$lang.png (from $pdf)"
	made=$((made + 1))
done
if [ "$made" -eq 0 ]; then
	echo "render.sh: no $id.pdf under $out/*/; run 'missive build' first" >&2
	exit 1
fi
