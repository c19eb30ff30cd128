# tests/segment.mk — the sentence segmenter and its test sets.
check_PROGRAMS += tests/test-segment
TESTS += tests/test-segment
tests_test_segment_SOURCES = tests/test-segment.c
tests_test_segment_CPPFLAGS = $(test_cpp_flags)
tests_test_segment_LDADD = $(test_ld_add)
TESTS += tests/test-segment-bench.sh tests/test-segment-clean.sh
EXTRA_DIST += tests/segment/en.txt tests/segment/es.txt tests/segment/ko.txt \
	tests/test-segment-bench.sh tests/test-segment-clean.sh tests/segment/score.py \
	tests/segment/bench/README.md tests/segment/bench/floors.txt \
	tests/segment/bench/pragmatic_segmenter/LICENSE.txt \
	tests/segment/bench/pragmatic_segmenter/english_spec.rb \
	tests/segment/bench/pragmatic_segmenter/spanish_spec.rb \
	tests/segment/bench/pysbd/LICENSE \
	tests/segment/bench/pysbd/english_golden_rules.py \
	tests/segment/bench/kss/LICENSE \
	tests/segment/bench/kss/blogs_ko.txt tests/segment/bench/kss/blogs_lee.txt \
	tests/segment/bench/kss/nested.txt tests/segment/bench/kss/sample.txt \
	tests/segment/bench/kss/tweets.txt tests/segment/bench/kss/v_ending.txt \
	tests/segment/bench/kss/wikipedia.txt \
	tests/segment/bench/kiwipiepy/LICENSE.txt tests/segment/bench/kiwipiepy/etn.txt \
	tests/segment/bench/formal/en.txt tests/segment/bench/formal/es.txt \
	tests/segment/bench/formal/ko.txt \
	tests/segment/bench/ud/LICENSE.txt tests/segment/bench/ud/ud2txt.py \
	tests/segment/bench/ud/en_ewt-test.txt tests/segment/bench/ud/es_gsd-test.txt \
	tests/segment/bench/ud/ko_kaist-test.txt
