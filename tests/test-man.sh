#!/bin/sh
# test-man.sh — the manual pages render without a warning from man-db and
# groff, and missive(1) documents every command the program has.
. "$srcdir/tap.sh"

if ! command -v man >/dev/null 2>&1; then
	echo "1..0 # SKIP man (Debian package man-db) is not installed"
	exit 0
fi
pages="missive.1 missive.yaml.5 missive-glossary.5 missive-plugin.3"
for p in $pages; do
	f="$top_srcdir/doc/man/$p"
	MANWIDTH=80 man --warnings -l "$f" > "$T/$p.txt" 2> "$T/$p.err"
	tap_result $? "$p renders"
	if [ -s "$T/$p.err" ]; then
		tap_result 1 "$p: no warnings"; sed 's/^/#   /' "$T/$p.err" | head -10
	else
		tap_result 0 "$p: no warnings"
	fi
	check_grep "$p has a NAME section" "NAME" "$T/$p.txt"
	check_grep "$p has a SEE ALSO section" "SEE ALSO" "$T/$p.txt"
done
# every command listed by --help is described in missive(1)
"$MISSIVE" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF && !/^Commands:/ {print $1}' > "$T/commands"
check "--help lists commands" test -s "$T/commands"
while read -r c; do
	check "missive(1) describes '$c'" grep -Eq "^       $c( |\$)" "$T/missive.1.txt"
done < "$T/commands"
# every global option of --help is in missive(1)
for o in --config --quiet --verbose --help --version; do
	check_grep "missive(1) documents $o" "$o" "$T/missive.1.txt"
done
# every missive.yaml key the configuration reader knows is documented
for k in source languages corpus po out domain glossary segmentation formats \
         untranslated text-width paper split-pot checks; do
	check "missive.yaml(5) documents '$k'" grep -Eq "^       $k( |\$)" "$T/missive.yaml.5.txt"
done
done_testing
