# tests/reliability.mk — bad input, faults, valgrind (issue 8; see
# doc/bad-input.md and doc/reliability.md).
#
#   make check TESTS=tests/test-bad.sh     the bad input table
#   make check TESTS=tests/test-faults.sh  interrupts, full disk, races
#   make check-valgrind                    the C tests and the bad input
#                                          table under valgrind memcheck

TESTS += tests/test-bad.sh tests/test-faults.sh tests/test-fuzz-regress.sh \
	tests/test-attack-r2.sh
EXTRA_DIST += tests/test-bad.sh tests/test-faults.sh tests/valgrind.supp \
	tests/test-attack-r2.sh \
	tests/test-fuzz-regress.sh tests/bad/cases \
	$(wildcard $(srcdir)/tests/bad/*/*) $(wildcard $(srcdir)/fuzz/regress/*/*)

# The fuzz harnesses built as ordinary programs that replay files
# (tests/fuzz-replay.c): test-fuzz-regress.sh runs them.
fuzz_replay_cppflags = $(test_cpp_flags) -I$(top_srcdir)/fuzz \
	-DFUZZ_SRCDIR=\"$(abs_top_srcdir)\"
check_PROGRAMS += tests/fuzz-replay-reader tests/fuzz-replay-segment \
	tests/fuzz-replay-glossary tests/fuzz-replay-match tests/fuzz-replay-po \
	tests/fuzz-replay-config tests/fuzz-replay-xliff
tests_fuzz_replay_reader_SOURCES = tests/fuzz-replay.c fuzz/fuzz-reader.c fuzz/fuzz-common.h
tests_fuzz_replay_reader_CPPFLAGS = $(fuzz_replay_cppflags)
tests_fuzz_replay_reader_LDADD = $(test_ld_add)
tests_fuzz_replay_segment_SOURCES = tests/fuzz-replay.c fuzz/fuzz-segment.c
tests_fuzz_replay_segment_CPPFLAGS = $(fuzz_replay_cppflags)
tests_fuzz_replay_segment_LDADD = $(test_ld_add)
tests_fuzz_replay_glossary_SOURCES = tests/fuzz-replay.c fuzz/fuzz-glossary.c
tests_fuzz_replay_glossary_CPPFLAGS = $(fuzz_replay_cppflags)
tests_fuzz_replay_glossary_LDADD = $(test_ld_add)
tests_fuzz_replay_match_SOURCES = tests/fuzz-replay.c fuzz/fuzz-match.c
tests_fuzz_replay_match_CPPFLAGS = $(fuzz_replay_cppflags)
tests_fuzz_replay_match_LDADD = $(test_ld_add)
tests_fuzz_replay_po_SOURCES = tests/fuzz-replay.c fuzz/fuzz-po.c
tests_fuzz_replay_po_CPPFLAGS = $(fuzz_replay_cppflags)
tests_fuzz_replay_po_LDADD = $(test_ld_add)
tests_fuzz_replay_config_SOURCES = tests/fuzz-replay.c fuzz/fuzz-config.c
tests_fuzz_replay_config_CPPFLAGS = $(fuzz_replay_cppflags)
tests_fuzz_replay_config_LDADD = $(test_ld_add)
tests_fuzz_replay_xliff_SOURCES = tests/fuzz-replay.c fuzz/fuzz-xliff.c
tests_fuzz_replay_xliff_CPPFLAGS = $(fuzz_replay_cppflags) $(XML_CFLAGS)
tests_fuzz_replay_xliff_LDADD = $(test_ld_add)
# The writer harnesses load the built writer plugins (the fuzz build links
# them in instead); fuzz-import writes and rereads a catalogue.
check_PROGRAMS += tests/fuzz-replay-writers tests/fuzz-replay-pdf \
	tests/fuzz-replay-import
fuzz_writers_cppflags = $(fuzz_replay_cppflags) \
	-DFUZZ_PLUGINDIR=\"$(abs_top_builddir)/plugins\"
tests_fuzz_replay_writers_SOURCES = tests/fuzz-replay.c fuzz/fuzz-writers.c \
	fuzz/fuzz-model.h
tests_fuzz_replay_writers_CPPFLAGS = $(fuzz_writers_cppflags) $(XML_CFLAGS) \
	$(LIBZIP_CFLAGS) $(CMARK_CFLAGS) $(YAML_CFLAGS) $(JSONC_CFLAGS)
tests_fuzz_replay_writers_LDADD = $(test_ld_add) $(XML_LIBS) $(LIBZIP_LIBS) \
	$(CMARK_LIBS) $(YAML_LIBS) $(JSONC_LIBS)
tests_fuzz_replay_pdf_SOURCES = tests/fuzz-replay.c fuzz/fuzz-pdf.c
tests_fuzz_replay_pdf_CPPFLAGS = $(fuzz_writers_cppflags)
tests_fuzz_replay_pdf_LDADD = $(test_ld_add)
tests_fuzz_replay_import_SOURCES = tests/fuzz-replay.c fuzz/fuzz-import.c
tests_fuzz_replay_import_CPPFLAGS = $(fuzz_replay_cppflags) $(XML_CFLAGS)
tests_fuzz_replay_import_LDADD = $(test_ld_add)

VALGRIND = valgrind
VALGRIND_FLAGS = -q --leak-check=full --errors-for-leak-kinds=definite,possible \
	--show-leak-kinds=definite,possible --num-callers=30 \
	--suppressions=$(abs_top_srcdir)/tests/valgrind.supp \
	--suppressions=$(abs_top_srcdir)/tests/data/po/libgettextpo.supp
# The C tests (TAP programs) run under memcheck with --error-exitcode=1,
# which the TAP driver reports as an error; the bad input table runs every
# missive command under memcheck with --error-exitcode=99, an exit code no
# case expects.
VALGRIND_C_TESTS = $(filter-out %.sh,$(TESTS))

check-valgrind: all
	@command -v $(VALGRIND) >/dev/null 2>&1 || \
		{ echo "check-valgrind: $(VALGRIND) not found (./bootstrap --fuzz installs it)"; exit 1; }
	@if grep -q '^SAN_CFLAGS = -fsanitize' Makefile; then \
		echo "check-valgrind: not in a sanitizer build"; exit 1; fi
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(VALGRIND_C_TESTS)' \
		LOG_COMPILER='$(SHELL) $(abs_top_builddir)/libtool --mode=execute $(VALGRIND) $(VALGRIND_FLAGS) --error-exitcode=1' \
		TEST_SUITE_LOG=test-suite-valgrind-c.log
	$(MAKE) $(AM_MAKEFLAGS) check TESTS=tests/test-bad.sh \
		TESTS_ENVIRONMENT='MISSIVE_WRAPPER="$(SHELL) $(abs_top_builddir)/libtool --mode=execute $(VALGRIND) $(VALGRIND_FLAGS) --error-exitcode=99"; BAD_TIMEOUT=600; export MISSIVE_WRAPPER BAD_TIMEOUT;' \
		TEST_SUITE_LOG=test-suite-valgrind-bad.log
.PHONY: check-valgrind

# Under --enable-sanitizers: leaks inside libraries are suppressed
# (tests/lsan.supp); any other report fails the test.
AM_TESTS_ENVIRONMENT += \
	LSAN_OPTIONS="suppressions=$(abs_top_srcdir)/tests/lsan.supp:print_suppressions=0$${LSAN_OPTIONS:+:$$LSAN_OPTIONS}"; \
	UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1$${UBSAN_OPTIONS:+:$$UBSAN_OPTIONS}"; \
	export LSAN_OPTIONS UBSAN_OPTIONS;
EXTRA_DIST += tests/lsan.supp doc/bad-input.md doc/reliability.md

# Where missive writes: symbolic links in po/ and out/, the translator's
# save in the last instant before a catalogue is replaced (issue 18).
TESTS += tests/test-paths.sh
EXTRA_DIST += tests/test-paths.sh
