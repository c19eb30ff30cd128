# po-write.mk — the fast PO writer against the libgettextpo path
# (tests/test-po-write.c compares the two byte for byte).
check_PROGRAMS += tests/test-po-write
TESTS += tests/test-po-write
tests_test_po_write_SOURCES = tests/test-po-write.c
tests_test_po_write_CPPFLAGS = $(test_cpp_flags)
tests_test_po_write_LDADD = $(test_ld_add)
