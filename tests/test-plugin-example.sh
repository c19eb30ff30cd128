#!/bin/sh
# test-plugin-example.sh — a plugin built out of tree against an
# installed missive: install into a scratch DESTDIR, build
# tests/plugin-example with its own Makefile through missive-plugin.pc,
# and check that the installed missive lists it as ok and writes letters
# with it.  Also checks that the man pages and the translations of
# missive's messages are installed.
. "$srcdir/tap.sh"

if ! command -v pkg-config >/dev/null 2>&1 || ! command -v "${MAKE:-make}" >/dev/null 2>&1; then
	echo "1..0 # SKIP pkg-config or make not available"
	exit 0
fi
seed=000_b6b6d3f049d4ab14
D="$T/d"
# a make of our own, not a sub-make of the test harness
( unset MAKEFLAGS MFLAGS MAKELEVEL
  cd "$top_builddir" && "${MAKE:-make}" install DESTDIR="$D" ) > "$T/install.log" 2>&1
r=$?
tap_result $r "make install DESTDIR=... succeeds"
[ $r -eq 0 ] || tail -20 "$T/install.log" | sed 's/^/#   /'

pc=$(find "$D" -name missive-plugin.pc | head -1)
check "missive-plugin.pc is installed" test -n "$pc"
bin=$(find "$D" -path '*/bin/missive' -type f | head -1)
check "the missive command is installed" test -x "$bin"
# prefix as configured: strip DESTDIR and the tail of the .pc path
pcdir=$(dirname "$pc")                 # $D$libdir/pkgconfig
libdir=$(dirname "$pcdir")
prefix=$(sed -n 's/^prefix=//p' "$pc")
PKG="pkg-config --define-variable=prefix=$D$prefix"
export PKG_CONFIG_PATH="$pcdir"
check "pkg-config finds missive-plugin" $PKG --exists missive-plugin
$PKG --cflags missive-plugin > "$T/cflags"
check_grep "the cflags point into the installed tree" "-I$D" "$T/cflags"
for m in man1/missive.1 man5/missive.yaml.5 man5/missive-glossary.5 man3/missive-plugin.3; do
	check "man page $m installed" sh -c "find '$D' -path '*/man/$m' | grep -q ."
done
for l in ko es; do
	check "$l translations installed" sh -c "find '$D' -path '*/locale/$l/LC_MESSAGES/missive.mo' | grep -q ."
done

mkdir -p "$T/ex"
cp "$srcdir/plugin-example/outline.c" "$srcdir/plugin-example/Makefile" "$T/ex/"
( unset MAKEFLAGS MFLAGS MAKELEVEL
  "${MAKE:-make}" -C "$T/ex" PKG_CONFIG="$PKG" ) > "$T/ex.log" 2>&1
r=$?
tap_result $r "the example plugin builds with its own Makefile"
[ $r -eq 0 ] || sed 's/^/#   /' "$T/ex.log" | tail -20

run() { LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
	MISSIVE_PLUGIN_PATH="$T/ex" "$bin" "$@"; }
run plugins > "$T/plugins.txt" 2>&1
tap_result $? "the installed missive runs 'plugins'"
check "'missive plugins' lists outline as ok" grep -Eq '^outline +1\.0 +ok +outline' "$T/plugins.txt"

mkdir -p "$T/proj/corpus"
cp "$top_srcdir/corpus/$seed.md" "$T/proj/corpus/"
( cd "$T/proj" && run build --format outline --lang en --out "$T/out" ) > "$T/build.log" 2>&1
tap_result $? "missive build --format outline succeeds"
out="$T/out/en/$seed.outline"
check "the outline is written" test -s "$out"
check_grep "the outline starts with the language" "en	" "$out"
check_grep "the outline has the subject" "North Korean human rights resolution" "$out"
check "the outline numbers the paragraphs" grep -q '^1\. We urge' "$out"
# a refused request: an unknown format is a usage error, the plugin intact
( cd "$T/proj" && run build --format nosuch --lang en --out "$T/out" ) > /dev/null 2>&1
check "an unknown format still fails cleanly (exit 2)" test $? -eq 2
done_testing
