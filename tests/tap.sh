# tap.sh — TAP helpers for missive's shell tests.  Source it; it sets
# $MISSIVE (the freshly built binary), $srcdir, $builddir and a scratch
# folder $T removed on exit, and points MISSIVE_PLUGIN_PATH at the
# modules just built.
set -u
: "${srcdir:=.}"
top_srcdir=$(cd "$srcdir/.." && pwd)
top_builddir=$(cd "${top_builddir:-..}" && pwd)
MISSIVE="$top_builddir/core/missive"
export MISSIVE_PLUGIN_PATH="$top_builddir/plugins"
export LC_ALL=C.UTF-8 LANGUAGE= NO_COLOR=1
T=$(mktemp -d "${TMPDIR:-/tmp}/missive-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
tap_n=0
tap_fail=0

# ok COND-EXIT-STATUS DESCRIPTION
tap_result() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_fail=$((tap_fail + 1))
	fi
}
# check DESCRIPTION COMMAND...: passes when COMMAND exits 0
check() {
	local d=$1; shift
	"$@" >"$T/.out" 2>&1; local r=$?
	tap_result $r "$d"
	[ $r -eq 0 ] || sed 's/^/#   /' "$T/.out" | head -20
}
# check_exit WANT DESCRIPTION COMMAND...: passes when COMMAND exits WANT
check_exit() {
	local want=$1 d=$2; shift 2
	"$@" >"$T/.out" 2>"$T/.err"; local r=$?
	if [ $r -eq "$want" ]; then tap_result 0 "$d"; else
		tap_result 1 "$d"; echo "#   exit $r, want $want"; sed 's/^/#   /' "$T/.err" | head -10; fi
}
# check_grep DESCRIPTION PATTERN FILE: FILE contains the fixed string
check_grep() {
	if grep -qF -- "$2" "$3"; then tap_result 0 "$1"; else
		tap_result 1 "$1"; echo "#   \"$2\" not in $3:"; sed 's/^/#   /' "$3" | head -10; fi
}
done_testing() {
	echo "1..$tap_n"
	[ $tap_fail -eq 0 ]
}
