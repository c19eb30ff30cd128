#!/bin/sh
# bench/tm-bench.sh — how fast `missive pretranslate` and `missive tm` are
# on a generated project (bench/gen.py), for doc/tm.md.  Not part of
# `make check`: times are measured, never asserted.
#
#   bench/tm-bench.sh [--letters N] [--work DIR] [--builddir DIR] [--mt]
#
# Stages, each timed with /usr/bin/time (wall, CPU user+system of the
# process and its children, peak RSS):
#   gaps            the Spanish catalogue as gen.py translates it (3 %
#                   untranslated, 3 % fuzzy) filled from itself
#   gaps+mt         the same with --mt apertium (when installed)
#   export          tm export of the translated catalogue
#   import --check  the exported TMX read back and validated
#   new catalogue   a fresh Spanish catalogue (every entry empty) filled
#                   from that TMX with --tm
#   new, mt only    a fresh catalogue filled by Apertium alone (with --mt)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
letters=1000
mt_only=no
work=
builddir=$(pwd)
while [ $# -gt 0 ]; do
	case $1 in
	--letters) letters=$2; shift 2 ;;
	--work) work=$2; shift 2 ;;
	--builddir) builddir=$2; shift 2 ;;
	--mt) mt_only=yes; shift ;;
	--help|-h) sed -n '2,19s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "tm-bench: unknown option $1" >&2; exit 2 ;;
	esac
done
M="$builddir/core/missive"
[ -x "$M" ] || { echo "tm-bench: no $M (give --builddir)" >&2; exit 2; }
[ -n "$work" ] || work=$(mktemp -d "${TMPDIR:-/tmp}/tm-bench.XXXXXX")
PY=${PYTHON:-python3}
export MISSIVE_DATADIR="$here/../data"
base="$work/base"

rm -rf "$base"
"$PY" "$here/gen.py" project "$base" --letters "$letters" >/dev/null
"$M" -q -C "$base" extract
"$PY" "$here/gen.py" translate "$base/po/corpus.pot" "$work/es.gen.po" --lang es \
	--glossary "$base/po/glossary.yaml"
entries=$(grep -c '^msgid ' "$base/po/corpus.pot")
echo "# $letters letters, $((entries - 1)) entries; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %9s %9s %9s  %s\n' stage wall cpu 'rss MB' result

run() {
	stage=$1; shift
	/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || true
	set -- $(cat "$work/time")
	printf '%-16s %8ss %8ss %9d  %s\n' "$stage" "$1" "$(echo "$2 + $3" | bc)" $(($4 / 1024)) \
		"$(grep -v '^missive: waiting' "$work/err" | tail -1 | cut -c1-150)"
}

cp "$work/es.gen.po" "$base/po/es.po"
run gaps "$M" -C "$base" pretranslate -l es
if command -v apertium >/dev/null 2>&1; then
	cp "$work/es.gen.po" "$base/po/es.po"
	run gaps+mt "$M" -C "$base" pretranslate -l es --mt apertium
fi
cp "$work/es.gen.po" "$base/po/es.po"
run export "$M" -C "$base" tm export --lang es -o "$work/es.tmx"
run 'import --check' "$M" -C "$base" tm import --check "$work/es.tmx"
rm "$base/po/es.po"
"$M" -q -C "$base" update -l es
run 'new catalogue' "$M" -C "$base" pretranslate -l es --tm "$work/es.tmx"
if [ "$mt_only" = yes ] && command -v apertium >/dev/null 2>&1; then
	rm "$base/po/es.po"
	"$M" -q -C "$base" update -l es
	words=$("$PY" "$here/gen.py" words "$base")
	run 'new, mt only' "$M" -C "$base" pretranslate -l es --mt apertium
	echo "# ($words words in the letters)"
fi
echo "# work files in $work"
