# tests/reader.mk — the letter reader (core/reader.c).

check_PROGRAMS += tests/test-reader
TESTS += tests/test-reader
tests_test_reader_SOURCES = tests/test-reader.c
tests_test_reader_CPPFLAGS = $(test_cpp_flags) $(ICU_CFLAGS)
tests_test_reader_LDADD = $(test_ld_add)

# Good and bad letters, and expect.txt, which says what each one gives.
EXTRA_DIST += tests/data/letters

# Address, date and signature lines from the language profiles' patterns
# (core/layout.c).
check_PROGRAMS += tests/test-layout
TESTS += tests/test-layout
tests_test_layout_SOURCES = tests/test-layout.c
tests_test_layout_CPPFLAGS = $(test_cpp_flags) -I$(top_srcdir)/core
tests_test_layout_LDADD = $(test_ld_add)

# The letter model through every writer, read back with pdftotext,
# python3-docx, cmark-gfm and python's json.
TESTS += tests/test-letter-model.sh
EXTRA_DIST += tests/test-letter-model.sh
