# tests/segment.mk — the sentence segmenter and its test sets.
check_PROGRAMS += tests/test-segment
TESTS += tests/test-segment
tests_test_segment_SOURCES = tests/test-segment.c
tests_test_segment_CPPFLAGS = $(test_cpp_flags)
tests_test_segment_LDADD = $(test_ld_add)
EXTRA_DIST += tests/segment/en.txt tests/segment/es.txt tests/segment/ko.txt
