#!/bin/sh
# fuzz/fuzz.sh — build the libFuzzer harnesses and run each for a while.
#
#   fuzz/fuzz.sh build            compile fuzz/build/fuzz-* (clang)
#   fuzz/fuzz.sh run [HARNESS...] run each harness FUZZ_SECONDS seconds
#                                 (or FUZZ_RUNS executions, when set)
#   fuzz/fuzz.sh regress          replay fuzz/regress/<harness>/* once
#   fuzz/fuzz.sh leakcheck [H...] replay a corpus with leak detection
#
# `make fuzz` runs "build" then "run".  The harnesses are compiled, with the
# library sources they exercise, straight from the source tree by clang
# with -fsanitize=fuzzer,address,undefined: no second configure, no libtool.
# config.h comes from the build folder (BUILDDIR, default: the current
# folder).  Output goes to BUILDDIR/fuzz/build; the growing corpora to
# BUILDDIR/fuzz/corpus/<harness>, seeded from corpus/, tests/ data and po/;
# crashes to BUILDDIR/fuzz/crashes.
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=$(pwd)
[ -n "${BUILDDIR:-}" ] && builddir=$(cd "$BUILDDIR" && pwd)
FUZZ_CC=${FUZZ_CC:-clang}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_MAX_LEN=${FUZZ_MAX_LEN:-4096}
# The PO and YAML harnesses write each input to a file: keep it in memory.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	TMPDIR=/dev/shm
	export TMPDIR
fi
out=$builddir/fuzz/build
harnesses="reader segment glossary match po config"
[ -f "$srcdir/core/xliff.c" ] && harnesses="$harnesses xliff import"
# The writers (issue 18): every writer plugin is compiled in, its entry
# point renamed fuzz_plugin_<name> (fuzz-model.h); PDF on its own.
harnesses="$harnesses writers pdf"
plugins="text markdown html json docx pdf"
# FUZZ_HARNESSES="writers pdf" builds (and runs, regresses) only those.
[ -n "${FUZZ_HARNESSES:-}" ] && harnesses=$FUZZ_HARNESSES

# Every source of libmissive: core/*.c but the command's own files.
lib_sources=$(cd "$srcdir/core" && ls ./*.c | sed 's|^\./||; s|\.c$||' |
	grep -v -e '^main$' -e '^cli-')

build() {
	if ! command -v "$FUZZ_CC" >/dev/null 2>&1; then
		echo "fuzz: $FUZZ_CC not found: run ./bootstrap --fuzz" >&2
		exit 77
	fi
	if [ ! -f "$builddir/config.h" ]; then
		echo "fuzz: no config.h in $builddir: run configure first" >&2
		exit 2
	fi
	mkdir -p "$out"
	pkgs="icu-uc icu-i18n yaml-0.1 libcmark-gfm hunspell libzip pangocairo cairo-pdf librsvg-2.0 gio-2.0 gdk-pixbuf-2.0"
	[ -f "$srcdir/core/xliff.c" ] && pkgs="$pkgs libxml-2.0"
	# json-c checks the JSON writer's output (optional: configure says
	# whether it found it, and config.h has HAVE_JSONC)
	jsonc=
	pkg-config --exists json-c && { pkgs="$pkgs json-c"; jsonc=-DHAVE_JSONC=1; }
	cflags="-std=c11 -g -O1 -fno-omit-frame-pointer -I$builddir -I$srcdir/core -I$srcdir
		-I$srcdir/fuzz -I$srcdir/tests -I$srcdir/plugins/paint -DHAVE_CONFIG_H -DFUZZ_SRCDIR=\"$srcdir\"
		-DPKGDATADIR=\"$srcdir/data\" -DPKGLIBDIR=\"$builddir/plugins\"
		-DLOCALEDIR=\"/nonexistent\" $jsonc $(pkg-config --cflags $pkgs)"
	san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
	libs="$(pkg-config --libs $pkgs) -lgettextpo -lunistring -lltdl -lstemmer"
	objs=
	for s in $lib_sources; do
		o=$out/$s.o
		if [ ! -f "$o" ] || [ "$srcdir/core/$s.c" -nt "$o" ] ||
		   [ "$srcdir/core/missive.h" -nt "$o" ]; then
			echo "  CC  $s.c"
			# shellcheck disable=SC2086
			$FUZZ_CC $cflags $san -fsanitize=fuzzer-no-link \
				-c "$srcdir/core/$s.c" -o "$o"
		fi
		objs="$objs $o"
	done
	# The image code the pdf and docx writers share (plugins/paint): a
	# helper library, not a plugin, so its names stay as they are.
	o=$out/plugin-paint.o
	if [ ! -f "$o" ] || [ "$srcdir/plugins/paint/paint.c" -nt "$o" ] ||
	   [ "$srcdir/plugins/paint/paint.h" -nt "$o" ]; then
		echo "  CC  plugins/paint/paint.c"
		# shellcheck disable=SC2086
		$FUZZ_CC $cflags $san -fsanitize=fuzzer-no-link \
			-c "$srcdir/plugins/paint/paint.c" -o "$o"
	fi
	pobjs=$o
	for s in $plugins; do
		o=$out/plugin-$s.o
		if [ ! -f "$o" ] || [ "$srcdir/plugins/$s/$s.c" -nt "$o" ] ||
		   [ "$srcdir/core/missive-kit.h" -nt "$o" ] ||
		   [ "$srcdir/plugins/paint/paint.h" -nt "$o" ]; then
			echo "  CC  plugins/$s/$s.c"
			# shellcheck disable=SC2086
			$FUZZ_CC $cflags $san -fsanitize=fuzzer-no-link \
				-Dmissive_plugin_describe=fuzz_plugin_$s \
				-c "$srcdir/plugins/$s/$s.c" -o "$o"
		fi
		pobjs="$pobjs $o"
	done
	for f in $harnesses; do
		echo "  LD  fuzz-$f"
		extra=
		case $f in writers|pdf) extra="-DFUZZ_LINKED_PLUGINS $pobjs" ;; esac
		# shellcheck disable=SC2086
		$FUZZ_CC $cflags $san -fsanitize=fuzzer \
			"$srcdir/fuzz/fuzz-$f.c" $extra $objs $libs -o "$out/fuzz-$f"
	done
}

# Seed files for harness $1 (printed one per line).
seeds() {
	case $1 in
	reader) ls "$srcdir"/corpus/*.md "$srcdir"/tests/data/letters/* \
		"$srcdir"/tests/bad/letter/* 2>/dev/null ;;
	segment) ls "$srcdir"/tests/segment/* 2>/dev/null ;;
	glossary) ls "$srcdir"/po/glossary.yaml "$srcdir"/tests/glossary/*.yaml \
		"$srcdir"/tests/bad/glossary/* 2>/dev/null ;;
	match) ls "$srcdir"/tests/glossary/*.tsv 2>/dev/null ;;
	po) ls "$srcdir"/po/*.po "$srcdir"/po/*.pot "$srcdir"/tests/data/po/*.po* \
		"$srcdir"/tests/bad/po/* 2>/dev/null ;;
	config) ls "$srcdir"/missive.yaml "$srcdir"/tests/bad/config/* 2>/dev/null ;;
	xliff) ls "$srcdir"/tests/xliff/*.xlf "$srcdir"/tests/bad/xliff/* 2>/dev/null ;;
	import) ls "$srcdir"/fuzz/regress/import/* "$srcdir"/tests/xliff/*.xlf \
		"$srcdir"/tests/bad/xliff/* 2>/dev/null ;;
	writers|pdf) ls "$srcdir"/fuzz/regress/writers/* "$srcdir"/corpus/*.md \
		"$srcdir"/tests/data/letters/good/* 2>/dev/null ;;
	esac
}

dict() {
	case $1 in
	reader|config|glossary) echo "-dict=$srcdir/fuzz/yaml.dict" ;;
	po) echo "-dict=$srcdir/fuzz/po.dict" ;;
	xliff|import) echo "-dict=$srcdir/fuzz/xliff.dict" ;;
	writers|pdf) echo "-dict=$srcdir/fuzz/writers.dict" ;;
	*) echo ;;
	esac
}

run() {
	[ $# -gt 0 ] && harnesses=$*
	mkdir -p "$builddir/fuzz/crashes"
	for f in $harnesses; do
		c=$builddir/fuzz/corpus/$f
		mkdir -p "$c"
		for s in $(seeds "$f"); do
			[ -f "$s" ] && cp -n "$s" "$c/seed-$(basename "$s")" 2>/dev/null || true
		done
		limit=-max_total_time=$FUZZ_SECONDS
		[ -n "${FUZZ_RUNS:-}" ] && limit=-runs=$FUZZ_RUNS
		echo "fuzz: $f ($limit)"
		# shellcheck disable=SC2046
		# libgettextpo leaks on malformed input (see lsan.supp), so
		# LeakSanitizer would scan the heap after almost every PO input
		# (50 exec/s): the po harness fuzzes without leak detection and
		# its corpus is then replayed once with it (leakcheck below).
		# The same for import, which reads every catalogue it writes
		# with libgettextpo.
		asan=detect_leaks=1
		[ "$f" = po ] || [ "$f" = import ] && asan=detect_leaks=0
		# The writers allocate and free large buffers (zlib's state for
		# each docx part, Pango's): with ASan's 256 MB quarantine every
		# execution faults in fresh pages.  8 MB halves the time.
		case $f in writers|pdf|import) asan="$asan:quarantine_size_mb=8" ;; esac
		len=$FUZZ_MAX_LEN
		[ "$f" = match ] && [ "$len" -gt 1024 ] && len=1024
		# Pango lays out every line of every page: smaller letters
		[ "$f" = pdf ] && [ "$len" -gt 1024 ] && len=1024
		ASAN_OPTIONS=${ASAN_OPTIONS:-$asan} \
		LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$srcdir/fuzz/lsan.supp} \
		UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		"$out/fuzz-$f" "$limit" -timeout=10 \
			-rss_limit_mb=2048 -max_len="$len" -print_final_stats=1 \
			-artifact_prefix="$builddir/fuzz/crashes/$f-" $(dict "$f") \
			"$c" 2>&1 | tee "$builddir/fuzz/$f.log" | \
			grep -E '^(INFO: Seed|#[0-9]+ +(DONE|INITED))|stat::number_of_executed_units|ERROR|SUMMARY|Test unit written' || true
	done
}

# Replay a harness's corpus once with leak detection (the slow unwinder
# sees through libgettextpo, which has no frame pointers, so that lsan.supp
# can name the leaking function).
leakcheck() {
	[ $# -gt 0 ] && harnesses=$*
	for f in $harnesses; do
		c=$builddir/fuzz/corpus/$f
		[ -d "$c" ] || continue
		echo "fuzz: $f: leak check over $(ls "$c" | wc -l) inputs"
		ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 \
		LSAN_OPTIONS=suppressions=$srcdir/fuzz/lsan.supp \
		"$out/fuzz-$f" -runs=0 -max_len="$FUZZ_MAX_LEN" \
			-artifact_prefix="$builddir/fuzz/crashes/$f-" "$c" \
			>"$builddir/fuzz/$f-leakcheck.log" 2>&1 ||
			{ tail -40 "$builddir/fuzz/$f-leakcheck.log" >&2; exit 1; }
	done
}

# Replay every saved reproducer once: no fuzzing, just regression.
regress() {
	for f in $harnesses; do
		d=$srcdir/fuzz/regress/$f
		[ -d "$d" ] || continue
		ls "$d"/* >/dev/null 2>&1 || continue
		ASAN_OPTIONS=fast_unwind_on_malloc=0 \
		LSAN_OPTIONS=suppressions=$srcdir/fuzz/lsan.supp \
		"$out/fuzz-$f" -runs=1 "$d"/* >/dev/null 2>&1 ||
			{ echo "fuzz: $f: a reproducer in $d fails again" >&2; exit 1; }
		echo "fuzz: $f: $(ls "$d" | wc -l) reproducers pass"
	done
}

case ${1:-} in
build) build ;;
run) shift; run "$@" ;;
regress) regress ;;
leakcheck) shift; leakcheck "$@" ;;
*) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 2 ;;
esac
