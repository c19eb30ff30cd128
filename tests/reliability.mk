# tests/reliability.mk — bad input, faults, valgrind (issue 8; see
# doc/bad-input.md and doc/reliability.md).
#
#   make check TESTS=tests/test-bad.sh     the bad input table
#   make check TESTS=tests/test-faults.sh  interrupts, full disk, races
#   make check-valgrind                    the C tests and the bad input
#                                          table under valgrind memcheck

TESTS += tests/test-bad.sh tests/test-faults.sh
EXTRA_DIST += tests/test-bad.sh tests/test-faults.sh tests/valgrind.supp \
	tests/bad/cases $(wildcard $(srcdir)/tests/bad/*/*)

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
		LOG_COMPILER='$(LIBTOOL) --mode=execute $(VALGRIND) $(VALGRIND_FLAGS) --error-exitcode=1' \
		TEST_SUITE_LOG=test-suite-valgrind-c.log
	$(MAKE) $(AM_MAKEFLAGS) check TESTS=tests/test-bad.sh \
		TESTS_ENVIRONMENT='MISSIVE_WRAPPER="$(LIBTOOL) --mode=execute $(VALGRIND) $(VALGRIND_FLAGS) --error-exitcode=99"; export MISSIVE_WRAPPER;' \
		TEST_SUITE_LOG=test-suite-valgrind-bad.log
.PHONY: check-valgrind
