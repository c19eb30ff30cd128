#!/bin/sh
# test-segment-clean.sh — `missive segment --clean`: what the cleaning
# removes (markup, character references, rules, dot leaders, page
# numbers), what it joins (a word set one letter a line, a hyphenated
# line break), what it leaves alone, and that without --clean the text
# comes out as it went in.  The rules: doc/segmentation.md, "Cleaning".
. "$srcdir/tap.sh"

# same DESCRIPTION INPUT WANT [OPTIONS]: `missive segment OPTIONS` on
# INPUT (printf format) prints WANT (printf format) exactly
same() {
	local d=$1 in=$2 want=$3; shift 3
	printf "$in" | "$MISSIVE" segment --lang en "$@" >"$T/got" 2>"$T/err"
	printf "$want" >"$T/want"
	if cmp -s "$T/got" "$T/want"; then tap_result 0 "$d"; else
		tap_result 1 "$d"
		sed 's/^/#   got:  /' "$T/got"; sed 's/^/#   want: /' "$T/want"
		sed 's/^/#   /' "$T/err"
	fi
}

same "inline tags go, block tags end a paragraph" \
	'<h2 class="x">Notice</h2><p>The office is <em>closed</em>. It opens at 9.</p>\n' \
	'Notice\nThe office is closed.\nIt opens at 9.\n' --clean
same "a tag split over lines, a comment and <br/>" \
	'One<!-- a note --> line<br/>Two <span\nclass="a">words</span>.\n' \
	'One line\nTwo words.\n' --clean
same "text in angle brackets that is no tag stays" \
	'The book <War and Peace> is long. A < b > c.\n' \
	'The book <War and Peace> is long.\nA < b > c.\n' --clean
same "character references are decoded, then escaped tags go" \
	'Fish &amp; chips &#8211; &#x201C;good&#x201D;. &lt;b&gt;Bold&lt;/b&gt; text.\n' \
	'Fish & chips – “good”.\nBold text.\n' --clean
same "named references of Latin-1 and typography are decoded" \
	'Caf&eacute; &amp; t&eacute; &ndash; &laquo;s&iacute;&raquo; &frac12; &Ntilde;o&ntilde;o&hellip; &bogus; fin.\n' \
	'Café & té – «sí» ½ Ñoño… &bogus; fin.\n' --clean
same "a malformed reference stays" \
	'Terms &amp conditions &#xZZ; &#0; apply.\n' \
	'Terms &amp conditions &#xZZ; &#0; apply.\n' --clean
same "dot leaders and page numbers of a table of contents go" \
	'    Foreword.............................. 5\n    Chapter 2 ........................ 16-17\n    Annex.........iv\n' \
	'Foreword\nChapter 2\nAnnex\n' --clean
same "a leader between words becomes a space; an ellipsis stays" \
	'Wait........please. I never meant that.... She left.\n' \
	'Wait please.\nI never meant that....\nShe left.\n' --clean
same "a long ellipsis that is no leader stays" \
	'We waited..... Nobody came. 좋겠다......예뻤어\n' \
	'We waited.....\nNobody came.\n좋겠다......예뻤어\n' --clean
same "a pair of backquotes is no typewriter quotation" \
	'Run \`make check\` first. A \`기술을 위한 영화\`들이 있다.\n' \
	'Run \`make check\` first.\nA \`기술을 위한 영화\`들이 있다.\n' --clean
same "a page number alone and a rule go; an asterism and an ellipsis stay" \
	'7\n\nIntroduction\n\n______________________________\n\n* * *\n\n...\n\nThe end.\n' \
	'Introduction\n* * *\n...\nThe end.\n' --clean
same "a rule set against a word goes" \
	'//////////////////Header starts here\r//////////////////\n' \
	'Header starts here\n' --clean
same "a word set one letter a line is joined (three lines or more)" \
	'\nW\nA\nRN\nI\nNG\n\nT\nO\n' \
	'WARNING\nT\nO\n' --clean
same "a hyphenated line break before a lowercase word is joined, not before a capital" \
	'A self-\ninterpreting compound and a well-\nKnown name.\n' \
	'A self-interpreting compound and a well-\nKnown name.\n' --clean
same "a typed backslash-r backslash-n is a line break" \
	'Hello World. \\r\\n Hello.\n' \
	'Hello World.\nHello.\n' --clean
same "TeX and typewriter quotes become straight ones" \
	"He said \`\`stop.'' Later: \`The people! Theft!' It's fine.\n" \
	"He said \"stop.\"\nLater: 'The people! Theft!'\nIt's fine.\n" --clean
same "without --clean the text is kept" \
	'The <em>office</em> &amp; the rest........5\n' \
	'The <em>office</em> &amp; the rest........5\n'
same "carriage returns end lines as line feeds do" \
	'Contents\r\nIntroduction\rThe end.\n' \
	'Contents\nIntroduction\nThe end.\n' --clean

# Ordinary text comes out as without --clean: the inputs of the
# hand-written test sets (824 cases: abbreviations, quotations, lists,
# Korean informal text…) segment the same in both modes.
for lang in en es ko; do
	awk '/^> ?/ { sub(/^> ?/, ""); print; next } /^[ \t]*$/ { print "" }' \
		"$top_srcdir/tests/segment/$lang.txt" >"$T/in-$lang"
	"$MISSIVE" segment --lang $lang <"$T/in-$lang" >"$T/plain-$lang"
	"$MISSIVE" segment --lang $lang --clean <"$T/in-$lang" >"$T/clean-$lang"
	check "tests/segment/$lang.txt: the same segments with --clean" \
		sh -c 'test "$(wc -l <"$1")" -gt 200 && cmp "$1" "$2"' sh \
		"$T/plain-$lang" "$T/clean-$lang"
done

done_testing
