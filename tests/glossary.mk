# tests/glossary.mk — the glossary matcher (labelled sets, loader errors,
# hints) and the QA checks (every check, suppression, configuration, JSON).

check_PROGRAMS += tests/test-glossary tests/test-check
TESTS += tests/test-glossary tests/test-check tests/glossary/valgrind.sh \
	tests/test-i18nspector.sh

tests_test_glossary_SOURCES = tests/test-glossary.c
tests_test_glossary_CPPFLAGS = $(test_cpp_flags) $(ICU_CFLAGS)
tests_test_glossary_LDADD = $(test_ld_add)

tests_test_check_SOURCES = tests/test-check.c
tests_test_check_CPPFLAGS = $(test_cpp_flags) $(ICU_CFLAGS)
tests_test_check_LDADD = $(test_ld_add)

EXTRA_DIST += \
	tests/glossary/terms.yaml \
	tests/glossary/ko.tsv \
	tests/glossary/es.tsv \
	tests/glossary/probe-ko.tsv \
	tests/glossary/probe-es.tsv \
	tests/glossary/es-source.yaml \
	tests/glossary/en-from-es.tsv \
	tests/glossary/valgrind.sh \
	tests/test-i18nspector.sh \
	tests/data/check/ko.po \
	tests/data/check/es.po \
	tests/data/check/plurals.po \
	tests/data/check/plural-div0.po \
	tests/data/check/plural-mod0.po \
	tests/data/check/plural-large.po \
	tests/data/check/plural-syntax.po \
	tests/data/check/no-spelling.yaml \
	tests/data/check/spelling/ko.po \
	tests/data/check/spelling/words-ko.txt \
	tests/data/check/spelling/words-es.txt \
	tests/data/check/missive.yaml \
	tests/data/check/validate-json.py \
	doc/check.schema.json \
	doc/check-json.md \
	doc/glossary.md

CLEANFILES += tests/check-findings.jsonl
EXTRA_DIST += po/words-ko.txt po/words-es.txt
