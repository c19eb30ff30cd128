#!/bin/sh
# test-attack-r2.sh — the defects the second attack round (doc/attack-r2.md)
# found still open, in files other helpers were editing at the time.  Each
# test asserts the behaviour the project promises; while the defect is
# open it is marked TODO, so the TAP driver counts it as an expected
# failure.  When a fix makes it pass, the driver reports an unexpected
# pass (XPASS, a failure of `make check`): remove its TODO mark then.
. "$srcdir/tap.sh"

bad=$top_srcdir/tests/bad

# todo REASON COND-EXIT-STATUS DESCRIPTION: a result marked TODO
todo() {
	tap_n=$((tap_n + 1))
	if [ "$2" -eq 0 ]; then
		echo "ok $tap_n - $3 # TODO $1"
	else
		echo "not ok $tap_n - $3 # TODO $1"
	fi
}

# A fresh copy of the small project of the bad input table, extracted and
# updated, with every entry of ko.po "translated" (a copy of its msgid).
P=$T/p
fresh() {
	rm -rf "$P" "$T/outside"
	mkdir -p "$P/corpus" "$P/po" "$T/outside"
	cp "$bad/base/letter.md" "$P/corpus/letter.md"
	cp "$bad/base/missive.yaml" "$P/missive.yaml"
	cp "$bad/base/LINGUAS" "$P/po/LINGUAS"
	"$MISSIVE" -q -C "$P" extract >/dev/null 2>&1 &&
		"$MISSIVE" -q -C "$P" update >/dev/null 2>&1 || return 1
	awk '/^msgid "/ { id = $0; sub(/^msgid /, "", id) }
	     /^msgstr ""$/ && id != "\"\"" { print "msgstr " id; next } { print }' \
		"$P/po/ko.po" > "$P/po/ko.tmp" && mv "$P/po/ko.tmp" "$P/po/ko.po"
}
# translate MSGID-PREFIX TEXT: set the msgstr of the ko.po entry whose
# msgid starts with MSGID-PREFIX (TEXT in PO syntax, escapes allowed)
translate() {
	awk -v p="msgid \"$1" -v t="$2" 'index($0, p) == 1 { hit = 1 }
	     hit && /^msgstr / { print "msgstr \"" t "\""; hit = 0; next } { print }' \
		"$P/po/ko.po" > "$P/po/ko.tmp" && mv "$P/po/ko.tmp" "$P/po/ko.po"
}
m() { "$MISSIVE" -C "$P" "$@"; }

fresh
tap_result $? "the project extracts and updates"

# ---- item 1: out/.missive and out/report as links out of the project
fresh; mkdir -p "$P/out"; ln -s "$T/outside" "$P/out/.missive"
m build --lang en >/dev/null 2>&1
[ -z "$(ls -A "$T/outside")" ]
tap_result $? \
	"item 1: build writes nothing through out/.missive linked outside"
fresh; mkdir -p "$P/out"; ln -s "$T/outside" "$P/out/report"
m report >/dev/null 2>&1
[ ! -e "$T/outside/index.html" ]
tap_result $? \
	"item 1: report writes no index.html through out/report linked outside"

# ---- item 4: deep block quotes wrap to one character a line in text
fresh
awk '/^We write/ { s = ""; for (i = 0; i < 40; i++) s = s ">"; print s " Deeply quoted words."; print ""; } { print }' \
	"$P/corpus/letter.md" > "$P/l" && mv "$P/l" "$P/corpus/letter.md"
m build --lang en >/dev/null 2>&1
grep -q 'Deeply' "$P/out/en/letter.txt"
tap_result $? \
	"item 4: a 40-deep quote keeps its words whole in the text output"

# ---- item 6: terminal control sequences from a msgstr
fresh; translate "Thank you" '감사합니다\033]0;pwned\a\033[2J.'
m check --lang ko >"$T/o" 2>&1
[ $? -eq 1 ] && grep -q 'control' "$T/o"
tap_result $? \
	"item 6: check reports control characters in a msgstr"
m build --lang ko >/dev/null 2>&1
! grep -q "$(printf '\033')" "$P/out/ko/letter.txt" 2>/dev/null
tap_result $? \
	"item 6: no ESC byte reaches out/ko/letter.txt"

# ---- item 7: noncharacters pass check, then the PDF writer fails
fresh; translate "Thank you" "$(printf '감사합니다\357\277\276.')"
m check --lang ko >"$T/o" 2>&1
[ $? -ne 0 ] && grep -q 'po/ko.po:[0-9]*: error' "$T/o"
tap_result $? \
	"item 7: check reports a noncharacter in a msgstr with its line"

# ---- item 8: a whitespace-only msgstr is published as a translation
# (the units that fall back to the source, before and after)
fallback() { sed -n 's/.*as a draft: \([0-9]*\) units fall back.*/\1/p' "$T/o"; }
fresh; m build --lang ko >"$T/o" 2>&1; n0=$(fallback)
translate "The Minister" "$(printf ' \343\200\200 ')"   # U+3000: a recipient field
m build --lang ko >"$T/o" 2>&1; n1=$(fallback)
[ "${n1:-0}" -gt "${n0:-0}" ]
tap_result $? \
	"item 8: a blank msgstr falls back to the source like an untranslated one"

# ---- item 8, continued: a msgstr of control or format characters only
# (ESC BEL; a zero-width space and a right-to-left override; a byte order
# mark and a soft hyphen) shows nothing: untranslated in every count, a
# draft falls back to the source, and the XLIFF export offers the unit
# as new
translated() {
	m stats --lang ko >"$T/o" 2>&1
	sed -n 's/^  all letters: units \([0-9]*\) translated.*/\1/p' "$T/o"
}
for invisible in '\033\007' '\342\200\213\342\200\256' '\357\273\277\302\255'; do
	fresh; t0=$(translated)
	sed 's/^formats:.*/formats: [txt, xliff]/' "$bad/base/missive.yaml" > "$P/missive.yaml"
	m build --lang ko >"$T/o" 2>&1; n0=$(fallback)
	translate "Thank you" "$(printf "$invisible")"
	t1=$(translated)
	m build --lang ko >"$T/o" 2>&1; n1=$(fallback)
	[ -n "$t0" ] && [ "${t1:-x}" = $((t0 - 1)) ] &&
		[ "${n1:-0}" = $((${n0:-0} + 1)) ] &&
		grep -q 'Thank you for your attention' "$P/out/ko/letter.txt" &&
		grep -A1 '<source>Thank you for your' "$P/out/ko/letter.xlf" |
			grep -q '<target state="new"/>'
	tap_result $? \
		"item 8: a msgstr of invisible characters ($invisible) counts as untranslated (stats, build, XLIFF)"
done

# ---- item 9: a FIFO or a device in place of an input blocked every
# command forever, or read without bound: each is refused with its path
# (within 60 s: `timeout` exits 124 on a hang)
# refused CMD PATH KIND: PATH replaced by KIND (fifo, zero, urandom)
refused() {
	fresh; cp "$top_srcdir/po/glossary.yaml" "$P/po/glossary.yaml"
	rm -f "$P/$2"
	case $3 in
	fifo) mkfifo "$P/$2" ;;
	*) ln -s "/dev/$3" "$P/$2" ;;
	esac
	timeout 60 "$MISSIVE" -C "$P" $1 >"$T/o" 2>&1
	st=$?
	[ $st -ne 0 ] && [ $st -ne 124 ] &&
		grep -q "^$2: error: .*not a regular file" "$T/o"
	tap_result $? "item 9: $3 as $2: '$1' refuses it, naming it"
}
if command -v timeout >/dev/null 2>&1 && command -v mkfifo >/dev/null 2>&1; then
	refused update po/ko.po fifo
	refused 'check --lang ko' po/ko.po zero
	refused 'build --lang ko' po/ko.po urandom
	refused extract corpus/letter.md fifo
	refused extract corpus/letter.md zero
	refused 'build --lang ko' corpus/letter.md urandom
	refused 'check --lang ko' po/glossary.yaml fifo
	refused 'check --lang ko' po/glossary.yaml zero
	# the gate cache is not an input: a FIFO there is recomputed, no hang
	fresh; m build --lang ko >/dev/null 2>&1
	rm -f "$P/out/.missive/gate-ko"; mkfifo "$P/out/.missive/gate-ko"
	timeout 60 "$MISSIVE" -C "$P" build --lang ko --force >"$T/o" 2>&1
	[ $? -ne 124 ] && [ -f "$P/out/ko/letter.txt" ]
	tap_result $? "item 9: a FIFO as out/.missive/gate-ko does not block build"
else
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - item 9: FIFOs and devices as inputs # SKIP no timeout or mkfifo"
fi

# ---- item 14: a hand-edited gate cache publishes a letter with errors
fresh; cp "$top_srcdir/po/glossary.yaml" "$P/po/glossary.yaml"
translate "We write" '강제북송을 끝내 주십시오.'
m build --lang ko >/dev/null 2>&1
key=$(head -1 "$P/out/.missive/gate-ko" 2>/dev/null | cut -d' ' -f3)
printf 'missive-gate 1 %s 0\n' "$key" > "$P/out/.missive/gate-ko"
rm -rf "$P/out/ko"
m build --lang ko >/dev/null 2>&1
[ ! -e "$P/out/ko/letter.txt" ]
tap_result $? \
	"item 14: a forged gate cache does not publish a blocked letter"

# ---- item 17: a misspelt language key in the glossary
fresh
printf 'version: 1\nterms:\n  - id: refoulement\n    source: [refoulement]\n    kr:\n      required: [강제송환]\n' \
	> "$P/po/glossary.yaml"
m check --lang ko >"$T/o" 2>&1
grep -q "glossary.yaml:5:.*kr" "$T/o"
tap_result $? \
	"item 17: a glossary language key that is no target language is reported"

# ---- item 19: a plural expression dividing by zero
fresh
sed 's/^"Language: ko\\n"$/&\n"Plural-Forms: nplurals=2; plural=n\/0;\\n"/' "$P/po/ko.po" \
	> "$P/po/ko.tmp" && mv "$P/po/ko.tmp" "$P/po/ko.po"
m check --lang ko >"$T/o" 2>&1
[ $? -ne 0 ] && grep -q 'division by zero\|plural' "$T/o"
tap_result $? \
	"item 19: check reports plural=n/0 as msgfmt -c does"

# ---- item 20: dates before the Gregorian reform
fresh
sed 's/^date: .*/date: 1582-10-10/' "$P/corpus/letter.md" > "$P/l" && mv "$P/l" "$P/corpus/letter.md"
m build --lang en >/dev/null 2>&1
grep -q 'October 10, 1582' "$P/out/en/letter.txt"
tap_result $? \
	"item 20: 1582-10-10 is printed as October 10, 1582 (proleptic Gregorian)"

# ---- new: po/LINGUAS that cannot be read
fresh; rm "$P/po/LINGUAS"; mkdir "$P/po/LINGUAS"
m update >"$T/o" 2>&1
[ $? -eq 2 ] && grep -q 'po/LINGUAS' "$T/o"
tap_result $? \
	"new: a folder in place of po/LINGUAS is an error, not zero languages"

# ---- new: bidirectional overrides in a msgstr
fresh; translate "Thank you" "$(printf '감사\342\200\256합니다.')"
m check --lang ko >"$T/o" 2>&1
grep -q 'po/ko.po:[0-9]*: \(error\|warning\).*\(bidi\|U+202E\|direction\)' "$T/o"
tap_result $? \
	"new: check reports a right-to-left override in a msgstr"

# ---- item 16: line feeds in XLIFF language attributes forge log lines
fresh
sed 's/target-language="ko"/target-language="ko\&#10;po\/ko.po:1: error: forged"/' \
	"$bad/xliff/unknown-unit.xlf" > "$P/in.xlf"
m import in.xlf >"$T/o" 2>&1
! grep -q '^po/ko.po:1: error: forged' "$T/o"
tap_result $? \
	"item 16: a target-language with a line feed cannot forge a diagnostic line"

done_testing
