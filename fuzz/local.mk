# fuzz/local.mk — libFuzzer harnesses (see fuzz/fuzz.sh and
# doc/reliability.md).  Not part of `make check`: fuzzing needs clang and
# takes as long as you give it.
#
#   make fuzz                      build, then run each harness FUZZ_SECONDS
#   make fuzz FUZZ_SECONDS=600     longer runs
#   make fuzz-build                only build fuzz/build/fuzz-*
#   make fuzz-regress              replay fuzz/regress/*/* once

FUZZ_SECONDS = 60
FUZZ_CC = clang
FUZZ_ENV = BUILDDIR='$(abs_top_builddir)' FUZZ_CC='$(FUZZ_CC)' \
	FUZZ_SECONDS='$(FUZZ_SECONDS)'

fuzz-build: $(BUILT_SOURCES)
	$(FUZZ_ENV) $(SHELL) $(srcdir)/fuzz/fuzz.sh build

fuzz: fuzz-build
	$(FUZZ_ENV) $(SHELL) $(srcdir)/fuzz/fuzz.sh run
	$(FUZZ_ENV) $(SHELL) $(srcdir)/fuzz/fuzz.sh leakcheck po import

fuzz-regress: fuzz-build
	$(FUZZ_ENV) $(SHELL) $(srcdir)/fuzz/fuzz.sh regress

.PHONY: fuzz fuzz-build fuzz-regress

clean-fuzz:
	-rm -rf fuzz/build fuzz/crashes fuzz/*.log
.PHONY: clean-fuzz

EXTRA_DIST += fuzz/fuzz.sh fuzz/fuzz-common.h fuzz/fuzz-reader.c \
	fuzz/fuzz-segment.c fuzz/fuzz-glossary.c fuzz/fuzz-match.c \
	fuzz/fuzz-po.c fuzz/fuzz-config.c fuzz/yaml.dict fuzz/po.dict \
	fuzz/fuzz-xliff.c fuzz/xliff.dict fuzz/lsan.supp \
	fuzz/fuzz-model.h fuzz/fuzz-writers.c fuzz/fuzz-pdf.c \
	fuzz/fuzz-import.c fuzz/fuzz-zlib.h fuzz/writers.dict \
	build-aux/debian-packages-fuzz
