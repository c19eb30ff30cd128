#!/bin/sh
# compare-builds.sh OLD NEW PROJECT [ROUNDS] — time two builds of missive
# on copies of one generated project (bench/gen.py project + translate):
# extract, update, a cold Markdown build of ko and es, and a cold build of
# every format in every language.  OLD and NEW are build trees (each with
# core/missive, plugins/, data/).  One line per command: build, stage,
# wall, user and system seconds, peak RSS.  Used for issue 13's "no
# slowdown" against the program before ms_project (bench/README.md).
set -e
old=$1 new=$2 project=$3 rounds=${4:-2}
[ -x "$old/core/missive" ] && [ -x "$new/core/missive" ] && [ -d "$project/corpus" ] \
	|| { echo "usage: $0 OLD-BUILD NEW-BUILD PROJECT [ROUNDS]" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for v in old new; do
	mkdir -p "$work/$v/po"
	cp -r "$project/corpus" "$project/missive.yaml" "$work/$v/"
	cp "$project"/po/*.po "$project"/po/*.pot "$project"/po/LINGUAS \
	   "$project"/po/glossary.yaml "$work/$v/po/"
done
run() { # VERSION LABEL ARGS...
	v=$1 label=$2; shift 2
	if [ "$v" = old ]; then b=$old; else b=$new; fi
	(cd "$work/$v" && MISSIVE_PLUGIN_PATH=$b/plugins MISSIVE_DATADIR=$b/data \
		/usr/bin/time -f "$v	$label	%e	%U	%S	%M" "$b/core/missive" -q "$@" \
		>/dev/null 2>"$work/err" || true; tail -1 "$work/err")
}
printf 'build\tstage\twall s\tuser s\tsys s\tpeak KB\n'
i=0
while [ $i -lt "$rounds" ]; do
	for v in old new; do
		run $v extract extract
		run $v update update
		rm -rf "$work/$v/out-md"
		run $v "build md ko es" build --draft --force -l ko -l es -f md --out out-md
		rm -rf "$work/$v/out-all"
		run $v "build all formats" build --draft --force \
			-f txt -f md -f html -f pdf -f docx -f json --out out-all
	done
	i=$((i + 1))
done
