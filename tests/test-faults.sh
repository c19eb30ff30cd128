#!/bin/sh
# test-faults.sh — translators' files survive faults (issue 8):
#   - SIGINT and SIGKILL at random points of `missive update`, many times:
#     each PO file is always the old or the new version, msgfmt accepts it,
#     and the new version keeps every translation of the old;
#   - a full disk (ulimit -f) during update and build: a clear error, old
#     files intact, no partial or temporary files left;
#   - two extract → update → build pipelines at once on one project: both
#     finish, the catalogues and outputs are what one pipeline gives;
#   - a PO file edited by a translator between extract and update keeps
#     the edit;
#   - update twice: the second run changes nothing (bytes and mtime).
# FAULT_ITERATIONS (default 25) sets the number of interrupted updates per
# signal; FAULT_SEED makes the interruption points reproducible.
. "$srcdir/tap.sh"

iters=${FAULT_ITERATIONS:-25}
seed=${FAULT_SEED:-$$}
echo "# seed $seed, $iters interruptions per signal"
m() { "$MISSIVE" -q "$@"; }
if ! command -v msgfmt >/dev/null 2>&1; then
	echo "1..0 # SKIP msgfmt (gettext) not installed"
	exit 0
fi

# The project: the real corpus, catalogues and glossary, text output only.
P=$T/p
mkdir -p "$P/corpus" "$P/po" "$T/tmp"
cp "$top_srcdir"/corpus/*.md "$P/corpus/"
cp "$top_srcdir"/po/LINGUAS "$top_srcdir"/po/*.po "$top_srcdir"/po/glossary.yaml "$P/po/"
printf 'source: en\nformats: [txt]\nuntranslated: draft\n' > "$P/missive.yaml"
export TMPDIR="$T/tmp"
langs=$(sed 's/#.*//' "$P/po/LINGUAS")
letter=$(ls "$P/corpus"/*.md | head -n 1)
cp "$letter" "$T/letter.orig"
# A second version of one letter: one sentence changed, one paragraph added.
sed -e 's/Thank you\./Thank you very much./' "$T/letter.orig" > "$T/letter.new"
printf '\nWe also ask for a meeting with your office at your earliest convenience.\n' >> "$T/letter.new"
check "the real project extracts and updates" sh -c "'$MISSIVE' -q -C '$P' extract && '$MISSIVE' -q -C '$P' update"
cp "$P/po/corpus.pot" "$T/pot.a"
cp "$T/letter.new" "$letter"
m -C "$P" extract 2>/dev/null
cp "$P/po/corpus.pot" "$T/pot.b"
cp "$T/letter.orig" "$letter"
cmp -s "$T/pot.a" "$T/pot.b"
tap_result $((1 - $?)) "the two templates differ"

# The msgstr strings of a PO file (active and obsolete), one per line.
msgstrs() {
	awk '
	function flush() { if (inside && s != "") print s; inside = 0; s = "" }
	{ sub(/^#~ /, "") }
	/^msgstr(\[[0-9]+\])? "/ { flush(); inside = 1; sub(/^msgstr(\[[0-9]+\])? /, ""); s = $0; next }
	/^"/ { if (inside) s = s $0; next }
	{ flush() }
	END { flush() }' "$1" | sed 's/^""//; s/""$//' | grep -v '^$' | LC_ALL=C sort -u
}
# po_ok FILE: msgfmt accepts it
po_ok() { msgfmt -c -o /dev/null "$1" 2>"$T/msgfmt.err"; }
# Temporary files missive may leave: beside the catalogues, and in TMPDIR.
temps() { { find "$P/po" -name '.*.tmp*'; find "$T/tmp" -type f; } 2>/dev/null; }

# ------------------------------------------------------------ interrupts
default_int=
env --default-signal=INT true 2>/dev/null && default_int="env --default-signal=INT"
interrupts() {
	sig=$1
	bad_state=0 bad_parse=0 lost=0 olds=0 news=0 leftovers=0
	i=0
	while [ $i -lt "$iters" ]; do
		i=$((i + 1))
		if [ $((i % 2)) -eq 1 ]; then cp "$T/pot.b" "$P/po/corpus.pot"
		else cp "$T/pot.a" "$P/po/corpus.pot"; fi
		rm -rf "$T/old" "$T/ref"
		mkdir -p "$T/old"
		for l in $langs; do cp "$P/po/$l.po" "$T/old/"; done
		# the new version: the same update, uninterrupted, on a copy
		cp -a "$P" "$T/ref"
		t0=$(date +%s%N)
		m -C "$T/ref" update 2>/dev/null
		took=$(( ($(date +%s%N) - t0) / 1000000 ))   # ms
		# a random point of a run as long as that one (sanitizer and
		# valgrind builds are several times slower), or just after it
		delay=$(awk -v s="$seed" -v i="$i" -v k="$sig" -v ms="$took" \
			'BEGIN { srand(s + i * 7 + length(k)); printf "%.3f", rand() * ms * 1.2 / 1000 }')
		# a background command of a script ignores SIGINT: undo that
		$default_int "$MISSIVE" -q -C "$P" update 2>/dev/null &
		pid=$!
		sleep "$delay"
		kill -s "$sig" "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		for l in $langs; do
			if cmp -s "$P/po/$l.po" "$T/old/$l.po"; then
				olds=$((olds + 1))
			elif cmp -s "$P/po/$l.po" "$T/ref/po/$l.po"; then
				news=$((news + 1))
			else
				bad_state=$((bad_state + 1))
				echo "#   $sig after ${delay}s: po/$l.po is neither the old nor the new version"
			fi
			po_ok "$P/po/$l.po" || { bad_parse=$((bad_parse + 1))
				echo "#   $sig after ${delay}s: msgfmt refuses po/$l.po:"
				sed 's/^/#     /' "$T/msgfmt.err" | head -3; }
			msgstrs "$T/old/$l.po" > "$T/s.old"
			msgstrs "$P/po/$l.po" > "$T/s.now"
			n=$(LC_ALL=C comm -23 "$T/s.old" "$T/s.now" | wc -l)
			[ "$n" -eq 0 ] || { lost=$((lost + n))
				echo "#   $sig after ${delay}s: $n translations of po/$l.po lost"; }
		done
		n=$(temps | wc -l)
		[ "$n" -eq 0 ] || temps | sed "s|^$T/|#   $sig after ${delay}s left |" | head -2
		leftovers=$((leftovers + n))
		temps | xargs rm -f   # what a later run would find
	done
	echo "# $sig: $olds catalogues left old, $news new, $leftovers temporary files left behind"
	tap_result $bad_state "$sig during update: every PO file is the old or the new version ($iters runs)"
	tap_result $bad_parse "$sig during update: msgfmt -c accepts every PO file"
	tap_result $lost "$sig during update: no translation is lost"
}
interrupts INT
interrupts KILL
m -C "$P" update 2>/dev/null
tap_result $? "an update after the interruptions succeeds"

# ------------------------------------------------------------- full disk
# ulimit -f makes writes past the limit fail with EFBIG, as a full disk
# makes them fail with ENOSPC; SIGXFSZ is ignored so that the write fails
# instead of the process being killed.
for l in $langs; do cp "$P/po/$l.po" "$T/old/$l.po.full"; done
# the other template, so that update has to rewrite the catalogues
if cmp -s "$P/po/corpus.pot" "$T/pot.a"; then cp "$T/pot.b" "$P/po/corpus.pot"
else cp "$T/pot.a" "$P/po/corpus.pot"; fi
rm -rf "$T/tmp"/*
( trap '' XFSZ; ulimit -f 8; exec "$MISSIVE" -q -C "$P" update ) 2>"$T/err"
r=$?
tap_result $([ $r -eq 2 ]; echo $?) "update on a full disk fails with exit 2 (got $r)"
check_grep "update on a full disk says why" "File too large" "$T/err"
same=0
for l in $langs; do cmp -s "$P/po/$l.po" "$T/old/$l.po.full" || same=1; done
tap_result $same "update on a full disk leaves every PO file as it was"
tap_result $(temps | wc -l) "update on a full disk leaves no temporary file"
temps | sed 's/^/#   left: /'

m -C "$P" update 2>/dev/null
m -C "$P" build --lang en --format txt 2>/dev/null
ls "$P/out/en" > "$T/outs.before"
mkdir -p "$T/out.before" && cp "$P"/out/en/* "$T/out.before/"
# outputs that would not change are left alone, so change them: another
# wrap width for the text writer
printf '\ntext-width: 60\n' >> "$P/missive.yaml"
( trap '' XFSZ; ulimit -f 2; exec "$MISSIVE" -q -C "$P" build --force --lang en --format txt ) 2>"$T/err"
r=$?
tap_result $([ $r -eq 2 ]; echo $?) "build on a full disk fails with exit 2 (got $r)"
check_grep "build on a full disk says why" "File too large" "$T/err"
ls "$P/out/en" > "$T/outs.after"
cmp -s "$T/outs.before" "$T/outs.after"
tap_result $? "build on a full disk leaves no partial or temporary output"
same=0
for f in "$T"/out.before/*; do cmp -s "$f" "$P/out/en/$(basename "$f")" || same=1; done
tap_result $same "build on a full disk leaves the earlier outputs intact"

# ------------------------------------------------- two pipelines at once
pipeline() {
	"$MISSIVE" -C "$1" extract || return 1
	pids=
	for l in $langs; do "$MISSIVE" -C "$1" update --lang "$l" & pids="$pids $!"; done
	r=0
	for p in $pids; do wait "$p" || r=1; done
	[ $r -eq 0 ] || return 1
	"$MISSIVE" -C "$1" build --format txt
}
bad_exit=0 bad_po=0 waited=0
for round in 1 2 3 4; do
	if [ $((round % 2)) -eq 1 ]; then cp "$T/letter.new" "$letter"
	else cp "$T/letter.orig" "$letter"; fi
	rm -rf "$T/ref"; cp -a "$P" "$T/ref"
	pipeline "$T/ref" >/dev/null 2>&1
	pipeline "$P" >/dev/null 2>"$T/err1" & a=$!
	pipeline "$P" >/dev/null 2>"$T/err2" & b=$!
	wait $a || { bad_exit=$((bad_exit + 1)); sed 's/^/#   1: /' "$T/err1" | grep -v ' note: ' | head -5; }
	wait $b || { bad_exit=$((bad_exit + 1)); sed 's/^/#   2: /' "$T/err2" | grep -v ' note: ' | head -5; }
	waited=$((waited + $(cat "$T/err1" "$T/err2" | grep -c 'waiting for another missive')))
	for l in $langs; do
		cmp -s "$P/po/$l.po" "$T/ref/po/$l.po" && po_ok "$P/po/$l.po" ||
			{ bad_po=$((bad_po + 1)); echo "#   round $round: po/$l.po differs from one pipeline's"; }
	done
	cmp -s "$P/po/corpus.pot" "$T/ref/po/corpus.pot" || { bad_po=$((bad_po + 1)); echo "#   round $round: the template differs"; }
done
echo "# $waited times a missive waited for the other's lock"
tap_result $bad_exit "two pipelines at once: both finish (4 rounds)"
tap_result $bad_po "two pipelines at once: catalogues as one pipeline makes them"
diff -r -x .missive "$P/out" "$T/ref/out" >/dev/null
tap_result $? "two pipelines at once: outputs as one pipeline makes them"
"$MISSIVE" -C "$P" build --format txt 2> "$T/err1"
check_grep "and the state they left says every output is up to date" "; rebuilt: 0" "$T/err1"

# ------------------------------------ a translator's edit between steps
cp "$T/letter.new" "$letter"
m -C "$P" extract 2>/dev/null
l=$(echo $langs | cut -d' ' -f1)
# change the first translated entry after the header
awk 'BEGIN { done = 0 }
	!done && n > 0 && /^msgstr "[^"]/ { print "msgstr \"TRANSLATOR EDIT 0417\""; done = 1; skip = 1; next }
	skip && /^"/ { next }
	{ skip = 0 }
	/^msgid / { n++ }
	{ print }' "$P/po/$l.po" > "$T/edited.po"
cp "$T/edited.po" "$P/po/$l.po"
grep -q 'TRANSLATOR EDIT 0417' "$P/po/$l.po"
tap_result $? "the translator's edit is in po/$l.po"
m -C "$P" update 2>/dev/null
tap_result $? "update after the edit succeeds"
check_grep "the translator's edit survives the update" 'msgstr "TRANSLATOR EDIT 0417"' "$P/po/$l.po"
check_grep "the update merged the new template too" 'earliest convenience' "$P/po/$l.po"

# ------------------------------------------------------- update twice
m -C "$P" update 2>/dev/null
for f in "$P"/po/*.po "$P"/po/*.pot; do
	echo "$(basename "$f") $(cksum < "$f") $(stat -c %y "$f")"
done > "$T/state1"
sleep 0.05
m -C "$P" extract 2>/dev/null && m -C "$P" update 2>/dev/null
for f in "$P"/po/*.po "$P"/po/*.pot; do
	echo "$(basename "$f") $(cksum < "$f") $(stat -c %y "$f")"
done > "$T/state2"
cmp -s "$T/state1" "$T/state2"
tap_result $? "extract and update again change nothing (bytes and mtimes)"
[ $? -eq 0 ] || diff "$T/state1" "$T/state2" | sed 's/^/#   /'
done_testing
