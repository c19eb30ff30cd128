#!/bin/sh
# test-nls.sh — missive speaks Korean and Spanish: the catalogues of the
# "missive" domain (po/cli) are complete and valid, the build tree's
# locale/ folder is used through MISSIVE_LOCALEDIR, and --help, the
# diagnostics of missive check and the status report are translated.
#
# On Debian 12 (glibc 2.36) no extra locale is needed: C.UTF-8 is not
# "C", so gettext honours LANGUAGE with it:
#     LC_ALL=C.UTF-8 LANGUAGE=ko missive --help
# while with LC_ALL=C (or POSIX) gettext ignores LANGUAGE and stays English.
. "$srcdir/tap.sh"

export MISSIVE_LOCALEDIR="$top_builddir/locale"
po="$top_srcdir/po/cli"
k() { LC_ALL=C.UTF-8 LANGUAGE=ko "$MISSIVE" "$@"; }
e() { LC_ALL=C.UTF-8 LANGUAGE=es "$MISSIVE" "$@"; }

for l in ko es; do
	check "$l: the build tree has locale/$l/LC_MESSAGES/missive.mo" \
		test -s "$MISSIVE_LOCALEDIR/$l/LC_MESSAGES/missive.mo"
	check "$l.po passes msgfmt -c" msgfmt -c -o /dev/null "$po/$l.po"
	msgfmt --statistics -o /dev/null "$po/$l.po" 2> "$T/$l.stats"
	check "$l.po has no fuzzy or untranslated entry" \
		sh -c "! grep -Eq 'fuzzy|untranslated' '$T/$l.stats'"
	sed 's/^/#   /' "$T/$l.stats"
done
# every message of the sources is in the catalogues (else: make update-cli-po)
(cd "$top_srcdir" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 -C \
	-f po/cli/POTFILES -o "$T/now.pot") 2> "$T/xgettext.err"
tap_result $? "xgettext extracts the messages of po/cli/POTFILES"
for l in ko es; do
	msgcmp "$po/$l.po" "$T/now.pot" > "$T/msgcmp-$l.txt" 2>&1
	r=$?
	tap_result $r "$l.po has every message of the sources (else run make update-cli-po)"
	[ $r -eq 0 ] || sed 's/^/#   /' "$T/msgcmp-$l.txt" | head -10
done
# every source file with messages is listed in POTFILES
(cd "$top_srcdir" && grep -l -E '\b_\("|N_\("' core/*.c plugins/*/*.c) | sort > "$T/marked"
grep -v '^#' "$po/POTFILES" | sort > "$T/listed"
comm -23 "$T/marked" "$T/listed" > "$T/unlisted"
check "po/cli/POTFILES lists every source file with messages" test ! -s "$T/unlisted"
sed 's/^/#   not listed: /' "$T/unlisted"

k --help > "$T/ko-help.txt"
check_grep "LANGUAGE=ko --help speaks Korean" "사용법:" "$T/ko-help.txt"
check_grep "the Korean --help lists the commands in Korean" "번역 현황 보고서" "$T/ko-help.txt"
e --help > "$T/es-help.txt"
check_grep "LANGUAGE=es --help speaks Spanish" "Uso: " "$T/es-help.txt"
check_grep "the Spanish --help says usted" "Traduce y publica cartas formales" "$T/es-help.txt"
LC_ALL=C LANGUAGE=ko "$MISSIVE" --help > "$T/c-help.txt"
check_grep "with LC_ALL=C gettext ignores LANGUAGE: English" "Usage:" "$T/c-help.txt"
LC_ALL=C.UTF-8 LANGUAGE= "$MISSIVE" --help > "$T/en-help.txt"
check_grep "without LANGUAGE: English" "Translate and publish formal letters" "$T/en-help.txt"
e frobnicate 2> "$T/es-usage.txt"
check_grep "usage errors in Spanish" "no es una orden de missive" "$T/es-usage.txt"

# missive check in Spanish: a Korean catalogue with a changed number
seed=000_b6b6d3f049d4ab14
proj="$T/proj"
mkdir -p "$proj/corpus" "$proj/po"
cp "$top_srcdir/corpus/$seed.md" "$proj/corpus/"
cp "$top_srcdir/po/ko.po" "$top_srcdir/po/LINGUAS" "$proj/po/"
printf 'source: en\nformats: [txt]\n' > "$proj/missive.yaml"
sed -i 's/^msgstr "(30107) /msgstr "(30108) /' "$proj/po/ko.po"
check "the test catalogue has the changed number" grep -q '^msgstr "(30108) ' "$proj/po/ko.po"
(cd "$proj" && LC_ALL=C.UTF-8 LANGUAGE=es timeout 120 "$MISSIVE" check --lang ko po/ko.po) 2> "$T/es-check.txt"
check "LANGUAGE=es missive check exits 1 (findings)" test $? -eq 1
check_grep "the severity is in Spanish" ": error: [numbers]" "$T/es-check.txt"
check_grep "the message is in Spanish" 'el número "30107" del original falta en la traducción' "$T/es-check.txt"
check_grep "the summary is in Spanish" "errores," "$T/es-check.txt"
(cd "$proj" && LC_ALL=C.UTF-8 LANGUAGE=ko timeout 120 "$MISSIVE" check --lang ko po/ko.po) 2> "$T/ko-check.txt"
check_grep "and in Korean" '원문의 숫자 "30107"이(가) 번역문에 없습니다' "$T/ko-check.txt"
(cd "$proj" && LC_ALL=C.UTF-8 LANGUAGE=ko "$MISSIVE" check --lang ko nosuch.po) 2> "$T/ko-err.txt"
check_grep "a located error in Korean" "nosuch.po: 오류: 열 수 없습니다:" "$T/ko-err.txt"
(cd "$proj" && LC_ALL=C.UTF-8 LANGUAGE=es "$MISSIVE" check --lang ko nosuch.po) 2> "$T/es-err.txt"
check_grep "a located error in Spanish" "nosuch.po: error: no se puede abrir:" "$T/es-err.txt"

# the report speaks the reader's language
(cd "$proj" && LC_ALL=C.UTF-8 LANGUAGE=ko timeout 120 "$MISSIVE" -q report --out "$T/ko") 2>/dev/null
check_grep "the Korean report says so in <html lang>" '<html lang="ko">' "$T/ko/index.html"
check_grep "the Korean report has Korean headings" "번역 현황" "$T/ko/index.html"
check_grep "the Korean report explains a block in Korean" "검사 오류 1건" "$T/ko/index.html"
(cd "$proj" && LC_ALL=C.UTF-8 LANGUAGE=es timeout 120 "$MISSIVE" -q report --out "$T/es") 2>/dev/null
check_grep "the Spanish report says so in <html lang>" '<html lang="es">' "$T/es/index.html"
check_grep "the Spanish report has Spanish headings" "Estado de la traducción" "$T/es/index.html"
check_grep "the Spanish report explains a block in Spanish" "1 error de comprobación en" "$T/es/index.html"
(cd "$proj" && LC_ALL=C.UTF-8 LANGUAGE= timeout 120 "$MISSIVE" -q report --out "$T/en") 2>/dev/null
check_grep "the English report" '<html lang="en">' "$T/en/index.html"
done_testing
