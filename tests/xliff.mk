# tests/xliff.mk — XLIFF export and `missive import`.
check_PROGRAMS += tests/test-xliff-api tests/xliff-export
TESTS += tests/test-xliff-api tests/test-xliff.sh tests/test-xliff-valgrind.sh
tests_test_xliff_api_SOURCES = tests/test-xliff-api.c
tests_test_xliff_api_CPPFLAGS = $(test_cpp_flags)
tests_test_xliff_api_LDADD = $(test_ld_add)
# A small helper the shell test drives: letter + PO → XLIFF on stdout.
tests_xliff_export_SOURCES = tests/xliff-export.c
tests_xliff_export_CPPFLAGS = $(test_cpp_flags)
tests_xliff_export_LDADD = $(test_ld_add)

EXTRA_DIST += \
	doc/xliff.md \
	tests/test-xliff.sh \
	tests/test-xliff-valgrind.sh \
	tests/xliff/compare-po.py \
	tests/xliff/check-xlf.py \
	tests/xliff/xxe.xlf \
	tests/xliff/billion-laughs.xlf \
	tests/xliff/external-dtd.xlf \
	tests/xliff/parameter-entity.xlf \
	tests/xliff/undeclared-entity.xlf \
	tests/xliff/malformed.xlf \
	tests/xliff/version-2.xlf \
	tests/xliff/not-xliff.xlf
