#!/bin/sh
# test-i18nspector.sh — the catalogues' headers as i18nspector (Debian
# package i18nspector) reads them: the template extract writes, the
# catalogues of the repository and one update starts for a new language
# carry no error (E:) and no warning (W:) tag.  Pedantic (P:) and
# informational (I:) tags are accepted.  One warning is accepted, and only
# in one form (see unaccepted): a Last-Translator that names someone but
# gives no e-mail address at all.
#
# Also: the template is the same byte for byte on a second extract (its
# date comes from the letters, not the clock), and update keeps the
# header values a translator set.
. "$srcdir/tap.sh"

if ! command -v i18nspector >/dev/null 2>&1; then
	echo "1..0 # SKIP i18nspector not installed (Debian package i18nspector)"
	exit 0
fi

# Run i18nspector on FILE; print its E:/W: tags but one:
# invalid-last-translator for a value without any "@", a translator with
# no address to give (the translators of this repository's catalogues
# have none, and an invented one would mislead) or missive's "none yet"
# (a catalogue just started; missive.yaml's translators: fills it).  An
# address i18nspector refuses (a reserved domain such as example.org, a
# dotless one, gettext's EMAIL@ADDRESS) is reported.
unaccepted() {
	i18nspector "$1" 2>&1 | while read -r sev file tag rest; do
		case $sev in E: | W:) ;; *) continue ;; esac
		case $tag:$rest in invalid-last-translator:*@*) ;;
		invalid-last-translator:*) continue ;; esac
		echo "$sev ${file%:} $tag $rest"
	done
}
clean() {
	out=$(unaccepted "$1")
	[ -z "$out" ] && return 0
	echo "$out"
	return 1
}

proj="$T/proj"
mkdir -p "$proj"
cp -r "$top_srcdir/po" "$top_srcdir/corpus" "$top_srcdir/missive.yaml" "$proj/"
rm -f "$proj/po/.missive.lock" "$proj/corpus"/*.mk
m() { "$MISSIVE" -C "$proj" "$@"; }

# the repository's own catalogues, as committed: the corpus's and
# missive's own messages
for f in po/corpus.pot po/ko.po po/es.po po/cli/missive.pot po/cli/ko.po po/cli/es.po; do
	check "$f: no error or warning" clean "$top_srcdir/$f"
done

# the template extract writes now, and its stability
check_exit 0 "extract" m extract
check "the template: no error or warning" clean "$proj/po/corpus.pot"
check "the template is the committed one" cmp "$proj/po/corpus.pot" "$top_srcdir/po/corpus.pot"
check_grep "Project-Id-Version from missive.yaml" 'Project-Id-Version: missive-corpus 1.0' "$proj/po/corpus.pot"
check_grep "Report-Msgid-Bugs-To from missive.yaml" 'Report-Msgid-Bugs-To: https://' "$proj/po/corpus.pot"
newest=$(sed -n 's/^date: *\([0-9-]*\).*/\1/p' "$proj"/corpus/*.md | sort | tail -1)
check_grep "POT-Creation-Date: the newest letter's date ($newest)" \
	"POT-Creation-Date: $newest 00:00+0000" "$proj/po/corpus.pot"
cp "$proj/po/corpus.pot" "$T/first.pot"
check_exit 0 "extract again" m extract
check "the same template, byte for byte" cmp "$proj/po/corpus.pot" "$T/first.pot"

# a new language: update starts its catalogue from the template
echo "ko es fr" > "$proj/po/LINGUAS"
check_exit 0 "update starts fr.po" m update --lang fr
check "fr.po: no error or warning" clean "$proj/po/fr.po"
check_grep "fr.po: no translator yet" 'Last-Translator: none yet' "$proj/po/fr.po"
check_grep "fr.po: the template's POT-Creation-Date" "POT-Creation-Date: $newest" "$proj/po/fr.po"

# the translators missive.yaml names: they replace "none yet", never a
# translator's own value; the addresses here are in a domain reserved for
# examples, which i18nspector rightly refuses (a real one passes)
printf '%s\n' 'translators:' '  fr: "Ana García <ana@example.org>"' \
	'  ko: "Kim <kim@example.org>"' >> "$proj/missive.yaml"
check_exit 0 "update fr and ko with translators named" m update --lang fr --lang ko
check_grep "fr.po: the translator missive.yaml names" \
	'Last-Translator: Ana García <ana@example.org>' "$proj/po/fr.po"
check "ko.po keeps its own Last-Translator" \
	sh -c "! grep -q 'kim@' '$proj/po/ko.po'"
check "fr.po: i18nspector refuses only the reserved address" \
	test "$(unaccepted "$proj/po/fr.po")" = \
	"W: $proj/po/fr.po invalid-last-translator 'Ana García <ana@example.org>'"
sed -i 's|^  fr: .*|  fr: Ana García|' "$proj/missive.yaml"
check_exit 2 "a translator without an address is an error" m update --lang fr
check_grep "... located" 'missive.yaml:' "$T/.err"
check_grep "... and says what is wanted" \
	"error: 'fr' must be a name and an e-mail address (Name <address>)" "$T/.err"
sed -i '/^translators:/,$d' "$proj/missive.yaml"

# a translator's own header values are kept by the update
sed -i -e 's|^"Project-Id-Version: .*|"Project-Id-Version: letters 7\\n"|' \
	-e 's|^"Report-Msgid-Bugs-To: .*|"Report-Msgid-Bugs-To: https://translators.invalid/letters\\n"|' \
	"$proj/po/ko.po"
check_exit 0 "update ko" m update --lang ko
check_grep "ko.po keeps its Project-Id-Version" 'Project-Id-Version: letters 7' "$proj/po/ko.po"
check_grep "ko.po keeps its Report-Msgid-Bugs-To" 'Report-Msgid-Bugs-To: https://translators.invalid/letters' "$proj/po/ko.po"

# a bug address that is neither an e-mail address nor a URL is refused
sed -i 's|^bugs: .*|bugs: the maintainers|' "$proj/missive.yaml"
check_exit 2 "bugs: neither an address nor a URL is an error" m extract
check_grep "... located" 'missive.yaml:' "$T/.err"
# a header value is one line
sed -i -e 's|^bugs: .*|bugs: https://tracker.invalid/|' \
	-e 's|^project: .*|project: "letters\\n1.0"|' "$proj/missive.yaml"
check_exit 2 "project: a line break is an error" m extract
check_grep "... located" "missive.yaml:" "$T/.err"
check_grep "... and says why" "must be one line of text" "$T/.err"

done_testing
