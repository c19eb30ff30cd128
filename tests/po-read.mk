# po-read.mk — the fast PO reader (core/po-read.c) against libgettextpo.
check_PROGRAMS += tests/test-po-read
TESTS += tests/test-po-read
tests_test_po_read_SOURCES = tests/test-po-read.c tests/po-same.h
tests_test_po_read_CPPFLAGS = $(test_cpp_flags)
tests_test_po_read_LDADD = $(test_ld_add)
