# tests/tm.mk — translation memory, TMX and machine pre-translation
# (doc/tm.md).
check_PROGRAMS += tests/test-tm
TESTS += tests/test-tm
tests_test_tm_SOURCES = tests/test-tm.c
tests_test_tm_CPPFLAGS = $(test_cpp_flags)
tests_test_tm_LDADD = $(test_ld_add)
TESTS += tests/test-tmx.sh
EXTRA_DIST += tests/test-tmx.sh tests/data/tm/new-letter.md doc/tm.md
TESTS += tests/test-pretranslate.sh
EXTRA_DIST += tests/test-pretranslate.sh
