#!/bin/sh
# test-bad.sh — the bad input table (tests/bad/cases, documented in
# doc/bad-input.md).  Each case starts from a fresh copy of a small valid
# project (tests/bad/base, extracted and updated), puts one hostile input in
# place, runs one missive command and checks:
#   - the exit code and that stderr contains the expected diagnostic;
#   - bounded time (timeout) and memory (ulimit -v, except under ASan,
#     which reserves terabytes of address space);
#   - nothing written outside out/ and po/ of the project: every other file
#     of the project, a folder beside it and the temporary folder are
#     unchanged.
# BAD_SHOW=1 prints what each case did (to write a new case).
. "$srcdir/tap.sh"

bad=$top_srcdir/tests/bad
limit_s=${BAD_TIMEOUT:-60}
limit_kb=${BAD_MEMORY_KB:-2000000}
real=$top_builddir/core/.libs/missive
[ -f "$real" ] || real=$top_builddir/core/missive
if grep -q __asan_init "$real" 2>/dev/null || [ -n "${MISSIVE_WRAPPER:-}" ]; then
	limit_kb=unlimited   # ASan and valgrind need the address space
	limit_s=${BAD_TIMEOUT:-300}   # and run several times slower
fi

# The base project, extracted and updated once.
base=$T/base
mkdir -p "$base/corpus" "$base/po"
cp "$bad/base/letter.md" "$base/corpus/letter.md"
cp "$bad/base/missive.yaml" "$base/missive.yaml"
cp "$bad/base/LINGUAS" "$base/po/LINGUAS"
"$MISSIVE" -q -C "$base" extract >/dev/null 2>&1 &&
	"$MISSIVE" -q -C "$base" update >/dev/null 2>&1
tap_result $? "the base project extracts and updates"

# ---- generated inputs: gen_NAME DEST writes DEST (a path in the project)
front_matter() {        # the base letter's front matter, "---" to "---"
	awk '{ print } /^---$/ && ++n == 2 { exit }' "$bad/base/letter.md"
}
gen_overlong_line() {   # a 4 MB paragraph on one line
	{ front_matter
	  awk 'BEGIN { s = "refoulement "; for (i = 0; i < 18; i++) s = s s; print s "." }'
	} > "$1"
}
gen_deep_quotes() {     # 50 000 nested block quotes
	{ front_matter
	  awk 'BEGIN { s = ""; for (i = 0; i < 50000; i++) s = s ">"; print s " deep" }'
	} > "$1"
}
gen_deep_lists() {      # 20 000 nested list items
	{ front_matter
	  awk 'BEGIN { for (i = 0; i < 20000; i++) { s = ""; for (j = 0; j < i % 200; j++) s = s "  "; print s "- item" } }'
	} > "$1"
}
gen_deep_emphasis() {   # 100 000 nested emphasis and link openers
	{ front_matter
	  awk 'BEGIN { s = ""; for (i = 0; i < 25000; i++) s = s "*_[<"; print s "x" }'
	} > "$1"
}
gen_deep_yaml() {       # front matter nested 100 000 flow sequences deep
	{ printf -- '---\nlang: en\nsubject: '
	  awk 'BEGIN { s = ""; for (i = 0; i < 100000; i++) s = s "["; print s }'
	  printf -- '---\nBody.\n'
	} > "$1"
}
gen_deep_glossary() {   # glossary nested 100 000 flow mappings deep
	{ printf 'version: 1\nterms:\n  - id: deep\n    source: '
	  awk 'BEGIN { s = ""; for (i = 0; i < 100000; i++) s = s "{a: "; print s }'
	} > "$1"
}
gen_many_terms() {      # 20 000 terms sharing one first word
	{ printf 'version: 1\nterms:\n'
	  awk 'BEGIN { for (i = 0; i < 20000; i++) printf "  - id: t%d\n    source: [forced thing%d]\n    ko:\n      required: [강제%d]\n", i, i, i }'
	} > "$1"
}
gen_overlong_po() {     # a 1 MB msgstr
	{ printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ko\\n"\n\n'
	  printf 'msgid "Thank you for your attention to this matter."\nmsgstr "'
	  awk 'BEGIN { s = "감사 "; for (i = 0; i < 17; i++) s = s s; printf "%s", s }'
	  printf '"\n'
	} > "$1"
}
gen_deep_xliff() {      # a target nested 100 000 <g> elements deep
	{ sed -n '1,6p' "$bad/xliff/markup-target.xlf"
	  printf '        <target state="translated">'
	  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<g id=\"1\">"; print "" }'
	  printf '</target></trans-unit></body></file></xliff>\n'
	} > "$1"
}
gen_po_dir() { rm -f "$1"; mkdir -p "$1"; }
gen_symlink_po() {      # po/ko.po a link to an out-of-date file outside
	sed '/^#:/,$d' "$1" > "$T/outside/ko.po"; rm -f "$1"
	ln -s "$T/outside/ko.po" "$1"
}
gen_symlink_out_lang() { # out/en a link to a folder outside the project
	mkdir -p "$(dirname "$1")"; ln -s "$T/outside" "$1"
}
gen_symlink_out_file() { # out/en/letter.txt a link to a file outside
	mkdir -p "$(dirname "$1")"; echo keep > "$T/outside/victim"
	ln -s "$T/outside/victim" "$1"
}
gen_symlink_out_root() { # the whole out/ a link to a folder outside
	ln -s "$T/outside" "$1"
}
gen_letter_copy() {     # the base letter under another name
	cp "$bad/base/letter.md" "$1"
}
gen_wide_table() {      # a line of 100 000 '|' (quadratic in cmark-gfm)
	{ front_matter
	  printf '| a |\n|---|\n'
	  awk 'BEGIN { s = "|"; for (i = 0; i < 17; i++) s = s s; print substr(s, 1, 100000) }'
	} > "$1"
}
gen_many_footnotes() {  # 20 000 footnotes, each referred to once
	{ front_matter
	  awk 'BEGIN { for (i = 0; i < 20000; i++) printf "x[^%d] ", i; print ""; print "";
	               for (i = 0; i < 20000; i++) printf "[^%d]: note %d\n", i, i }'
	} > "$1"
}
letter_with_logo() {    # the base letter with a letterhead whose logo is $2
	sed "/^lang: en$/a letterhead:\\n  logo: $2" "$bad/base/letter.md" > "$1"
}
gen_logo_device() {     # the logo a link to /dev/zero
	letter_with_logo "$1" zero.png
	ln -s /dev/zero "$(dirname "$1")/zero.png"
}
gen_logo_huge() {       # a 9 MB logo (sparse)
	letter_with_logo "$1" huge.png
	truncate -s 9M "$(dirname "$1")/huge.png"
}
gen_logo_pixels() {     # a 1 kB PNG whose header says 100000 x 100000
	letter_with_logo "$1" wide.png
	printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\001\206\240\0\001\206\240\010\0\0\0\0\0\0\0\0\0\0\0\0IDAT\0\0\0\0\0\0\0\0IEND\0\0\0\0' \
		> "$(dirname "$1")/wide.png"
}
gen_logo_outside() {    # the logo a PNG outside the project, through '..'
	letter_with_logo "$1" ../../outside/logo.png
	cp "$srcdir/data/paper/images/signature.png" "$T/outside/logo.png"
}
gen_logo_symlink() {    # the logo a link to a PNG outside the project
	letter_with_logo "$1" logo.png
	cp "$srcdir/data/paper/images/signature.png" "$T/outside/logo.png"
	ln -s "$T/outside/logo.png" "$(dirname "$1")/logo.png"
}
gen_logo_jpeg_cut() {   # a JPEG logo cut before its end-of-image marker
	letter_with_logo "$1" cut.jpeg
	head -c 1000 "$srcdir/data/paper/images/signature.jpeg" > "$(dirname "$1")/cut.jpeg"
}
gen_truncated_pot() {   # the template cut in the middle of a string
	awk '/^msgid "[^"]/ { print substr($0, 1, 20); exit } { print }' "$1" \
		> "$1.cut" && mv "$1.cut" "$1"
}

# State of the project outside out/ and po/, of the folder beside it and of
# the temporary folder.
snapshot() {
	( cd "$1" && find . \( -path ./out -o -path ./po \) -prune -o \
		\( -type f -o -type l \) -print | LC_ALL=C sort | while read -r f; do
		if [ -L "$f" ]; then echo "$f -> $(readlink "$f")"
		else echo "$f $(cksum < "$f")"; fi
	done )
	( cd "$T/outside" && find . | LC_ALL=C sort | while read -r f; do
		[ -f "$f" ] && echo "outside $f $(cksum < "$f")" || echo "outside $f"
	done )
	( cd "$T/tmp" && find . | LC_ALL=C sort | sed 's/^/tmp /' )
}

n=0
while IFS='|' read -r name input place cmd want expect absent; do
	name=$(echo "$name" | sed 's/^ *//; s/ *$//')
	case $name in ''|'#'*) continue ;; esac
	input=$(echo "$input" | sed 's/^ *//; s/ *$//')
	place=$(echo "$place" | sed 's/^ *//; s/ *$//')
	cmd=$(echo "$cmd" | sed 's/^ *//; s/ *$//')
	want=$(echo "$want" | sed 's/^ *//; s/ *$//')
	expect=$(echo "$expect" | sed 's/^ *//; s/ *$//')
	absent=$(echo "$absent" | sed 's/^ *!//; s/ *$//')
	n=$((n + 1))
	P=$T/p
	rm -rf "$P" "$T/outside" "$T/tmp"
	mkdir -p "$T/outside" "$T/tmp"
	cp -a "$base" "$P"
	case $input in
	@*) "gen_${input#@}" "$P/$place" ;;
	-) ;;
	*) mkdir -p "$(dirname "$P/$place")"; cp "$bad/$input" "$P/$place" ;;
	esac
	before=$(snapshot "$P")
	# shellcheck disable=SC2086
	( ulimit -v "$limit_kb" 2>/dev/null; cd "$P" &&
	  TMPDIR=$T/tmp exec timeout -s KILL "$limit_s" \
		${MISSIVE_WRAPPER:-} "$MISSIVE" $cmd ) >"$T/out.txt" 2>"$T/err.txt"
	got=$?
	after=$(snapshot "$P")
	if [ -n "${BAD_SHOW:-}" ]; then
		echo "# --- $name: exit $got"
		sed 's/^/#   /' "$T/err.txt" | head -5
	fi
	ok=0
	why=
	if [ "$got" -ne "$want" ]; then
		ok=1; why="exit $got, want $want"
		[ "$got" -eq 137 ] && why="$why (killed: over ${limit_s}s or out of memory)"
	elif [ -n "$expect" ] && ! grep -qF -- "$expect" "$T/err.txt"; then
		ok=1; why="stderr lacks: $expect"
	elif [ "$before" != "$after" ]; then
		ok=1; why="something outside out/ and po/ changed"
	elif [ -n "$absent" ] && [ ! -f "$P/${absent##*@}" ]; then
		ok=1; why="${absent##*@} was not written"
	elif [ -n "$absent" ] && grep -qiF -- "${absent%@*}" "$P/${absent##*@}"; then
		ok=1; why="${absent##*@} contains ${absent%@*}"
	fi
	tap_result $ok "$name: exit $want${expect:+, \"$expect\"}${absent:+, no ${absent%@*} in ${absent##*@}}"
	if [ $ok -ne 0 ]; then
		echo "#   $why"
		sed 's/^/#   stderr: /' "$T/err.txt" | head -8
		[ "$before" != "$after" ] && { echo "$before" > "$T/b"; echo "$after" > "$T/a"
			diff "$T/b" "$T/a" | sed 's/^/#   /' | head -10; }
	fi
done < "$bad/cases"
[ "$n" -ge 40 ]
tap_result $? "the table has at least 40 cases ($n)"
done_testing
